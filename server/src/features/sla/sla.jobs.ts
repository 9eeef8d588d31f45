import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import type { Job } from '../../infra/jobs.js';
import { requests, slaClocks } from '../../db/schema/index.js';
import { auditSystem } from '../audit/audit.service.js';
import { emitEvent } from '../events/events.service.js';
import { loadClocks, recordSlaEvent, SLA_BREACH_QUEUE, SLA_WARNING_QUEUE, writeRequestSla } from './sla.service.js';

export interface SlaJobPayload extends Record<string, unknown> {
  workspaceId: string;
  requestId: string;
  kind: 'first_response' | 'resolution';
  dueAt: string;
}

/**
 * Handles a warning or breach job. Idempotent: it acts only when the clock still runs towards
 * the same due time and the mark is not yet set, so a retried, duplicated or stale job (the
 * clock was paused, met or moved since) does nothing.
 */
export async function handleSlaJob(deps: Deps, which: 'warning' | 'breach', job: Pick<Job<SlaJobPayload>, 'payload'>): Promise<boolean> {
  const { workspaceId, requestId, kind, dueAt } = job.payload;
  return deps.db.transaction(async (tx) => {
    const [c] = (await loadClocks(tx, workspaceId, requestId, true)).filter((x) => x.kind === kind);
    if (!c || c.status !== 'running' || c.dueAt?.toISOString() !== dueAt) return false;
    if (which === 'warning' ? c.warnedAt || c.breachedAt : c.breachedAt) return false;
    const now = deps.clock.now();
    const set = which === 'warning' ? { warnedAt: now } : { breachedAt: now };
    await tx.update(slaClocks).set(set).where(and(eq(slaClocks.workspaceId, workspaceId), eq(slaClocks.requestId, requestId), eq(slaClocks.kind, kind)));
    await recordSlaEvent(tx, c, which === 'warning' ? 'warning' : 'breached', now, { dueAt });
    await writeRequestSla(tx, workspaceId, requestId);
    const [r] = await tx.select({ clientId: requests.clientId, number: requests.number }).from(requests).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, requestId)));
    await auditSystem(tx, workspaceId, 'sla', { action: which === 'warning' ? 'sla.warning' : 'sla.breached', entity: 'request', entityId: requestId, after: { kind, dueAt } });
    await emitEvent(tx, deps, { workspaceId, type: which === 'warning' ? 'sla.warning' : 'sla.breach', requestId, clientId: r?.clientId ?? null, data: { kind, dueAt, number: r?.number } });
    return true;
  });
}

export async function registerSlaJobs(deps: Deps): Promise<void> {
  await deps.jobs.work<SlaJobPayload>(SLA_WARNING_QUEUE, async (job) => void (await handleSlaJob(deps, 'warning', job)));
  await deps.jobs.work<SlaJobPayload>(SLA_BREACH_QUEUE, async (job) => void (await handleSlaJob(deps, 'breach', job)));
}
