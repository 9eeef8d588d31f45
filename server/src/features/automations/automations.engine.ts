import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { AutomationAction, AutomationConditions, MessageAnalysis } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { automationRules, automationRuns, clients, messages, notifications, requests, users } from '../../db/schema/index.js';
import { AppError } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { systemActor, type Actor } from '../auth/actor.js';
import { withCause, type EventRow } from '../events/events.service.js';
import { escalateRequest } from '../escalation/transfers.service.js';
import { applyTemplate } from '../playbooks/templates.service.js';
import { updateRequest } from '../requests/requests.service.js';
import { sendToEndpoint } from '../webhooks/webhooks.service.js';

/**
 * Events at this depth or deeper do not run automations: a person's change (depth 0) may
 * trigger rules, whose actions emit depth-1 events, which trigger nothing. With the
 * (rule, event) uniqueness of runs, a rule fires at most once per event and rules cannot loop.
 */
export const MAX_AUTOMATION_DEPTH = 1;

type RequestRow = typeof requests.$inferSelect;
type RuleRow = typeof automationRules.$inferSelect;

interface Facts {
  request: RequestRow | null;
  clientTier: string | null;
  analysis: MessageAnalysis | null;
  contactMessagesInWindow: (hours: number) => Promise<number>;
  changedFields: string[];
}

async function gatherFacts(tx: Tx, deps: Deps, e: EventRow): Promise<Facts> {
  const [request] = e.requestId ? await tx.select().from(requests).where(and(eq(requests.workspaceId, e.workspaceId), eq(requests.id, e.requestId))) : [];
  let clientTier: string | null = null;
  const clientId = request?.clientId ?? e.clientId;
  if (clientId) {
    const [c] = await tx.select({ tier: clients.tier }).from(clients).where(and(eq(clients.workspaceId, e.workspaceId), eq(clients.id, clientId)));
    clientTier = c?.tier ?? null;
  }
  const messageId = typeof e.data.messageId === 'string' ? e.data.messageId : null;
  const [m] = messageId
    ? await tx.select({ analysis: messages.analysis }).from(messages).where(and(eq(messages.workspaceId, e.workspaceId), eq(messages.id, messageId)))
    : request
      ? await tx
          .select({ analysis: messages.analysis })
          .from(messages)
          .where(and(eq(messages.workspaceId, e.workspaceId), eq(messages.requestId, request.id), eq(messages.direction, 'inbound')))
          .orderBy(desc(messages.sentAt))
          .limit(1)
      : [];
  const changes = e.data.changes;
  return {
    request: request ?? null,
    clientTier,
    analysis: m?.analysis ?? null,
    changedFields: changes && typeof changes === 'object' ? Object.keys(changes) : [],
    contactMessagesInWindow: async (hours) => {
      if (!request?.contactId) return 0;
      const since = new Date(deps.clock.now().getTime() - hours * 3600_000);
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(and(eq(messages.workspaceId, e.workspaceId), eq(messages.authorContactId, request.contactId), eq(messages.direction, 'inbound'), gte(messages.sentAt, since)));
      return row?.n ?? 0;
    },
  };
}

/** Which conditions of a rule failed for these facts (empty: the rule matches). */
export async function failedConditions(c: AutomationConditions, f: Facts): Promise<string[]> {
  const failed: string[] = [];
  const r = f.request;
  const inList = <T>(name: string, list: T[] | undefined, v: T | null | undefined) => {
    if (list && (v === null || v === undefined || !list.includes(v))) failed.push(name);
  };
  inList('status', c.status, r?.status);
  inList('priority', c.priority, r?.priority);
  inList('channel', c.channel, r?.channel);
  inList('requestType', c.requestType, r?.type);
  inList('clientTier', c.clientTier, f.clientTier);
  inList('tone', c.tone, f.analysis?.tone ?? r?.tone);
  inList('urgency', c.urgency, f.analysis?.urgency ?? r?.urgency);
  if (c.tagsAny && !c.tagsAny.some((t) => r?.tags.includes(t))) failed.push('tagsAny');
  if (c.boundaries && !c.boundaries.some((b) => f.analysis?.boundaries.includes(b))) failed.push('boundaries');
  if (c.subjectContains && !r?.subject.toLowerCase().includes(c.subjectContains.toLowerCase())) failed.push('subjectContains');
  if (c.changedFields && !c.changedFields.some((x) => f.changedFields.includes(x))) failed.push('changedFields');
  if (c.repeatContacts && (await f.contactMessagesInWindow(c.repeatContacts.withinHours)) < c.repeatContacts.atLeast) failed.push('repeatContacts');
  return failed;
}

