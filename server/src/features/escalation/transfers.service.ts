import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { OPEN_STATUSES, ROLE_RANK, type EscalateBody, type Escalation, type Transfer, type TransferBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { escalations, requests, transfers, users } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { emitEvent } from '../events/events.service.js';
import { candidates, getPolicy, pickAtOrAbove, type Candidate } from './tiers.service.js';

type TransferRow = typeof transfers.$inferSelect;
type RequestRow = typeof requests.$inferSelect;
type EmitDeps = Pick<Deps, 'jobs' | 'clock'>;

/** The job that expires a transfer nobody accepted in time. */
export const TRANSFER_TIMEOUT_QUEUE = 'escalation.transfer-timeout';

async function lockRequest(tx: Tx, workspaceId: string, id: string): Promise<RequestRow> {
  const [r] = await tx.select().from(requests).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, id))).for('update');
  if (!r) throw notFound('Request');
  return r;
}

async function pendingOf(tx: Tx, workspaceId: string, requestId: string): Promise<TransferRow | undefined> {
  const [t] = await tx
    .select()
    .from(transfers)
    .where(and(eq(transfers.workspaceId, workspaceId), eq(transfers.requestId, requestId), eq(transfers.status, 'pending')));
  return t;
}

const transferEvent = (t: TransferRow) => ({ transferId: t.id, fromUserId: t.fromUserId, toUserId: t.toUserId, toTier: t.toTier, escalationId: t.escalationId });

/** Inserts a pending transfer and schedules its timeout, in the caller's transaction. */
async function offer(
  tx: Tx,
  deps: EmitDeps,
  actor: Actor,
  r: RequestRow,
  to: Candidate,
  tiers: string[],
  acceptMinutes: number,
  o: { note: string; escalationId?: string | null; previousTransferId?: string | null },
): Promise<TransferRow> {
  const now = deps.clock.now();
  const [t] = await tx
    .insert(transfers)
    .values({
      workspaceId: actor.workspaceId,
      requestId: r.id,
      escalationId: o.escalationId ?? null,
      previousTransferId: o.previousTransferId ?? null,
      fromUserId: r.assigneeId,
      toUserId: to.userId,
      toTier: tiers[to.tier]!,
      note: o.note,
      expiresAt: new Date(now.getTime() + acceptMinutes * 60_000),
      createdByUserId: actor.userId,
      createdByLabel: actor.label,
      createdAt: now,
    })
    .returning();
  await deps.jobs.send(TRANSFER_TIMEOUT_QUEUE, { workspaceId: actor.workspaceId, transferId: t!.id }, { tx, runAt: t!.expiresAt, workspaceId: actor.workspaceId });
  await audit(tx, actor, { action: 'transfer.requested', entity: 'request', entityId: r.id, after: { transferId: t!.id, toUserId: to.userId, toTier: t!.toTier, note: o.note } });
  await emitEvent(tx, deps, { workspaceId: actor.workspaceId, type: 'transfer.requested', requestId: r.id, clientId: r.clientId, data: { ...transferEvent(t!), note: o.note } });
  return t!;
}

