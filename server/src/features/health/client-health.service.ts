import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { medianEffortRatio, scoreHealth, type BoundaryType, type HealthInputs, type HealthResult, type HealthTone } from '@fitdesk/core';
import type { ClientHealthView, ClientLifecycle, ClientLifecyclePatch, HealthResult as HealthResultSchema, MessageAnalysis } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { clientLifecycle, clients, healthSnapshots, incidents, messages, prospects, refundLedger, requests, timeEntries } from '../../db/schema/index.js';
import { invalid } from '../../infra/errors.js';
import { audit, auditSystem, diff } from '../audit/audit.service.js';
import { decisionsFor } from '../review/review.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { findClient } from '../clients/clients.service.js';
import { settingsRow, toSettings } from '../intake/settings.service.js';

export const HEALTH_JOB = 'lifecycle.health-recompute';
const TONE_WINDOW_DAYS = 180;
const DAY = 86_400_000;

type LifecycleRow = typeof clientLifecycle.$inferSelect;

/** Recompute a client's health after the change commits (one queued job per client at a time). */
export async function enqueueHealth(deps: Pick<Deps, 'jobs'>, tx: Tx, workspaceId: string, clientId: string): Promise<void> {
  await deps.jobs.send(HEALTH_JOB, { workspaceId, clientId }, { tx, workspaceId, singletonKey: `${workspaceId}:${clientId}` });
}

export async function lifecycleRow(tx: Tx, workspaceId: string, clientId: string): Promise<LifecycleRow | null> {
  const [row] = await tx.select().from(clientLifecycle).where(and(eq(clientLifecycle.workspaceId, workspaceId), eq(clientLifecycle.clientId, clientId)));
  return row ?? null;
}

export async function ensureLifecycle(tx: Tx, workspaceId: string, clientId: string): Promise<LifecycleRow> {
  const existing = await lifecycleRow(tx, workspaceId, clientId);
  if (existing) return existing;
  const [c] = await tx.select({ createdAt: clients.createdAt }).from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.id, clientId)));
  await tx.insert(clientLifecycle).values({ workspaceId, clientId, startedAt: c?.createdAt ?? null }).onConflictDoNothing();
  return (await lifecycleRow(tx, workspaceId, clientId))!;
}

export const toLifecycle = (clientId: string, r: LifecycleRow | null): ClientLifecycle => ({
  clientId,
  fitScore: r?.fitScore ?? null,
  answers: (r?.answers as ClientLifecycle['answers']) ?? null,
  startedAt: r?.startedAt?.toISOString() ?? null,
  currency: r?.currency ?? 'USD',
  revenueMinor: r?.revenueMinor ?? null,
  paidAmountMinor: r?.paidAmountMinor ?? null,
  periodStart: r?.periodStart?.toISOString() ?? null,
  periodEnd: r?.periodEnd?.toISOString() ?? null,
  disputes: r?.disputes ?? 0,
  latePayments: r?.latePayments ?? 0,
  referredByClientId: r?.referredByClientId ?? null,
  referredByNote: r?.referredByNote ?? null,
  exitReason: r?.exitReason ?? null,
  exitedAt: r?.exitedAt?.toISOString() ?? null,
});

/** Boundary incidents of a client: recorded incidents (not dismissed), plus analysed boundaries of messages no incident was recorded for. */
export async function clientIncidents(tx: Tx, workspaceId: string, clientId: string, since: Date): Promise<Array<{ at: Date; type: BoundaryType }>> {
  const recorded = await tx
    .select({ at: incidents.occurredAt, type: incidents.type, messageId: incidents.messageId, dismissedAt: incidents.dismissedAt })
    .from(incidents)
    .where(and(eq(incidents.workspaceId, workspaceId), eq(incidents.clientId, clientId), gte(incidents.occurredAt, since)));
  const known = new Set(recorded.filter((r) => r.messageId).map((r) => `${r.messageId}|${r.type}`));
  const out = recorded.filter((r) => !r.dismissedAt).map((r) => ({ at: r.at, type: r.type as BoundaryType }));
  for (const m of await clientMessages(tx, workspaceId, clientId, since)) {
    for (const b of m.analysis?.boundaries ?? []) if (!known.has(`${m.id}|${b}`)) out.push({ at: m.sentAt, type: b });
  }
  return out;
}

