import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * Every domain event type. Emitted in the transaction of the change; automations and webhooks
 * consume them. Add a type here before emitting it.
 */
export const EventType = z.enum([
  'request.created',
  'request.updated',
  'message.received',
  'sla.warning',
  'sla.breach',
  'incident.logged',
  'escalation.created',
  'transfer.requested',
  'transfer.accepted',
  'transfer.declined',
  'transfer.expired',
  'transfer.cancelled',
  'request.reassigned',
]);
export type EventType = z.infer<typeof EventType>;

/** Event types an automation rule may listen for (escalation/transfer events feed webhooks only). */
export const AutomationEventType = z.enum(['request.created', 'request.updated', 'message.received', 'sla.warning', 'sla.breach', 'incident.logged']);
export type AutomationEventType = z.infer<typeof AutomationEventType>;

/** A stored domain event as the API (and every webhook body) shows it. */
export const DomainEvent = z.object({
  id: Id,
  workspaceId: Id,
  type: EventType,
  requestId: Id.nullable(),
  clientId: Id.nullable(),
  data: z.record(z.string(), z.unknown()),
  /** 0 when a person or the system caused it; 1 when an automation rule did. */
  depth: z.number().int(),
  causationEventId: Id.nullable(),
  causationRuleId: Id.nullable(),
  createdAt: Timestamp,
});
export type DomainEvent = z.infer<typeof DomainEvent>;
