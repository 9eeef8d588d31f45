import crypto from 'node:crypto';
import path from 'node:path';
import { and, asc, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { OutboxListQuery } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { mailboxes, outbox, rawMessages } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { keyset } from '../../infra/keyset.js';
import { composeMail, sendViaSmtp, writeToOutboxFolder } from '../../infra/mailer.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { findMailbox, listMailboxRows, mailboxPassword, type MailboxRow } from './mailboxes.service.js';
import { contactEmail, requestState, threadMessageIds } from './mail.repo.js';

export const SEND_QUEUE = 'mail.send';
export const SWEEP_QUEUE = 'mail.outbox-sweep';
type OutboxRow = typeof outbox.$inferSelect;

export const toOutboxItem = (o: OutboxRow) => ({
  id: o.id,
  mailboxId: o.mailboxId,
  requestId: o.requestId,
  messageId: o.messageId,
  kind: o.kind,
  fromAddress: o.fromAddress,
  toAddresses: o.toAddresses,
  subject: o.subject,
  messageIdHeader: o.messageIdHeader,
  inReplyTo: o.inReplyTo,
  references: o.references,
  status: o.status,
  transport: o.transport,
  attempts: o.attempts,
  lastError: o.lastError,
  createdAt: o.createdAt.toISOString(),
  lastAttemptAt: o.lastAttemptAt?.toISOString() ?? null,
  sentAt: o.sentAt?.toISOString() ?? null,
});

const domainOf = (address: string) => address.split('@')[1] ?? 'fitdesk.invalid';
const newMessageId = (from: string) => `<${crypto.randomUUID()}@${domainOf(from)}>`;

/** Keeps the first Message-ID (the thread root) and the most recent ones, as RFC 5322 suggests. */
function trimReferences(ids: string[], max = 20): string[] {
  const uniq = [...new Set(ids)];
  return uniq.length <= max ? uniq : [uniq[0]!, ...uniq.slice(uniq.length - (max - 1))];
}

async function enqueue(deps: Deps, tx: Tx, o: Pick<OutboxRow, 'workspaceId' | 'id'>) {
  await deps.jobs.send(SEND_QUEUE, { workspaceId: o.workspaceId, outboxId: o.id }, { tx, workspaceId: o.workspaceId, singletonKey: o.id, maxAttempts: 10 });
}

/** The mailbox a request's mail came in on, else the workspace's first mailbox. */
async function mailboxForRequest(tx: Tx, workspaceId: string, requestId: string): Promise<MailboxRow | null> {
  const [viaRaw] = await tx
    .select({ m: mailboxes })
    .from(rawMessages)
    .innerJoin(mailboxes, and(eq(mailboxes.workspaceId, rawMessages.workspaceId), eq(mailboxes.id, rawMessages.mailboxId)))
    .where(and(eq(rawMessages.workspaceId, workspaceId), eq(rawMessages.requestId, requestId)))
    .orderBy(desc(rawMessages.receivedAt))
    .limit(1);
  if (viaRaw) return viaRaw.m;
  return (await listMailboxRows(tx, workspaceId))[0] ?? null;
}

/**
 * Called (inside the reply's transaction) for every outbound email-channel message: queues the
 * email with threading headers, so the reply is sent iff it was stored, and retried until the
 * SMTP server takes it. Does nothing when the workspace has no mailbox or the contact no address.
 */
export async function queueReplyEmail(deps: Deps, tx: Tx, workspaceId: string, m: { requestId: string; messageId: string; body: string; bodyHtml?: string | null }) {
  const r = await requestState(tx, workspaceId, m.requestId);
  if (!r) return null;
  const to = await contactEmail(tx, workspaceId, r.contactId);
  if (!to?.email) return null;
  const box = await mailboxForRequest(tx, workspaceId, m.requestId);
  if (!box) return null;
  const thread = await threadMessageIds(tx, workspaceId, m.requestId);
  const base = r.subject.replace(/\s*\[#\d+\]\s*/g, ' ').trim();
  const subject = `${/^re:/i.test(base) ? base : `Re: ${base}`} [#${r.number}]`;
  const [o] = await tx
    .insert(outbox)
    .values({
      workspaceId,
      mailboxId: box.id,
      requestId: m.requestId,
      messageId: m.messageId,
      kind: 'reply',
      fromAddress: box.fromAddress,
      fromName: box.fromName,
      toAddresses: [to.email],
      subject,
      bodyText: m.body,
      bodyHtml: m.bodyHtml ?? null,
      messageIdHeader: newMessageId(box.fromAddress),
      inReplyTo: thread.lastInbound ?? thread.all[thread.all.length - 1] ?? null,
      references: trimReferences(thread.all),
    })
    .returning();
  await enqueue(deps, tx, o!);
  return o!;
}

/**
 * A notification from the workspace (an invite, a sign-in link) through its first mailbox, in
 * the caller's transaction. Returns null when the workspace has no mailbox yet: the caller then
 * shows the link to pass on by hand.
 */
export async function queueNotification(deps: Deps, tx: Tx, workspaceId: string, n: { to: string; subject: string; body: string }) {
  const box = (await listMailboxRows(tx, workspaceId))[0];
  if (!box) return null;
  const [o] = await tx
    .insert(outbox)
    .values({
      workspaceId,
      mailboxId: box.id,
      kind: 'notification',
      fromAddress: box.fromAddress,
      fromName: box.fromName,
      toAddresses: [n.to],
      subject: n.subject,
      bodyText: n.body,
      messageIdHeader: newMessageId(box.fromAddress),
    })
    .returning();
  await enqueue(deps, tx, o!);
  return o!;
}

/** "Send test message": proves the outbound path of a mailbox end to end. */
export async function queueTestMessage(deps: Deps, actor: Actor, mailboxId: string, to: string | undefined) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const box = await findMailbox(tx, actor.workspaceId, mailboxId);
    const recipient = to ?? box.fromAddress;
    const [o] = await tx
      .insert(outbox)
      .values({
        workspaceId: actor.workspaceId,
        mailboxId: box.id,
        kind: 'test',
        fromAddress: box.fromAddress,
        fromName: box.fromName,
        toAddresses: [recipient],
        subject: `fitdesk test message for ${box.address}`,
        bodyText: `This is a test message sent by ${actor.label} from the fitdesk mailbox ${box.address}.\nIf you can read it, outbound mail works.`,
        messageIdHeader: newMessageId(box.fromAddress),
      })
      .returning();
    await enqueue(deps, tx, o!);
    await audit(tx, actor, { action: 'mailbox.test-sent', entity: 'mailbox', entityId: box.id, after: { to: recipient, outboxId: o!.id } });
    return toOutboxItem(o!);
  });
}

