import { and, desc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { repairEffectiveness, trustSignals, type HealthBand, type HealthTone, type RepairOption, type RepairOutcome, type RepairSituation } from '@fitdesk/core';
import type { Repair, RepairBody, RepairOutcomeBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { contacts, healthSnapshots, messages, repairs, requests } from '../../db/schema/index.js';
import { invalid, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { enqueueHealth, lifecycleRow } from '../health/client-health.service.js';
import { agreementSummary, currentAgreement } from '../intake/agreement-seam.js';
import { storeLetter, storeNote } from '../intake/letters.js';
import { renderTemplate, settingsRow, toSettings, workspaceName } from '../intake/settings.service.js';

type Row = typeof repairs.$inferSelect;
const WINDOW_DAYS = 14;
const DAY = 86_400_000;

const toRepair = (r: Row): Repair => ({
  id: r.id,
  requestId: r.requestId,
  clientId: r.clientId,
  situation: r.situation,
  choice: r.choice,
  note: r.note,
  callAt: r.callAt?.toISOString() ?? null,
  messageId: r.messageId,
  outcome: r.outcome,
  outcomeNote: r.outcomeNote,
  createdAt: r.createdAt.toISOString(),
  outcomeAt: r.outcomeAt?.toISOString() ?? null,
});

async function requestRow(tx: Tx, workspaceId: string, id: string) {
  const [r] = await tx
    .select({ r: requests, contactEmail: contacts.email, contactName: contacts.name })
    .from(requests)
    .leftJoin(contacts, and(eq(contacts.workspaceId, requests.workspaceId), eq(contacts.id, requests.contactId)))
    .where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, id)));
  if (!r) throw notFound('Request');
  return r;
}

/** Trust signals of the request's client (or the request alone when it has no client) over the last two weeks. */
async function trustOf(tx: Tx, workspaceId: string, req: Awaited<ReturnType<typeof requestRow>>, now: Date) {
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY);
  const scope = req.r.clientId ? eq(requests.clientId, req.r.clientId) : eq(requests.id, req.r.id);
  const msgs = await tx
    .select({ sentAt: messages.sentAt, analysis: messages.analysis, bodyText: messages.bodyText, duplicateOf: messages.duplicateOfMessageId })
    .from(messages)
    .innerJoin(requests, and(eq(requests.workspaceId, messages.workspaceId), eq(requests.id, messages.requestId)))
    .where(and(eq(messages.workspaceId, workspaceId), scope, eq(messages.direction, 'inbound'), gte(messages.sentAt, since)));
  const lc = req.r.clientId ? await lifecycleRow(tx, workspaceId, req.r.clientId) : null;
  let band: HealthBand | undefined;
  if (req.r.clientId) {
    const [h] = await tx
      .select({ band: healthSnapshots.band })
      .from(healthSnapshots)
      .where(and(eq(healthSnapshots.workspaceId, workspaceId), eq(healthSnapshots.clientId, req.r.clientId)))
      .orderBy(desc(healthSnapshots.computedAt))
      .limit(1);
    band = h?.band as HealthBand | undefined;
  }
  return trustSignals({
    now,
    messages: msgs.map((m) => ({ at: m.sentAt, tone: (m.analysis?.tone ?? 'calm') as HealthTone, text: m.analysis?.cleanedText ?? m.bodyText })),
    repeatContacts: msgs.filter((m) => m.duplicateOf).length,
    windowDays: WINDOW_DAYS,
    ...(lc?.fitScore != null ? { fitScore: lc.fitScore } : {}),
    ...(band ? { healthBand: band } : {}),
    outOfScopeNeed: msgs.some((m) => m.analysis?.boundaries.includes('out_of_scope')),
  });
}

async function clarifyDraft(tx: Tx, workspaceId: string, req: Awaited<ReturnType<typeof requestRow>>) {
  const s = toSettings(await settingsRow(tx, workspaceId));
  const terms = req.r.clientId ? await currentAgreement(tx, workspaceId, req.r.clientId) : null;
  const vars = { workspace_name: await workspaceName(tx, workspaceId), contact_name: req.contactName ?? 'there', client_name: '', issue: req.r.subject, agreement: agreementSummary(terms), referrals: '', refund: '', reason: '' };
  return { subject: renderTemplate(s.templates.clarify.subject, vars), body: renderTemplate(s.templates.clarify.body, vars) };
}

