import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** when (event) + if (conditions) + then (actions); evaluated in `position` order. */
export const automationRules = pgTable(
  'automation_rules',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    position: integer('position').notNull(),
    event: text('event').notNull(),
    conditions: jsonb('conditions').$type<Record<string, unknown>>().notNull().default({}),
    actions: jsonb('actions').$type<Record<string, unknown>[]>().notNull().default([]),
    stopProcessing: boolean('stop_processing').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('automation_rules_event').on(t.workspaceId, t.event, t.position)],
);

/** One row per (rule, event) that was evaluated: the run log, and the guard that a rule fires once per event. */
export const automationRuns = pgTable(
  'automation_runs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    ruleId: uuid('rule_id').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    requestId: uuid('request_id'),
    outcome: text('outcome', { enum: ['running', 'applied', 'not_matched', 'failed'] }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('automation_runs_once').on(t.workspaceId, t.ruleId, t.eventId),
    index('automation_runs_rule').on(t.workspaceId, t.ruleId, t.createdAt),
  ],
);

/** In-app notices for staff (the automation action "notify"). */
export const notifications = pgTable(
  'notifications',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    requestId: uuid('request_id'),
    message: text('message').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('notifications_user').on(t.workspaceId, t.userId, t.createdAt)],
);
