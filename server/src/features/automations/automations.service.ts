import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AutomationAction, AutomationRule, AutomationRuleInput, AutomationRulePatch, AutomationRun, EscalationPresetBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { automationRules, automationRuns, notifications, webhookEndpoints } from '../../db/schema/index.js';
import { asDate, keyset } from '../../infra/keyset.js';
import { AppError, notFound } from '../../infra/errors.js';
import { audit, diff } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { candidates, getPolicy } from '../escalation/tiers.service.js';
import { findTemplate } from '../playbooks/templates.service.js';

type RuleRow = typeof automationRules.$inferSelect;

const toRule = (r: RuleRow): AutomationRule => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  position: r.position,
  event: r.event as AutomationRule['event'],
  conditions: r.conditions as AutomationRule['conditions'],
  actions: r.actions as AutomationAction[],
  stopProcessing: r.stopProcessing,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

async function findRule(tx: Tx, workspaceId: string, id: string): Promise<RuleRow> {
  const [r] = await tx.select().from(automationRules).where(and(eq(automationRules.workspaceId, workspaceId), eq(automationRules.id, id)));
  if (!r) throw notFound('Automation rule');
  return r;
}

/** Actions point at users, templates, endpoints and tiers of this workspace: checked when the rule is saved, naming the field. */
async function checkActions(tx: Tx, workspaceId: string, actions: AutomationAction[]): Promise<void> {
  const pool = await candidates(tx, workspaceId);
  const { tiers } = await getPolicy(tx, workspaceId);
  for (const [i, a] of actions.entries()) {
    const field = `actions.${i}`;
    if (a.type === 'assign' && !pool.some((c) => c.userId === a.userId)) throw new AppError('validation_failed', `${field}.userId: no active, non-viewer user with this id`, `${field}.userId`);
    if (a.type === 'notify' && a.to.length === 36 && !pool.some((c) => c.userId === a.to)) throw new AppError('validation_failed', `${field}.to: no active user with this id`, `${field}.to`);
    if (a.type === 'escalate' && a.toTier && !tiers.includes(a.toTier)) throw new AppError('validation_failed', `${field}.toTier: not on this workspace's ladder (${tiers.join(', ')})`, `${field}.toTier`);
    if (a.type === 'template')
      await findTemplate(tx, workspaceId, a.templateId).catch(() => {
        throw new AppError('validation_failed', `${field}.templateId: no such template`, `${field}.templateId`);
      });
    if (a.type === 'webhook') {
      const [ep] = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, a.endpointId)));
      if (!ep) throw new AppError('validation_failed', `${field}.endpointId: no such webhook endpoint`, `${field}.endpointId`);
    }
  }
}

export async function listRules(deps: Deps, actor: Actor) {
  requireRole(actor, 'agent');
  const out = await deps.db.select().from(automationRules).where(eq(automationRules.workspaceId, actor.workspaceId)).orderBy(asc(automationRules.position), asc(automationRules.createdAt));
  return { items: out.map(toRule) };
}

export async function getRule(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'agent');
  return toRule(await findRule(deps.db, actor.workspaceId, id));
}

export async function createRule(deps: Deps, actor: Actor, body: z.output<typeof AutomationRuleInput>, tx?: Tx): Promise<AutomationRule> {
  requireRole(actor, 'supervisor');
  const run = async (tx: Tx) => {
    await checkActions(tx, actor.workspaceId, body.actions);
    const [max] = await tx.select({ p: sql<number>`coalesce(max(${automationRules.position}), 0)::int` }).from(automationRules).where(eq(automationRules.workspaceId, actor.workspaceId));
    const now = deps.clock.now();
    const [r] = await tx
      .insert(automationRules)
      .values({ workspaceId: actor.workspaceId, ...body, position: (max?.p ?? 0) + 1, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, actor, { action: 'automation.created', entity: 'automation', entityId: r!.id, after: toRule(r!) });
    return toRule(r!);
  };
  return tx ? run(tx) : deps.db.transaction(run);
}

export async function updateRule(deps: Deps, actor: Actor, id: string, patch: z.output<typeof AutomationRulePatch>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findRule(tx, actor.workspaceId, id);
    if (patch.actions) await checkActions(tx, actor.workspaceId, patch.actions);
    const [r] = await tx
      .update(automationRules)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(automationRules.workspaceId, actor.workspaceId), eq(automationRules.id, id)))
      .returning();
    const d = diff(toRule(before) as unknown as Record<string, unknown>, patch as Record<string, unknown>);
    if (Object.keys(d.after).length) await audit(tx, actor, { action: 'automation.updated', entity: 'automation', entityId: id, ...d });
    return toRule(r!);
  });
}

