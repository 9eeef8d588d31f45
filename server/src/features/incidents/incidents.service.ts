import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { Boundary, type DismissIncidentBody, type IncidentInput, type IncidentListQuery } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { clients, incidents, replyTemplates, requests } from '../../db/schema/index.js';
import { asDate, keyset } from '../../infra/keyset.js';
import { AppError, invalid, notFound } from '../../infra/errors.js';
import { audit, auditSystem } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { findClient } from '../clients/clients.service.js';
import { emitEvent } from '../events/events.service.js';
import { renderTemplate, templateContext } from '../playbooks/template-render.js';
import type { InboundContext } from '../requests/inbound.js';
import { BOUNDARY_TEMPLATES } from './boundary-templates.js';

type Row = typeof incidents.$inferSelect;
const BOUNDARIES = Boundary.options;

const columns = { i: incidents, clientName: clients.name, requestNumber: requests.number };
function query(tx: Tx) {
  return tx
    .select(columns)
    .from(incidents)
    .leftJoin(clients, and(eq(clients.workspaceId, incidents.workspaceId), eq(clients.id, incidents.clientId)))
    .leftJoin(requests, and(eq(requests.workspaceId, incidents.workspaceId), eq(requests.id, incidents.requestId)));
}
const toIncident = (x: { i: Row; clientName: string | null; requestNumber: number | null }) => ({
  id: x.i.id,
  clientId: x.i.clientId,
  clientName: x.clientName,
  requestId: x.i.requestId,
  requestNumber: x.requestNumber,
  messageId: x.i.messageId,
  type: x.i.type,
  source: x.i.source,
  evidence: x.i.evidence,
  note: x.i.note,
  occurredAt: x.i.occurredAt.toISOString(),
  createdByName: x.i.createdByName,
  dismissedAt: x.i.dismissedAt?.toISOString() ?? null,
  dismissedByName: x.i.dismissedByName,
  dismissReason: x.i.dismissReason,
  createdAt: x.i.createdAt.toISOString(),
});

async function loadIncident(tx: Tx, workspaceId: string, id: string) {
  const [x] = await query(tx).where(and(eq(incidents.workspaceId, workspaceId), eq(incidents.id, id)));
  if (!x) throw notFound('Incident');
  return x;
}

/**
 * Inbound step: every boundary signal of the message's analysis becomes an incident on the
 * client's record, with the evidence behind it. Re-running on the same message adds nothing.
 */
export function boundaryIncidentsStep(deps: Deps) {
  return async (ctx: InboundContext): Promise<void> => {
    const a = ctx.message.analysis;
    if (!a?.boundaries.length) return;
    for (const type of new Set(a.boundaries)) {
      const [row] = await ctx.tx
        .insert(incidents)
        .values({
          workspaceId: ctx.workspaceId,
          clientId: ctx.request.clientId,
          contactId: ctx.contact?.id ?? ctx.request.contactId,
          requestId: ctx.request.id,
          messageId: ctx.message.id,
          type,
          source: 'analysis',
          evidence: a.evidence.filter((e) => e.label === `boundary:${type}`),
          occurredAt: ctx.message.sentAt,
          createdByName: 'analysis',
        })
        .onConflictDoNothing()
        .returning();
      if (!row) continue;
      await auditSystem(ctx.tx, ctx.workspaceId, 'analysis', { action: 'incident.logged', entity: 'incident', entityId: row.id, after: { type, requestId: ctx.request.id, messageId: ctx.message.id } });
      await emitEvent(ctx.tx, deps, { workspaceId: ctx.workspaceId, type: 'incident.logged', requestId: ctx.request.id, clientId: ctx.request.clientId, data: { incidentId: row.id, boundary: type, source: 'analysis' } });
    }
  };
}

/** Staff log an incident by hand (e.g. from a call). */
export async function createIncident(deps: Deps, actor: Actor, input: z.output<typeof IncidentInput>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    await findClient(tx, actor.workspaceId, input.clientId).catch(() => {
      throw invalid('clientId', 'clientId: no such client');
    });
    if (input.requestId) {
      const [r] = await tx.select({ clientId: requests.clientId }).from(requests).where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, input.requestId)));
      if (!r) throw invalid('requestId', 'requestId: no such request');
    }
    const now = deps.clock.now();
    const [row] = await tx
      .insert(incidents)
      .values({
        workspaceId: actor.workspaceId,
        clientId: input.clientId,
        requestId: input.requestId ?? null,
        type: input.type,
        source: 'manual',
        note: input.note,
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : now,
        createdBy: actor.userId,
        createdByName: actor.label,
        createdAt: now,
      })
      .returning();
    await audit(tx, actor, { action: 'incident.logged', entity: 'incident', entityId: row!.id, after: { type: input.type, clientId: input.clientId, note: input.note } });
    await emitEvent(tx, deps, { workspaceId: actor.workspaceId, type: 'incident.logged', requestId: input.requestId ?? null, clientId: input.clientId, data: { incidentId: row!.id, boundary: input.type, source: 'manual' } });
    return toIncident(await loadIncident(tx, actor.workspaceId, row!.id));
  });
}

