import { z } from 'zod';
import { Id, PageQuery, Tags, Timestamp } from './common.js';
import { MessageAnalysis, Tone, Urgency } from './analysis.js';

export const RequestStatus = z.enum(['new', 'open', 'waiting', 'resolved', 'closed']);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const OPEN_STATUSES: RequestStatus[] = ['new', 'open', 'waiting'];
export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;
export const Channel = z.enum(['email', 'portal', 'form', 'api', 'phone', 'sms']);
export type Channel = z.infer<typeof Channel>;
export const Direction = z.enum(['inbound', 'outbound', 'note']);
export type Direction = z.infer<typeof Direction>;

export const MessageHeaders = z.record(z.string().max(200), z.string().max(4000));

export const CreateRequestBody = z.object({
  subject: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(200000),
  bodyHtml: z.string().max(1000000).nullable().optional(),
  channel: Channel.default('api'),
  priority: Priority.default('normal'),
  type: z.string().trim().max(60).nullable().optional(),
  clientId: Id.nullable().optional(),
  contactId: Id.nullable().optional(),
  /** Creates or finds the contact by email when contactId is not given. */
  contactEmail: z.email().max(254).optional(),
  contactName: z.string().trim().max(160).optional(),
  assigneeId: Id.nullable().optional(),
  tags: Tags.default([]),
  sentAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateRequestBody = z.input<typeof CreateRequestBody>;

export const UpdateRequestBody = z
  .object({
    subject: z.string().trim().min(1).max(300),
    status: RequestStatus,
    priority: Priority,
    type: z.string().trim().max(60).nullable(),
    clientId: Id.nullable(),
    contactId: Id.nullable(),
    assigneeId: Id.nullable(),
    tags: Tags,
  })
  .partial();

export type UpdateRequestBody = z.input<typeof UpdateRequestBody>;

export const RequestSummary = z.object({
  id: Id,
  number: z.number().int(),
  subject: z.string(),
  status: RequestStatus,
  priority: Priority,
  type: z.string().nullable(),
  channel: Channel,
  clientId: Id.nullable(),
  clientName: z.string().nullable(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  tags: z.array(z.string()),
  tone: Tone.nullable(),
  urgency: Urgency.nullable(),
  messageCount: z.number().int(),
  lastMessageAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  /** Due time of the nearest running SLA target (null while paused or without an SLA). */
  slaDueAt: Timestamp.nullable().optional(),
  slaState: z.enum(['ok', 'warning', 'breached', 'paused', 'met']).nullable().optional(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const Message = z.object({
  id: Id,
  requestId: Id,
  direction: Direction,
  channel: Channel,
  authorUserId: Id.nullable(),
  authorContactId: Id.nullable(),
  authorName: z.string().nullable(),
  bodyText: z.string(),
  bodyHtml: z.string().nullable(),
  headers: MessageHeaders,
  sentAt: Timestamp,
  createdAt: Timestamp,
  analysis: MessageAnalysis.nullable(),
  duplicateOfMessageId: Id.nullable(),
  /** The request the original of a repeat belongs to (often another one: the client wrote again on another channel). */
  duplicateOfRequest: z.object({ id: Id, number: z.number().int() }).nullable().optional(),
});
export type Message = z.infer<typeof Message>;

export const RequestDetail = RequestSummary.extend({ messages: z.array(Message) });
export type RequestDetail = z.infer<typeof RequestDetail>;

export const RequestSort = z.enum(['-lastMessageAt', 'lastMessageAt', '-createdAt', 'createdAt', '-priority', 'priority', '-number', 'slaDueAt']);
export const RequestListQuery = PageQuery.extend({
  status: z
    .union([RequestStatus, z.literal('any'), z.literal('active')])
    .default('active')
    .describe('active = new, open or waiting'),
  priority: Priority.optional(),
  channel: Channel.optional(),
  assigneeId: z.union([Id, z.literal('me'), z.literal('none')]).optional(),
  clientId: Id.optional(),
  contactId: Id.optional(),
  tag: z.string().max(40).optional(),
  tone: Tone.optional(),
  urgency: Urgency.optional(),
  sort: RequestSort.default('-lastMessageAt'),
});

export const AddMessageBody = z.object({
  direction: z.enum(['outbound', 'note', 'inbound']).default('outbound'),
  body: z.string().min(1).max(200000),
  bodyHtml: z.string().max(1000000).nullable().optional(),
  channel: Channel.optional(),
  /** Set the request's status in the same step (e.g. reply and wait on the client). */
  status: RequestStatus.optional(),
});

export type AddMessageBody = z.input<typeof AddMessageBody>;

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  status: z.union([RequestStatus, z.literal('any'), z.literal('active')]).default('any'),
});
export const SearchHit = z.object({
  requestId: Id,
  number: z.number().int(),
  subject: z.string(),
  status: RequestStatus,
  clientName: z.string().nullable(),
  rank: z.number(),
  /** Snippet with matches wrapped in <mark>…</mark>; everything else is HTML-escaped. */
  snippet: z.string(),
  matchedMessageId: Id.nullable(),
  lastMessageAt: Timestamp,
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResult = z.object({ items: z.array(SearchHit), nextCursor: z.string().nullable() });

export const AuditEntry = z.object({
  id: Id,
  actorUserId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  createdAt: Timestamp,
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditListQuery = PageQuery.extend({ entity: z.string().max(40).optional(), entityId: z.string().max(60).optional() });
