import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Domain events (request.created, sla.breach, transfer.accepted, …): written in the transaction
 * of the change they describe, processed afterwards by a job (automations, webhooks).
 * depth/causation record which automation rule caused an event, so rules cannot loop.
 */
export const events = pgTable(
  'events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    type: text('type').notNull(),
    requestId: uuid('request_id'),
    clientId: uuid('client_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** 0 for changes made by people, jobs and mail; n+1 for changes made by an automation acting on a depth-n event. */
    depth: integer('depth').notNull().default(0),
    causationEventId: uuid('causation_event_id'),
    causationRuleId: uuid('causation_rule_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('events_recent').on(t.workspaceId, t.createdAt),
    index('events_request').on(t.workspaceId, t.requestId, t.createdAt),
  ],
);