export async function deleteRule(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'supervisor');
  await deps.db.transaction(async (tx) => {
    const before = await findRule(tx, actor.workspaceId, id);
    await tx.delete(automationRules).where(and(eq(automationRules.workspaceId, actor.workspaceId), eq(automationRules.id, id)));
    await audit(tx, actor, { action: 'automation.deleted', entity: 'automation', entityId: id, before: toRule(before) });
  });
  return { ok: true as const };
}

/** Sets the evaluation order: the given ids first, in that order, then any others as they were. */
export async function reorderRules(deps: Deps, actor: Actor, ids: string[]) {
  requireRole(actor, 'supervisor');
  await deps.db.transaction(async (tx) => {
    const all = await tx.select().from(automationRules).where(eq(automationRules.workspaceId, actor.workspaceId)).orderBy(asc(automationRules.position));
    const known = new Set(all.map((r) => r.id));
    const bad = ids.findIndex((id) => !known.has(id));
    if (bad >= 0) throw new AppError('validation_failed', `ids.${bad}: no such rule`, `ids.${bad}`);
    const order = [...new Set(ids), ...all.map((r) => r.id).filter((id) => !ids.includes(id))];
    for (const [i, id] of order.entries()) await tx.update(automationRules).set({ position: i + 1 }).where(and(eq(automationRules.workspaceId, actor.workspaceId), eq(automationRules.id, id)));
    await audit(tx, actor, { action: 'automation.reordered', entity: 'automation', before: all.map((r) => r.id), after: order });
  });
  return listRules(deps, actor);
}

/** The ready-made escalation rules: irate/abusive tone, SLA breach, repeat contacts. */
export async function createEscalationPresets(deps: Deps, actor: Actor, body: z.output<typeof EscalationPresetBody>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const mk = (input: z.output<typeof AutomationRuleInput>) => createRule(deps, actor, input, tx);
    const items = [
      await mk({ name: 'Escalate irate or abusive messages', enabled: true, event: 'message.received', conditions: { tone: ['irate', 'abusive'] }, actions: [{ type: 'escalate', reason: 'Irate or abusive message', toTier: 'supervisor' }], stopProcessing: false }),
      await mk({ name: 'Escalate SLA breaches', enabled: true, event: 'sla.breach', conditions: {}, actions: [{ type: 'escalate', reason: 'SLA breached' }], stopProcessing: false }),
      await mk({
        name: `Escalate ${body.repeatContacts.atLeast} contacts within ${body.repeatContacts.withinHours} h`,
        enabled: true,
        event: 'message.received',
        conditions: { repeatContacts: body.repeatContacts },
        actions: [{ type: 'escalate', reason: `Client wrote ${body.repeatContacts.atLeast}+ times within ${body.repeatContacts.withinHours} hours` }],
        stopProcessing: false,
      }),
    ];
    return { items };
  });
}

export async function listRuns(deps: Deps, actor: Actor, ruleId: string, q: { limit: number; cursor?: string }) {
  requireRole(actor, 'agent');
  await findRule(deps.db, actor.workspaceId, ruleId);
  const ks = keyset({ col: automationRuns.createdAt, id: automationRuns.id, dir: 'desc', cursor: q.cursor, decode: asDate });
  const out = await deps.db
    .select()
    .from(automationRuns)
    .where(
      and(
        eq(automationRuns.workspaceId, actor.workspaceId),
        eq(automationRuns.ruleId, ruleId),
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  const page = out.slice(0, q.limit);
  return {
    items: page.map(
      (r): AutomationRun => ({
        id: r.id,
        ruleId: r.ruleId,
        eventId: r.eventId,
        eventType: r.eventType,
        requestId: r.requestId,
        outcome: r.outcome,
        detail: r.detail,
        createdAt: r.createdAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      }),
    ),
    nextCursor: ks.next(out, q.limit, (r) => ({ v: r.createdAt, id: r.id })),
  };
}

export async function listNotifications(deps: Deps, actor: Actor, unreadOnly: boolean) {
  if (!actor.userId) return { items: [] };
  const out = await deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.workspaceId, actor.workspaceId), eq(notifications.userId, actor.userId), unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(100);
  return { items: out.map((n) => ({ id: n.id, requestId: n.requestId, message: n.message, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })) };
}

/** Marks the caller's own notifications read; ids of anyone else's are ignored. */
export async function markNotificationsRead(deps: Deps, actor: Actor, ids: string[]) {
  if (!actor.userId) return { updated: 0 };
  const out = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.workspaceId, actor.workspaceId), eq(notifications.userId, actor.userId), inArray(notifications.id, ids), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: out.length };
}
