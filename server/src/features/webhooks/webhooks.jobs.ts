import type { Deps } from '../../deps.js';
import { deliver, DELIVER_QUEUE, type DeliverPayload } from './webhooks.service.js';

export async function registerWebhookJobs(deps: Deps): Promise<void> {
  await deps.jobs.work<DeliverPayload>(DELIVER_QUEUE, async (job) => void (await deliver(deps, job.payload)), { concurrency: 4 });
}