async function clientMessages(tx: Tx, workspaceId: string, clientId: string, since: Date) {
  return tx
    .select({ id: messages.id, sentAt: messages.sentAt, analysis: messages.analysis, bodyText: messages.bodyText, requestId: messages.requestId, duplicateOf: messages.duplicateOfMessageId })
    .from(messages)
    .innerJoin(requests, and(eq(requests.workspaceId, messages.workspaceId), eq(requests.id, messages.requestId)))
    .where(and(eq(messages.workspaceId, workspaceId), eq(requests.clientId, clientId), eq(messages.direction, 'inbound'), gte(messages.sentAt, since)))
    .orderBy(asc(messages.sentAt)) as Promise<Array<{ id: string; sentAt: Date; analysis: MessageAnalysis | null; bodyText: string; requestId: string; duplicateOf: string | null }>>;
}

/** Staff minutes and revenue of every client with lifecycle data, for the workspace median. */
export async function effortBook(tx: Tx, workspaceId: string) {
  const minutes = await tx
    .select({ clientId: timeEntries.clientId, minutes: sql<number>`coalesce(sum(${timeEntries.minutes}), 0)::int` })
    .from(timeEntries)
    .where(and(eq(timeEntries.workspaceId, workspaceId), sql`${timeEntries.clientId} is not null`))
    .groupBy(timeEntries.clientId);
  const byClient = new Map(minutes.map((m) => [m.clientId!, m.minutes]));
  const lc = await tx.select({ clientId: clientLifecycle.clientId, revenueMinor: clientLifecycle.revenueMinor }).from(clientLifecycle).where(eq(clientLifecycle.workspaceId, workspaceId));
  const revenue = new Map(lc.map((r) => [r.clientId, r.revenueMinor]));
  return { minutes: byClient, revenue };
}

/** Gathers every input of a client's health (missing ones stay undefined and are skipped by the score). */
export async function healthInputs(tx: Tx, workspaceId: string, clientId: string, now: Date): Promise<HealthInputs> {
  const settings = toSettings(await settingsRow(tx, workspaceId));
  const lc = await lifecycleRow(tx, workspaceId, clientId);
  const since = new Date(now.getTime() - TONE_WINDOW_DAYS * DAY);
  const msgs = await clientMessages(tx, workspaceId, clientId, since);
  const tones = msgs.filter((m) => m.analysis?.tone).map((m) => ({ at: m.sentAt, tone: m.analysis!.tone as HealthTone }));
  const incidentList = await clientIncidents(tx, workspaceId, clientId, since);
  const book = await effortBook(tx, workspaceId);
  const staffMinutes = book.minutes.get(clientId) ?? 0;
  const median = medianEffortRatio(
    [...new Set([...book.minutes.keys(), ...book.revenue.keys()])]
      .filter((id) => (book.revenue.get(id) ?? null) !== null)
      .map((id) => ({ staffMinutes: book.minutes.get(id) ?? 0, revenueMinor: book.revenue.get(id) ?? 0 })),
  );
  const refunds = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(refundLedger)
    .where(and(eq(refundLedger.workspaceId, workspaceId), eq(refundLedger.clientId, clientId), sql`${refundLedger.amountMinor} > 0`));
  const [prev] = await tx
    .select({ score: healthSnapshots.score })
    .from(healthSnapshots)
    .where(and(eq(healthSnapshots.workspaceId, workspaceId), eq(healthSnapshots.clientId, clientId), lte(healthSnapshots.computedAt, new Date(now.getTime() - 30 * DAY))))
    .orderBy(desc(healthSnapshots.computedAt))
    .limit(1);
  const refundCount = refunds[0]?.n ?? 0;
  return {
    now,
    ...(lc?.fitScore != null ? { fit: lc.fitScore } : {}),
    tones,
    incidents: incidentList,
    // Revenue unknown → effort vs value cannot be judged: skipped, not zero.
    ...(lc?.revenueMinor != null && median !== null && median > 0 ? { effort: { staffMinutes, revenueMinor: lc.revenueMinor, workspaceMedianRatio: median } } : {}),
    ...(lc && (refundCount || lc.disputes || lc.latePayments || lc.revenueMinor != null) ? { payments: { refunds: refundCount, disputes: lc.disputes, latePayments: lc.latePayments } } : {}),
    ...(prev ? { previousScore: prev.score } : {}),
    weights: settings.healthWeights,
  };
}

