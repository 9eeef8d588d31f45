import type { Deps } from '../../deps.js';
import { CHECKIN_QUEUE, CHECKIN_SWEEP_QUEUE, dueCheckins, runCheckin } from './checkins.service.js';

export interface CheckinJobPayload extends Record<string, unknown> {
  workspaceId: string;
  checkinId: string;
  /** The run this job was scheduled for; a moved or already-run schedule makes the job a no-op. */
  at: string;
}

export async function registerCheckinJobs(deps: Deps): Promise<void> {
  await deps.jobs.work<CheckinJobPayload>(CHECKIN_QUEUE, async (job) => {
    await runCheckin(deps, job.payload.workspaceId, job.payload.checkinId, { expectedAt: job.payload.at });
  });
  // Safety net: runs any due check-in whose job was lost (e.g. created while no worker ran).
  await deps.jobs.work(CHECKIN_SWEEP_QUEUE, async () => {
    for (const c of await dueCheckins(deps)) await runCheckin(deps, c.workspaceId, c.id, { expectedAt: c.nextRunAt.toISOString() });
  });
  await deps.jobs.every(CHECKIN_SWEEP_QUEUE, 15 * 60_000);
}
