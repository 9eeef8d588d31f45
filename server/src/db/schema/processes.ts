import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Agreement, Evidence, PromiseMinutes } from '@fitdesk/contracts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
type Hours = Agreement['hours'];
type Holidays = Agreement['holidays'];

export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    terms: jsonb('terms').$type<Agreement>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** One agreement per client; its terms live in immutable versions. */
export const agreements = pgTable(
  'agreements',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    templateId: uuid('template_id'),
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('agreements_client').on(t.workspaceId, t.clientId)],
);

export const agreementVersions = pgTable(
  'agreement_versions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    agreementId: uuid('agreement_id').notNull(),
    version: integer('version').notNull(),
    terms: jsonb('terms').$type<Agreement>().notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.agreementId, t.version] })],
);

export const agreementAcknowledgements = pgTable(
  'agreement_acknowledgements',
  {
    workspaceId: uuid('workspace_id').notNull(),
    agreementId: uuid('agreement_id').notNull(),
    version: integer('version').notNull(),
    contactId: uuid('contact_id').notNull(),
    via: text('via', { enum: ['staff', 'portal', 'api'] }).notNull(),
    acknowledgedAt: ts('acknowledged_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.agreementId, t.version, t.contactId] })],
);

export const slaPolicies = pgTable(
  'sla_policies',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    timezone: text('timezone').notNull(),
    hours: jsonb('hours').$type<Hours>().notNull(),
    holidays: jsonb('holidays').$type<Holidays>().notNull().default([]),
    firstResponseMinutes: jsonb('first_response_minutes').$type<PromiseMinutes>().notNull(),
    resolutionMinutes: jsonb('resolution_minutes').$type<PromiseMinutes>(),
    warnFraction: doublePrecision('warn_fraction').notNull().default(0.75),
    warnBeforeMinutes: integer('warn_before_minutes').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('sla_policies_default').on(t.workspaceId).where(sql`${t.isDefault}`)],
);

/** A request's SLA targets: one row per (request, kind), pausable, with the calendar it runs in. */
export const slaClocks = pgTable(
  'sla_clocks',
  {
    workspaceId: uuid('workspace_id').notNull(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind', { enum: ['first_response', 'resolution'] }).notNull(),
    source: text('source', { enum: ['agreement', 'type_policy', 'default_policy'] }).notNull(),
    calendar: jsonb('calendar').$type<{ timezone: string; hours: Hours; holidays?: Holidays }>().notNull(),
    targetMinutes: integer('target_minutes').notNull(),
    warnFraction: doublePrecision('warn_fraction').notNull().default(0.75),
    warnBeforeMinutes: integer('warn_before_minutes').notNull().default(0),
    status: text('status', { enum: ['running', 'paused', 'met', 'cancelled'] }).notNull(),
    startedAt: ts('started_at').notNull(),
    usedMinutes: doublePrecision('used_minutes').notNull().default(0),
    runningSince: ts('running_since'),
    dueAt: ts('due_at'),
    warnAt: ts('warn_at'),
    warnedAt: ts('warned_at'),
    breachedAt: ts('breached_at'),
    metAt: ts('met_at'),
    /** Request's assignee, client and type when the clock finished (attainment per agent/client/type). */
    assigneeId: uuid('assignee_id'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.requestId, t.kind] }), index('sla_clocks_due').on(t.workspaceId, t.status, t.dueAt)],
);

export const slaEvents = pgTable(
  'sla_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind', { enum: ['first_response', 'resolution'] }).notNull(),
    event: text('event').notNull(),
    at: ts('at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('sla_events_request').on(t.workspaceId, t.requestId, t.at)],
);

export const requestTypes = pgTable(
  'request_types',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    rules: jsonb('rules').$type<{ keywords: string[]; channels: string[]; clientTiers: string[]; clientIds: string[] }>().notNull(),
    steps: jsonb('steps').$type<Array<{ id: string; title: string; description: string }>>().notNull().default([]),
    slaPolicyId: uuid('sla_policy_id'),
    position: integer('position').notNull().default(100),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('request_types_key').on(t.workspaceId, t.key)],
);

export const replyTemplates = pgTable(
  'reply_templates',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['reply', 'note', 'checkin'] }).notNull().default('reply'),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    requestTypeId: uuid('request_type_id'),
    boundary: text('boundary', { enum: ['personal', 'out_of_scope', 'pressure', 'abuse', 'off_hours'] }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('reply_templates_type').on(t.workspaceId, t.requestTypeId)],
);

/** Playbook steps ticked off on a request (who and when; unticking deletes the row, audited). */
export const requestSteps = pgTable(
  'request_steps',
  {
    workspaceId: uuid('workspace_id').notNull(),
    requestId: uuid('request_id').notNull(),
    stepId: text('step_id').notNull(),
    doneBy: uuid('done_by'),
    doneByName: text('done_by_name'),
    doneAt: ts('done_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.requestId, t.stepId] })],
);

export const incidents = pgTable(
  'incidents',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id'),
    contactId: uuid('contact_id'),
    requestId: uuid('request_id'),
    messageId: uuid('message_id'),
    type: text('type', { enum: ['personal', 'out_of_scope', 'pressure', 'abuse', 'off_hours'] }).notNull(),
    source: text('source', { enum: ['analysis', 'manual'] }).notNull(),
    evidence: jsonb('evidence').$type<Evidence[]>().notNull().default([]),
    note: text('note').notNull().default(''),
    occurredAt: ts('occurred_at').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    dismissedAt: ts('dismissed_at'),
    dismissedBy: uuid('dismissed_by'),
    dismissedByName: text('dismissed_by_name'),
    dismissReason: text('dismiss_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('incidents_client').on(t.workspaceId, t.clientId, t.occurredAt),
    index('incidents_request').on(t.workspaceId, t.requestId),
    // Re-running analysis on the same message never doubles its incidents.
    uniqueIndex('incidents_message_type').on(t.workspaceId, t.messageId, t.type).where(sql`${t.messageId} is not null`),
  ],
);

export const checkins = pgTable(
  'checkins',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    contactId: uuid('contact_id'),
    cadence: text('cadence', { enum: ['weekly', 'biweekly', 'monthly', 'quarterly'] }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    assigneeId: uuid('assignee_id'),
    active: boolean('active').notNull().default(true),
    nextRunAt: ts('next_run_at').notNull(),
    lastRunAt: ts('last_run_at'),
    lastRequestId: uuid('last_request_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('checkins_client').on(t.workspaceId, t.clientId), index('checkins_due').on(t.active, t.nextRunAt)],
);