/** Computes and stores a health snapshot (the history behind the chart). */
export async function recomputeHealth(tx: Tx, workspaceId: string, clientId: string, now: Date): Promise<HealthResult> {
  const inputs = await healthInputs(tx, workspaceId, clientId, now);
  const result = scoreHealth(inputs);
  const [last] = await tx
    .select({ band: healthSnapshots.band })
    .from(healthSnapshots)
    .where(and(eq(healthSnapshots.workspaceId, workspaceId), eq(healthSnapshots.clientId, clientId)))
    .orderBy(desc(healthSnapshots.computedAt))
    .limit(1);
  await tx.insert(healthSnapshots).values({
    workspaceId,
    clientId,
    computedAt: now,
    score: result.score,
    band: result.band,
    recommendation: result.recommendation,
    result: result as unknown as Record<string, unknown>,
    inputs: { tones: inputs.tones?.length ?? 0, incidents: inputs.incidents?.length ?? 0, effort: inputs.effort ?? null, fit: inputs.fit ?? null },
  });
  if (last && last.band !== result.band)
    await auditSystem(tx, workspaceId, 'health', { action: 'client.health_band_changed', entity: 'client', entityId: clientId, before: { band: last.band }, after: { band: result.band, score: result.score } });
  return result;
}

export async function recomputeForActor(deps: Deps, actor: Actor, clientId: string) {
  requireRole(actor, 'agent');
  await deps.db.transaction(async (tx) => {
    await findClient(tx, actor.workspaceId, clientId);
    await recomputeHealth(tx, actor.workspaceId, clientId, deps.clock.now());
  });
  return clientHealth(deps, actor, clientId);
}

export async function clientHealth(deps: Deps, actor: Actor, clientId: string): Promise<z.output<typeof ClientHealthView>> {
  const tx = deps.db;
  const ws = actor.workspaceId;
  await findClient(tx, ws, clientId);
  const history = await tx
    .select()
    .from(healthSnapshots)
    .where(and(eq(healthSnapshots.workspaceId, ws), eq(healthSnapshots.clientId, clientId)))
    .orderBy(asc(healthSnapshots.computedAt))
    .limit(2000);
  const last = history[history.length - 1];
  const lc = await lifecycleRow(tx, ws, clientId);
  const book = await effortBook(tx, ws);
  const now = deps.clock.now();
  const inc = await clientIncidents(tx, ws, clientId, new Date(now.getTime() - TONE_WINDOW_DAYS * DAY));
  const referred = await tx
    .select({ clientId: clientLifecycle.clientId, name: clients.name, fitScore: clientLifecycle.fitScore, status: clients.status })
    .from(clientLifecycle)
    .innerJoin(clients, and(eq(clients.workspaceId, clientLifecycle.workspaceId), eq(clients.id, clientLifecycle.clientId)))
    .where(and(eq(clientLifecycle.workspaceId, ws), eq(clientLifecycle.referredByClientId, clientId)));
  const referredProspects = await tx
    .select({ id: prospects.id, name: prospects.name, fitScore: prospects.fitScore, status: prospects.status })
    .from(prospects)
    .where(and(eq(prospects.workspaceId, ws), eq(prospects.referredByClientId, clientId), inArray(prospects.status, ['new', 'declined'])));
  let referredByName: string | null = null;
  if (lc?.referredByClientId) {
    const [c] = await tx.select({ name: clients.name }).from(clients).where(and(eq(clients.workspaceId, ws), eq(clients.id, lc.referredByClientId)));
    referredByName = c?.name ?? null;
  }
  return {
    clientId,
    current: last ? (last.result as unknown as z.output<typeof HealthResultSchema>) : null,
    computedAt: last?.computedAt.toISOString() ?? null,
    history: history.map((h) => ({ at: h.computedAt.toISOString(), score: h.score, band: h.band })),
    lifecycle: toLifecycle(clientId, lc),
    staffMinutes: book.minutes.get(clientId) ?? 0,
    incidents: inc.length,
    decisions: await decisionsFor(tx, ws, clientId),
    referrals: [
      ...referred.map((r) => ({ clientId: r.clientId, name: r.name, fitScore: r.fitScore, status: r.status })),
      ...referredProspects.map((p) => ({ clientId: p.id, name: p.name, fitScore: p.fitScore, status: `prospect ${p.status}` })),
    ],
    referredByName,
  };
}

