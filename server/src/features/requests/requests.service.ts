import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AddMessageBody, Channel, CreateRequestBody, Priority, RequestStatus, UpdateRequestBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { contacts, messages, requests, users } from '../../db/schema/index.js';
import { AppError } from '../../infra/errors.js';
import { audit, diff } from '../audit/audit.service.js';
import { emitEvent } from '../events/events.service.js';
import { assertKeepsOwner, ensureOwner, isOpen, routeOwner } from '../escalation/ownership.service.js';
import { cancelPendingTransfers } from '../escalation/transfers.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { clientForEmail, findClient, findContact, findContactByEmail } from '../clients/clients.service.js';
import { findRequestRow, loadDetail, nextRequestNumber, toMessage, type MessageRow, type RequestRow } from './requests.repo.js';
import { requestChanged } from './request-hooks.js';
import { queueReplyEmail } from '../mail/outbox.service.js';

const OPEN: RequestStatus[] = ['new', 'open', 'waiting'];

async function assertAssignee(tx: Tx, workspaceId: string, userId: string | null | undefined) {
  if (!userId) return;
  const [u] = await tx.select().from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  if (!u || !u.active) throw new AppError('validation_failed', 'assigneeId: no active user with this id', 'assigneeId');
  if (u.role === 'viewer') throw new AppError('validation_failed', 'assigneeId: viewers cannot own requests', 'assigneeId');
}

/** Finds the contact by email or creates it, linking it to the client whose domain matches. */
export async function ensureContact(tx: Tx, actor: Actor, email: string, name?: string) {
  const existing = await findContactByEmail(tx, actor.workspaceId, email);
  if (existing) return existing;
  const clientId = await clientForEmail(tx, actor.workspaceId, email);
  const [c] = await tx
    .insert(contacts)
    .values({ workspaceId: actor.workspaceId, clientId, email: email.toLowerCase(), name: name?.trim() || email.split('@')[0]! })
    .returning();
  await audit(tx, actor, { action: 'contact.created', entity: 'contact', entityId: c!.id, after: { email: c!.email, clientId } });
  return c!;
}

export interface InboundInput {
  subject: string;
  body: string;
  bodyHtml?: string | null;
  channel: Channel;
  sentAt?: Date;
  priority?: Priority;
  type?: string | null;
  tags?: string[];
  clientId?: string | null;
  contactId?: string | null;
  contactEmail?: string;
  contactName?: string;
  assigneeId?: string | null;
  headers?: Record<string, string>;
  messageIdHeader?: string | null;
  /** Append to this request instead of opening a new one (a client's reply). */
  requestId?: string;
}

/**
 * Stores one inbound client message — a new request or a reply on an existing one — and runs
 * the inbound pipeline (analysis, repeat contacts, …) in the same transaction. Every channel
 * comes through here, so nothing is acknowledged before it is committed.
 */
export async function recordInbound(deps: Deps, actor: Actor, input: InboundInput, outer?: Tx) {
  const run = async (tx: Tx) => {
    let contact = input.contactId ? await findContact(tx, actor.workspaceId, input.contactId) : null;
    if (!contact && input.contactEmail) contact = await ensureContact(tx, actor, input.contactEmail, input.contactName);
    const clientId = input.clientId ?? contact?.clientId ?? null;
    if (input.clientId) await findClient(tx, actor.workspaceId, input.clientId).catch(() => {
      throw new AppError('validation_failed', 'clientId: no such client', 'clientId');
    });
    const now = deps.clock.now();
    const sentAt = input.sentAt ?? now;
    let request: RequestRow;
    let isNew = false;
    if (input.requestId) {
      const r = await findRequestRow(tx, actor.workspaceId, input.requestId, true);
      const reopen = r.status === 'resolved' || r.status === 'closed' || r.status === 'waiting';
      [request] = (await tx
        .update(requests)
        .set({
          status: reopen ? 'open' : r.status,
          resolvedAt: reopen ? null : r.resolvedAt,
          messageCount: sql`${requests.messageCount} + 1`,
          lastMessageAt: sentAt > r.lastMessageAt ? sentAt : r.lastMessageAt,
          updatedAt: now,
        })
        .where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, r.id)))
        .returning()) as [RequestRow];
      if (reopen && r.status !== 'waiting')
        await audit(tx, actor, { action: 'request.reopened', entity: 'request', entityId: r.id, before: { status: r.status }, after: { status: 'open' } });
      // Ownership invariant: a reopened request whose owner has left gets routed again.
      if (reopen) request = { ...request, assigneeId: await ensureOwner(tx, deps, actor, r.id) };
    } else {
      await assertAssignee(tx, actor.workspaceId, input.assigneeId);
      isNew = true;
      [request] = (await tx
        .insert(requests)
        .values({
          workspaceId: actor.workspaceId,
          number: await nextRequestNumber(tx, actor.workspaceId),
          subject: input.subject,
          status: 'new',
          priority: input.priority ?? 'normal',
          type: input.type ?? null,
          channel: input.channel,
          clientId,
          contactId: contact?.id ?? null,
          // Ownership invariant: every new request is routed to an owner at once.
          assigneeId: input.assigneeId ?? (await routeOwner(tx, actor.workspaceId, clientId)).userId,
          tags: input.tags ?? [],
          messageCount: 1,
          lastMessageAt: sentAt,
          // A back-dated message (import, delayed delivery) opened the request when it was sent.
          createdAt: sentAt < now ? sentAt : now,
          updatedAt: now,
        })
        .returning()) as [RequestRow];
    }
    const [message] = (await tx
      .insert(messages)
      .values({
        workspaceId: actor.workspaceId,
        requestId: request.id,
        direction: 'inbound',
        channel: input.channel,
        authorContactId: contact?.id ?? null,
        authorName: contact?.name ?? input.contactName ?? null,
        bodyText: input.body,
        bodyHtml: input.bodyHtml ?? null,
        headers: input.headers ?? {},
        messageIdHeader: input.messageIdHeader ?? null,
        sentAt,
      })
      .returning()) as [MessageRow];
    if (isNew) await audit(tx, actor, { action: 'request.created', entity: 'request', entityId: request.id, after: { number: request.number, subject: request.subject, channel: request.channel } });
    await deps.inbound.run({ tx, workspaceId: actor.workspaceId, request, message, contact, isNew });
    return { requestId: request.id, messageId: message.id, isNew };
  };
  return outer ? run(outer) : deps.db.transaction(run);
}

