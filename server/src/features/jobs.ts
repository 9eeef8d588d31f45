import { lt } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { registerProcessJobs } from './processes.js';
import { idempotencyKeys } from '../db/schema/index.js';
import { registerEscalationJobs } from './escalation/escalation.jobs.js';
import { registerEventJobs } from './events/events.jobs.js';
import { registerWebhookJobs } from './webhooks/webhooks.jobs.js';
import { registerMailJobs } from './mail/mail.jobs.js';
import { registerLifecycleJobs } from './health/client-health.jobs.js';

/** Registers every background job handler and schedule. Features add theirs here. */
export async function registerJobs(deps: Deps): Promise<void> {
  await deps.jobs.work('maintenance.expire-idempotency-keys', async () => {
    await deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(deps.clock.now().getTime() - 24 * 3600_000)));
  });
  await deps.jobs.every('maintenance.expire-idempotency-keys', 3600_000);
  await registerProcessJobs(deps);
  await registerEscalationJobs(deps);
  await registerEventJobs(deps);
  await registerWebhookJobs(deps);
  await registerMailJobs(deps);
  await registerLifecycleJobs(deps);
}
