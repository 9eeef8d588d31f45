import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DEFAULT_TIERS, OPEN_STATUSES, type EscalationPolicy, type Role, type StaffTier } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { accountOwners, clients, escalationPolicies, requests, users, userTiers } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';

export const DEFAULT_ACCEPT_MINUTES = 30;

export async function getPolicy(tx: Tx, workspaceId: string): Promise<EscalationPolicy> {
  const [p] = await tx.select().from(escalationPolicies).where(eq(escalationPolicies.workspaceId, workspaceId));
  return p ? { tiers: p.tiers, acceptMinutes: p.acceptMinutes } : { tiers: [...DEFAULT_TIERS], acceptMinutes: DEFAULT_ACCEPT_MINUTES };
}

export async function updatePolicy(deps: Deps, actor: Actor, patch: Partial<EscalationPolicy>): Promise<EscalationPolicy> {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const before = await getPolicy(tx, actor.workspaceId);
    const after = { ...before, ...patch };
    await tx
      .insert(escalationPolicies)
      .values({ workspaceId: actor.workspaceId, ...after, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({ target: escalationPolicies.workspaceId, set: { ...after, updatedAt: deps.clock.now() } });
    await audit(tx, actor, { action: 'escalation.policy_updated', entity: 'escalation_policy', entityId: actor.workspaceId, before, after });
    return after;
  });
}

/**
 * A user's position on the ladder: their explicit tier if it is on the ladder, else the tier
 * named after their role, else the bottom (agents), the top (owners) or the one below the top
 * (supervisors). Viewers have none: they cannot own requests.
 */
export function tierIndex(tiers: string[], role: Role, explicit: string | null): number | null {
  if (role === 'viewer') return null;
  if (explicit) {
    const i = tiers.indexOf(explicit);
    if (i >= 0) return i;
  }
  const byRole = tiers.indexOf(role);
  if (byRole >= 0) return byRole;
  if (role === 'owner') return tiers.length - 1;
  if (role === 'supervisor') return Math.max(0, tiers.length - 2);
  return 0;
}

/** A user who may own requests right now, with their tier and open load. */
export interface Candidate {
  userId: string;
  name: string;
  role: Role;
  tier: number;
  load: number;
}

/** Every active non-viewer user with tier and number of open requests they own. */
export async function candidates(tx: Tx, workspaceId: string, tiers?: string[]): Promise<Candidate[]> {
  const ladder = tiers ?? (await getPolicy(tx, workspaceId)).tiers;
  const load = tx
    .select({ assigneeId: requests.assigneeId, n: sql<number>`count(*)::int`.as('n') })
    .from(requests)
    .where(and(eq(requests.workspaceId, workspaceId), inArray(requests.status, OPEN_STATUSES)))
    .groupBy(requests.assigneeId)
    .as('load');
  const out = await tx
    .select({ id: users.id, name: users.name, role: users.role, tier: userTiers.tier, n: load.n })
    .from(users)
    .leftJoin(userTiers, and(eq(userTiers.workspaceId, users.workspaceId), eq(userTiers.userId, users.id)))
    .leftJoin(load, eq(load.assigneeId, users.id))
    .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true)))
    .orderBy(asc(users.id));
  return out.flatMap((u) => {
    const t = tierIndex(ladder, u.role, u.tier);
    return t === null ? [] : [{ userId: u.id, name: u.name, role: u.role, tier: t, load: u.n ?? 0 }];
  });
}

/** Least-loaded candidate on the lowest tier at or above `minTier`, skipping `exclude`. */
export function pickAtOrAbove(pool: Candidate[], minTier: number, exclude: ReadonlySet<string> = new Set()): Candidate | undefined {
  return pool
    .filter((c) => c.tier >= minTier && !exclude.has(c.userId))
    .sort((a, b) => a.tier - b.tier || a.load - b.load || (a.userId < b.userId ? -1 : 1))[0];
}

export async function listStaffTiers(deps: Deps, actor: Actor): Promise<StaffTier[]> {
  const { tiers } = await getPolicy(deps.db, actor.workspaceId);
  const pool = new Map((await candidates(deps.db, actor.workspaceId, tiers)).map((c) => [c.userId, c]));
  const out = await deps.db
    .select({ u: users, tier: userTiers.tier })
    .from(users)
    .leftJoin(userTiers, and(eq(userTiers.workspaceId, users.workspaceId), eq(userTiers.userId, users.id)))
    .where(eq(users.workspaceId, actor.workspaceId))
    .orderBy(asc(users.name));
  return out.map(({ u, tier }) => {
    const t = tierIndex(tiers, u.role, tier);
    return {
      userId: u.id,
      name: u.name,
      role: u.role,
      active: u.active,
      tier: t === null ? null : tiers[t]!,
      explicit: tier !== null && tiers.includes(tier),
      openRequests: pool.get(u.id)?.load ?? 0,
    };
  });
}

export async function setUserTier(deps: Deps, actor: Actor, userId: string, tier: string): Promise<StaffTier> {
  requireRole(actor, 'supervisor');
  await deps.db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, userId)));
    if (!u) throw notFound('User');
    const { tiers } = await getPolicy(tx, actor.workspaceId);
    if (!tiers.includes(tier)) throw new AppError('validation_failed', `tier: not on this workspace's ladder (${tiers.join(', ')})`, 'tier');
    if (u.role === 'viewer') throw new AppError('validation_failed', 'tier: viewers cannot own requests, so they have no tier', 'tier');
    const [before] = await tx.select().from(userTiers).where(and(eq(userTiers.workspaceId, actor.workspaceId), eq(userTiers.userId, userId)));
    await tx
      .insert(userTiers)
      .values({ workspaceId: actor.workspaceId, userId, tier, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({ target: [userTiers.workspaceId, userTiers.userId], set: { tier, updatedAt: deps.clock.now() } });
    await audit(tx, actor, { action: 'user.tier_set', entity: 'user', entityId: userId, before: { tier: before?.tier ?? null }, after: { tier } });
  });
  const all = await listStaffTiers(deps, actor);
  return all.find((s) => s.userId === userId)!;
}

export async function accountOwnerOf(tx: Tx, workspaceId: string, clientId: string): Promise<string | null> {
  const [o] = await tx.select().from(accountOwners).where(and(eq(accountOwners.workspaceId, workspaceId), eq(accountOwners.clientId, clientId)));
  return o?.userId ?? null;
}

export async function setAccountOwner(deps: Deps, actor: Actor, clientId: string, userId: string) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const [c] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.workspaceId, actor.workspaceId), eq(clients.id, clientId)));
    if (!c) throw notFound('Client');
    const pool = await candidates(tx, actor.workspaceId);
    const who = pool.find((p) => p.userId === userId);
    if (!who) throw new AppError('validation_failed', 'userId: no active, non-viewer user with this id', 'userId');
    const before = await accountOwnerOf(tx, actor.workspaceId, clientId);
    await tx
      .insert(accountOwners)
      .values({ workspaceId: actor.workspaceId, clientId, userId, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({ target: [accountOwners.workspaceId, accountOwners.clientId], set: { userId, updatedAt: deps.clock.now() } });
    await audit(tx, actor, { action: 'client.account_owner_set', entity: 'client', entityId: clientId, before: { userId: before }, after: { userId } });
    return { clientId, userId, userName: who.name };
  });
}
