import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { PlaybookStepInput, RequestTypeInput, RequestTypePatch } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { clients, requests, requestTypes, slaPolicies } from '../../db/schema/index.js';
import { AppError, invalid, notFound } from '../../infra/errors.js';
import { audit, auditSystem } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import type { InboundContext } from '../requests/inbound.js';
import { matchRequestType } from './match-type.js';

type Row = typeof requestTypes.$inferSelect;
export const toRequestType = (r: Row) => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  rules: r.rules as z.output<typeof RequestTypeInput>['rules'],
  steps: r.steps,
  slaPolicyId: r.slaPolicyId,
  position: r.position,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'step';

/** Step ids stay stable across edits (ticks refer to them): kept when given, else from the title, made unique. */
export function withStepIds(steps: z.output<typeof PlaybookStepInput>[]) {
  const seen = new Set<string>();
  return steps.map((s) => {
    let id = s.id ?? slug(s.title);
    for (let n = 2; seen.has(id); n++) id = `${s.id ?? slug(s.title)}-${n}`;
    seen.add(id);
    return { id, title: s.title, description: s.description };
  });
}

export async function listRequestTypes(tx: Tx, workspaceId: string, activeOnly = false) {
  return tx
    .select()
    .from(requestTypes)
    .where(and(eq(requestTypes.workspaceId, workspaceId), activeOnly ? eq(requestTypes.active, true) : undefined))
    .orderBy(asc(requestTypes.position), asc(requestTypes.name));
}

export async function findRequestType(tx: Tx, workspaceId: string, id: string) {
  const [t] = await tx.select().from(requestTypes).where(and(eq(requestTypes.workspaceId, workspaceId), eq(requestTypes.id, id)));
  if (!t) throw notFound('Request type');
  return t;
}

export async function findRequestTypeByKey(tx: Tx, workspaceId: string, key: string | null) {
  if (!key) return null;
  const [t] = await tx.select().from(requestTypes).where(and(eq(requestTypes.workspaceId, workspaceId), eq(requestTypes.key, key)));
  return t ?? null;
}

async function assertPolicy(tx: Tx, workspaceId: string, id: string | null | undefined) {
  if (!id) return;
  const [p] = await tx.select({ id: slaPolicies.id }).from(slaPolicies).where(and(eq(slaPolicies.workspaceId, workspaceId), eq(slaPolicies.id, id)));
  if (!p) throw invalid('slaPolicyId', 'slaPolicyId: no such SLA policy');
}

async function assertKeyFree(tx: Tx, workspaceId: string, key: string, except?: string) {
  const t = await findRequestTypeByKey(tx, workspaceId, key);
  if (t && t.id !== except) throw new AppError('conflict', `A request type with key "${key}" exists`, 'key');
}

export async function createRequestType(deps: Deps, actor: Actor, input: z.output<typeof RequestTypeInput>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    await assertPolicy(tx, actor.workspaceId, input.slaPolicyId);
    await assertKeyFree(tx, actor.workspaceId, input.key);
    const now = deps.clock.now();
    const [t] = await tx
      .insert(requestTypes)
      .values({ workspaceId: actor.workspaceId, ...input, steps: withStepIds(input.steps), createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, actor, { action: 'request_type.created', entity: 'request_type', entityId: t!.id, after: toRequestType(t!) });
    return toRequestType(t!);
  });
}

export async function updateRequestType(deps: Deps, actor: Actor, id: string, patch: z.output<typeof RequestTypePatch>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findRequestType(tx, actor.workspaceId, id);
    await assertPolicy(tx, actor.workspaceId, patch.slaPolicyId);
    if (patch.key && patch.key !== before.key) await assertKeyFree(tx, actor.workspaceId, patch.key, id);
    const set = { ...patch, steps: patch.steps ? withStepIds(patch.steps) : undefined, updatedAt: deps.clock.now() };
    const [t] = await tx.update(requestTypes).set(set).where(and(eq(requestTypes.workspaceId, actor.workspaceId), eq(requestTypes.id, id))).returning();
    // Requests keep pointing at the type by key.
    if (patch.key && patch.key !== before.key)
      await tx.update(requests).set({ type: patch.key }).where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.type, before.key)));
    await audit(tx, actor, { action: 'request_type.updated', entity: 'request_type', entityId: id, before: toRequestType(before), after: patch });
    return toRequestType(t!);
  });
}

/**
 * Inbound step: a new request without a type gets the first active type whose rules match
 * (keywords in subject/body, channel, client tier, client). Staff can change it afterwards.
 */
export function typeRequestStep() {
  return async (ctx: InboundContext): Promise<void> => {
    if (!ctx.isNew || ctx.request.type) return;
    const types = await listRequestTypes(ctx.tx, ctx.workspaceId, true);
    if (!types.length) return;
    let tier: string | null = null;
    if (ctx.request.clientId) {
      const [c] = await ctx.tx.select({ tier: clients.tier }).from(clients).where(and(eq(clients.workspaceId, ctx.workspaceId), eq(clients.id, ctx.request.clientId)));
      tier = c?.tier ?? null;
    }
    const hit = matchRequestType(types, {
      subject: ctx.request.subject,
      body: ctx.message.analysis?.cleanedText ?? ctx.message.bodyText,
      channel: ctx.request.channel,
      clientTier: tier,
      clientId: ctx.request.clientId,
    });
    if (!hit) return;
    await ctx.tx.update(requests).set({ type: hit.type.key }).where(and(eq(requests.workspaceId, ctx.workspaceId), eq(requests.id, ctx.request.id)));
    ctx.request.type = hit.type.key;
    await auditSystem(ctx.tx, ctx.workspaceId, 'playbooks', { action: 'request.typed', entity: 'request', entityId: ctx.request.id, after: { type: hit.type.key, reasons: hit.reasons } });
  };
}
