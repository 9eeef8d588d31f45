import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { suggestReferrals } from '@fitdesk/core';
import type { Provider, ProviderInput, ProviderPatch } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { referralProviders } from '../../db/schema/index.js';
import { notFound } from '../../infra/errors.js';
import { audit, diff } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';

type Row = typeof referralProviders.$inferSelect;
export const toProvider = (r: Row): Provider => ({ id: r.id, name: r.name, specialties: r.specialties, contact: r.contact, notes: r.notes, createdAt: r.createdAt.toISOString() });

export async function directory(tx: Tx, workspaceId: string): Promise<Row[]> {
  return tx.select().from(referralProviders).where(eq(referralProviders.workspaceId, workspaceId)).orderBy(asc(referralProviders.name), asc(referralProviders.id));
}

export async function listProviders(deps: Deps, actor: Actor) {
  return { items: (await directory(deps.db, actor.workspaceId)).map(toProvider) };
}

async function findProvider(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx.select().from(referralProviders).where(and(eq(referralProviders.workspaceId, workspaceId), eq(referralProviders.id, id)));
  if (!row) throw notFound('Provider');
  return row;
}

export async function getProvider(deps: Deps, actor: Actor, id: string) {
  return toProvider(await findProvider(deps.db, actor.workspaceId, id));
}

export async function createProvider(deps: Deps, actor: Actor, input: z.output<typeof ProviderInput>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(referralProviders).values({ ...input, workspaceId: actor.workspaceId, createdAt: deps.clock.now() }).returning();
    await audit(tx, actor, { action: 'provider.created', entity: 'provider', entityId: row!.id, after: toProvider(row!) });
    return toProvider(row!);
  });
}

export async function updateProvider(deps: Deps, actor: Actor, id: string, patch: z.output<typeof ProviderPatch>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findProvider(tx, actor.workspaceId, id);
    const [row] = await tx.update(referralProviders).set(patch).where(and(eq(referralProviders.workspaceId, actor.workspaceId), eq(referralProviders.id, id))).returning();
    await audit(tx, actor, { action: 'provider.updated', entity: 'provider', entityId: id, ...diff(toProvider(before), toProvider(row!)) });
    return toProvider(row!);
  });
}

export async function deleteProvider(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findProvider(tx, actor.workspaceId, id);
    await tx.delete(referralProviders).where(and(eq(referralProviders.workspaceId, actor.workspaceId), eq(referralProviders.id, id)));
    await audit(tx, actor, { action: 'provider.deleted', entity: 'provider', entityId: id, before: toProvider(before) });
    return { ok: true as const };
  });
}

/** Providers ranked for a set of needs (the client's goals, out-of-scope asks). */
export async function suggestFor(tx: Tx, workspaceId: string, needs: string | string[], limit = 5) {
  const rows = await directory(tx, workspaceId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return suggestReferrals(needs, rows, { limit }).map((s) => ({ ...s, provider: toProvider(byId.get(s.id)!) }));
}

export async function suggestProviders(deps: Deps, actor: Actor, needs: string | string[]) {
  return { items: await suggestFor(deps.db, actor.workspaceId, needs) };
}
