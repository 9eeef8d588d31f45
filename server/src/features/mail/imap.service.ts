import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { mailboxes } from '../../db/schema/index.js';
import { connectImapFlow, imapBackoffMs, pollImapFolder, type ImapAccount, type ImapLike } from '../../infra/imap-poller.js';
import { ingestRaw } from './ingest.service.js';
import { mailboxPassword, type MailboxRow } from './mailboxes.service.js';

export type ImapConnector = (account: ImapAccount) => ImapLike;

const LEASE_MS = 5 * 60_000;

/** Polls one mailbox now and records the outcome (status, error, backoff) on it. */
export async function pollMailbox(deps: Deps, box: MailboxRow, connect: ImapConnector = connectImapFlow) {
  const where = and(eq(mailboxes.workspaceId, box.workspaceId), eq(mailboxes.id, box.id));
  const started = deps.clock.now();
  try {
    if (!box.imapHost || !box.imapUser) throw new Error('IMAP host and user are required');
    const client = connect({
      host: box.imapHost,
      port: box.imapPort ?? (box.imapTls ? 993 : 143),
      tls: box.imapTls,
      user: box.imapUser,
      pass: mailboxPassword(deps, box.imapPasswordEnc) ?? '',
    });
    const res = await pollImapFolder(
      client,
      box.imapFolder,
      { uidValidity: box.imapUidValidity, lastUid: box.imapLastUid },
      async (raw) => {
        await ingestRaw(deps, { raw, source: 'imap', mailbox: box });
      },
      async (c) => {
        await deps.db.update(mailboxes).set({ imapUidValidity: c.uidValidity, imapLastUid: c.lastUid }).where(where);
      },
    );
    const now = deps.clock.now();
    await deps.db
      .update(mailboxes)
      .set({ imapStatus: 'ok', imapLastError: null, imapFailures: 0, imapLastPollAt: started, imapLastSuccessAt: now, imapNextPollAt: new Date(now.getTime() + deps.config.mail.imapPollMs), imapLeaseUntil: null })
      .where(where);
    return { ok: true as const, imported: res.imported };
  } catch (err) {
    const failures = box.imapFailures + 1;
    const message = describe(err);
    deps.log.warn({ mailbox: box.address, failures, err: message }, 'IMAP poll failed');
    await deps.db
      .update(mailboxes)
      .set({
        imapStatus: 'error',
        imapLastError: message,
        imapFailures: failures,
        imapLastPollAt: started,
        imapNextPollAt: new Date(deps.clock.now().getTime() + imapBackoffMs(failures, deps.config.mail.imapPollMs)),
        imapLeaseUntil: null,
      })
      .where(where);
    return { ok: false as const, error: message };
  }
}

function describe(err: unknown): string {
  const e = err as { message?: string; responseText?: string; code?: string; authenticationFailed?: boolean };
  if (e?.authenticationFailed) return 'IMAP login failed: check the user and password';
  return [e?.code, e?.responseText ?? e?.message ?? String(err)].filter(Boolean).join(': ').slice(0, 1000);
}

/** Claims (with a lease, so one process polls a mailbox at a time) and polls every mailbox that is due. */
export async function pollDueMailboxes(deps: Deps, connect: ImapConnector = connectImapFlow): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .update(mailboxes)
    .set({ imapLeaseUntil: new Date(now.getTime() + LEASE_MS) })
    .where(
      and(
        eq(mailboxes.imapEnabled, true),
        or(isNull(mailboxes.imapNextPollAt), lte(mailboxes.imapNextPollAt, now)),
        or(isNull(mailboxes.imapLeaseUntil), lte(mailboxes.imapLeaseUntil, now)),
      ),
    )
    .returning();
  for (const box of due) await pollMailbox(deps, box, connect);
  return due.length;
}