/** A warm transfer started by a person: to a named user or to the least-loaded user on a tier. */
export async function startTransfer(deps: Deps, actor: Actor, requestId: string, body: TransferBody) {
  requireRole(actor, 'agent');
  const id = await deps.db.transaction(async (tx) => {
    const r = await lockRequest(tx, actor.workspaceId, requestId);
    if (!OPEN_STATUSES.includes(r.status)) throw new AppError('conflict', 'Only open requests can be transferred');
    if (await pendingOf(tx, actor.workspaceId, r.id)) throw new AppError('conflict', 'A transfer of this request is already waiting for acceptance');
    const { tiers, acceptMinutes } = await getPolicy(tx, actor.workspaceId);
    const pool = await candidates(tx, actor.workspaceId, tiers);
    let to: Candidate | undefined;
    if (body.toUserId) {
      to = pool.find((c) => c.userId === body.toUserId);
      if (!to) throw new AppError('validation_failed', 'toUserId: no active, non-viewer user with this id', 'toUserId');
    } else {
      const ti = tiers.indexOf(body.toTier!);
      if (ti < 0) throw new AppError('validation_failed', `toTier: not on this workspace's ladder (${tiers.join(', ')})`, 'toTier');
      to = pickAtOrAbove(pool, ti, new Set(r.assigneeId ? [r.assigneeId] : []));
      if (!to) throw new AppError('conflict', `No one on the ${body.toTier} tier or above can take this request`);
    }
    if (to.userId === r.assigneeId) throw new AppError('validation_failed', 'toUserId: this user already owns the request', 'toUserId');
    return (await offer(tx, deps, actor, r, to, tiers, acceptMinutes, { note: body.note })).id;
  });
  return getTransfer(deps, actor, id);
}

/**
 * Escalates a request up the ladder: records why, and offers it (warm transfer) to the
 * least-loaded user on the target tier, by default the one above the current owner's. An
 * earlier pending transfer to a lower tier is superseded. When nobody is on the target tier or
 * above, the escalation waits in the supervisor queue and the owner keeps the request.
 */
export async function escalateRequest(deps: Deps, actor: Actor, requestId: string, body: EscalateBody, trigger: 'manual' | 'automation' = 'manual') {
  requireRole(actor, 'agent');
  const id = await deps.db.transaction(async (tx) => {
    const r = await lockRequest(tx, actor.workspaceId, requestId);
    if (!OPEN_STATUSES.includes(r.status)) throw new AppError('conflict', 'Only open requests can be escalated');
    const { tiers, acceptMinutes } = await getPolicy(tx, actor.workspaceId);
    const pool = await candidates(tx, actor.workspaceId, tiers);
    const owner = pool.find((c) => c.userId === r.assigneeId);
    const fromTier = owner?.tier ?? 0;
    let target: number;
    if (body.toTier) {
      target = tiers.indexOf(body.toTier);
      if (target < 0) throw new AppError('validation_failed', `toTier: not on this workspace's ladder (${tiers.join(', ')})`, 'toTier');
    } else target = Math.min(fromTier + 1, tiers.length - 1);
    const pending = await pendingOf(tx, actor.workspaceId, r.id);
    if (pending && tiers.indexOf(pending.toTier) >= target && trigger === 'automation') return null; // already on its way up
    const [e] = await tx
      .insert(escalations)
      .values({
        workspaceId: actor.workspaceId,
        requestId: r.id,
        trigger,
        reason: body.reason,
        fromUserId: r.assigneeId,
        fromTier: owner ? tiers[owner.tier]! : null,
        toTier: tiers[target]!,
        createdByUserId: actor.userId,
        createdByLabel: actor.label,
        createdAt: deps.clock.now(),
      })
      .returning();
    await audit(tx, actor, { action: 'request.escalated', entity: 'request', entityId: r.id, after: { escalationId: e!.id, toTier: e!.toTier, reason: body.reason, trigger } });
    await emitEvent(tx, deps, { workspaceId: actor.workspaceId, type: 'escalation.created', requestId: r.id, clientId: r.clientId, data: { escalationId: e!.id, trigger, reason: body.reason, fromTier: e!.fromTier, toTier: e!.toTier } });
    if (pending) await decide(tx, deps, actor, pending, 'cancelled', 'superseded by an escalation');
    const to = pickAtOrAbove(pool, target, new Set(r.assigneeId ? [r.assigneeId] : []));
    if (to) await offer(tx, deps, actor, r, to, tiers, acceptMinutes, { note: body.reason, escalationId: e!.id });
    return e!.id;
  });
  return id;
}