/** Marks an incident as a false one: it is kept, and counted as a false positive of the analysis. */
export async function dismissIncident(deps: Deps, actor: Actor, id: string, body: z.output<typeof DismissIncidentBody>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const x = await loadIncident(tx, actor.workspaceId, id);
    if (x.i.dismissedAt) throw new AppError('conflict', 'This incident is already dismissed');
    const now = deps.clock.now();
    await tx
      .update(incidents)
      .set({ dismissedAt: now, dismissedBy: actor.userId, dismissedByName: actor.label, dismissReason: body.reason })
      .where(and(eq(incidents.workspaceId, actor.workspaceId), eq(incidents.id, id)));
    await audit(tx, actor, { action: 'incident.dismissed', entity: 'incident', entityId: id, before: { dismissedAt: null }, after: { dismissedAt: now.toISOString(), reason: body.reason } });
    return toIncident(await loadIncident(tx, actor.workspaceId, id));
  });
}

export async function getIncident(deps: Deps, actor: Actor, id: string) {
  return toIncident(await loadIncident(deps.db, actor.workspaceId, id));
}

export async function listIncidents(deps: Deps, actor: Actor, q: z.output<typeof IncidentListQuery>) {
  const ks = keyset({ col: incidents.occurredAt, id: incidents.id, dir: 'desc', cursor: q.cursor, decode: asDate });
  const rows = await query(deps.db)
    .where(
      and(
        eq(incidents.workspaceId, actor.workspaceId),
        q.clientId ? eq(incidents.clientId, q.clientId) : undefined,
        q.requestId ? eq(incidents.requestId, q.requestId) : undefined,
        q.type ? eq(incidents.type, q.type) : undefined,
        q.dismissed === 'exclude' ? isNull(incidents.dismissedAt) : q.dismissed === 'only' ? isNotNull(incidents.dismissedAt) : undefined,
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  return { items: rows.slice(0, q.limit).map(toIncident), nextCursor: ks.next(rows, q.limit, (r) => ({ v: r.i.occurredAt, id: r.i.id })) };
}

async function countsFor(tx: Tx, workspaceId: string, clientId?: string, source?: 'analysis') {
  const rows = await tx
    .select({
      type: incidents.type,
      active: sql<number>`count(*) filter (where ${incidents.dismissedAt} is null)`.mapWith(Number),
      dismissed: sql<number>`count(*) filter (where ${incidents.dismissedAt} is not null)`.mapWith(Number),
    })
    .from(incidents)
    .where(and(eq(incidents.workspaceId, workspaceId), clientId ? eq(incidents.clientId, clientId) : undefined, source ? eq(incidents.source, source) : undefined))
    .groupBy(incidents.type);
  return BOUNDARIES.map((type) => {
    const r = rows.find((x) => x.type === type);
    return { type, active: r?.active ?? 0, dismissed: r?.dismissed ?? 0 };
  });
}

/** The client page's timeline: incidents newest first (dismissed ones included, marked) and counts per type. */
export async function clientIncidents(deps: Deps, actor: Actor, clientId: string) {
  await findClient(deps.db, actor.workspaceId, clientId);
  const rows = await query(deps.db)
    .where(and(eq(incidents.workspaceId, actor.workspaceId), eq(incidents.clientId, clientId)))
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(200);
  return { clientId, counts: await countsFor(deps.db, actor.workspaceId, clientId), items: rows.map(toIncident) };
}

/** Incidents raised by analysis and how many staff dismissed, per type: false positives for the analysis evaluation. */
export async function dismissedStats(deps: Deps, actor: Actor) {
  const counts = await countsFor(deps.db, actor.workspaceId, undefined, 'analysis');
  return {
    byType: counts.map((c) => {
      const total = c.active + c.dismissed;
      return { type: c.type, total, dismissed: c.dismissed, falsePositiveRate: total ? c.dismissed / total : null };
    }),
  };
}

/** The firm-but-polite reply for an incident's boundary type, rendered with the client's agreement. */
export async function boundaryReply(deps: Deps, actor: Actor, id: string) {
  const x = await loadIncident(deps.db, actor.workspaceId, id);
  const [custom] = await deps.db
    .select()
    .from(replyTemplates)
    .where(and(eq(replyTemplates.workspaceId, actor.workspaceId), eq(replyTemplates.boundary, x.i.type)))
    .orderBy(desc(replyTemplates.updatedAt))
    .limit(1);
  const tpl = custom ?? BOUNDARY_TEMPLATES[x.i.type];
  const values = await templateContext(deps.db, actor.workspaceId, { requestId: x.i.requestId, clientId: x.i.clientId, contactId: x.i.contactId, agentName: actor.label });
  return {
    incidentId: id,
    type: x.i.type,
    templateId: custom?.id ?? null,
    subject: renderTemplate(tpl.subject, values).text,
    body: renderTemplate(tpl.body, values).text,
  };
}
