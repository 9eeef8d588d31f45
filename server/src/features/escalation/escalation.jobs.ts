import type { Deps } from '../../deps.js';
import { systemActor } from '../auth/actor.js';
import { expireTransfer, TRANSFER_TIMEOUT_QUEUE } from './transfers.service.js';

export async function registerEscalationJobs(deps: Deps): Promise<void> {
  await deps.jobs.work<{ workspaceId: string; transferId: string }>(TRANSFER_TIMEOUT_QUEUE, async (job) => {
    await expireTransfer(deps, systemActor(job.payload.workspaceId, 'escalation timer'), job.payload.transferId);
  });
}
