import { and, asc, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { SlaPolicyInput, SlaPolicyPatch } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { slaPolicies } from '../../db/schema/index.js';
import { notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';

type Row = typeof slaPolicies.$inferSelect;
const toPolicy = (p: Row) => ({ ...p, workspaceId: undefined, holidays: p.holidays ?? [], createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() });

export async function listPolicies(deps: Deps, actor: Actor) {
  const rows = await deps.db.select().from(slaPolicies).where(eq(slaPolicies.workspaceId, actor.workspaceId)).orderBy(asc(slaPolicies.name));
  return { items: rows.map(toPolicy), nextCursor: null };
}

export async function findPolicy(tx: Tx, workspaceId: string, id: string) {
  const [p] = await tx.select().from(slaPolicies).where(and(eq(slaPolicies.workspaceId, workspaceId), eq(slaPolicies.id, id)));
  if (!p) throw notFound('SLA policy');
  return p;
}

export async function getPolicy(deps: Deps, actor: Actor, id: string) {
  return toPolicy(await findPolicy(deps.db, actor.workspaceId, id));
}

/** Only one default per workspace: making one the default unsets the others. */
async function clearDefault(tx: Tx, workspaceId: string, except?: string) {
  await tx
    .update(slaPolicies)
    .set({ isDefault: false })
    .where(and(eq(slaPolicies.workspaceId, workspaceId), eq(slaPolicies.isDefault, true), except ? ne(slaPolicies.id, except) : undefined));
}

/**
 * Every new workspace starts with a standard policy (weekdays 09:00–17:00 in its timezone; first
 * response within 4 business hours for normal priority), so SLA clocks run from the first
 * request; owners tune it or add agreements per client.
 */
export async function createStarterPolicy(tx: Tx, workspaceId: string, timezone: string): Promise<void> {
  const day = [{ open: '09:00', close: '17:00' }];
  await tx.insert(slaPolicies).values({
    workspaceId,
    name: 'Standard',
    isDefault: true,
    timezone,
    hours: { mon: day, tue: day, wed: day, thu: day, fri: day },
    holidays: [],
    firstResponseMinutes: { low: 960, normal: 240, high: 120, urgent: 60 },
    resolutionMinutes: { low: 4800, normal: 2400, high: 960, urgent: 480 },
  });
}

export async function createPolicy(deps: Deps, actor: Actor, input: z.output<typeof SlaPolicyInput>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    if (input.isDefault) await clearDefault(tx, actor.workspaceId);
    const now = deps.clock.now();
    const [p] = await tx
      .insert(slaPolicies)
      .values({ workspaceId: actor.workspaceId, ...input, resolutionMinutes: input.resolutionMinutes ?? null, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, actor, { action: 'sla_policy.created', entity: 'sla_policy', entityId: p!.id, after: input });
    return toPolicy(p!);
  });
}

export async function updatePolicy(deps: Deps, actor: Actor, id: string, patch: z.output<typeof SlaPolicyPatch>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findPolicy(tx, actor.workspaceId, id);
    if (patch.isDefault) await clearDefault(tx, actor.workspaceId, id);
    const [p] = await tx
      .update(slaPolicies)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(slaPolicies.workspaceId, actor.workspaceId), eq(slaPolicies.id, id)))
      .returning();
    await audit(tx, actor, { action: 'sla_policy.updated', entity: 'sla_policy', entityId: id, before: { ...before, workspaceId: undefined }, after: patch });
    return toPolicy(p!);
  });
}
