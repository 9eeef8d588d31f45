import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** bytea as a Node Buffer on both drivers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});

/**
 * A mailbox of a workspace: the address (or bare domain) mail arrives at, the From of replies,
 * optional outbound SMTP and optional IMAP polling. Passwords are AES-256-GCM ciphertext.
 */
export const mailboxes = pgTable(
  'mailboxes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    /** "support@acme.example" routes one address; "acme.example" routes a whole domain. */
    address: text('address').notNull(),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name').notNull().default(''),
    /** Days after resolution within which a reply reopens the request; later it opens a linked new one. */
    reopenWindowDays: integer('reopen_window_days').notNull().default(30),
    smtpHost: text('smtp_host'),
    smtpPort: integer('smtp_port'),
    smtpSecure: boolean('smtp_secure').notNull().default(false),
    smtpUser: text('smtp_user'),
    smtpPasswordEnc: text('smtp_password_enc'),
    imapEnabled: boolean('imap_enabled').notNull().default(false),
    imapHost: text('imap_host'),
    imapPort: integer('imap_port'),
    imapTls: boolean('imap_tls').notNull().default(true),
    imapUser: text('imap_user'),
    imapPasswordEnc: text('imap_password_enc'),
    imapFolder: text('imap_folder').notNull().default('INBOX'),
    // UID tracking: a changed UIDVALIDITY means the folder was rebuilt and UIDs restart.
    imapUidValidity: text('imap_uid_validity'),
    imapLastUid: integer('imap_last_uid').notNull().default(0),
    imapStatus: text('imap_status', { enum: ['off', 'ok', 'error'] }).notNull().default('off'),
    imapLastError: text('imap_last_error'),
    imapFailures: integer('imap_failures').notNull().default(0),
    imapLastPollAt: ts('imap_last_poll_at'),
    imapLastSuccessAt: ts('imap_last_success_at'),
    imapNextPollAt: ts('imap_next_poll_at'),
    /** Lease so that one process polls a mailbox at a time. */
    imapLeaseUntil: ts('imap_lease_until'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Routing is global (an SMTP recipient names no workspace), so an address belongs to one workspace.
    uniqueIndex('mailboxes_address').on(t.address),
  ],
);

/**
 * Every message as received, before anything else happens to it. Idempotency key: the
 * Message-ID (or a hash of the bytes when there is none) per workspace.
 */
export const rawMessages = pgTable(
  'raw_messages',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    mailboxId: uuid('mailbox_id'),
    source: text('source', { enum: ['smtp', 'imap', 'api'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    messageIdHeader: text('message_id_header'),
    envelopeFrom: text('envelope_from'),
    envelopeTo: text('envelope_to').array().notNull().default(sql`'{}'::text[]`),
    fromAddress: text('from_address'),
    subject: text('subject'),
    size: integer('size').notNull(),
    raw: bytea('raw').notNull(),
    status: text('status', { enum: ['received', 'stored', 'auto_reply', 'bounce', 'throttled', 'failed'] }).notNull().default('received'),
    requestId: uuid('request_id'),
    messageId: uuid('message_id'),
    error: text('error'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('raw_messages_dedupe').on(t.workspaceId, t.dedupeKey),
    index('raw_messages_sender').on(t.workspaceId, t.fromAddress, t.receivedAt),
    index('raw_messages_message').on(t.workspaceId, t.messageId),
    index('raw_messages_received').on(t.workspaceId, t.receivedAt),
  ],
);

/** Opaque blobs behind the storage port (the embedded default keeps them in the database). */
export const blobs = pgTable(
  'blobs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    key: text('key').notNull(),
    data: bytea('data').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

export const attachments = pgTable(
  'attachments',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    messageId: uuid('message_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    contentId: text('content_id'),
    inline: boolean('inline').notNull().default(false),
    /** Null when the file was over the size cap (it is still in the raw message). */
    storageKey: text('storage_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('attachments_request').on(t.workspaceId, t.requestId), index('attachments_message').on(t.workspaceId, t.messageId)],
);

/** Outbound mail: a row per message to send, retried until the SMTP server takes it. */
export const outbox = pgTable(
  'outbox',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    mailboxId: uuid('mailbox_id'),
    requestId: uuid('request_id'),
    messageId: uuid('message_id'),
    kind: text('kind', { enum: ['reply', 'test', 'notification'] }).notNull().default('reply'),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name').notNull().default(''),
    toAddresses: text('to_addresses').array().notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    messageIdHeader: text('message_id_header').notNull(),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: ['queued', 'sent', 'failed'] }).notNull().default('queued'),
    transport: text('transport', { enum: ['smtp', 'file'] }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The message exactly as handed to the transport (what the outbox page shows). */
    raw: bytea('raw'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastAttemptAt: ts('last_attempt_at'),
    sentAt: ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('outbox_message_id').on(t.workspaceId, t.messageIdHeader),
    index('outbox_list').on(t.workspaceId, t.createdAt, t.id),
    index('outbox_status').on(t.status, t.lastAttemptAt),
    index('outbox_request').on(t.workspaceId, t.requestId),
  ],
);