async function decide(tx: Tx, deps: EmitDeps, actor: Actor, t: TransferRow, status: 'accepted' | 'declined' | 'expired' | 'cancelled', note: string | null) {
  await tx
    .update(transfers)
    .set({ status, decidedAt: deps.clock.now(), decidedByUserId: actor.userId, decisionNote: note })
    .where(and(eq(transfers.workspaceId, t.workspaceId), eq(transfers.id, t.id)));
  await audit(tx, actor, { action: `transfer.${status}`, entity: 'request', entityId: t.requestId, before: { transferId: t.id, status: 'pending' }, after: { status, note } });
  await emitEvent(tx, deps, { workspaceId: t.workspaceId, type: `transfer.${status}`, requestId: t.requestId, data: { ...transferEvent(t), note } });
}

/**
 * Ends a pending transfer (declined, expired, receiver gone) and offers the request one tier
 * higher, skipping everyone already asked in this chain. The previous owner keeps the request
 * meanwhile; when nobody is left, the transfer shows as stalled in the supervisor queue.
 */
export async function moveUp(tx: Tx, deps: EmitDeps, actor: Actor, t: TransferRow, status: 'declined' | 'expired' | 'cancelled', note: string | null): Promise<TransferRow | null> {
  await decide(tx, deps, actor, t, status, note);
  const [r] = await tx.select().from(requests).where(and(eq(requests.workspaceId, t.workspaceId), eq(requests.id, t.requestId)));
  if (!r || !OPEN_STATUSES.includes(r.status)) return null;
  const { tiers, acceptMinutes } = await getPolicy(tx, t.workspaceId);
  const chain = await tx.select({ id: transfers.id, toUserId: transfers.toUserId, prev: transfers.previousTransferId }).from(transfers).where(and(eq(transfers.workspaceId, t.workspaceId), eq(transfers.requestId, t.requestId)));
  const asked = new Set<string>(r.assigneeId ? [r.assigneeId] : []);
  const byId = new Map(chain.map((c) => [c.id, c]));
  for (let c = byId.get(t.id); c; c = c.prev ? byId.get(c.prev) : undefined) asked.add(c.toUserId);
  const pool = await candidates(tx, t.workspaceId, tiers);
  const at = tiers.indexOf(t.toTier);
  const to = pickAtOrAbove(pool, Math.min(at + 1, tiers.length - 1), asked);
  if (!to) return null;
  return offer(tx, deps, actor, r, to, tiers, acceptMinutes, { note: t.note, escalationId: t.escalationId, previousTransferId: t.id });
}

async function lockPendingTransfer(tx: Tx, actor: Actor, id: string): Promise<{ t: TransferRow; r: RequestRow }> {
  const [found] = await tx.select().from(transfers).where(and(eq(transfers.workspaceId, actor.workspaceId), eq(transfers.id, id)));
  if (!found) throw notFound('Transfer');
  const r = await lockRequest(tx, actor.workspaceId, found.requestId);
  const [t] = await tx.select().from(transfers).where(and(eq(transfers.workspaceId, actor.workspaceId), eq(transfers.id, id)));
  if (t!.status !== 'pending') throw new AppError('conflict', `This transfer is already ${t!.status}`);
  const isReceiver = actor.userId === t!.toUserId;
  if (!isReceiver && ROLE_RANK[actor.role] < ROLE_RANK.supervisor) throw new AppError('forbidden', 'Only the receiver or a supervisor can answer this transfer');
  return { t: t!, r };
}

/** The receiver (or a supervisor taking it from the queue) accepts: they own the request from now on. */
export async function acceptTransfer(deps: Deps, actor: Actor, id: string, note?: string) {
  requireRole(actor, 'agent');
  await deps.db.transaction(async (tx) => {
    const { t, r } = await lockPendingTransfer(tx, actor, id);
    const pool = await candidates(tx, actor.workspaceId);
    if (!actor.userId || !pool.some((c) => c.userId === actor.userId)) throw new AppError('forbidden', 'Only an active staff member can take a request');
    await tx.update(requests).set({ assigneeId: actor.userId, updatedAt: deps.clock.now() }).where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, r.id)));
    await audit(tx, actor, { action: 'request.reassigned', entity: 'request', entityId: r.id, before: { assigneeId: r.assigneeId }, after: { assigneeId: actor.userId, transferId: t.id } });
    await decide(tx, deps, actor, { ...t, toUserId: t.toUserId }, 'accepted', note ?? null);
    await tx
      .update(escalations)
      .set({ acknowledgedAt: deps.clock.now(), acknowledgedByUserId: actor.userId })
      .where(and(eq(escalations.workspaceId, actor.workspaceId), eq(escalations.requestId, r.id), isNull(escalations.acknowledgedAt)));
  });
  return getTransfer(deps, actor, id);
}

