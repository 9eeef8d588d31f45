import { and, asc, count, eq, gt, inArray, max, min, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { attachments, mailboxes, outbox, rawMessages } from '../../db/schema/index.js';
import { notFound } from '../../infra/errors.js';
import { databaseBlobStorage, type BlobStorage } from '../../infra/storage.js';
import type { Actor } from '../auth/actor.js';
import { requestState } from './mail.repo.js';
import { outboxForRequest } from './outbox.service.js';
import { parseEmail } from './parse.js';
import { smtpStatus } from './mail.role.js';

type AttachmentRow = typeof attachments.$inferSelect;
const toAttachment = (a: AttachmentRow) => ({
  id: a.id,
  requestId: a.requestId,
  messageId: a.messageId,
  filename: a.filename,
  contentType: a.contentType,
  size: a.size,
  inline: a.inline,
  stored: !!a.storageKey,
  createdAt: a.createdAt.toISOString(),
});

/** Everything the email channel holds for one request (files, raw sources, automatic mail, sent mail). */
export async function requestMail(deps: Deps, actor: Actor, requestId: string) {
  const ws = actor.workspaceId;
  if (!(await requestState(deps.db, ws, requestId))) throw notFound('Request');
  const files = await deps.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.workspaceId, ws), eq(attachments.requestId, requestId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.filename));
  const raws = await deps.db
    .select({ id: rawMessages.id, messageId: rawMessages.messageId, status: rawMessages.status, receivedAt: rawMessages.receivedAt, fromAddress: rawMessages.fromAddress, subject: rawMessages.subject })
    .from(rawMessages)
    .where(and(eq(rawMessages.workspaceId, ws), eq(rawMessages.requestId, requestId)))
    .orderBy(asc(rawMessages.receivedAt));
  return {
    attachments: files.map(toAttachment),
    rawMessages: raws.filter((r) => r.status === 'stored').map((r) => ({ rawId: r.id, messageId: r.messageId, status: r.status, receivedAt: r.receivedAt.toISOString() })),
    automatic: raws
      .filter((r) => r.status === 'auto_reply' || r.status === 'bounce')
      .map((r) => ({ rawId: r.id, kind: r.status as 'auto_reply' | 'bounce', from: r.fromAddress, subject: r.subject, receivedAt: r.receivedAt.toISOString() })),
    outbox: await outboxForRequest(deps.db, ws, requestId),
  };
}

export async function attachmentFile(deps: Deps, actor: Actor, id: string, storage: BlobStorage = databaseBlobStorage) {
  const ws = actor.workspaceId;
  const [a] = await deps.db.select().from(attachments).where(and(eq(attachments.workspaceId, ws), eq(attachments.id, id)));
  if (!a) throw notFound('Attachment');
  let data = a.storageKey ? await storage.get(deps.db, ws, a.storageKey) : null;
  if (!data) {
    // Over the size cap (or storage lost it): the raw message still has it.
    const [raw] = await deps.db.select({ raw: rawMessages.raw }).from(rawMessages).where(and(eq(rawMessages.workspaceId, ws), eq(rawMessages.messageId, a.messageId)));
    const parsed = raw ? await parseEmail(raw.raw) : null;
    data = parsed?.attachments.find((x) => x.filename === a.filename && x.size === a.size)?.content ?? null;
  }
  if (!data) throw notFound('Attachment content');
  return { filename: a.filename, contentType: a.contentType, data };
}

export async function rawById(deps: Deps, actor: Actor, id: string) {
  const [r] = await deps.db.select({ raw: rawMessages.raw }).from(rawMessages).where(and(eq(rawMessages.workspaceId, actor.workspaceId), eq(rawMessages.id, id)));
  if (!r) throw notFound('Raw message');
  return r.raw;
}

export async function rawByMessage(deps: Deps, actor: Actor, messageId: string) {
  const [r] = await deps.db
    .select({ raw: rawMessages.raw })
    .from(rawMessages)
    .where(and(eq(rawMessages.workspaceId, actor.workspaceId), eq(rawMessages.messageId, messageId)))
    .limit(1);
  if (!r) throw notFound('Raw message');
  return r.raw;
}

/** Mail health for the workspace: never a silent stop (IMAP errors, stuck outbox, failed ingests). */
export async function mailHealth(deps: Deps, actor: Actor) {
  const ws = actor.workspaceId;
  const boxes = await deps.db.select().from(mailboxes).where(eq(mailboxes.workspaceId, ws)).orderBy(asc(mailboxes.createdAt));
  const [ob] = await deps.db
    .select({ queued: sql<number>`count(*) filter (where ${outbox.status} = 'queued')::int`, failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')::int`, oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, ws), inArray(outbox.status, ['queued', 'failed'])));
  const [oldestQueued] = await deps.db
    .select({ t: min(outbox.createdAt) })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, ws), eq(outbox.status, 'queued')));
  const since = new Date(deps.clock.now().getTime() - 86_400_000);
  const [inb] = await deps.db
    .select({
      n: count(),
      failed: sql<number>`count(*) filter (where ${rawMessages.status} = 'failed')::int`,
      throttled: sql<number>`count(*) filter (where ${rawMessages.status} = 'throttled')::int`,
      last: max(rawMessages.receivedAt),
    })
    .from(rawMessages)
    .where(and(eq(rawMessages.workspaceId, ws), gt(rawMessages.receivedAt, since)));
  const smtp = smtpStatus();
  const queued = ob?.queued ?? 0;
  const failed = ob?.failed ?? 0;
  const imapBad = boxes.some((b) => b.imapEnabled && b.imapStatus === 'error');
  return {
    ok: !imapBad && failed === 0 && (inb?.failed ?? 0) === 0 && !smtp.error,
    smtp: { runningHere: smtp.port !== null, host: deps.config.smtpHost, port: smtp.port ?? deps.config.smtpPort, error: smtp.error },
    mailboxes: boxes.map((b) => ({
      id: b.id,
      address: b.address,
      imapEnabled: b.imapEnabled,
      imapStatus: b.imapStatus,
      imapLastError: b.imapLastError,
      imapFailures: b.imapFailures,
      imapLastSuccessAt: b.imapLastSuccessAt?.toISOString() ?? null,
      imapNextPollAt: b.imapNextPollAt?.toISOString() ?? null,
    })),
    outbox: { queued, failed, oldestQueuedAt: oldestQueued?.t ? new Date(oldestQueued.t).toISOString() : null },
    inbound: { last24h: Number(inb?.n ?? 0), failed: inb?.failed ?? 0, throttled: inb?.throttled ?? 0, lastReceivedAt: inb?.last ? new Date(inb.last).toISOString() : null },
  };
}
