import type { Deps } from '../../deps.js';
import { deliverOutbox, SEND_QUEUE, sweepOutbox, SWEEP_QUEUE } from './outbox.service.js';

/** Outbound mail jobs: send one outbox message (retried with backoff), and the stuck-message sweep. */
export async function registerMailJobs(deps: Deps): Promise<void> {
  await deps.jobs.work<{ workspaceId: string; outboxId: string }>(SEND_QUEUE, async (job) => {
    await deliverOutbox(deps, job.payload.workspaceId, job.payload.outboxId);
  }, { concurrency: 4 });
  await deps.jobs.work(SWEEP_QUEUE, async () => {
    await sweepOutbox(deps);
  });
  await deps.jobs.every(SWEEP_QUEUE, 5 * 60_000);
}
