import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { MailboxInput, MailboxPatch } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { mailboxes } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { secretBox } from '../../infra/secrets.js';
import { audit, diff } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';

export type MailboxRow = typeof mailboxes.$inferSelect;

export const toMailbox = (m: MailboxRow) => ({
  id: m.id,
  address: m.address,
  fromAddress: m.fromAddress,
  fromName: m.fromName,
  reopenWindowDays: m.reopenWindowDays,
  smtpHost: m.smtpHost,
  smtpPort: m.smtpPort,
  smtpSecure: m.smtpSecure,
  smtpUser: m.smtpUser,
  hasSmtpPassword: !!m.smtpPasswordEnc,
  outbound: (m.smtpHost ? 'smtp' : 'file') as 'smtp' | 'file',
  imapEnabled: m.imapEnabled,
  imapHost: m.imapHost,
  imapPort: m.imapPort,
  imapTls: m.imapTls,
  imapUser: m.imapUser,
  hasImapPassword: !!m.imapPasswordEnc,
  imapFolder: m.imapFolder,
  imapStatus: m.imapStatus,
  imapLastError: m.imapLastError,
  imapFailures: m.imapFailures,
  imapLastPollAt: m.imapLastPollAt?.toISOString() ?? null,
  imapLastSuccessAt: m.imapLastSuccessAt?.toISOString() ?? null,
  imapNextPollAt: m.imapNextPollAt?.toISOString() ?? null,
  imapLastUid: m.imapLastUid,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

const domainOf = (addressOrDomain: string) => addressOrDomain.split('@').pop()!;

/** Which mailbox (and so which workspace) takes mail for this recipient: the address, else its domain. */
export async function routeRecipient(tx: Tx, recipient: string): Promise<MailboxRow | null> {
  const addr = recipient.trim().toLowerCase().replace(/^<|>$/g, '');
  if (!addr.includes('@')) return null;
  const found = await tx.select().from(mailboxes).where(inArray(mailboxes.address, [addr, domainOf(addr)]));
  return found.find((m) => m.address === addr) ?? found[0] ?? null;
}

export async function findMailbox(tx: Tx, workspaceId: string, id: string): Promise<MailboxRow> {
  const [m] = await tx.select().from(mailboxes).where(and(eq(mailboxes.workspaceId, workspaceId), eq(mailboxes.id, id)));
  if (!m) throw notFound('Mailbox');
  return m;
}

export async function listMailboxRows(tx: Tx, workspaceId: string): Promise<MailboxRow[]> {
  return tx.select().from(mailboxes).where(eq(mailboxes.workspaceId, workspaceId)).orderBy(asc(mailboxes.createdAt), asc(mailboxes.id));
}

export async function listMailboxes(deps: Deps, actor: Actor) {
  return { items: (await listMailboxRows(deps.db, actor.workspaceId)).map(toMailbox) };
}

export async function getMailbox(deps: Deps, actor: Actor, id: string) {
  return toMailbox(await findMailbox(deps.db, actor.workspaceId, id));
}

type Fields = z.output<typeof MailboxPatch>;

function columns(deps: Deps, input: Fields): Partial<MailboxRow> {
  const box = () => secretBox(deps.config);
  const { smtpPassword, imapPassword, ...rest } = input;
  const out: Partial<MailboxRow> = { ...rest };
  if (smtpPassword !== undefined) out.smtpPasswordEnc = smtpPassword ? box().encrypt(smtpPassword) : null;
  if (imapPassword !== undefined) out.imapPasswordEnc = imapPassword ? box().encrypt(imapPassword) : null;
  return out;
}

function check(m: Partial<MailboxRow>) {
  if (m.imapEnabled && !m.imapHost) throw new AppError('validation_failed', 'imapHost: needed to poll IMAP', 'imapHost');
  if (m.imapEnabled && !m.imapUser) throw new AppError('validation_failed', 'imapUser: needed to poll IMAP', 'imapUser');
}

async function assertAddressFree(tx: Tx, address: string, exceptId?: string) {
  const [other] = await tx.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, address));
  if (other && other.id !== exceptId) throw new AppError('conflict', 'address: another mailbox already receives this address', 'address');
}

export async function createMailbox(deps: Deps, actor: Actor, input: z.output<typeof MailboxInput>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    await assertAddressFree(tx, input.address);
    const values = {
      fromAddress: input.address.includes('@') ? input.address : `support@${input.address}`,
      ...columns(deps, input),
      workspaceId: actor.workspaceId,
      address: input.address,
    } as typeof mailboxes.$inferInsert;
    check(values as Partial<MailboxRow>);
    if (values.imapEnabled) values.imapStatus = 'ok';
    const [m] = await tx.insert(mailboxes).values(values).returning();
    await audit(tx, actor, { action: 'mailbox.created', entity: 'mailbox', entityId: m!.id, after: toMailbox(m!) });
    return toMailbox(m!);
  });
}

export async function updateMailbox(deps: Deps, actor: Actor, id: string, patch: Fields) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findMailbox(tx, actor.workspaceId, id);
    if (patch.address && patch.address !== before.address) await assertAddressFree(tx, patch.address, id);
    const set = columns(deps, patch);
    const merged = { ...before, ...set };
    check(merged);
    // New IMAP credentials or folder: poll now, and start UID tracking afresh for a new folder.
    if (['imapEnabled', 'imapHost', 'imapPort', 'imapTls', 'imapUser', 'imapPasswordEnc', 'imapFolder'].some((k) => k in set)) {
      Object.assign(set, { imapFailures: 0, imapNextPollAt: null, imapLastError: null, imapStatus: merged.imapEnabled ? 'ok' : 'off' });
      if ((set.imapFolder && set.imapFolder !== before.imapFolder) || (set.imapHost && set.imapHost !== before.imapHost) || (set.imapUser && set.imapUser !== before.imapUser))
        Object.assign(set, { imapUidValidity: null, imapLastUid: 0 });
    }
    const [m] = await tx
      .update(mailboxes)
      .set({ ...set, updatedAt: deps.clock.now() })
      .where(and(eq(mailboxes.workspaceId, actor.workspaceId), eq(mailboxes.id, id)))
      .returning();
    await audit(tx, actor, { action: 'mailbox.updated', entity: 'mailbox', entityId: id, ...diff(toMailbox(before), toMailbox(m!)) });
    return toMailbox(m!);
  });
}

export async function deleteMailbox(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findMailbox(tx, actor.workspaceId, id);
    await tx.delete(mailboxes).where(and(eq(mailboxes.workspaceId, actor.workspaceId), eq(mailboxes.id, id)));
    await audit(tx, actor, { action: 'mailbox.deleted', entity: 'mailbox', entityId: id, before: toMailbox(before) });
    return { ok: true as const };
  });
}

/** The decrypted password of a mailbox's SMTP or IMAP account. */
export function mailboxPassword(deps: Deps, enc: string | null): string | undefined {
  return enc ? secretBox(deps.config).decrypt(enc) : undefined;
}
