import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './mail.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// Client lifecycle (F1, F7, F8, F9): every key leads with workspace_id like the rest of the schema.

/** Per-workspace lifecycle settings: the ideal-client profile, health weights, review schedule, letter templates. */
export const lifecycleSettings = pgTable('lifecycle_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  profile: jsonb('profile').$type<Record<string, unknown>>(),
  healthWeights: jsonb('health_weights').$type<Record<string, number>>().notNull().default({}),
  reviewEveryDays: integer('review_every_days').notNull().default(7),
  lastReviewAt: ts('last_review_at'),
  refundPolicy: jsonb('refund_policy').$type<Record<string, unknown>>(),
  templates: jsonb('templates').$type<Record<string, { subject: string; body: string }>>().notNull().default({}),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const prospects = pgTable(
  'prospects',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    company: text('company'),
    source: text('source', { enum: ['form', 'api'] }).notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    fitScore: integer('fit_score').notNull(),
    fitBand: text('fit_band').notNull(),
    recommendation: text('recommendation').notNull(),
    fit: jsonb('fit').$type<Record<string, unknown>>().notNull(),
    lookalikeScore: integer('lookalike_score'),
    lookalike: jsonb('lookalike').$type<Record<string, unknown>>(),
    misfit: jsonb('misfit').$type<Record<string, unknown>>(),
    referredByClientId: uuid('referred_by_client_id'),
    referredByText: text('referred_by_text'),
    status: text('status', { enum: ['new', 'accepted', 'declined'] }).notNull().default('new'),
    clientId: uuid('client_id'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    letterRequestId: uuid('letter_request_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('prospects_list').on(t.workspaceId, t.status, t.createdAt, t.id)],
);

/** What the lifecycle knows about a client beyond the desk record: intake answers, money, who referred them. */
export const clientLifecycle = pgTable(
  'client_lifecycle',
  {
    workspaceId: uuid('workspace_id').notNull(),
    clientId: uuid('client_id').notNull(),
    prospectId: uuid('prospect_id'),
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    fitScore: integer('fit_score'),
    startedAt: ts('started_at'),
    currency: text('currency').notNull().default('USD'),
    revenueMinor: integer('revenue_minor'),
    paidAmountMinor: integer('paid_amount_minor'),
    periodStart: ts('period_start'),
    periodEnd: ts('period_end'),
    disputes: integer('disputes').notNull().default(0),
    latePayments: integer('late_payments').notNull().default(0),
    referredByClientId: uuid('referred_by_client_id'),
    referredByNote: text('referred_by_note'),
    exitReason: text('exit_reason'),
    exitedAt: ts('exited_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.clientId] }), index('client_lifecycle_referrer').on(t.workspaceId, t.referredByClientId)],
);

export const timeEntries = pgTable(
  'time_entries',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    clientId: uuid('client_id'),
    userId: uuid('user_id'),
    source: text('source', { enum: ['timer', 'manual'] }).notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
    minutes: integer('minutes'),
    note: text('note').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('time_entries_request').on(t.workspaceId, t.requestId, t.startedAt),
    index('time_entries_client').on(t.workspaceId, t.clientId),
    // One running timer per person per request.
    uniqueIndex('time_entries_running').on(t.workspaceId, t.requestId, t.userId).where(sql`ended_at is null`),
  ],
);

export const healthSnapshots = pgTable(
  'health_snapshots',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    computedAt: ts('computed_at').notNull(),
    score: integer('score').notNull(),
    band: text('band').notNull(),
    recommendation: text('recommendation').notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('health_snapshots_client').on(t.workspaceId, t.clientId, t.computedAt)],
);

export const reviewItems = pgTable(
  'review_items',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    why: text('why', { enum: ['at_risk', 'falling'] }).notNull(),
    score: integer('score').notNull(),
    band: text('band').notNull(),
    recommendation: text('recommendation').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['open', 'decided'] }).notNull().default('open'),
    decision: text('decision', { enum: ['keep', 'coach', 'escalate', 'part_ways'] }),
    note: text('note'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('review_items_queue').on(t.workspaceId, t.status, t.createdAt),
    uniqueIndex('review_items_open').on(t.workspaceId, t.clientId).where(sql`status = 'open'`),
  ],
);

export const repairs = pgTable(
  'repairs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    clientId: uuid('client_id'),
    situation: text('situation').notNull(),
    choice: text('choice', { enum: ['clarify', 'listen', 'escalate', 'refer_out', 'part_ways'] }).notNull(),
    note: text('note').notNull().default(''),
    callAt: ts('call_at'),
    messageId: uuid('message_id'),
    outcome: text('outcome', { enum: ['resolved', 'still_unhappy', 'client_left'] }),
    outcomeNote: text('outcome_note'),
    chosenBy: uuid('chosen_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    outcomeAt: ts('outcome_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('repairs_request').on(t.workspaceId, t.requestId, t.createdAt)],
);

/** Better-suited providers to refer clients and prospects to. */
export const referralProviders = pgTable(
  'referral_providers',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    specialties: text('specialties').array().notNull().default(sql`'{}'::text[]`),
    contact: text('contact').notNull().default(''),
    notes: text('notes').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('referral_providers_name').on(t.workspaceId, t.name)],
);

export const exits = pgTable(
  'exits',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    reason: text('reason').notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: ['in_progress', 'completed'] }).notNull().default('in_progress'),
    /** Per-step state: refund, referral, letter, export, close — each `{ state, at, ... }`. */
    steps: jsonb('steps').$type<Record<string, Record<string, unknown>>>().notNull().default({}),
    exportZip: bytea('export_zip'),
    startedBy: uuid('started_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('exits_client').on(t.workspaceId, t.clientId),
    uniqueIndex('exits_one_open').on(t.workspaceId, t.clientId).where(sql`status = 'in_progress'`),
  ],
);

export const refundLedger = pgTable(
  'refund_ledger',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    exitId: uuid('exit_id'),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    method: text('method').notNull(),
    reference: text('reference').notNull().default(''),
    computedMinor: integer('computed_minor'),
    rule: text('rule'),
    overrideReason: text('override_reason'),
    recordedBy: uuid('recorded_by'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('refund_ledger_client').on(t.workspaceId, t.clientId, t.recordedAt)],
);
