import { and, asc, eq } from 'drizzle-orm';
import { pauseSlaClock, resumeSlaClock, slaDueAt, slaStatus, slaWarningAt, type SlaClock } from '@fitdesk/core';
import type { RequestSla, SlaClockView, SlaKind, SlaState } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { requests, slaClocks, slaEvents } from '../../db/schema/index.js';
import { notFound } from '../../infra/errors.js';
import type { Actor } from '../auth/actor.js';
import { planFor } from './sla-plan.js';

export type ClockRow = typeof slaClocks.$inferSelect;
type RequestRow = typeof requests.$inferSelect;

export const SLA_WARNING_QUEUE = 'sla.warning';
export const SLA_BREACH_QUEUE = 'sla.breach';
const KINDS: SlaKind[] = ['first_response', 'resolution'];

const toCore = (c: ClockRow): SlaClock => ({ targetMinutes: c.targetMinutes, usedMinutes: c.usedMinutes, runningSince: c.status === 'running' ? (c.runningSince?.getTime() ?? null) : null });
const rule = (c: ClockRow) => ({ fraction: c.warnFraction, beforeMinutes: c.warnBeforeMinutes });
const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

async function event(tx: Tx, c: Pick<ClockRow, 'workspaceId' | 'requestId' | 'kind'>, name: string, at: Date, data: Record<string, unknown> = {}) {
  await tx.insert(slaEvents).values({ workspaceId: c.workspaceId, requestId: c.requestId, kind: c.kind, event: name, at, data });
}

/** Due and warning instants of a clock in its state (null unless running). */
function schedule(c: ClockRow): Pick<ClockRow, 'dueAt' | 'warnAt'> {
  if (c.status !== 'running') return { dueAt: null, warnAt: null };
  const core = toCore(c);
  return { dueAt: dateOrNull(slaDueAt(c.calendar, core)), warnAt: dateOrNull(slaWarningAt(c.calendar, core, rule(c))) };
}

async function save(tx: Tx, deps: Deps, c: ClockRow, now: Date): Promise<ClockRow> {
  const s = schedule(c);
  const next = { ...c, ...s, updatedAt: now };
  await tx
    .update(slaClocks)
    .set(next)
    .where(and(eq(slaClocks.workspaceId, c.workspaceId), eq(slaClocks.requestId, c.requestId), eq(slaClocks.kind, c.kind)));
  await enqueue(deps, tx, next);
  return next;
}

/**
 * Warning and breach jobs for a running clock. The singleton key carries the due time, so a
 * clock moved by a pause or a priority change gets new jobs and the old ones find a stale due
 * time and do nothing.
 */
async function enqueue(deps: Deps, tx: Tx, c: ClockRow) {
  if (c.status !== 'running' || !c.dueAt) return;
  const payload = { workspaceId: c.workspaceId, requestId: c.requestId, kind: c.kind, dueAt: c.dueAt.toISOString() };
  const key = `${c.workspaceId}:${c.requestId}:${c.kind}:${c.dueAt.toISOString()}`;
  if (!c.breachedAt) await deps.jobs.send(SLA_BREACH_QUEUE, payload, { runAt: c.dueAt, singletonKey: key, workspaceId: c.workspaceId, tx });
  if (!c.warnedAt && !c.breachedAt && c.warnAt) await deps.jobs.send(SLA_WARNING_QUEUE, payload, { runAt: c.warnAt, singletonKey: key, workspaceId: c.workspaceId, tx });
}

async function loadClocks(tx: Tx, workspaceId: string, requestId: string, forUpdate = false) {
  const q = tx.select().from(slaClocks).where(and(eq(slaClocks.workspaceId, workspaceId), eq(slaClocks.requestId, requestId)));
  return forUpdate ? q.for('update') : q;
}