/** POST /requests: a request opened by staff or an API client on behalf of a contact. */
export async function createRequest(deps: Deps, actor: Actor, body: z.output<typeof CreateRequestBody>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const { requestId } = await recordInbound(
      deps,
      actor,
      { ...body, sentAt: body.sentAt ? new Date(body.sentAt) : undefined, contactId: body.contactId ?? null },
      tx,
    );
    return loadDetail(tx, actor.workspaceId, requestId);
  });
}

export async function getRequest(deps: Deps, actor: Actor, id: string) {
  return loadDetail(deps.db, actor.workspaceId, id);
}

/** PATCH /requests/:id — field changes, each audited with before/after. */
export async function updateRequest(deps: Deps, actor: Actor, id: string, patch: z.output<typeof UpdateRequestBody>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const before = await findRequestRow(tx, actor.workspaceId, id, true);
    if (patch.assigneeId !== undefined) await assertAssignee(tx, actor.workspaceId, patch.assigneeId);
    if (patch.assigneeId === null) assertKeepsOwner(patch.status ?? before.status, null);
    if (patch.clientId) await findClient(tx, actor.workspaceId, patch.clientId).catch(() => {
      throw new AppError('validation_failed', 'clientId: no such client', 'clientId');
    });
    if (patch.contactId) await findContact(tx, actor.workspaceId, patch.contactId).catch(() => {
      throw new AppError('validation_failed', 'contactId: no such contact', 'contactId');
    });
    const now = deps.clock.now();
    const set: Partial<RequestRow> = { ...patch, updatedAt: now };
    if (patch.status && patch.status !== before.status) {
      if (patch.status === 'resolved' || patch.status === 'closed') set.resolvedAt = before.resolvedAt ?? now;
      else set.resolvedAt = null;
    }
    const [after] = await tx
      .update(requests)
      .set(set)
      .where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, id)))
      .returning();
    await requestChanged(tx, deps, actor.workspaceId, id);
    const d = diff(before as unknown as Record<string, unknown>, { ...patch } as Record<string, unknown>);
    if (patch.assigneeId && patch.assigneeId !== before.assigneeId) await cancelPendingTransfers(tx, deps, actor, id, 'superseded by a reassignment');
    if (isOpen(after!.status) && (!after!.assigneeId || (patch.status && !isOpen(before.status)))) await ensureOwner(tx, deps, actor, id);
    if (Object.keys(d.after).length) {
      await audit(tx, actor, { action: 'request.updated', entity: 'request', entityId: id, ...d });
      await emitEvent(tx, deps, { workspaceId: actor.workspaceId, type: 'request.updated', requestId: id, clientId: after!.clientId, data: { changes: d.after, before: d.before } });
    }
    return loadDetail(tx, actor.workspaceId, id);
  });
}