export async function updateLifecycle(deps: Deps, actor: Actor, clientId: string, patch: z.output<typeof ClientLifecyclePatch>) {
  requireRole(actor, 'agent');
  if (patch.referredByClientId === clientId) throw invalid('referredByClientId', 'referredByClientId: a client cannot refer itself');
  return deps.db.transaction(async (tx) => {
    await findClient(tx, actor.workspaceId, clientId);
    if (patch.referredByClientId) await findClient(tx, actor.workspaceId, patch.referredByClientId).catch(() => {
      throw invalid('referredByClientId', 'referredByClientId: no such client');
    });
    const before = toLifecycle(clientId, await ensureLifecycle(tx, actor.workspaceId, clientId));
    const d = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));
    const [row] = await tx
      .update(clientLifecycle)
      .set({
        ...(patch.fitScore !== undefined ? { fitScore: patch.fitScore } : {}),
        ...(patch.startedAt !== undefined ? { startedAt: d(patch.startedAt) } : {}),
        ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
        ...(patch.revenueMinor !== undefined ? { revenueMinor: patch.revenueMinor } : {}),
        ...(patch.paidAmountMinor !== undefined ? { paidAmountMinor: patch.paidAmountMinor } : {}),
        ...(patch.periodStart !== undefined ? { periodStart: d(patch.periodStart) } : {}),
        ...(patch.periodEnd !== undefined ? { periodEnd: d(patch.periodEnd) } : {}),
        ...(patch.disputes !== undefined ? { disputes: patch.disputes } : {}),
        ...(patch.latePayments !== undefined ? { latePayments: patch.latePayments } : {}),
        ...(patch.referredByClientId !== undefined ? { referredByClientId: patch.referredByClientId } : {}),
        ...(patch.referredByNote !== undefined ? { referredByNote: patch.referredByNote } : {}),
        updatedAt: deps.clock.now(),
      })
      .where(and(eq(clientLifecycle.workspaceId, actor.workspaceId), eq(clientLifecycle.clientId, clientId)))
      .returning();
    const after = toLifecycle(clientId, row!);
    await audit(tx, actor, { action: 'client.lifecycle_updated', entity: 'client', entityId: clientId, ...diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>) });
    await enqueueHealth(deps, tx, actor.workspaceId, clientId);
    return after;
  });
}

/** Effort vs value across the book of active clients, with each one's latest health. */
export async function bookOfClients(deps: Deps, actor: Actor) {
  const ws = actor.workspaceId;
  const book = await effortBook(deps.db, ws);
  const latest = deps.db
    .selectDistinctOn([healthSnapshots.clientId], { clientId: healthSnapshots.clientId, score: healthSnapshots.score, band: healthSnapshots.band })
    .from(healthSnapshots)
    .where(eq(healthSnapshots.workspaceId, ws))
    .orderBy(healthSnapshots.clientId, desc(healthSnapshots.computedAt))
    .as('latest');
  const rows = await deps.db
    .select({ id: clients.id, name: clients.name, score: latest.score, band: latest.band })
    .from(clients)
    .leftJoin(latest, eq(latest.clientId, clients.id))
    .where(and(eq(clients.workspaceId, ws), eq(clients.status, 'active')))
    .orderBy(asc(clients.name))
    .limit(2000);
  const items = rows.map((r) => ({ clientId: r.id, name: r.name, staffMinutes: book.minutes.get(r.id) ?? 0, revenueMinor: book.revenue.get(r.id) ?? null, score: r.score, band: r.band }));
  const medianRatio = medianEffortRatio(items.filter((i) => i.revenueMinor !== null).map((i) => ({ staffMinutes: i.staffMinutes, revenueMinor: i.revenueMinor ?? 0 })));
  return { items, medianRatio: medianRatio !== null && Number.isFinite(medianRatio) ? medianRatio : null };
}