export async function repairView(deps: Deps, actor: Actor, requestId: string) {
  const req = await requestRow(deps.db, actor.workspaceId, requestId);
  const trust = await trustOf(deps.db, actor.workspaceId, req, deps.clock.now());
  const rows = await deps.db.select().from(repairs).where(and(eq(repairs.workspaceId, actor.workspaceId), eq(repairs.requestId, requestId))).orderBy(desc(repairs.createdAt));
  return { trust, repairs: rows.map(toRepair), clarifyDraft: (await clarifyDraft(deps.db, actor.workspaceId, req)).body };
}

const NOTE: Record<RepairOption, string> = {
  clarify: 'Repair: clarified the issue and the agreement with the client.',
  listen: 'Repair: call booked to listen to the client',
  escalate: 'Repair: escalated to a senior / the owner.',
  refer_out: 'Repair: offered to refer the client to a better-suited provider.',
  part_ways: 'Repair: proposed parting ways; the owner starts the exit workflow.',
};

/** Records the repair chosen on a request, with its side effect: clarify sends the restatement, the others leave a note. */
export async function chooseRepair(deps: Deps, actor: Actor, requestId: string, body: z.output<typeof RepairBody>) {
  requireRole(actor, 'agent');
  if (body.choice === 'listen' && !body.callAt) throw invalid('callAt', 'callAt: give the agreed call time');
  return deps.db.transaction(async (tx) => {
    const req = await requestRow(tx, actor.workspaceId, requestId);
    const now = deps.clock.now();
    const trust = await trustOf(tx, actor.workspaceId, req, now);
    let messageId: string;
    if (body.choice === 'clarify' && req.contactEmail) {
      const draft = await clarifyDraft(tx, actor.workspaceId, req);
      messageId = (await storeLetter(tx, deps, actor, { kind: 'clarify', requestId, subject: draft.subject, body: body.message ?? draft.body, contactEmail: req.contactEmail })).messageId;
    } else {
      const when = body.callAt ? ` for ${new Date(body.callAt).toUTCString()}` : '';
      messageId = await storeNote(tx, deps, actor, requestId, `${NOTE[body.choice]}${body.choice === 'listen' ? `${when}.` : ''}${body.note ? `\n\n${body.note}` : ''}`);
    }
    const [row] = await tx
      .insert(repairs)
      .values({
        workspaceId: actor.workspaceId,
        requestId,
        clientId: req.r.clientId,
        situation: trust.situation ?? 'mixed',
        choice: body.choice,
        note: body.note,
        callAt: body.callAt ? new Date(body.callAt) : null,
        messageId,
        chosenBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await audit(tx, actor, { action: 'repair.chosen', entity: 'request', entityId: requestId, after: { repairId: row!.id, choice: body.choice, situation: row!.situation, suggested: trust.suggested } });
    return toRepair(row!);
  });
}

export async function recordOutcome(deps: Deps, actor: Actor, id: string, body: z.output<typeof RepairOutcomeBody>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(repairs).where(and(eq(repairs.workspaceId, actor.workspaceId), eq(repairs.id, id))).for('update');
    if (!before) throw notFound('Repair');
    const [row] = await tx
      .update(repairs)
      .set({ outcome: body.outcome, outcomeNote: body.note, outcomeAt: deps.clock.now() })
      .where(and(eq(repairs.workspaceId, actor.workspaceId), eq(repairs.id, id)))
      .returning();
    await audit(tx, actor, { action: 'repair.outcome', entity: 'request', entityId: before.requestId, before: { outcome: before.outcome }, after: { repairId: id, outcome: body.outcome, note: body.note } });
    if (row!.clientId) await enqueueHealth(deps, tx, actor.workspaceId, row!.clientId);
    return toRepair(row!);
  });
}

/** Which repairs work, by situation: outcome rates and the Wilson lower bound of "resolved". */
export async function repairReport(deps: Deps, actor: Actor) {
  const done = await deps.db
    .select({ choice: repairs.choice, situation: repairs.situation, outcome: repairs.outcome })
    .from(repairs)
    .where(and(eq(repairs.workspaceId, actor.workspaceId), isNotNull(repairs.outcome)));
  const [open] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(repairs).where(and(eq(repairs.workspaceId, actor.workspaceId), isNull(repairs.outcome)));
  const r = repairEffectiveness(done.map((d) => ({ choice: d.choice as RepairOption, situation: d.situation as RepairSituation, outcome: d.outcome as RepairOutcome })));
  return { rows: r.rows, bestBySituation: r.bestBySituation as Record<string, RepairOption>, open: open?.n ?? 0 };
}
