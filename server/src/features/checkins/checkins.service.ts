import { and, asc, eq, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { CheckinInput, CheckinListQuery, CheckinPatch } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { checkins, clients, contacts, users } from '../../db/schema/index.js';
import { invalid, notFound } from '../../infra/errors.js';
import { audit, auditSystem } from '../audit/audit.service.js';
import { requireRole, systemActor, type Actor } from '../auth/actor.js';
import { findClient } from '../clients/clients.service.js';
import { renderTemplate, templateContext } from '../playbooks/template-render.js';
import { openOutboundRequest } from '../requests/requests.service.js';
import { nextRunAfter } from './cadence.js';

export const CHECKIN_QUEUE = 'checkins.open';
export const CHECKIN_SWEEP_QUEUE = 'checkins.sweep';
type Row = typeof checkins.$inferSelect;

const toCheckin = (x: { c: Row; clientName: string | null }) => ({
  id: x.c.id,
  clientId: x.c.clientId,
  clientName: x.clientName,
  contactId: x.c.contactId,
  cadence: x.c.cadence,
  subject: x.c.subject,
  body: x.c.body,
  assigneeId: x.c.assigneeId,
  active: x.c.active,
  nextRunAt: x.c.nextRunAt.toISOString(),
  lastRunAt: x.c.lastRunAt?.toISOString() ?? null,
  lastRequestId: x.c.lastRequestId,
  createdAt: x.c.createdAt.toISOString(),
  updatedAt: x.c.updatedAt.toISOString(),
});

function query(tx: Tx) {
  return tx
    .select({ c: checkins, clientName: clients.name })
    .from(checkins)
    .leftJoin(clients, and(eq(clients.workspaceId, checkins.workspaceId), eq(clients.id, checkins.clientId)));
}

async function load(tx: Tx, workspaceId: string, id: string) {
  const [x] = await query(tx).where(and(eq(checkins.workspaceId, workspaceId), eq(checkins.id, id)));
  if (!x) throw notFound('Check-in');
  return x;
}

/** The job that opens the check-in at its next run; keyed by run time, so a moved schedule leaves the old job stale. */
async function schedule(deps: Deps, tx: Tx, c: Row) {
  if (!c.active) return;
  const at = c.nextRunAt.toISOString();
  await deps.jobs.send(CHECKIN_QUEUE, { workspaceId: c.workspaceId, checkinId: c.id, at }, { runAt: c.nextRunAt, singletonKey: `${c.workspaceId}:${c.id}:${at}`, workspaceId: c.workspaceId, tx });
}

async function assertRefs(tx: Tx, workspaceId: string, clientId: string, contactId: string | null | undefined, assigneeId: string | null | undefined) {
  if (contactId) {
    const [ct] = await tx.select({ clientId: contacts.clientId }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
    if (!ct || ct.clientId !== clientId) throw invalid('contactId', 'contactId: not a contact of this client');
  } else if (contactId === null || contactId === undefined) {
    const [ct] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.clientId, clientId))).limit(1);
    if (!ct) throw invalid('contactId', 'contactId: the client has no contact to write to');
  }
  if (assigneeId) {
    const [u] = await tx.select({ active: users.active, role: users.role }).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.id, assigneeId)));
    if (!u || !u.active || u.role === 'viewer') throw invalid('assigneeId', 'assigneeId: no active agent with this id');
  }
}

export async function listCheckins(deps: Deps, actor: Actor, q: z.output<typeof CheckinListQuery>) {
  const rows = await query(deps.db)
    .where(and(eq(checkins.workspaceId, actor.workspaceId), q.clientId ? eq(checkins.clientId, q.clientId) : undefined))
    .orderBy(asc(checkins.nextRunAt));
  return { items: rows.map(toCheckin), nextCursor: null };
}

export async function getCheckin(deps: Deps, actor: Actor, id: string) {
  return toCheckin(await load(deps.db, actor.workspaceId, id));
}

export async function createCheckin(deps: Deps, actor: Actor, input: z.output<typeof CheckinInput>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    await findClient(tx, actor.workspaceId, input.clientId).catch(() => {
      throw invalid('clientId', 'clientId: no such client');
    });
    await assertRefs(tx, actor.workspaceId, input.clientId, input.contactId, input.assigneeId);
    const now = deps.clock.now();
    const [c] = await tx
      .insert(checkins)
      .values({
        workspaceId: actor.workspaceId,
        clientId: input.clientId,
        contactId: input.contactId,
        cadence: input.cadence,
        subject: input.subject,
        body: input.body,
        // The person who sets up the schedule owns its requests unless someone else is named.
        assigneeId: input.assigneeId ?? actor.userId,
        active: input.active,
        nextRunAt: input.startAt ? new Date(input.startAt) : now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await schedule(deps, tx, c!);
    await audit(tx, actor, { action: 'checkin.created', entity: 'checkin', entityId: c!.id, after: { clientId: c!.clientId, cadence: c!.cadence, nextRunAt: c!.nextRunAt.toISOString() } });
    return toCheckin(await load(tx, actor.workspaceId, c!.id));
  });
}

