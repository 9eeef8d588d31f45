import { and, eq, inArray } from 'drizzle-orm';
import { OPEN_STATUSES, type RequestStatus } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { requests, transfers, users, userTiers } from '../../db/schema/index.js';
import { AppError } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { emitEvent } from '../events/events.service.js';
import { accountOwnerOf, candidates, getPolicy, pickAtOrAbove, type Candidate } from './tiers.service.js';
import { moveUp } from './transfers.service.js';

/*
 * The ownership invariant: every open request (new, open, waiting) always has an active,
 * non-viewer owner. It is kept here, in the service layer, at every place ownership can be
 * lost: creation (routing), reassignment (no unassigning an open request), reopening (re-route
 * when the owner left), and a user's deactivation or demotion to viewer (hand-off up the ladder).
 */

export const isOpen = (s: RequestStatus) => OPEN_STATUSES.includes(s);

/** Who gets a new request: the client's account owner if they can own it, else the least-loaded user on the lowest tier. */
export async function routeOwner(tx: Tx, workspaceId: string, clientId: string | null, exclude: ReadonlySet<string> = new Set()): Promise<Candidate> {
  const pool = await candidates(tx, workspaceId);
  if (clientId) {
    const ownerId = await accountOwnerOf(tx, workspaceId, clientId);
    const owner = pool.find((c) => c.userId === ownerId && !exclude.has(c.userId));
    if (owner) return owner;
  }
  const pick = pickAtOrAbove(pool, 0, exclude);
  // Unreachable while a workspace keeps an active owner (users.service refuses to lose the last one).
  if (!pick) throw new AppError('conflict', 'No active staff member can own this request');
  return pick;
}

/** Whether `userId` may own a request right now (active, not a viewer). */
export async function canOwn(tx: Tx, workspaceId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  return (await candidates(tx, workspaceId)).some((c) => c.userId === userId);
}

/**
 * Called after any change that leaves a request open (reopen, status patch): if it has no
 * owner who can own it, routes it. Returns the owner id.
 */
export async function ensureOwner(tx: Tx, deps: Pick<Deps, 'jobs' | 'clock'>, actor: Actor, requestId: string): Promise<string | null> {
  const [r] = await tx.select().from(requests).where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, requestId)));
  if (!r || !isOpen(r.status)) return r?.assigneeId ?? null;
  if (await canOwn(tx, actor.workspaceId, r.assigneeId)) return r.assigneeId;
  const to = await routeOwner(tx, actor.workspaceId, r.clientId);
  await reassign(tx, deps, actor, r, to.userId, r.assigneeId ? 'the owner can no longer own requests' : 'an open request needs an owner');
  return to.userId;
}

/** Refuses a change that would leave an open request without an owner. */
export function assertKeepsOwner(status: RequestStatus, assigneeId: string | null): void {
  if (isOpen(status) && !assigneeId)
    throw new AppError('validation_failed', 'assigneeId: an open request always has an owner; transfer it or assign someone else', 'assigneeId');
}

async function reassign(tx: Tx, deps: Pick<Deps, 'jobs' | 'clock'>, actor: Actor, r: typeof requests.$inferSelect, toUserId: string, why: string) {
  await tx
    .update(requests)
    .set({ assigneeId: toUserId, updatedAt: deps.clock.now() })
    .where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, r.id)));
  await audit(tx, actor, { action: 'request.reassigned', entity: 'request', entityId: r.id, before: { assigneeId: r.assigneeId }, after: { assigneeId: toUserId, reason: why } });
  await emitEvent(tx, deps, { workspaceId: actor.workspaceId, type: 'request.reassigned', requestId: r.id, clientId: r.clientId, data: { from: r.assigneeId, to: toUserId, reason: why } });
}

/**
 * A user stops being able to own requests (deactivated, or made a viewer): each open request
 * they own goes to the least-loaded user on the next tier up (else anyone who can own it), and
 * each transfer waiting for their acceptance moves up a tier. Run in the transaction that
 * changes the user, after the change.
 */
export async function handOffUser(tx: Tx, deps: Pick<Deps, 'jobs' | 'clock'>, actor: Actor, userId: string): Promise<void> {
  const { tiers } = await getPolicy(tx, actor.workspaceId);
  const owned = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.assigneeId, userId), inArray(requests.status, OPEN_STATUSES)))
    .for('update');
  if (owned.length) {
    const pool = await candidates(tx, actor.workspaceId, tiers);
    const gone = new Set([userId]);
    // Their tier as it was: the user row is already changed, so read it from the role-independent default.
    const fromTier = await formerTier(tx, actor.workspaceId, userId, tiers);
    for (const r of owned) {
      const to = pickAtOrAbove(pool, fromTier + 1, gone) ?? pickAtOrAbove(pool, 0, gone);
      if (!to) throw new AppError('conflict', 'No one else can take over this user’s open requests');
      to.load++;
      await reassign(tx, deps, actor, r, to.userId, 'the previous owner was deactivated or made a viewer');
    }
  }
  const waiting = await tx
    .select()
    .from(transfers)
    .where(and(eq(transfers.workspaceId, actor.workspaceId), eq(transfers.toUserId, userId), eq(transfers.status, 'pending')));
  for (const t of waiting) await moveUp(tx, deps, actor, t, 'cancelled', 'the receiver was deactivated or made a viewer');
}

async function formerTier(tx: Tx, workspaceId: string, userId: string, tiers: string[]): Promise<number> {
  const [u] = await tx
    .select({ tier: userTiers.tier, role: users.role })
    .from(users)
    .leftJoin(userTiers, and(eq(userTiers.workspaceId, users.workspaceId), eq(userTiers.userId, users.id)))
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  if (u?.tier && tiers.includes(u.tier)) return tiers.indexOf(u.tier);
  const byRole = u ? tiers.indexOf(u.role) : -1;
  return byRole >= 0 ? byRole : 0;
}
