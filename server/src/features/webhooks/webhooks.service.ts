import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { WEBHOOK_SIGNATURE_HEADER, type CreateWebhookBody, type EventType, type UpdateWebhookBody, type WebhookDelivery, type WebhookEndpoint } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema/index.js';
import { asDate, keyset } from '../../infra/keyset.js';
import { notFound } from '../../infra/errors.js';
import { audit, diff } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { findEvent, toDomainEvent, type EventRow } from '../events/events.service.js';
import { signWebhook } from './webhooks.sign.js';

export const DELIVER_QUEUE = 'webhooks.deliver';
/** Attempts per delivery; attempt n+1 waits base * 2^(n-1): 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min. */
export const MAX_ATTEMPTS = 8;
export const RETRY_BASE_MS = 30_000;
const TIMEOUT_MS = 10_000;

type EndpointRow = typeof webhookEndpoints.$inferSelect;
export interface DeliverPayload extends Record<string, unknown> {
  workspaceId: string;
  endpointId: string;
  eventId: string;
  attempt: number;
}

const hint = (secret: string) => `…${secret.slice(-4)}`;
const toEndpoint = (e: EndpointRow, withSecret = false): WebhookEndpoint => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes as EventType[],
  active: e.active,
  ...(withSecret ? { secret: e.secret } : {}),
  secretHint: hint(e.secret),
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});
const newSecret = () => `whsec_${crypto.randomBytes(24).toString('base64url')}`;

async function findEndpoint(tx: Tx, workspaceId: string, id: string): Promise<EndpointRow> {
  const [e] = await tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  if (!e) throw notFound('Webhook endpoint');
  return e;
}

export async function listEndpoints(deps: Deps, actor: Actor) {
  requireRole(actor, 'supervisor');
  const out = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, actor.workspaceId)).orderBy(asc(webhookEndpoints.createdAt));
  return { items: out.map((e) => toEndpoint(e)) };
}

export async function getEndpoint(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'supervisor');
  return toEndpoint(await findEndpoint(deps.db, actor.workspaceId, id));
}

export async function createEndpoint(deps: Deps, actor: Actor, body: z.output<typeof CreateWebhookBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [e] = await tx
      .insert(webhookEndpoints)
      .values({ workspaceId: actor.workspaceId, url: body.url, description: body.description, eventTypes: body.eventTypes, active: body.active, secret: newSecret(), createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, actor, { action: 'webhook.created', entity: 'webhook', entityId: e!.id, after: { url: e!.url, eventTypes: e!.eventTypes, active: e!.active } });
    return toEndpoint(e!, true);
  });
}

export async function updateEndpoint(deps: Deps, actor: Actor, id: string, patch: z.output<typeof UpdateWebhookBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const before = await findEndpoint(tx, actor.workspaceId, id);
    const [e] = await tx
      .update(webhookEndpoints)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(webhookEndpoints.workspaceId, actor.workspaceId), eq(webhookEndpoints.id, id)))
      .returning();
    const d = diff({ url: before.url, description: before.description, eventTypes: before.eventTypes, active: before.active } as Record<string, unknown>, patch as Record<string, unknown>);
    if (Object.keys(d.after).length) await audit(tx, actor, { action: 'webhook.updated', entity: 'webhook', entityId: id, ...d });
    return toEndpoint(e!);
  });
}

export async function rotateSecret(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    await findEndpoint(tx, actor.workspaceId, id);
    const [e] = await tx
      .update(webhookEndpoints)
      .set({ secret: newSecret(), updatedAt: deps.clock.now() })
      .where(and(eq(webhookEndpoints.workspaceId, actor.workspaceId), eq(webhookEndpoints.id, id)))
      .returning();
    await audit(tx, actor, { action: 'webhook.secret_rotated', entity: 'webhook', entityId: id });
    return toEndpoint(e!, true);
  });
}

export async function deleteEndpoint(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'owner');
  await deps.db.transaction(async (tx) => {
    const before = await findEndpoint(tx, actor.workspaceId, id);
    await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, actor.workspaceId), eq(webhookEndpoints.id, id)));
    await audit(tx, actor, { action: 'webhook.deleted', entity: 'webhook', entityId: id, before: { url: before.url } });
  });
  return { ok: true as const };
}

