import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Per-workspace escalation policy: the tier ladder (lowest first) and how long a receiver has to accept. */
export const escalationPolicies = pgTable('escalation_policies', {
  workspaceId: uuid('workspace_id').primaryKey(),
  tiers: jsonb('tiers').$type<string[]>().notNull(),
  acceptMinutes: integer('accept_minutes').notNull().default(30),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A user's tier on the ladder; users without a row get the tier named after their role. */
export const userTiers = pgTable(
  'user_tiers',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    tier: text('tier').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

/** A client's account owner: routing gives their new requests to this user first. */
export const accountOwners = pgTable(
  'account_owners',
  {
    workspaceId: uuid('workspace_id').notNull(),
    clientId: uuid('client_id').notNull(),
    userId: uuid('user_id').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.clientId] })],
);

export const escalations = pgTable(
  'escalations',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    trigger: text('trigger', { enum: ['manual', 'automation', 'ownership'] }).notNull(),
    reason: text('reason').notNull(),
    fromUserId: uuid('from_user_id'),
    fromTier: text('from_tier'),
    toTier: text('to_tier').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdByLabel: text('created_by_label'),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** When someone at the target tier took the request (accepted its transfer). */
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedByUserId: uuid('acknowledged_by_user_id'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('escalations_request').on(t.workspaceId, t.requestId, t.createdAt), index('escalations_open').on(t.workspaceId, t.acknowledgedAt)],
);

/**
 * A warm transfer: the current owner keeps the request until the receiver accepts. At most one
 * pending transfer per request (enforced in the service, under the request's row lock).
 */
export const transfers = pgTable(
  'transfers',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    escalationId: uuid('escalation_id'),
    previousTransferId: uuid('previous_transfer_id'),
    fromUserId: uuid('from_user_id'),
    toUserId: uuid('to_user_id').notNull(),
    toTier: text('to_tier').notNull(),
    note: text('note').notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'expired', 'cancelled'] }).notNull().default('pending'),
    expiresAt: ts('expires_at').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdByLabel: text('created_by_label'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
    decidedByUserId: uuid('decided_by_user_id'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('transfers_request').on(t.workspaceId, t.requestId, t.createdAt),
    index('transfers_pending').on(t.workspaceId, t.status, t.expiresAt),
  ],
);