export function outboxFolder(deps: Deps, workspaceId: string) {
  return path.join(deps.config.dataDir, 'outbox', workspaceId);
}

/** The send job: compose, hand to SMTP (or the outbox folder), record the outcome; throws to be retried. */
export async function deliverOutbox(deps: Deps, workspaceId: string, outboxId: string): Promise<void> {
  const [o] = await deps.db.select().from(outbox).where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.id, outboxId)));
  if (!o || o.status === 'sent') return;
  const [box] = o.mailboxId ? await deps.db.select().from(mailboxes).where(and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.id, o.mailboxId))) : [];
  const now = deps.clock.now();
  try {
    const raw =
      o.raw ??
      (await composeMail({
        from: { name: o.fromName, address: o.fromAddress },
        to: o.toAddresses,
        subject: o.subject,
        text: o.bodyText,
        html: o.bodyHtml,
        messageId: o.messageIdHeader,
        inReplyTo: o.inReplyTo,
        references: o.references,
        date: o.createdAt,
        // RFC 3834: test and notification mail is automatic and must not be auto-answered.
        headers: { 'X-Fitdesk-Loop': workspaceId, ...(o.kind === 'reply' ? {} : { 'Auto-Submitted': 'auto-generated' }) },
      }));
    let transport: 'smtp' | 'file';
    if (box?.smtpHost) {
      transport = 'smtp';
      await sendViaSmtp(
        { host: box.smtpHost, port: box.smtpPort ?? (box.smtpSecure ? 465 : 587), secure: box.smtpSecure, user: box.smtpUser, pass: mailboxPassword(deps, box.smtpPasswordEnc) },
        { from: o.fromAddress, to: o.toAddresses },
        raw,
      );
    } else {
      transport = 'file';
      writeToOutboxFolder(outboxFolder(deps, workspaceId), `${o.createdAt.toISOString().replace(/[:.]/g, '-')}-${o.id}`, raw);
    }
    await deps.db
      .update(outbox)
      .set({ status: 'sent', transport, raw, sentAt: deps.clock.now(), lastAttemptAt: now, attempts: sql`${outbox.attempts} + 1`, lastError: null })
      .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.id, outboxId)));
  } catch (err) {
    await deps.db
      .update(outbox)
      .set({ lastAttemptAt: now, attempts: sql`${outbox.attempts} + 1`, lastError: String((err as Error)?.message ?? err).slice(0, 2000) })
      .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.id, outboxId)));
    throw err;
  }
}