/** Enqueues the first delivery of an event to every active endpoint subscribed to its type (in the caller's transaction). */
export async function fanOut(tx: Tx, deps: Pick<Deps, 'jobs'>, e: EventRow): Promise<number> {
  const eps = await tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, e.workspaceId), eq(webhookEndpoints.active, true)));
  let n = 0;
  for (const ep of eps) {
    if (ep.eventTypes.length && !ep.eventTypes.includes(e.type)) continue;
    await deps.jobs.send<DeliverPayload>(DELIVER_QUEUE, { workspaceId: e.workspaceId, endpointId: ep.id, eventId: e.id, attempt: 1 }, { tx, workspaceId: e.workspaceId });
    n++;
  }
  return n;
}

/** The automation action "webhook": deliver this event to one endpoint whatever its subscriptions. */
export async function sendToEndpoint(deps: Deps, e: EventRow, endpointId: string): Promise<void> {
  const ep = await findEndpoint(deps.db, e.workspaceId, endpointId);
  await deps.jobs.send<DeliverPayload>(DELIVER_QUEUE, { workspaceId: e.workspaceId, endpointId: ep.id, eventId: e.id, attempt: 1 }, { workspaceId: e.workspaceId });
}

/**
 * One delivery attempt (the job handler). Signs the body, POSTs it, logs the attempt; on a
 * non-2xx answer or a network error, schedules the next attempt with exponential backoff
 * (a new job with runAt) until MAX_ATTEMPTS. Never throws for the receiver's failures.
 */
export async function deliver(deps: Deps, p: DeliverPayload, opts: { retryBaseMs?: number } = {}): Promise<WebhookDelivery['status'] | 'skipped'> {
  const [ep] = await deps.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, p.workspaceId), eq(webhookEndpoints.id, p.endpointId)));
  const event = await findEvent(deps.db, p.workspaceId, p.eventId);
  if (!ep || !ep.active || !event) return 'skipped';
  const body = JSON.stringify(toDomainEvent(event));
  const now = deps.clock.now();
  const signature = signWebhook(ep.secret, body, Math.floor(now.getTime() / 1000));
  const started = performance.now();
  let responseCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(ep.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'fitdesk-webhooks/1',
        [WEBHOOK_SIGNATURE_HEADER]: signature,
        'fitdesk-event': event.type,
        'fitdesk-event-id': event.id,
        'fitdesk-delivery-attempt': String(p.attempt),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    responseCode = res.status;
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (err) {
    error = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
  }
  const durationMs = Math.round(performance.now() - started);
  const ok = error === null;
  const retry = !ok && p.attempt < MAX_ATTEMPTS;
  const nextAttemptAt = retry ? new Date(now.getTime() + (opts.retryBaseMs ?? RETRY_BASE_MS) * 2 ** (p.attempt - 1)) : null;
  const status = ok ? 'succeeded' : retry ? 'retrying' : 'failed';
  await deps.db.transaction(async (tx) => {
    await tx.insert(webhookDeliveries).values({
      workspaceId: p.workspaceId,
      endpointId: ep.id,
      eventId: event.id,
      eventType: event.type,
      attempt: p.attempt,
      status,
      responseCode,
      durationMs,
      error: error?.slice(0, 1000) ?? null,
      nextAttemptAt,
      createdAt: now,
    });
    if (retry) await deps.jobs.send<DeliverPayload>(DELIVER_QUEUE, { ...p, attempt: p.attempt + 1 }, { tx, runAt: nextAttemptAt!, workspaceId: p.workspaceId });
  });
  return status;
}

export async function listDeliveries(deps: Deps, actor: Actor, endpointId: string, q: { limit: number; cursor?: string }) {
  requireRole(actor, 'supervisor');
  await findEndpoint(deps.db, actor.workspaceId, endpointId);
  const ks = keyset({ col: webhookDeliveries.createdAt, id: webhookDeliveries.id, dir: 'desc', cursor: q.cursor, decode: asDate });
  const out = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, actor.workspaceId),
        eq(webhookDeliveries.endpointId, endpointId),
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  const page = out.slice(0, q.limit);
  return {
    items: page.map(
      (d): WebhookDelivery => ({
        id: d.id,
        endpointId: d.endpointId,
        eventId: d.eventId,
        eventType: d.eventType,
        attempt: d.attempt,
        status: d.status,
        responseCode: d.responseCode,
        durationMs: d.durationMs,
        error: d.error,
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        createdAt: d.createdAt.toISOString(),
      }),
    ),
    nextCursor: ks.next(out, q.limit, (r) => ({ v: r.createdAt, id: r.id })),
  };
}

