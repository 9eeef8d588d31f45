import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { messages, requests, workspaces } from '../../db/schema/index.js';
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { ensureContact } from '../requests/requests.service.js';
import { queueReplyEmail } from '../mail/outbox.service.js';

export interface LetterInput {
  subject: string;
  body: string;
  contactEmail: string;
  contactName?: string;
  clientId?: string | null;
  /** Put the letter on this request instead of opening a new one. */
  requestId?: string;
  kind: 'decline' | 'farewell' | 'clarify';
}

/**
 * Stores an outbound letter (decline, farewell, clarify) as an outbound email message on a
 * request of the contact and queues it in the mail outbox in the same transaction; the letter
 * stays in the client's history like any other reply.
 */
export async function storeLetter(tx: Tx, deps: Deps, actor: Actor, input: LetterInput): Promise<{ requestId: string; messageId: string }> {
  const contact = await ensureContact(tx, actor, input.contactEmail, input.contactName);
  const now = deps.clock.now();
  let requestId = input.requestId;
  if (!requestId) {
    const [w] = await tx
      .update(workspaces)
      .set({ nextRequestNumber: sql`${workspaces.nextRequestNumber} + 1` })
      .where(eq(workspaces.id, actor.workspaceId))
      .returning({ n: workspaces.nextRequestNumber });
    const [r] = await tx
      .insert(requests)
      .values({
        workspaceId: actor.workspaceId,
        number: w!.n - 1,
        subject: input.subject,
        status: 'resolved',
        channel: 'email',
        clientId: input.clientId ?? contact.clientId ?? null,
        contactId: contact.id,
        assigneeId: actor.userId,
        tags: [input.kind],
        messageCount: 0,
        lastMessageAt: now,
        firstResponseAt: now,
        resolvedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    requestId = r!.id;
    await audit(tx, actor, { action: 'request.created', entity: 'request', entityId: requestId, after: { number: r!.number, subject: r!.subject, channel: 'email', letter: input.kind } });
  }
  const [m] = await tx
    .insert(messages)
    .values({
      workspaceId: actor.workspaceId,
      requestId,
      direction: 'outbound',
      channel: 'email',
      authorUserId: actor.userId,
      authorName: actor.label,
      bodyText: input.body,
      headers: { subject: input.subject, 'x-fitdesk-letter': input.kind },
      sentAt: now,
    })
    .returning();
  await tx
    .update(requests)
    .set({ messageCount: sql`${requests.messageCount} + 1`, lastMessageAt: now, updatedAt: now })
    .where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, requestId)));
  // Sent by the mail channel iff stored (no-op until the workspace has a mailbox).
  await queueReplyEmail(deps, tx, actor.workspaceId, { requestId, messageId: m!.id, body: input.body });
  await audit(tx, actor, { action: 'message.replied', entity: 'request', entityId: requestId, after: { messageId: m!.id, letter: input.kind, to: contact.email } });
  return { requestId, messageId: m!.id };
}

/** An internal note on a request (repair choices, exit closing notes), in the caller's transaction. */
export async function storeNote(tx: Tx, deps: Deps, actor: Actor, requestId: string, body: string): Promise<string> {
  const now = deps.clock.now();
  const [m] = await tx
    .insert(messages)
    .values({ workspaceId: actor.workspaceId, requestId, direction: 'note', channel: 'email', authorUserId: actor.userId, authorName: actor.label, bodyText: body, sentAt: now })
    .returning();
  await tx
    .update(requests)
    .set({ messageCount: sql`${requests.messageCount} + 1`, updatedAt: now })
    .where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, requestId)));
  await audit(tx, actor, { action: 'message.noted', entity: 'request', entityId: requestId, after: { messageId: m!.id } });
  return m!.id;
}