/** Adds a staff reply, an internal note, or (API) a client message to a request; in `outer` when given (replies only). */
export async function addMessage(deps: Deps, actor: Actor, id: string, body: z.output<typeof AddMessageBody>, outer?: Tx) {
  requireRole(actor, 'agent');
  if (body.direction === 'inbound') {
    return deps.db.transaction(async (tx) => {
      const r = await findRequestRow(tx, actor.workspaceId, id);
      const res = await recordInbound(
        deps,
        actor,
        { subject: r.subject, body: body.body, bodyHtml: body.bodyHtml, channel: body.channel ?? 'api', requestId: id, contactId: r.contactId },
        tx,
      );
      const [m] = await tx.select().from(messages).where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.id, res.messageId)));
      return toMessage(m!);
    });
  }
  const reply = async (tx: Tx) => {
    const r = await findRequestRow(tx, actor.workspaceId, id, true);
    const now = deps.clock.now();
    const [m] = await tx
      .insert(messages)
      .values({
        workspaceId: actor.workspaceId,
        requestId: id,
        direction: body.direction,
        channel: body.channel ?? (body.direction === 'note' ? r.channel : r.channel === 'form' || r.channel === 'api' ? 'email' : r.channel),
        authorUserId: actor.userId,
        authorName: actor.label,
        bodyText: body.body,
        bodyHtml: body.bodyHtml ?? null,
        sentAt: now,
      })
      .returning();
    // An email reply is queued in this transaction: it goes out iff it was stored, retried until accepted.
    if (body.direction === 'outbound' && m!.channel === 'email')
      await queueReplyEmail(deps, tx, actor.workspaceId, { requestId: id, messageId: m!.id, body: body.body, bodyHtml: body.bodyHtml });
    const outbound = body.direction === 'outbound';
    const status: RequestStatus | undefined = body.status ?? (outbound && r.status === 'new' ? 'open' : undefined);
    const set: Partial<RequestRow> = { updatedAt: now, messageCount: sql`${requests.messageCount} + 1` as unknown as number };
    if (outbound) {
      set.lastMessageAt = now;
      if (!r.firstResponseAt) set.firstResponseAt = now;
      if (!r.assigneeId && actor.userId && actor.role !== 'viewer') set.assigneeId = actor.userId;
    }
    if (status && status !== r.status) {
      set.status = status;
      set.resolvedAt = status === 'resolved' || status === 'closed' ? now : OPEN.includes(status) ? null : r.resolvedAt;
    }
    await tx.update(requests).set(set).where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, id)));
    await requestChanged(tx, deps, actor.workspaceId, id);
    if (set.status && isOpen(set.status) && !isOpen(r.status)) await ensureOwner(tx, deps, actor, id);
    await audit(tx, actor, {
      action: outbound ? 'message.replied' : 'message.noted',
      entity: 'request',
      entityId: id,
      after: { messageId: m!.id, ...(set.status ? { status: set.status } : {}), ...(set.assigneeId ? { assigneeId: set.assigneeId } : {}) },
      before: set.status || set.assigneeId ? { status: r.status, assigneeId: r.assigneeId } : undefined,
    });
    return toMessage(m!);
  };
  return outer ? reply(outer) : deps.db.transaction(reply);
}

/**
 * Opens a request from our side (a proactive check-in, an outreach): the request and its
 * first, outbound message, sent like any reply, in the caller's transaction.
 */
export async function openOutboundRequest(
  deps: Deps,
  actor: Actor,
  /** `body` may be a function of the new request (e.g. to quote its number). */
  input: { subject: string; body: string | ((r: RequestRow) => string); clientId: string | null; contactId: string; assigneeId: string | null; type?: string | null; tags?: string[]; status?: RequestStatus },
  tx: Tx,
) {
  const now = deps.clock.now();
  const [r] = (await tx
    .insert(requests)
    .values({
      workspaceId: actor.workspaceId,
      number: await nextRequestNumber(tx, actor.workspaceId),
      subject: input.subject,
      status: 'open',
      channel: 'email',
      clientId: input.clientId,
      contactId: input.contactId,
      // Ownership invariant: an outreach nobody was named for is routed like any new request.
      assigneeId: input.assigneeId ?? (await routeOwner(tx, actor.workspaceId, input.clientId)).userId,
      type: input.type ?? null,
      tags: input.tags ?? [],
      messageCount: 0,
      lastMessageAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning()) as [RequestRow];
  await audit(tx, actor, { action: 'request.created', entity: 'request', entityId: r.id, after: { number: r.number, subject: r.subject, channel: r.channel, outbound: true } });
  await addMessage(deps, actor, r.id, { direction: 'outbound', body: typeof input.body === 'function' ? input.body(r) : input.body, status: input.status }, tx);
  return r;
}
