import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema/index.js';
import type { Tx } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import { asDate, keyset } from '../../infra/keyset.js';

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records who changed what, with the before/after state; call inside the change's transaction. */
export async function audit(tx: Tx, actor: Actor, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: (entry.before ?? null) as object | null,
    after: (entry.after ?? null) as object | null,
  });
}

/** Only the fields that changed, for compact before/after rows. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}

/** Audit entry for a change the system made on its own (analysis, jobs, mail). */
export async function auditSystem(tx: Tx, workspaceId: string, label: string, entry: AuditInput): Promise<void> {
  await audit(tx, { workspaceId, userId: null, role: 'owner', label, via: 'system' }, entry);
}

export async function listAudit(tx: Tx, workspaceId: string, q: { entity?: string; entityId?: string; limit: number; cursor?: string }) {
  const ks = keyset({ col: auditLog.createdAt, id: auditLog.id, dir: 'desc', cursor: q.cursor, decode: asDate });
  const rowsOut = await tx
    .select({ a: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, and(eq(users.workspaceId, auditLog.workspaceId), eq(users.id, auditLog.actorUserId)))
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        q.entity ? eq(auditLog.entity, q.entity) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  return {
    items: rowsOut.slice(0, q.limit).map(({ a, actorName }) => ({
      id: a.id,
      actorUserId: a.actorUserId,
      actorName: actorName ?? a.actorLabel,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      before: a.before ?? null,
      after: a.after ?? null,
      createdAt: a.createdAt.toISOString(),
    })),
    nextCursor: ks.next(rowsOut, q.limit, (r) => ({ v: r.a.createdAt, id: r.a.id })),
  };
}
