import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import { clients, contacts, messages, requests, users, workspaces } from '../../db/schema/index.js';
import { notFound } from '../../infra/errors.js';

export type RequestRow = typeof requests.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

export const assignee = alias(users, 'assignee');

/** Columns for a request summary: the request and the names it points at, in one query. */
export const summaryColumns = {
  r: requests,
  clientName: clients.name,
  contactName: contacts.name,
  contactEmail: contacts.email,
  assigneeName: assignee.name,
};

export type SummaryRow = { r: RequestRow; clientName: string | null; contactName: string | null; contactEmail: string | null; assigneeName: string | null };


export function summaryQuery(tx: Tx) {
  return tx
    .select(summaryColumns)
    .from(requests)
    .leftJoin(clients, and(eq(clients.workspaceId, requests.workspaceId), eq(clients.id, requests.clientId)))
    .leftJoin(contacts, and(eq(contacts.workspaceId, requests.workspaceId), eq(contacts.id, requests.contactId)))
    .leftJoin(assignee, and(eq(assignee.workspaceId, requests.workspaceId), eq(assignee.id, requests.assigneeId)));
}

export const toSummary = (x: SummaryRow) => ({
  id: x.r.id,
  number: x.r.number,
  subject: x.r.subject,
  status: x.r.status,
  priority: x.r.priority,
  type: x.r.type,
  channel: x.r.channel,
  clientId: x.r.clientId,
  clientName: x.clientName,
  contactId: x.r.contactId,
  contactName: x.contactName,
  contactEmail: x.contactEmail,
  assigneeId: x.r.assigneeId,
  assigneeName: x.assigneeName,
  tags: x.r.tags,
  tone: x.r.tone,
  urgency: x.r.urgency,
  messageCount: x.r.messageCount,
  lastMessageAt: x.r.lastMessageAt.toISOString(),
  createdAt: x.r.createdAt.toISOString(),
  updatedAt: x.r.updatedAt.toISOString(),
  resolvedAt: x.r.resolvedAt?.toISOString() ?? null,
  slaDueAt: x.r.slaDueAt?.toISOString() ?? null,
  slaState: x.r.slaState ?? null,
});

export const toMessage = (m: MessageRow) => ({
  id: m.id,
  requestId: m.requestId,
  direction: m.direction,
  channel: m.channel,
  authorUserId: m.authorUserId,
  authorContactId: m.authorContactId,
  authorName: m.authorName,
  bodyText: m.bodyText,
  bodyHtml: m.bodyHtml,
  headers: m.headers,
  sentAt: m.sentAt.toISOString(),
  createdAt: m.createdAt.toISOString(),
  analysis: m.analysis ?? null,
  duplicateOfMessageId: m.duplicateOfMessageId,
});

export async function findRequestRow(tx: Tx, workspaceId: string, id: string, forUpdate = false): Promise<RequestRow> {
  const q = tx.select().from(requests).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw notFound('Request');
  return r;
}

export async function loadDetail(tx: Tx, workspaceId: string, id: string) {
  const [row] = await summaryQuery(tx).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, id)));
  if (!row) throw notFound('Request');
  const msgs = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.requestId, id)))
    .orderBy(asc(messages.sentAt), asc(messages.createdAt));
  // Where each repeat's original lives, so the conversation can link to it in its own request.
  const originalIds = [...new Set(msgs.map((m) => m.duplicateOfMessageId).filter((x): x is string => !!x))];
  const originals = originalIds.length
    ? await tx
        .select({ id: messages.id, requestId: requests.id, number: requests.number })
        .from(messages)
        .innerJoin(requests, and(eq(requests.workspaceId, messages.workspaceId), eq(requests.id, messages.requestId)))
        .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.id, originalIds)))
    : [];
  const requestOf = new Map(originals.map((o) => [o.id, { id: o.requestId, number: o.number }]));
  return {
    ...toSummary(row),
    messages: msgs.map((m) => ({ ...toMessage(m), duplicateOfRequest: m.duplicateOfMessageId ? (requestOf.get(m.duplicateOfMessageId) ?? null) : null })),
  };
}

/** Next human-facing request number of a workspace (#1000, #1001, …); the row lock serialises it. */
export async function nextRequestNumber(tx: Tx, workspaceId: string): Promise<number> {
  const [w] = await tx
    .update(workspaces)
    .set({ nextRequestNumber: sql`${workspaces.nextRequestNumber} + 1` })
    .where(eq(workspaces.id, workspaceId))
    .returning({ n: workspaces.nextRequestNumber });
  return w!.n - 1;
}
