import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { HealthResult } from '@fitdesk/core';
import type { ReviewDecisionBody, ReviewItem, ReviewListQuery } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { clients, lifecycleSettings, reviewItems, users, workspaces } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { audit, auditSystem } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { clientIncidents, effortBook, lifecycleRow, recomputeHealth } from '../health/client-health.service.js';
import { settingsRow } from '../intake/settings.service.js';

export const REVIEW_JOB = 'lifecycle.review-queue';
/** A healthy or watch client whose score fell at least this much in 30 days is reviewed too. */
export const FALLING_POINTS = 10;
const DAY = 86_400_000;

type Row = typeof reviewItems.$inferSelect;

async function toItem(tx: Tx, r: Row, clientName: string | null, decidedByName: string | null): Promise<ReviewItem> {
  const s = r.snapshot as { health: ReviewItem['health']; incidents?: number; staffMinutes?: number; revenueMinor?: number | null };
  return {
    id: r.id,
    clientId: r.clientId,
    clientName,
    why: r.why,
    score: r.score,
    band: r.band,
    recommendation: r.recommendation as ReviewItem['recommendation'],
    health: s.health,
    incidents: s.incidents ?? 0,
    staffMinutes: s.staffMinutes ?? 0,
    revenueMinor: s.revenueMinor ?? null,
    status: r.status,
    decision: r.decision,
    note: r.note,
    decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

function itemsQuery(tx: Tx, workspaceId: string) {
  return tx
    .select({ r: reviewItems, clientName: clients.name, decidedByName: users.name })
    .from(reviewItems)
    .leftJoin(clients, and(eq(clients.workspaceId, reviewItems.workspaceId), eq(clients.id, reviewItems.clientId)))
    .leftJoin(users, and(eq(users.workspaceId, reviewItems.workspaceId), eq(users.id, reviewItems.decidedBy)))
    .where(eq(reviewItems.workspaceId, workspaceId))
    .$dynamic();
}

export async function decisionsFor(tx: Tx, workspaceId: string, clientId: string): Promise<ReviewItem[]> {
  const rows = await itemsQuery(tx, workspaceId)
    .where(and(eq(reviewItems.workspaceId, workspaceId), eq(reviewItems.clientId, clientId)))
    .orderBy(desc(reviewItems.createdAt))
    .limit(50);
  return Promise.all(rows.map((x) => toItem(tx, x.r, x.clientName, x.decidedByName)));
}

export async function listQueue(deps: Deps, actor: Actor, q: z.output<typeof ReviewListQuery>) {
  const rows = await itemsQuery(deps.db, actor.workspaceId)
    .where(and(eq(reviewItems.workspaceId, actor.workspaceId), q.status === 'any' ? undefined : eq(reviewItems.status, q.status)))
    .orderBy(q.status === 'open' ? reviewItems.score : desc(reviewItems.createdAt), desc(reviewItems.createdAt))
    .limit(q.limit);
  return { items: await Promise.all(rows.map((x) => toItem(deps.db, x.r, x.clientName, x.decidedByName))) };
}

/**
 * Builds the review queue: recomputes every active client's health and queues those at risk,
 * or falling by FALLING_POINTS or more in 30 days, unless an open item already exists.
 */
export async function runReview(deps: Deps, workspaceId: string, now: Date): Promise<Row[]> {
  return deps.db.transaction(async (tx) => {
    const active = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.status, 'active')));
    const book = await effortBook(tx, workspaceId);
    const added: Row[] = [];
    for (const c of active) {
      const health: HealthResult = await recomputeHealth(tx, workspaceId, c.id, now);
      const falling = !!health.trend && health.trend.delta <= -FALLING_POINTS;
      if (health.band !== 'at_risk' && !falling) continue;
      const lc = await lifecycleRow(tx, workspaceId, c.id);
      const inc = await clientIncidents(tx, workspaceId, c.id, new Date(now.getTime() - 180 * DAY));
      const [row] = await tx
        .insert(reviewItems)
        .values({
          workspaceId,
          clientId: c.id,
          why: health.band === 'at_risk' ? 'at_risk' : 'falling',
          score: health.score,
          band: health.band,
          recommendation: health.recommendation,
          snapshot: { health, incidents: inc.length, staffMinutes: book.minutes.get(c.id) ?? 0, revenueMinor: lc?.revenueMinor ?? null } as unknown as Record<string, unknown>,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (row) {
        added.push(row);
        await auditSystem(tx, workspaceId, 'review queue', { action: 'review.queued', entity: 'client', entityId: c.id, after: { reviewItemId: row.id, why: row.why, score: row.score } });
      }
    }
    await settingsRow(tx, workspaceId);
    await tx.update(lifecycleSettings).set({ lastReviewAt: now }).where(eq(lifecycleSettings.workspaceId, workspaceId));
    return added;
  });
}

export async function runReviewNow(deps: Deps, actor: Actor) {
  requireRole(actor, 'supervisor');
  const added = await runReview(deps, actor.workspaceId, deps.clock.now());
  const q = await listQueue(deps, actor, { status: 'open', limit: 200 });
  return { added: added.length, items: q.items };
}

/** Scheduled: workspaces whose review is due (last review + their interval ≤ now) get their queue built. */
export async function runDueReviews(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .leftJoin(lifecycleSettings, eq(lifecycleSettings.workspaceId, workspaces.id))
    .where(sql`${lifecycleSettings.lastReviewAt} is null or ${lifecycleSettings.lastReviewAt} + make_interval(days => ${lifecycleSettings.reviewEveryDays}) <= ${now}`);
  for (const w of due) await runReview(deps, w.id, now);
  return due.length;
}

export async function decide(deps: Deps, actor: Actor, id: string, body: z.output<typeof ReviewDecisionBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(reviewItems).where(and(eq(reviewItems.workspaceId, actor.workspaceId), eq(reviewItems.id, id))).for('update');
    if (!row) throw notFound('Review item');
    if (row.status === 'decided') throw new AppError('conflict', 'This review was already decided');
    const now = deps.clock.now();
    await tx
      .update(reviewItems)
      .set({ status: 'decided', decision: body.decision, note: body.note, decidedBy: actor.userId, decidedAt: now })
      .where(and(eq(reviewItems.workspaceId, actor.workspaceId), eq(reviewItems.id, id)));
    await audit(tx, actor, { action: 'review.decided', entity: 'client', entityId: row.clientId, before: { status: 'open' }, after: { reviewItemId: id, decision: body.decision, note: body.note } });
    const [x] = await itemsQuery(tx, actor.workspaceId).where(and(eq(reviewItems.workspaceId, actor.workspaceId), eq(reviewItems.id, id)));
    return toItem(tx, x!.r, x!.clientName, x!.decidedByName);
  });
}
