import { z } from 'zod';
import { Id, Tag, Timestamp } from './common.js';
import { Boundary, Tone, Urgency } from './analysis.js';
import { ClientTier } from './clients.js';
import { AutomationEventType } from './events.js';
import { TierName } from './escalation.js';
import { Channel, Priority, RequestStatus } from './requests.js';

/**
 * The "if" of a rule: every given condition must hold (lists mean "any of"). Tone, urgency
 * and boundaries are read from the message the event is about, else the request's latest
 * inbound message.
 */
export const AutomationConditions = z
  .object({
    status: z.array(RequestStatus).min(1),
    priority: z.array(Priority).min(1),
    channel: z.array(Channel).min(1),
    requestType: z.array(z.string().trim().min(1).max(60)).min(1),
    tagsAny: z.array(Tag).min(1),
    tone: z.array(Tone).min(1),
    urgency: z.array(Urgency).min(1),
    clientTier: z.array(ClientTier).min(1),
    boundaries: z.array(Boundary).min(1),
    subjectContains: z.string().trim().min(1).max(200),
    /** The contact wrote at least `atLeast` messages within the last `withinHours` (repeat contacts). */
    repeatContacts: z.object({ atLeast: z.number().int().min(2).max(100), withinHours: z.number().int().min(1).max(24 * 30) }),
    /** request.updated only: one of these fields changed. */
    changedFields: z.array(z.enum(['status', 'priority', 'type', 'assigneeId', 'tags', 'clientId', 'subject'])).min(1),
  })
  .partial()
  .strict();
export type AutomationConditions = z.infer<typeof AutomationConditions>;

/** The "then" of a rule, run in order. */
export const AutomationAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set'), status: RequestStatus.optional(), priority: Priority.optional(), requestType: z.string().trim().max(60).nullable().optional() }),
  z.object({ type: z.literal('assign'), userId: Id }),
  z.object({ type: z.literal('add_tag'), tag: Tag }),
  /** A saved reply template (playbooks), sent as a reply or added as an internal note. */
  z.object({ type: z.literal('template'), templateId: Id, as: z.enum(['reply', 'note']).default('note') }),
  z.object({ type: z.literal('escalate'), reason: z.string().trim().min(1).max(2000), toTier: TierName.optional() }),
  z.object({
    type: z.literal('notify'),
    /** Who: the request's owner, everyone with a role, or one user. */
    to: z.union([z.enum(['assignee', 'supervisors', 'owners']), Id]),
    message: z.string().trim().min(1).max(1000),
  }),
  z.object({ type: z.literal('webhook'), endpointId: Id }),
]);
export type AutomationAction = z.infer<typeof AutomationAction>;

export const AutomationRuleInput = z.object({
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  event: AutomationEventType,
  conditions: AutomationConditions.default({}),
  actions: z.array(AutomationAction).min(1).max(10),
  /** Later rules are not evaluated for this event once this one applied. */
  stopProcessing: z.boolean().default(false),
});
export const AutomationRulePatch = z
  .object({
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean(),
    event: AutomationEventType,
    conditions: AutomationConditions,
    actions: z.array(AutomationAction).min(1).max(10),
    stopProcessing: z.boolean(),
  })
  .partial();
export const ReorderAutomationsBody = z.object({ ids: z.array(Id).min(1).max(500) });

export const AutomationRule = z.object({
  id: Id,
  name: z.string(),
  enabled: z.boolean(),
  position: z.number().int(),
  event: AutomationEventType,
  conditions: AutomationConditions,
  actions: z.array(AutomationAction),
  stopProcessing: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AutomationRule = z.infer<typeof AutomationRule>;

export const AutomationRunOutcome = z.enum(['running', 'applied', 'not_matched', 'failed']);
export const AutomationRun = z.object({
  id: Id,
  ruleId: Id,
  eventId: Id,
  eventType: z.string(),
  requestId: Id.nullable(),
  outcome: AutomationRunOutcome,
  /** Which conditions failed, or what each action did. */
  detail: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type AutomationRun = z.infer<typeof AutomationRun>;

export const Notification = z.object({ id: Id, requestId: Id.nullable(), message: z.string(), createdAt: Timestamp, readAt: Timestamp.nullable() });
export type Notification = z.infer<typeof Notification>;

/** Ready-made rules: escalate on irate/abusive tone, on SLA breach, and on repeat contacts. */
export const EscalationPresetBody = z.object({
  repeatContacts: z.object({ atLeast: z.number().int().min(2).max(100), withinHours: z.number().int().min(1).max(720) }).default({ atLeast: 3, withinHours: 24 }),
});
