import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { events } from '../../db/schema/index.js';
import { runAutomations } from '../automations/automations.engine.js';
import { fanOut } from '../webhooks/webhooks.service.js';
import { findEvent, PROCESS_EVENT_QUEUE, unprocessedEvents } from './events.service.js';

const SWEEP_QUEUE = 'events.sweep';

/**
 * Processes one event: automations first (each rule at most once per event, so a retried job
 * does not fire a rule twice), then, in one transaction, the webhook fan-out and the
 * processed mark — so a retry cannot enqueue the same deliveries twice.
 */
export async function processEvent(deps: Deps, workspaceId: string, eventId: string): Promise<void> {
  const e = await findEvent(deps.db, workspaceId, eventId);
  if (!e || e.processedAt) return;
  await runAutomations(deps, e);
  await deps.db.transaction(async (tx) => {
    const [locked] = await tx
      .select()
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), eq(events.id, eventId), isNull(events.processedAt)))
      .for('update');
    if (!locked) return;
    await fanOut(tx, deps, locked);
    await tx.update(events).set({ processedAt: deps.clock.now() }).where(and(eq(events.workspaceId, workspaceId), eq(events.id, eventId)));
  });
}

/** Processes every pending event (oldest first) until none is left, including those the processing itself emitted. */
export async function processPendingEvents(deps: Deps, workspaceId?: string): Promise<number> {
  let n = 0;
  for (let round = 0; round < 20; round++) {
    const batch = await unprocessedEvents(deps.db, workspaceId);
    if (!batch.length) break;
    for (const e of batch) {
      await processEvent(deps, e.workspaceId, e.id);
      n++;
    }
  }
  return n;
}

export async function registerEventJobs(deps: Deps): Promise<void> {
  await deps.jobs.work<{ workspaceId: string; eventId: string }>(PROCESS_EVENT_QUEUE, async (job) => processEvent(deps, job.payload.workspaceId, job.payload.eventId), { concurrency: 2 });
  // A safety net: an event whose job was lost (e.g. emitted before this version's worker started) is picked up within minutes.
  await deps.jobs.work(SWEEP_QUEUE, async () => {
    const stale = await deps.db.select({ w: events.workspaceId, id: events.id }).from(events).where(and(isNull(events.processedAt), lt(events.createdAt, new Date(Date.now() - 5 * 60_000)))).limit(200);
    for (const s of stale) await processEvent(deps, s.w, s.id);
  });
  await deps.jobs.every(SWEEP_QUEUE, 5 * 60_000);
}