/**
 * Safety net behind the job queue's retries: a message still queued whose job ran out of
 * attempts (or was lost) is queued again, so an SMTP outage of any length loses nothing.
 */
export async function sweepOutbox(deps: Deps): Promise<number> {
  const stale = new Date(deps.clock.now().getTime() - 15 * 60_000);
  const due = await deps.db
    .select({ workspaceId: outbox.workspaceId, id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), or(isNull(outbox.lastAttemptAt), lt(outbox.lastAttemptAt, stale)), lt(outbox.createdAt, stale)))
    .limit(500);
  for (const o of due) await deps.jobs.send(SEND_QUEUE, { workspaceId: o.workspaceId, outboxId: o.id }, { workspaceId: o.workspaceId, singletonKey: o.id, maxAttempts: 10 });
  return due.length;
}

export async function listOutbox(deps: Deps, actor: Actor, q: z.output<typeof OutboxListQuery>) {
  const ks = keyset({ col: outbox.createdAt, id: outbox.id, dir: 'desc', cursor: q.cursor, decode: cursorDate });
  const rows = await deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, actor.workspaceId), q.status ? eq(outbox.status, q.status) : undefined, ks.where))
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  return { items: rows.slice(0, q.limit).map(toOutboxItem), nextCursor: ks.next(rows, q.limit, (r) => ({ v: r.createdAt, id: r.id })) };
}

async function findOutbox(tx: Tx, workspaceId: string, id: string) {
  const [o] = await tx.select().from(outbox).where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.id, id)));
  if (!o) throw notFound('Outbox message');
  return o;
}

export async function getOutbox(deps: Deps, actor: Actor, id: string) {
  const o = await findOutbox(deps.db, actor.workspaceId, id);
  return { ...toOutboxItem(o), bodyText: o.bodyText, raw: o.raw ? o.raw.toString('utf8') : null };
}

export async function outboxEml(deps: Deps, actor: Actor, id: string) {
  const o = await findOutbox(deps.db, actor.workspaceId, id);
  if (!o.raw) throw new AppError('not_found', 'This message has not been composed yet');
  return o.raw;
}

/** Queues a failed (e.g. bounced or out of retries) message once more. */
export async function retryOutbox(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const o = await findOutbox(tx, actor.workspaceId, id);
    if (o.status === 'sent') throw new AppError('conflict', 'This message was already sent');
    const [after] = await tx.update(outbox).set({ status: 'queued', lastError: null }).where(and(eq(outbox.workspaceId, actor.workspaceId), eq(outbox.id, id))).returning();
    await enqueue(deps, tx, after!);
    await audit(tx, actor, { action: 'outbox.retried', entity: 'outbox', entityId: id });
    return toOutboxItem(after!);
  });
}

export async function outboxForRequest(tx: Tx, workspaceId: string, requestId: string) {
  return (await tx.select().from(outbox).where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.requestId, requestId))).orderBy(asc(outbox.createdAt))).map(toOutboxItem);
}

function cursorDate(v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new AppError('validation_failed', 'cursor: not a cursor of this list', 'cursor');
  return d;
}
