import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { contacts, messages, outbox, rawMessages, requests } from '../../db/schema/index.js';

// Read-only lookups the email channel needs on requests and messages (threading), kept here so
// the requests feature's repo stays private to it. Every query is scoped by workspace.

export type RawRow = typeof rawMessages.$inferSelect;

/** The request a set of Message-IDs belongs to, preferring the first id of `refs` that matches. */
export async function requestForMessageIds(tx: Tx, workspaceId: string, refs: string[]): Promise<string | null> {
  if (!refs.length) return null;
  const found = new Map<string, string>();
  const inMessages = await tx
    .select({ h: messages.messageIdHeader, r: messages.requestId })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.messageIdHeader, refs)));
  for (const m of inMessages) if (m.h) found.set(m.h, m.r);
  const inOutbox = await tx
    .select({ h: outbox.messageIdHeader, r: outbox.requestId })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), inArray(outbox.messageIdHeader, refs)));
  for (const m of inOutbox) if (m.r) found.set(m.h, m.r);
  for (const ref of refs) {
    const r = found.get(ref);
    if (r) return r;
  }
  return null;
}

export async function requestByNumber(tx: Tx, workspaceId: string, number: number) {
  const [r] = await tx
    .select({ id: requests.id, number: requests.number, status: requests.status, resolvedAt: requests.resolvedAt, contactId: requests.contactId, clientId: requests.clientId })
    .from(requests)
    .where(and(eq(requests.workspaceId, workspaceId), eq(requests.number, number)));
  return r ?? null;
}

export async function requestState(tx: Tx, workspaceId: string, id: string) {
  const [r] = await tx
    .select({ id: requests.id, number: requests.number, subject: requests.subject, status: requests.status, resolvedAt: requests.resolvedAt, contactId: requests.contactId, clientId: requests.clientId })
    .from(requests)
    .where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, id)));
  return r ?? null;
}

export async function contactEmail(tx: Tx, workspaceId: string, id: string | null) {
  if (!id) return null;
  const [c] = await tx.select({ email: contacts.email, name: contacts.name }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  return c ?? null;
}

/** Marks addresses that bounced, so staff see it on the contact. */
export async function markBounced(tx: Tx, workspaceId: string, emails: string[], at: Date) {
  if (!emails.length) return;
  await tx.update(contacts).set({ bouncedAt: at }).where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.email, emails)));
}

/** Message-IDs of a request's conversation in order: the References of the next reply. */
export async function threadMessageIds(tx: Tx, workspaceId: string, requestId: string): Promise<{ lastInbound: string | null; all: string[] }> {
  const res = (await tx.execute(sql`
    select h, inbound from (
      select message_id_header as h, sent_at as t, direction = 'inbound' as inbound from messages
        where workspace_id = ${workspaceId}::uuid and request_id = ${requestId}::uuid and message_id_header is not null
      union all
      select message_id_header as h, created_at as t, false as inbound from outbox
        where workspace_id = ${workspaceId}::uuid and request_id = ${requestId}::uuid and kind = 'reply'
    ) x order by t asc`)) as unknown as { rows: Array<{ h: string; inbound: boolean }> };
  const all = res.rows.map((r) => r.h);
  const lastInbound = [...res.rows].reverse().find((r) => r.inbound)?.h ?? null;
  return { lastInbound, all };
}

export async function recentFromSender(tx: Tx, workspaceId: string, from: string, since: Date, exceptId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(rawMessages)
    .where(and(eq(rawMessages.workspaceId, workspaceId), eq(rawMessages.fromAddress, from), gt(rawMessages.receivedAt, since), sql`${rawMessages.id} <> ${exceptId}::uuid`));
  return r?.n ?? 0;
}