/** The request's inbox fields: the nearest running due time and the worst state. */
function requestSla(clocks: ClockRow[]): { slaDueAt: Date | null; slaState: SlaState | null } {
  if (!clocks.length) return { slaDueAt: null, slaState: null };
  const running = clocks.filter((c) => c.status === 'running');
  const due = running.map((c) => c.dueAt).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const state: SlaState = running.some((c) => c.breachedAt)
    ? 'breached'
    : running.some((c) => c.warnedAt)
      ? 'warning'
      : running.length
        ? 'ok'
        : clocks.some((c) => c.status === 'paused')
          ? 'paused'
          : 'met';
  return { slaDueAt: due, slaState: state };
}

async function writeRequestSla(tx: Tx, workspaceId: string, requestId: string) {
  const clocks = await loadClocks(tx, workspaceId, requestId);
  await tx.update(requests).set(requestSla(clocks)).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, requestId)));
}

function finish(c: ClockRow, status: 'met' | 'cancelled', at: Date): ClockRow {
  const core = toCore(c);
  const used = c.status === 'running' ? pauseSlaClock(c.calendar, core, at.getTime()).usedMinutes : c.usedMinutes;
  // Met late without the breach job having run (no worker, or it ran after the reply): still a breach.
  const late = status === 'met' && !c.breachedAt && c.dueAt && at > c.dueAt;
  return { ...c, status, usedMinutes: used, runningSince: null, metAt: status === 'met' ? at : null, breachedAt: late ? c.dueAt : c.breachedAt, assigneeId: c.assigneeId };
}

/**
 * Brings a request's SLA clocks in line with the request as it now is — the one entry point
 * for every change (new request, reply, status, priority, type): starts missing clocks, meets
 * the first-response target once answered and the resolution target once resolved, pauses
 * while waiting on the client and resumes after, re-targets on a priority change, then keeps
 * requests.sla_due_at/sla_state and the warning/breach jobs up to date. Idempotent.
 */
export async function reconcileSla(tx: Tx, deps: Deps, workspaceId: string, requestId: string): Promise<void> {
  const [r] = await tx.select().from(requests).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, requestId)));
  if (!r) return;
  const now = deps.clock.now();
  const existing = await loadClocks(tx, workspaceId, requestId, true);
  const plan = await planFor(tx, workspaceId, r);
  for (const kind of KINDS) {
    let c = existing.find((x) => x.kind === kind);
    const target = plan ? (kind === 'first_response' ? plan.firstResponseMinutes : plan.resolutionMinutes) : null;
    if (!c) {
      if (!plan || target === null) continue;
      if (kind === 'first_response' && r.firstResponseAt) continue;
      if (r.status === 'resolved' || r.status === 'closed') continue;
      const startedAt = r.createdAt;
      c = {
        workspaceId,
        requestId,
        kind,
        source: plan.source,
        calendar: plan.calendar,
        targetMinutes: target,
        warnFraction: plan.warnFraction,
        warnBeforeMinutes: plan.warnBeforeMinutes,
        status: 'running',
        startedAt,
        usedMinutes: 0,
        runningSince: startedAt,
        dueAt: null,
        warnAt: null,
        warnedAt: null,
        breachedAt: null,
        metAt: null,
        assigneeId: r.assigneeId,
        updatedAt: now,
      };
      await tx.insert(slaClocks).values(c);
      await event(tx, c, 'started', now, { targetMinutes: target, source: plan.source, priority: r.priority });
      await save(tx, deps, c, now);
      c = (await loadClocks(tx, workspaceId, requestId)).find((x) => x.kind === kind)!;
    }
    await advance(tx, deps, c, r, target, now);
  }
  await writeRequestSla(tx, workspaceId, requestId);
}