export async function declineTransfer(deps: Deps, actor: Actor, id: string, note?: string) {
  requireRole(actor, 'agent');
  await deps.db.transaction(async (tx) => {
    const { t } = await lockPendingTransfer(tx, actor, id);
    await moveUp(tx, deps, actor, t, 'declined', note ?? null);
  });
  return getTransfer(deps, actor, id);
}

/** Timeout job: a transfer still pending at its deadline moves up a tier. Idempotent; early runs re-arm. */
export async function expireTransfer(deps: Deps, actor: Actor, id: string): Promise<'expired' | 'not_due' | 'done'> {
  return deps.db.transaction(async (tx) => {
    const [found] = await tx.select().from(transfers).where(and(eq(transfers.workspaceId, actor.workspaceId), eq(transfers.id, id)));
    if (!found || found.status !== 'pending') return 'done';
    await lockRequest(tx, actor.workspaceId, found.requestId);
    const [t] = await tx.select().from(transfers).where(and(eq(transfers.workspaceId, actor.workspaceId), eq(transfers.id, id)));
    if (t!.status !== 'pending') return 'done';
    if (deps.clock.now() < t!.expiresAt) {
      await deps.jobs.send(TRANSFER_TIMEOUT_QUEUE, { workspaceId: actor.workspaceId, transferId: id }, { tx, runAt: t!.expiresAt, workspaceId: actor.workspaceId });
      return 'not_due';
    }
    await moveUp(tx, deps, actor, t!, 'expired', 'not accepted in time');
    return 'expired';
  });
}

/** A manual reassignment supersedes any transfer still waiting for acceptance. */
export async function cancelPendingTransfers(tx: Tx, deps: EmitDeps, actor: Actor, requestId: string, why: string): Promise<void> {
  const t = await pendingOf(tx, actor.workspaceId, requestId);
  if (t) await decide(tx, deps, actor, t, 'cancelled', why);
}

const fromUser = alias(users, 'from_user');
const toUser = alias(users, 'to_user');

function transferQuery(tx: Tx) {
  return tx
    .select({ t: transfers, number: requests.number, subject: requests.subject, fromName: fromUser.name, toName: toUser.name })
    .from(transfers)
    .leftJoin(requests, and(eq(requests.workspaceId, transfers.workspaceId), eq(requests.id, transfers.requestId)))
    .leftJoin(fromUser, and(eq(fromUser.workspaceId, transfers.workspaceId), eq(fromUser.id, transfers.fromUserId)))
    .leftJoin(toUser, and(eq(toUser.workspaceId, transfers.workspaceId), eq(toUser.id, transfers.toUserId)));
}

type TransferJoin = { t: TransferRow; number: number | null; subject: string | null; fromName: string | null; toName: string | null };
const toTransfer = ({ t, number, subject, fromName, toName }: TransferJoin): Transfer => ({
  id: t.id,
  requestId: t.requestId,
  requestNumber: number,
  requestSubject: subject,
  escalationId: t.escalationId,
  fromUserId: t.fromUserId,
  fromUserName: fromName,
  toUserId: t.toUserId,
  toUserName: toName,
  toTier: t.toTier,
  note: t.note,
  status: t.status,
  expiresAt: t.expiresAt.toISOString(),
  createdAt: t.createdAt.toISOString(),
  createdByLabel: t.createdByLabel,
  decidedAt: t.decidedAt?.toISOString() ?? null,
  decidedByUserId: t.decidedByUserId,
  decisionNote: t.decisionNote,
});

