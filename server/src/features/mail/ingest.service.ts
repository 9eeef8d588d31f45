import { and, eq } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { attachments, outbox, rawMessages } from '../../db/schema/index.js';
import { databaseBlobStorage, type BlobStorage } from '../../infra/storage.js';
import { systemActor } from '../auth/actor.js';
import { clientForEmail } from '../clients/clients.service.js';
import { recordInbound } from '../requests/requests.service.js';
import type { MailboxRow } from './mailboxes.service.js';
import { contactEmail, markBounced, recentFromSender, requestByNumber, requestForMessageIds, requestState, type RawRow } from './mail.repo.js';
import { parseEmail, type ParsedEmail } from './parse.js';
import { sanitizeEmailHtml } from './sanitize.js';

export type RawStatus = RawRow['status'];
const FINAL: RawStatus[] = ['stored', 'auto_reply', 'bounce', 'throttled'];

export interface IngestInput {
  raw: Buffer;
  source: 'smtp' | 'imap' | 'api';
  mailbox: MailboxRow;
  envelopeFrom?: string | null;
  envelopeTo?: string[];
}

export interface IngestResult {
  rawId: string;
  status: RawStatus;
  requestId: string | null;
  messageId: string | null;
  /** This message had been stored before (re-delivery): nothing new was written. */
  duplicate: boolean;
}

const TOKEN = /\[#(\d{1,9})\]/;
const MAX_TEXT = 500_000;

/**
 * Stores one received message for the mailbox's workspace, exactly once:
 * 1. the raw bytes are committed first (so nothing received is ever lost, even if step 2 fails);
 * 2. parsing, threading, the request/message, attachments and the raw row's outcome commit together.
 * Only after both may the SMTP server answer 250 (or the IMAP poller advance its UID). A message
 * seen before (same Message-ID, or same bytes when it has none) is acknowledged without a write.
 */
export async function ingestRaw(deps: Deps, input: IngestInput, parsed?: ParsedEmail, storage: BlobStorage = databaseBlobStorage): Promise<IngestResult> {
  const p = parsed ?? (await parseEmail(input.raw, input.envelopeFrom ?? null));
  const ws = input.mailbox.workspaceId;
  const now = deps.clock.now();

  let raw: Pick<RawRow, 'id' | 'status' | 'requestId' | 'messageId'> | undefined;
  [raw] = await deps.db
    .insert(rawMessages)
    .values({
      workspaceId: ws,
      mailboxId: input.mailbox.id,
      source: input.source,
      dedupeKey: p.dedupeKey,
      messageIdHeader: p.messageIdHeader,
      envelopeFrom: input.envelopeFrom ?? null,
      envelopeTo: input.envelopeTo ?? [],
      fromAddress: p.fromAddress,
      subject: p.subject.slice(0, 1000),
      size: input.raw.length,
      raw: input.raw,
      receivedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: rawMessages.id, status: rawMessages.status, requestId: rawMessages.requestId, messageId: rawMessages.messageId });
  if (!raw) {
    [raw] = await deps.db
      .select({ id: rawMessages.id, status: rawMessages.status, requestId: rawMessages.requestId, messageId: rawMessages.messageId })
      .from(rawMessages)
      .where(and(eq(rawMessages.workspaceId, ws), eq(rawMessages.dedupeKey, p.dedupeKey)));
    if (!raw) throw new Error('raw message vanished during re-delivery');
    if (FINAL.includes(raw.status)) return { rawId: raw.id, status: raw.status, requestId: raw.requestId, messageId: raw.messageId, duplicate: true };
  }
  const rawId = raw.id;

  try {
    return await deps.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(rawMessages).where(and(eq(rawMessages.workspaceId, ws), eq(rawMessages.id, rawId))).for('update');
      if (!locked) throw new Error('raw message missing');
      if (FINAL.includes(locked.status)) return { rawId, status: locked.status, requestId: locked.requestId, messageId: locked.messageId, duplicate: true };
      const out = await processMessage(deps, tx, input, p, rawId, storage);
      await tx
        .update(rawMessages)
        .set({ status: out.status, requestId: out.requestId, messageId: out.messageId, processedAt: deps.clock.now(), error: null })
        .where(and(eq(rawMessages.workspaceId, ws), eq(rawMessages.id, rawId)));
      return { rawId, ...out, duplicate: false };
    });
  } catch (err) {
    await deps.db
      .update(rawMessages)
      .set({ status: 'failed', error: String((err as Error)?.message ?? err).slice(0, 2000) })
      .where(and(eq(rawMessages.workspaceId, ws), eq(rawMessages.id, rawId)))
      .catch(() => undefined);
    throw err;
  }
}

type Outcome = { status: RawStatus; requestId: string | null; messageId: string | null };

