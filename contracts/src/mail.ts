import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

const host = z.string().trim().min(1).max(255).regex(/^[A-Za-z0-9.\-[\]:]+$/, 'not a host name');
const port = z.number().int().min(1).max(65535);
/** An email address ("support@acme.example") or a bare domain ("acme.example") that routes mail. */
export const MailAddressOrDomain = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(254)
  .regex(/^([^\s@<>()",;:]+@)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'an email address or a domain');

/** Fields of a mailbox that a person sets; passwords are write-only (null clears, absent keeps). */
const MailboxFields = z.object({
  address: MailAddressOrDomain,
  fromAddress: z.email().max(254),
  fromName: z.string().trim().max(120),
  reopenWindowDays: z.number().int().min(0).max(3650),
  smtpHost: host.nullable(),
  smtpPort: port.nullable(),
  smtpSecure: z.boolean(),
  smtpUser: z.string().max(255).nullable(),
  smtpPassword: z.string().max(500).nullable(),
  imapEnabled: z.boolean(),
  imapHost: host.nullable(),
  imapPort: port.nullable(),
  imapTls: z.boolean(),
  imapUser: z.string().max(255).nullable(),
  imapPassword: z.string().max(500).nullable(),
  imapFolder: z.string().trim().min(1).max(200),
});
export const MailboxInput = MailboxFields.partial().extend({ address: MailAddressOrDomain });
export type MailboxInput = z.input<typeof MailboxInput>;
export const MailboxPatch = MailboxFields.partial();
export type MailboxPatch = z.input<typeof MailboxPatch>;

export const ImapStatus = z.enum(['off', 'ok', 'error']);
export const Mailbox = z.object({
  id: Id,
  address: z.string(),
  fromAddress: z.string(),
  fromName: z.string(),
  reopenWindowDays: z.number().int(),
  smtpHost: z.string().nullable(),
  smtpPort: z.number().int().nullable(),
  smtpSecure: z.boolean(),
  smtpUser: z.string().nullable(),
  hasSmtpPassword: z.boolean(),
  /** 'file' writes replies to the outbox folder (development default); 'smtp' sends them. */
  outbound: z.enum(['smtp', 'file']),
  imapEnabled: z.boolean(),
  imapHost: z.string().nullable(),
  imapPort: z.number().int().nullable(),
  imapTls: z.boolean(),
  imapUser: z.string().nullable(),
  hasImapPassword: z.boolean(),
  imapFolder: z.string(),
  imapStatus: ImapStatus,
  imapLastError: z.string().nullable(),
  imapFailures: z.number().int(),
  imapLastPollAt: Timestamp.nullable(),
  imapLastSuccessAt: Timestamp.nullable(),
  imapNextPollAt: Timestamp.nullable(),
  imapLastUid: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Mailbox = z.infer<typeof Mailbox>;

export const TestMessageBody = z.object({ to: z.email().max(254).optional() });

export const OutboxStatus = z.enum(['queued', 'sent', 'failed']);
export const OutboxItem = z.object({
  id: Id,
  mailboxId: Id.nullable(),
  requestId: Id.nullable(),
  messageId: Id.nullable(),
  kind: z.enum(['reply', 'test', 'notification']),
  fromAddress: z.string(),
  toAddresses: z.array(z.string()),
  subject: z.string(),
  messageIdHeader: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  status: OutboxStatus,
  transport: z.enum(['smtp', 'file']).nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  lastAttemptAt: Timestamp.nullable(),
  sentAt: Timestamp.nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;
export const OutboxDetail = OutboxItem.extend({ bodyText: z.string(), raw: z.string().nullable() });
export type OutboxDetail = z.infer<typeof OutboxDetail>;
export const OutboxListQuery = PageQuery.extend({ status: OutboxStatus.optional() });

export const Attachment = z.object({
  id: Id,
  requestId: Id,
  messageId: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  inline: z.boolean(),
  /** False when the file was above the size cap: it is then only in the raw message. */
  stored: z.boolean(),
  createdAt: Timestamp,
});
export type Attachment = z.infer<typeof Attachment>;

export const MailKind = z.enum(['normal', 'bulk', 'auto_reply', 'bounce']);
/** What the email channel knows about one request: files, raw messages, automatic mail, replies sent. */
export const RequestMail = z.object({
  attachments: z.array(Attachment),
  /** Raw source of each message that arrived by email (messageId → raw id). */
  rawMessages: z.array(z.object({ rawId: Id, messageId: Id.nullable(), status: z.string(), receivedAt: Timestamp })),
  /** Auto-replies and bounces that referred to this request: kept, never answered. */
  automatic: z.array(z.object({ rawId: Id, kind: MailKind, from: z.string().nullable(), subject: z.string().nullable(), receivedAt: Timestamp })),
  outbox: z.array(OutboxItem),
});
export type RequestMail = z.infer<typeof RequestMail>;

export const MailHealth = z.object({
  ok: z.boolean(),
  smtp: z.object({ runningHere: z.boolean(), host: z.string(), port: z.number().int(), error: z.string().nullable() }),
  mailboxes: z.array(
    z.object({
      id: Id,
      address: z.string(),
      imapEnabled: z.boolean(),
      imapStatus: ImapStatus,
      imapLastError: z.string().nullable(),
      imapFailures: z.number().int(),
      imapLastSuccessAt: Timestamp.nullable(),
      imapNextPollAt: Timestamp.nullable(),
    }),
  ),
  outbox: z.object({ queued: z.number().int(), failed: z.number().int(), oldestQueuedAt: Timestamp.nullable() }),
  inbound: z.object({
    last24h: z.number().int(),
    failed: z.number().int(),
    throttled: z.number().int(),
    lastReceivedAt: Timestamp.nullable(),
  }),
});
export type MailHealth = z.infer<typeof MailHealth>;