export async function getTransfer(deps: Deps, actor: Actor, id: string): Promise<Transfer> {
  const [row] = await transferQuery(deps.db).where(and(eq(transfers.workspaceId, actor.workspaceId), eq(transfers.id, id)));
  if (!row) throw notFound('Transfer');
  return toTransfer(row);
}

function escalationQuery(tx: Tx) {
  return tx
    .select({ e: escalations, number: requests.number, subject: requests.subject, status: requests.status })
    .from(escalations)
    .innerJoin(requests, and(eq(requests.workspaceId, escalations.workspaceId), eq(requests.id, escalations.requestId)));
}
const toEscalation = ({ e, number, subject }: { e: typeof escalations.$inferSelect; number: number | null; subject: string | null }): Escalation => ({
  id: e.id,
  requestId: e.requestId,
  requestNumber: number,
  requestSubject: subject,
  trigger: e.trigger,
  reason: e.reason,
  fromUserId: e.fromUserId,
  fromTier: e.fromTier,
  toTier: e.toTier,
  createdAt: e.createdAt.toISOString(),
  createdByLabel: e.createdByLabel,
  acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
  acknowledgedByUserId: e.acknowledgedByUserId,
});

/** The request view's escalation panel. */
export async function requestEscalation(deps: Deps, actor: Actor, requestId: string) {
  const [r] = await deps.db
    .select({ assigneeId: requests.assigneeId, name: users.name })
    .from(requests)
    .leftJoin(users, and(eq(users.workspaceId, requests.workspaceId), eq(users.id, requests.assigneeId)))
    .where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, requestId)));
  if (!r) throw notFound('Request');
  const { tiers } = await getPolicy(deps.db, actor.workspaceId);
  const owner = (await candidates(deps.db, actor.workspaceId, tiers)).find((c) => c.userId === r.assigneeId);
  const ts = (await transferQuery(deps.db).where(and(eq(transfers.workspaceId, actor.workspaceId), eq(transfers.requestId, requestId))).orderBy(desc(transfers.createdAt))).map(toTransfer);
  const es = (await escalationQuery(deps.db).where(and(eq(escalations.workspaceId, actor.workspaceId), eq(escalations.requestId, requestId))).orderBy(desc(escalations.createdAt))).map(toEscalation);
  return {
    ownerId: r.assigneeId,
    ownerName: r.name,
    ownerTier: owner ? tiers[owner.tier]! : null,
    pendingTransfer: ts.find((t) => t.status === 'pending') ?? null,
    transfers: ts,
    escalations: es,
  };
}

/** Escalations nobody has taken yet, transfers waiting for acceptance, and chains that ran out of people. */
export async function supervisorQueue(deps: Deps, actor: Actor) {
  requireRole(actor, 'agent');
  const es = await escalationQuery(deps.db)
    .where(and(eq(escalations.workspaceId, actor.workspaceId), isNull(escalations.acknowledgedAt), inArray(requests.status, OPEN_STATUSES)))
    .orderBy(asc(escalations.createdAt))
    .limit(200);
  const ts = await transferQuery(deps.db)
    .where(and(eq(transfers.workspaceId, actor.workspaceId), inArray(requests.status, OPEN_STATUSES)))
    .orderBy(desc(transfers.createdAt))
    .limit(1000);
  // Per request, the latest transfer tells where the chain stands.
  const latest = new Map<string, TransferJoin>();
  for (const row of ts) if (!latest.has(row.t.requestId)) latest.set(row.t.requestId, row);
  const last = [...latest.values()];
  return {
    escalations: es.map(toEscalation),
    pendingTransfers: last.filter((x) => x.t.status === 'pending').map(toTransfer),
    stalledTransfers: last.filter((x) => x.t.status === 'declined' || x.t.status === 'expired').map(toTransfer),
  };
}
