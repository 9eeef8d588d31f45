import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ManualTimeBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { requests, timeEntries, users } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { enqueueHealth } from '../health/client-health.service.js';

type Row = typeof timeEntries.$inferSelect;

const toEntry = (r: Row, userName: string | null) => ({
  id: r.id,
  requestId: r.requestId,
  userId: r.userId,
  userName,
  source: r.source,
  startedAt: r.startedAt.toISOString(),
  endedAt: r.endedAt?.toISOString() ?? null,
  minutes: r.minutes,
  note: r.note,
});

async function requestOf(tx: Tx, workspaceId: string, id: string) {
  const [r] = await tx.select({ id: requests.id, clientId: requests.clientId }).from(requests).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, id)));
  if (!r) throw notFound('Request');
  return r;
}

/** Time on a request: every entry (running timers have no end), the total of finished minutes, and the caller's running timer. */
export async function listTime(deps: Deps, actor: Actor, requestId: string, tx: Tx = deps.db) {
  await requestOf(tx, actor.workspaceId, requestId);
  const rows = await tx
    .select({ e: timeEntries, userName: users.name })
    .from(timeEntries)
    .leftJoin(users, and(eq(users.workspaceId, timeEntries.workspaceId), eq(users.id, timeEntries.userId)))
    .where(and(eq(timeEntries.workspaceId, actor.workspaceId), eq(timeEntries.requestId, requestId)))
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id));
  const items = rows.map((x) => toEntry(x.e, x.userName));
  const running = rows.find((x) => !x.e.endedAt && x.e.userId === actor.userId);
  return { items, totalMinutes: rows.reduce((a, x) => a + (x.e.minutes ?? 0), 0), running: running ? toEntry(running.e, running.userName) : null };
}

export async function startTimer(deps: Deps, actor: Actor, requestId: string, note = '') {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const r = await requestOf(tx, actor.workspaceId, requestId);
    const [row] = await tx
      .insert(timeEntries)
      .values({ workspaceId: actor.workspaceId, requestId, clientId: r.clientId, userId: actor.userId, source: 'timer', startedAt: deps.clock.now(), note })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', 'Your timer is already running on this request');
    await audit(tx, actor, { action: 'time.started', entity: 'request', entityId: requestId, after: { entryId: row.id } });
    return listTime(deps, actor, requestId, tx);
  });
}

export async function stopTimer(deps: Deps, actor: Actor, requestId: string, note?: string) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const r = await requestOf(tx, actor.workspaceId, requestId);
    const [running] = await tx
      .select()
      .from(timeEntries)
      .where(and(eq(timeEntries.workspaceId, actor.workspaceId), eq(timeEntries.requestId, requestId), actor.userId ? eq(timeEntries.userId, actor.userId) : isNull(timeEntries.userId), isNull(timeEntries.endedAt)))
      .for('update');
    if (!running) throw new AppError('conflict', 'No timer of yours is running on this request');
    const now = deps.clock.now();
    // Whole minutes, at least one: a started timer means some work was done.
    const minutes = Math.max(1, Math.round((now.getTime() - running.startedAt.getTime()) / 60_000));
    await tx
      .update(timeEntries)
      .set({ endedAt: now, minutes, ...(note !== undefined ? { note } : {}) })
      .where(and(eq(timeEntries.workspaceId, actor.workspaceId), eq(timeEntries.id, running.id)));
    await audit(tx, actor, { action: 'time.stopped', entity: 'request', entityId: requestId, after: { entryId: running.id, minutes } });
    if (r.clientId) await enqueueHealth(deps, tx, actor.workspaceId, r.clientId);
    return listTime(deps, actor, requestId, tx);
  });
}

export async function addManualTime(deps: Deps, actor: Actor, requestId: string, body: z.output<typeof ManualTimeBody>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const r = await requestOf(tx, actor.workspaceId, requestId);
    const end = body.at ? new Date(body.at) : deps.clock.now();
    const [row] = await tx
      .insert(timeEntries)
      .values({ workspaceId: actor.workspaceId, requestId, clientId: r.clientId, userId: actor.userId, source: 'manual', startedAt: new Date(end.getTime() - body.minutes * 60_000), endedAt: end, minutes: body.minutes, note: body.note })
      .returning();
    await audit(tx, actor, { action: 'time.logged', entity: 'request', entityId: requestId, after: { entryId: row!.id, minutes: body.minutes, note: body.note } });
    if (r.clientId) await enqueueHealth(deps, tx, actor.workspaceId, r.clientId);
    return listTime(deps, actor, requestId, tx);
  });
}

export async function deleteTime(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(timeEntries).where(and(eq(timeEntries.workspaceId, actor.workspaceId), eq(timeEntries.id, id)));
    if (!row) throw notFound('Time entry');
    if (row.userId !== actor.userId) requireRole(actor, 'supervisor');
    await tx.delete(timeEntries).where(and(eq(timeEntries.workspaceId, actor.workspaceId), eq(timeEntries.id, id)));
    await audit(tx, actor, { action: 'time.deleted', entity: 'request', entityId: row.requestId, before: { entryId: id, minutes: row.minutes, note: row.note } });
    if (row.clientId) await enqueueHealth(deps, tx, actor.workspaceId, row.clientId);
    return { ok: true as const };
  });
}

/** Finished staff minutes per client (the effort side of effort vs value). */
export async function minutesByClient(tx: Tx, workspaceId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ clientId: timeEntries.clientId, minutes: sql<number>`coalesce(sum(${timeEntries.minutes}), 0)::int` })
    .from(timeEntries)
    .where(and(eq(timeEntries.workspaceId, workspaceId), sql`${timeEntries.clientId} is not null`))
    .groupBy(timeEntries.clientId);
  return new Map(rows.map((r) => [r.clientId!, r.minutes]));
}
