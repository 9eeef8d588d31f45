import { and, asc, eq, ne } from 'drizzle-orm';
import { ROLE_RANK, type Role } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { sessions, users } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { audit, diff } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { toUser } from '../auth/auth.service.js';
import { handOffUser } from '../escalation/ownership.service.js';

export async function listUsers(deps: Deps, actor: Actor) {
  const rowsOut = await deps.db.select().from(users).where(eq(users.workspaceId, actor.workspaceId)).orderBy(asc(users.name));
  return rowsOut.map(toUser);
}

export async function getUser(deps: Deps, actor: Actor, id: string) {
  const [u] = await deps.db.select().from(users).where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, id)));
  if (!u) throw notFound('User');
  return u;
}

/**
 * Changes a user's role, name or active flag. Supervisors manage agents and viewers; only owners
 * touch owners and supervisors; the last active owner can be neither demoted nor deactivated.
 */
export async function updateUser(deps: Deps, actor: Actor, id: string, patch: { role?: Role; active?: boolean; name?: string }) {
  const target = await getUser(deps, actor, id);
  const self = actor.userId === id;
  if (!self || patch.role !== undefined || patch.active !== undefined) requireRole(actor, 'supervisor');
  const touchesPower = ROLE_RANK[target.role] >= ROLE_RANK.supervisor || (patch.role && ROLE_RANK[patch.role] >= ROLE_RANK.supervisor);
  if (touchesPower && actor.role !== 'owner' && !(self && patch.role === undefined && patch.active === undefined))
    throw new AppError('forbidden', 'Only an owner can change owners and supervisors');
  return deps.db.transaction(async (tx) => {
    if (target.role === 'owner' && ((patch.role && patch.role !== 'owner') || patch.active === false)) {
      const others = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.role, 'owner'), eq(users.active, true), ne(users.id, id)));
      if (!others.length) throw new AppError('conflict', 'A workspace needs at least one active owner', patch.role ? 'role' : 'active');
    }
    const [u] = await tx
      .update(users)
      .set(patch)
      .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, id)))
      .returning();
    if (patch.active === false) await tx.delete(sessions).where(and(eq(sessions.workspaceId, actor.workspaceId), eq(sessions.userId, id)));
    // Ownership invariant: whoever can no longer own requests hands them up the ladder, in this transaction.
    if ((patch.active === false && target.active) || (patch.role === 'viewer' && target.role !== 'viewer')) await handOffUser(tx, deps, actor, id);
    const d = diff(toUser(target), toUser(u!));
    await audit(tx, actor, { action: 'user.updated', entity: 'user', entityId: id, ...d });
    return toUser(u!);
  });
}