export async function updateCheckin(deps: Deps, actor: Actor, id: string, patch: z.output<typeof CheckinPatch>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const before = (await load(tx, actor.workspaceId, id)).c;
    await assertRefs(tx, actor.workspaceId, before.clientId, patch.contactId === undefined ? before.contactId : patch.contactId, patch.assigneeId);
    const { nextRunAt, ...rest } = patch;
    const [c] = await tx
      .update(checkins)
      .set({ ...rest, ...(nextRunAt ? { nextRunAt: new Date(nextRunAt) } : {}), updatedAt: deps.clock.now() })
      .where(and(eq(checkins.workspaceId, actor.workspaceId), eq(checkins.id, id)))
      .returning();
    await schedule(deps, tx, c!);
    await audit(tx, actor, { action: 'checkin.updated', entity: 'checkin', entityId: id, before: { cadence: before.cadence, active: before.active, nextRunAt: before.nextRunAt.toISOString() }, after: patch });
    return toCheckin(await load(tx, actor.workspaceId, id));
  });
}

/**
 * Opens the proactive outreach request of a check-in: a new request for the client's contact
 * whose first message is the rendered template, sent and waiting on the client, then moves the
 * schedule to its next run. Returns the request id, or null when the check-in is not due
 * (already run for `expectedAt`, paused, or moved) — which makes the job idempotent.
 */
export async function runCheckin(deps: Deps, workspaceId: string, id: string, opts: { expectedAt?: string; actor?: Actor } = {}): Promise<string | null> {
  const actor = opts.actor ?? systemActor(workspaceId, 'check-in');
  return deps.db.transaction(async (tx) => {
    const [c] = await tx.select().from(checkins).where(and(eq(checkins.workspaceId, workspaceId), eq(checkins.id, id))).for('update');
    if (!c) throw notFound('Check-in');
    if (opts.expectedAt && (!c.active || c.nextRunAt.toISOString() !== opts.expectedAt)) return null;
    const now = deps.clock.now();
    let contactId = c.contactId;
    if (!contactId) {
      const [ct] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.clientId, c.clientId))).orderBy(asc(contacts.createdAt)).limit(1);
      contactId = ct?.id ?? null;
    }
    if (!contactId) throw invalid('contactId', 'contactId: the client has no contact to write to');
    const values = await templateContext(tx, workspaceId, { clientId: c.clientId, contactId, agentName: actor.label });
    const subject = renderTemplate(c.subject, values).text;
    const r = await openOutboundRequest(
      deps,
      actor,
      // Outreach waits on the client's answer; the body can quote the new request's number.
      { subject, body: (req) => renderTemplate(c.body, { ...values, 'request.number': String(req.number), 'request.subject': subject }).text, clientId: c.clientId, contactId, assigneeId: c.assigneeId, type: 'check-in', tags: ['check-in'], status: 'waiting' },
      tx,
    );
    const next = nextRunAfter(c.nextRunAt, c.cadence, now);
    const [updated] = await tx
      .update(checkins)
      .set({ lastRunAt: now, lastRequestId: r.id, nextRunAt: opts.expectedAt ? next : c.nextRunAt > now ? c.nextRunAt : next, updatedAt: now })
      .where(and(eq(checkins.workspaceId, workspaceId), eq(checkins.id, id)))
      .returning();
    await schedule(deps, tx, updated!);
    await auditSystem(tx, workspaceId, 'check-in', { action: 'checkin.run', entity: 'checkin', entityId: id, after: { requestId: r.id, nextRunAt: updated!.nextRunAt.toISOString() } });
    return r.id;
  });
}

/** Staff open a check-in now, outside its cadence (the schedule keeps its next run). */
export async function runCheckinNow(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'agent');
  await load(deps.db, actor.workspaceId, id);
  const requestId = await runCheckin(deps, actor.workspaceId, id, { actor });
  return { requestId: requestId! };
}

/** Due check-ins of every workspace whose job may have been lost (safety net of the sweep job). */
export async function dueCheckins(deps: Deps, limit = 100) {
  return deps.db
    .select({ workspaceId: checkins.workspaceId, id: checkins.id, nextRunAt: checkins.nextRunAt })
    .from(checkins)
    .where(and(eq(checkins.active, true), lte(checkins.nextRunAt, deps.clock.now())))
    .orderBy(asc(checkins.nextRunAt))
    .limit(limit);
}