async function runAction(deps: Deps, actor: Actor, e: EventRow, a: AutomationAction, request: RequestRow | null): Promise<Record<string, unknown>> {
  const need = () => {
    if (!request) throw new AppError('conflict', `${a.type}: this event is not about a request`);
    return request;
  };
  switch (a.type) {
    case 'set': {
      const patch = { ...(a.status ? { status: a.status } : {}), ...(a.priority ? { priority: a.priority } : {}), ...(a.requestType !== undefined ? { type: a.requestType } : {}) };
      await updateRequest(deps, actor, need().id, patch);
      return patch;
    }
    case 'assign':
      await updateRequest(deps, actor, need().id, { assigneeId: a.userId });
      return { assigneeId: a.userId };
    case 'add_tag': {
      const [cur] = await deps.db.select({ tags: requests.tags }).from(requests).where(and(eq(requests.workspaceId, e.workspaceId), eq(requests.id, need().id)));
      if (!cur?.tags.includes(a.tag)) await updateRequest(deps, actor, need().id, { tags: [...(cur?.tags ?? []), a.tag] });
      return { tag: a.tag };
    }
    case 'template': {
      const m = await applyTemplate(deps, actor, need().id, { templateId: a.templateId, direction: a.as === 'reply' ? 'outbound' : 'note' });
      return { messageId: m.id };
    }
    case 'escalate': {
      const id = await escalateRequest(deps, actor, need().id, { reason: a.reason, toTier: a.toTier }, 'automation');
      return { escalationId: id, skipped: id === null ? 'already escalated to this tier' : undefined };
    }
    case 'notify': {
      const to = await recipients(deps.db, e.workspaceId, a.to, request);
      if (to.length)
        await deps.db.transaction(async (tx) => {
          await tx.insert(notifications).values(to.map((userId) => ({ workspaceId: e.workspaceId, userId, requestId: request?.id ?? null, message: a.message, createdAt: deps.clock.now() })));
          await audit(tx, actor, { action: 'automation.notified', entity: 'request', entityId: request?.id ?? null, after: { to, message: a.message } });
        });
      return { notified: to };
    }
    case 'webhook':
      await sendToEndpoint(deps, e, a.endpointId);
      return { endpointId: a.endpointId };
  }
}

async function recipients(tx: Tx, workspaceId: string, to: string, request: RequestRow | null): Promise<string[]> {
  if (to === 'assignee') return request?.assigneeId ? [request.assigneeId] : [];
  const roles = to === 'supervisors' ? (['supervisor', 'owner'] as const) : to === 'owners' ? (['owner'] as const) : null;
  const out = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true), roles ? inArray(users.role, [...roles]) : eq(users.id, to)));
  return out.map((u) => u.id);
}

/**
 * Evaluates the workspace's enabled rules for this event, in order, each at most once (the run
 * row is claimed first), logging every evaluation. Actions run as the system actor named after
 * the rule, with the causation attached so the events they emit cannot trigger rules again.
 */
export async function runAutomations(deps: Deps, e: EventRow): Promise<void> {
  if (e.depth >= MAX_AUTOMATION_DEPTH) return;
  const rules = await deps.db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.workspaceId, e.workspaceId), eq(automationRules.event, e.type), eq(automationRules.enabled, true)))
    .orderBy(asc(automationRules.position), asc(automationRules.createdAt));
  for (const rule of rules) {
    const stop = await runRule(deps, e, rule);
    if (stop) break;
  }
}

async function runRule(deps: Deps, e: EventRow, rule: RuleRow): Promise<boolean> {
  const [run] = await deps.db
    .insert(automationRuns)
    .values({ workspaceId: e.workspaceId, ruleId: rule.id, eventId: e.id, eventType: e.type, requestId: e.requestId, outcome: 'running', createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning();
  if (!run) return false; // this rule already fired for this event
  const finish = (outcome: 'applied' | 'not_matched' | 'failed', detail: Record<string, unknown>) =>
    deps.db
      .update(automationRuns)
      .set({ outcome, detail, finishedAt: deps.clock.now() })
      .where(and(eq(automationRuns.workspaceId, e.workspaceId), eq(automationRuns.id, run.id)));
  const facts = await gatherFacts(deps.db, deps, e);
  const failed = await failedConditions(rule.conditions as AutomationConditions, facts);
  if (failed.length) {
    await finish('not_matched', { failed });
    return false;
  }
  const actor = systemActor(e.workspaceId, `automation: ${rule.name}`);
  const results: Record<string, unknown>[] = [];
  let ok = true;
  await withCause({ eventId: e.id, ruleId: rule.id, depth: e.depth }, async () => {
    for (const a of rule.actions as AutomationAction[]) {
      try {
        results.push({ type: a.type, ok: true, ...(await runAction(deps, actor, e, a, facts.request)) });
      } catch (err) {
        ok = false;
        results.push({ type: a.type, ok: false, error: err instanceof AppError ? err.message : 'internal error' });
        if (!(err instanceof AppError)) deps.log.error({ err, ruleId: rule.id, eventId: e.id }, 'automation action failed');
      }
    }
  });
  await finish(ok ? 'applied' : 'failed', { actions: results });
  return ok && rule.stopProcessing;
}