async function advance(tx: Tx, deps: Deps, c: ClockRow, r: RequestRow, target: number | null, now: Date) {
  const closed = r.status === 'resolved' || r.status === 'closed';
  let next: ClockRow = { ...c, assigneeId: r.assigneeId };
  let what: string | null = null;
  if (c.kind === 'first_response' && r.firstResponseAt && (c.status === 'running' || c.status === 'paused')) {
    next = finish(next, 'met', r.firstResponseAt);
    what = 'met';
  } else if (c.status === 'running' || c.status === 'paused') {
    if (closed) {
      next = c.kind === 'resolution' ? finish(next, 'met', r.resolvedAt ?? now) : finish(next, 'cancelled', now);
      what = next.status;
    } else if (r.status === 'waiting' && c.status === 'running') {
      next = { ...next, status: 'paused', usedMinutes: pauseSlaClock(c.calendar, toCore(c), now.getTime()).usedMinutes, runningSince: null };
      what = 'paused';
    } else if (r.status !== 'waiting' && c.status === 'paused') {
      next = { ...next, status: 'running', runningSince: new Date(resumeSlaClock(toCore(c), now.getTime()).runningSince ?? now.getTime()) };
      what = 'resumed';
    }
  } else if (c.kind === 'resolution' && c.status === 'met' && !closed) {
    // Reopened: the resolution clock runs again from where it stopped.
    next = { ...next, status: r.status === 'waiting' ? 'paused' : 'running', runningSince: r.status === 'waiting' ? null : now, metAt: null };
    what = 'reopened';
  }
  if ((next.status === 'running' || next.status === 'paused') && target !== null && target !== next.targetMinutes) {
    await event(tx, next, 'retargeted', now, { from: next.targetMinutes, to: target, priority: r.priority });
    next = { ...next, targetMinutes: target, warnedAt: null };
    what ??= 'retargeted';
  }
  if (!what && next.assigneeId === c.assigneeId) return;
  if (what && what !== 'retargeted') await event(tx, next, what, what === 'met' ? (next.metAt ?? now) : now, { usedMinutes: Math.round(next.usedMinutes), withinTarget: what === 'met' ? !next.breachedAt : undefined });
  await save(tx, deps, next, now);
}

export function toClockView(c: ClockRow, now: Date): SlaClockView {
  const st = slaStatus(c.calendar, toCore(c), now.getTime(), rule(c));
  const done = c.status === 'met' || c.status === 'cancelled';
  const state: SlaState =
    c.status === 'met' ? 'met' : c.status === 'paused' ? 'paused' : c.breachedAt || st.phase === 'breached' ? 'breached' : c.warnedAt || st.phase === 'warning' ? 'warning' : 'ok';
  return {
    kind: c.kind,
    status: c.status,
    state: c.status === 'cancelled' ? 'met' : state,
    source: c.source,
    targetMinutes: c.targetMinutes,
    usedMinutes: Math.round(done ? c.usedMinutes : st.usedMinutes),
    remainingMinutes: Math.round(c.targetMinutes - (done ? c.usedMinutes : st.usedMinutes)),
    startedAt: c.startedAt.toISOString(),
    dueAt: c.dueAt?.toISOString() ?? null,
    warnedAt: c.warnedAt?.toISOString() ?? null,
    breachedAt: c.breachedAt?.toISOString() ?? null,
    metAt: c.metAt?.toISOString() ?? null,
    withinTarget: c.status === 'met' ? !c.breachedAt : c.breachedAt ? false : null,
  };
}

export async function getRequestSla(deps: Deps, actor: Actor, requestId: string): Promise<RequestSla> {
  const [r] = await deps.db.select({ id: requests.id }).from(requests).where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, requestId)));
  if (!r) throw notFound('Request');
  const clocks = await loadClocks(deps.db, actor.workspaceId, requestId);
  const evs = await deps.db
    .select()
    .from(slaEvents)
    .where(and(eq(slaEvents.workspaceId, actor.workspaceId), eq(slaEvents.requestId, requestId)))
    .orderBy(asc(slaEvents.at));
  const now = deps.clock.now();
  return {
    requestId,
    clocks: KINDS.flatMap((k) => clocks.filter((c) => c.kind === k)).map((c) => toClockView(c, now)),
    events: evs.map((e) => ({ kind: e.kind, event: e.event, at: e.at.toISOString(), data: e.data })),
  };
}

export { event as recordSlaEvent, writeRequestSla, loadClocks };
