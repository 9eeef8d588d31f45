import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { MessageAnalysis } from '@fitdesk/contracts';
import { tsvector } from './types.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const clients = pgTable(
  'clients',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['organisation', 'individual'] }).notNull().default('organisation'),
    domain: text('domain'),
    status: text('status', { enum: ['prospect', 'active', 'former'] }).notNull().default('active'),
    tier: text('tier', { enum: ['standard', 'premium', 'enterprise'] }).notNull().default('standard'),
    region: text('region'),
    annualRevenue: doublePrecision('annual_revenue'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    formerReason: text('former_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('clients_name').on(t.workspaceId, t.name, t.id),
    index('clients_domain').on(t.workspaceId, t.domain),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    title: text('title'),
    bouncedAt: ts('bounced_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('contacts_ws_email').on(t.workspaceId, t.email), index('contacts_client').on(t.workspaceId, t.clientId)],
);

export const requests = pgTable(
  'requests',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    number: integer('number').notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['new', 'open', 'waiting', 'resolved', 'closed'] }).notNull().default('new'),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull().default('normal'),
    type: text('type'),
    channel: text('channel', { enum: ['email', 'portal', 'form', 'api', 'phone', 'sms'] }).notNull(),
    clientId: uuid('client_id'),
    contactId: uuid('contact_id'),
    assigneeId: uuid('assignee_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    tone: text('tone', { enum: ['calm', 'concerned', 'frustrated', 'irate', 'abusive'] }),
    urgency: text('urgency', { enum: ['low', 'normal', 'high'] }),
    messageCount: integer('message_count').notNull().default(0),
    lastMessageAt: ts('last_message_at').notNull().defaultNow(),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    /** Due time of the nearest running SLA target, kept by the SLA feature (inbox sort by time-to-breach). */
    slaDueAt: ts('sla_due_at'),
    slaState: text('sla_state', { enum: ['ok', 'warning', 'breached', 'paused', 'met'] }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('english', coalesce(subject, ''))`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('requests_number').on(t.workspaceId, t.number),
    index('requests_inbox').on(t.workspaceId, t.status, t.lastMessageAt, t.id),
    index('requests_recent').on(t.workspaceId, t.lastMessageAt, t.id),
    // The inbox: active requests newest first, walked by keyset without a sort.
    index('requests_active').on(t.workspaceId, t.lastMessageAt, t.id).where(sql`${t.status} in ('new', 'open', 'waiting')`),
    index('requests_client').on(t.workspaceId, t.clientId, t.lastMessageAt),
    index('requests_contact').on(t.workspaceId, t.contactId, t.lastMessageAt),
    index('requests_assignee').on(t.workspaceId, t.assigneeId, t.status),
    index('requests_sla_due').on(t.workspaceId, t.slaDueAt, t.id),
    index('requests_search').using('gin', t.search),
  ],
);

export const messages = pgTable(
  'messages',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound', 'note'] }).notNull(),
    channel: text('channel', { enum: ['email', 'portal', 'form', 'api', 'phone', 'sms'] }).notNull(),
    authorUserId: uuid('author_user_id'),
    authorContactId: uuid('author_contact_id'),
    authorName: text('author_name'),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    messageIdHeader: text('message_id_header'),
    sentAt: ts('sent_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    analysis: jsonb('analysis').$type<MessageAnalysis>(),
    duplicateOfMessageId: uuid('duplicate_of_message_id'),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('english', left(coalesce(body_text, ''), 100000))`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('messages_request').on(t.workspaceId, t.requestId, t.sentAt),
    uniqueIndex('messages_message_id').on(t.workspaceId, t.messageIdHeader),
    index('messages_search').using('gin', t.search),
  ],
);

/** LSH band keys of each inbound message's fingerprint: the repeat-contact detector's index. */
export const messageFingerprints = pgTable(
  'message_fingerprints',
  {
    workspaceId: uuid('workspace_id').notNull(),
    senderKey: text('sender_key').notNull(),
    band: text('band').notNull(),
    messageId: uuid('message_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.senderKey, t.band, t.messageId] })],
);

/** The MinHash signature of a fingerprinted message, stored once (band rows point at it). */
export const messageSignatures = pgTable(
  'message_signatures',
  {
    workspaceId: uuid('workspace_id').notNull(),
    messageId: uuid('message_id').notNull(),
    signature: integer('signature').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.messageId] })],
);