async function processMessage(deps: Deps, tx: Tx, input: IngestInput, p: ParsedEmail, rawId: string, storage: BlobStorage): Promise<Outcome> {
  const ws = input.mailbox.workspaceId;
  const now = deps.clock.now();
  const refs = [...new Set([p.inReplyTo, ...[...p.references].reverse()].filter((x): x is string => !!x))].slice(0, 100);

  if (p.kind === 'bounce') {
    const at = now;
    await markBounced(tx, ws, p.bounce?.failedRecipients ?? [], at);
    const orig = p.bounce?.originalMessageId ?? null;
    const requestId = await requestForMessageIds(tx, ws, [...(orig ? [orig] : []), ...refs]);
    if (orig)
      await tx
        .update(outbox)
        .set({ status: 'failed', lastError: `bounced: ${p.bounce?.diagnostic ?? 'delivery failed'}`.slice(0, 2000) })
        .where(and(eq(outbox.workspaceId, ws), eq(outbox.messageIdHeader, orig)));
    return { status: 'bounce', requestId, messageId: null };
  }
  if (p.kind === 'auto_reply' || isOwnAddress(input.mailbox, p.fromAddress)) {
    // Kept and linked for the record, never answered and never reopening anything (loop guard).
    return { status: 'auto_reply', requestId: await requestForMessageIds(tx, ws, refs), messageId: null };
  }
  if (p.fromAddress && (await recentFromSender(tx, ws, p.fromAddress, new Date(now.getTime() - 10 * 60_000), rawId)) >= deps.config.mail.senderLimitPer10Min)
    return { status: 'throttled', requestId: null, messageId: null };

  // Threading: In-Reply-To/References, then a [#number] token from a sender of that request.
  let requestId = await requestForMessageIds(tx, ws, refs);
  const token = TOKEN.exec(p.subject);
  if (!requestId && token) {
    const r = await requestByNumber(tx, ws, Number(token[1]));
    if (r && p.fromAddress && (await senderBelongs(tx, ws, r, p.fromAddress))) requestId = r.id;
  }
  let followUpOf: { id: string; number: number } | null = null;
  if (requestId) {
    const r = await requestState(tx, ws, requestId);
    const windowMs = input.mailbox.reopenWindowDays * 86_400_000;
    if (r && (r.status === 'resolved' || r.status === 'closed') && r.resolvedAt && now.getTime() - r.resolvedAt.getTime() > windowMs) {
      followUpOf = { id: r.id, number: r.number };
      requestId = null;
    }
  }

  const cid = new Map(p.attachments.filter((a) => a.contentId && a.size <= deps.config.mail.maxAttachmentBytes).map((a) => [a.contentId!, a.id]));
  const html = p.html ? sanitizeEmailHtml(p.html, (c) => (cid.has(c) ? `/api/v1/mail/attachments/${cid.get(c)}` : null)) : null;
  let body = p.text.trim() ? p.text : html ? sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\n{3,}/g, '\n\n').trim() : '';
  if (!body) body = p.attachments.length ? `(${p.attachments.length} attachment${p.attachments.length > 1 ? 's' : ''}, no text)` : '(empty message)';
  if (body.length > MAX_TEXT) body = body.slice(0, MAX_TEXT) + '\n…(truncated; the full message is in the raw source)';
  const subject = (followUpOf ? p.subject.replace(TOKEN, '').trim() : p.subject).slice(0, 300) || '(no subject)';
  const sentAt = p.date && p.date.getTime() <= now.getTime() && p.date.getTime() > now.getTime() - 5 * 365 * 86_400_000 ? p.date : now;
  const headers: Record<string, string> = { ...p.headers, 'x-fitdesk-mail-kind': p.kind, 'x-fitdesk-raw-id': rawId };
  if (followUpOf) headers['x-fitdesk-follow-up-of'] = `#${followUpOf.number}`;

  const res = await recordInbound(
    deps,
    systemActor(ws, 'email'),
    {
      subject,
      body,
      bodyHtml: html,
      channel: 'email',
      sentAt,
      contactEmail: p.fromAddress ?? input.envelopeFrom ?? undefined,
      contactName: p.fromName ?? undefined,
      headers,
      messageIdHeader: p.messageIdHeader,
      tags: followUpOf ? ['follow-up'] : [],
      ...(requestId ? { requestId } : {}),
    },
    tx,
  );

  for (const a of p.attachments) {
    const fits = a.size <= deps.config.mail.maxAttachmentBytes;
    await tx.insert(attachments).values({
      workspaceId: ws,
      id: a.id,
      requestId: res.requestId,
      messageId: res.messageId,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      contentId: a.contentId,
      inline: a.inline,
      storageKey: fits ? await storage.put(tx, ws, a.content) : null,
    });
  }
  return { status: 'stored', requestId: res.requestId, messageId: res.messageId };
}

function isOwnAddress(m: MailboxRow, from: string | null) {
  return !!from && (from === m.fromAddress.toLowerCase() || from === m.address);
}

/** A [#number] token is only trusted from the request's contact or someone of its client. */
async function senderBelongs(tx: Tx, ws: string, r: { contactId: string | null; clientId: string | null }, from: string) {
  const c = await contactEmail(tx, ws, r.contactId);
  if (c?.email === from) return true;
  return !!r.clientId && (await clientForEmail(tx, ws, from)) === r.clientId;
}

/** Parses once and ingests for every mailbox (one per workspace) the message was addressed to. */
export async function ingestForMailboxes(deps: Deps, raw: Buffer, boxes: MailboxRow[], envelope: { from: string | null; to: string[]; source: 'smtp' | 'imap' | 'api' }) {
  const parsed = await parseEmail(raw, envelope.from);
  const byWorkspace = new Map<string, MailboxRow>();
  for (const b of boxes) if (!byWorkspace.has(b.workspaceId)) byWorkspace.set(b.workspaceId, b);
  const out: IngestResult[] = [];
  for (const mailbox of byWorkspace.values()) out.push(await ingestRaw(deps, { raw, source: envelope.source, mailbox, envelopeFrom: envelope.from, envelopeTo: envelope.to }, parsed));
  return out;
}
