import type { Deps } from '../../deps.js';
import { HEALTH_JOB, recomputeHealth } from './client-health.service.js';
import { REVIEW_JOB, runDueReviews } from '../review/review.service.js';

/** Health recompute (queued when an input changes) and the review-queue schedule (hourly check of each workspace's interval). */
export async function registerLifecycleJobs(deps: Deps): Promise<void> {
  await deps.jobs.work<{ workspaceId: string; clientId: string }>(HEALTH_JOB, async (job) => {
    const { workspaceId, clientId } = job.payload;
    if (!workspaceId || !clientId) return;
    await deps.db.transaction((tx) => recomputeHealth(tx, workspaceId, clientId, deps.clock.now()).then(() => undefined));
  });
  await deps.jobs.work(REVIEW_JOB, async () => {
    await runDueReviews(deps);
  });
  await deps.jobs.every(REVIEW_JOB, 3600_000);
}
