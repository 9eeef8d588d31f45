import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { intakeQuestions, lookalikeScore, scoreFit, validateIntakeAnswers, type IntakeAnswers as CoreAnswers, type MisfitMatch } from '@fitdesk/core';
import { ClientInput } from '@fitdesk/contracts';
import type { AcceptProspectBody, DeclineProspectBody, IdealClientProfile, IntakeAnswers, Prospect, ProspectInput, ProspectListQuery, PublicIntakeBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { clientLifecycle, clients, contacts, healthSnapshots, prospects, referralProviders } from '../../db/schema/index.js';
import { AppError, invalid, notFound } from '../../infra/errors.js';
import { asDate, keyset } from '../../infra/keyset.js';
import { audit, auditSystem } from '../audit/audit.service.js';
import { requireRole, systemActor, type Actor } from '../auth/actor.js';
import { createClient } from '../clients/clients.service.js';
import { agreementFromTemplate } from './agreement-seam.js';
import { storeLetter } from './letters.js';
import { profileOf, renderTemplate, settingsRow, toSettings, workspaceBySlug, workspaceName } from './settings.service.js';

type Row = typeof prospects.$inferSelect;
/** Exit reasons that make a former client a misfit when they apply again. */
export const MISFIT_REASONS = ['misfit', 'abusive', 'scope_mismatch', 'non_payment'];
const FREE_MAIL = new Set(['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'proton.me', 'protonmail.com', 'aol.com', 'gmx.com', 'live.com']);

export async function toProspect(tx: Tx, row: Row): Promise<Prospect> {
  let referredByName: string | null = null;
  if (row.referredByClientId) {
    const [c] = await tx.select({ name: clients.name }).from(clients).where(and(eq(clients.workspaceId, row.workspaceId), eq(clients.id, row.referredByClientId)));
    referredByName = c?.name ?? null;
  }
  return prospectView(row, referredByName);
}

/** The API shape of a prospect row, given the referring client's name (lists join it in). */
function prospectView(row: Row, referredByName: string | null): Prospect {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    source: row.source,
    answers: row.answers as IntakeAnswers,
    fitScore: row.fitScore,
    fitBand: row.fitBand,
    recommendation: row.recommendation,
    fit: row.fit as Prospect['fit'],
    lookalikeScore: row.lookalikeScore,
    lookalike: (row.lookalike as Prospect['lookalike']) ?? null,
    misfit: (row.misfit as Prospect['misfit']) ?? null,
    referredByClientId: row.referredByClientId,
    referredByName,
    referredByText: row.referredByText,
    status: row.status,
    clientId: row.clientId,
    decisionNote: row.decisionNote,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    letterRequestId: row.letterRequestId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A former client who left as a misfit and matches this email (exact contact) or its company domain. */
export async function misfitFor(tx: Tx, workspaceId: string, email: string): Promise<MisfitMatch | null> {
  const e = email.toLowerCase();
  const domain = e.split('@')[1] ?? '';
  const rows = await tx
    .select({ name: clients.name, formerReason: clients.formerReason, exitReason: clientLifecycle.exitReason, exitedAt: clientLifecycle.exitedAt, domain: clients.domain, contactEmail: contacts.email })
    .from(clients)
    .leftJoin(clientLifecycle, and(eq(clientLifecycle.workspaceId, clients.workspaceId), eq(clientLifecycle.clientId, clients.id)))
    .leftJoin(contacts, and(eq(contacts.workspaceId, clients.workspaceId), eq(contacts.clientId, clients.id), eq(contacts.email, e)))
    .where(and(eq(clients.workspaceId, workspaceId), eq(clients.status, 'former'), or(eq(contacts.email, e), domain && !FREE_MAIL.has(domain) ? eq(clients.domain, domain) : sql`false`)));
  const misfits = rows.filter((r) => (r.exitReason && MISFIT_REASONS.includes(r.exitReason)) || /misfit|abus/i.test(r.formerReason ?? ''));
  const hit = misfits.find((r) => r.contactEmail === e) ?? misfits[0];
  if (!hit) return null;
  return {
    by: hit.contactEmail === e ? 'email' : 'domain',
    clientName: hit.name,
    ...(hit.formerReason || hit.exitReason ? { reason: hit.formerReason ?? hit.exitReason ?? undefined } : {}),
    ...(hit.exitedAt ? { exitedAt: hit.exitedAt.toISOString() } : {}),
  };
}

/** Intake answers of the workspace's healthiest clients (latest health ≥ 70), best first. */
export async function healthiestAnswers(tx: Tx, workspaceId: string, limit = 20): Promise<Array<{ id: string; answers: CoreAnswers }>> {
  const latest = tx
    .selectDistinctOn([healthSnapshots.clientId], { clientId: healthSnapshots.clientId, score: healthSnapshots.score })
    .from(healthSnapshots)
    .where(eq(healthSnapshots.workspaceId, workspaceId))
    .orderBy(healthSnapshots.clientId, desc(healthSnapshots.computedAt))
    .as('latest');
  const rows = await tx
    .select({ id: clientLifecycle.clientId, answers: clientLifecycle.answers, score: latest.score })
    .from(clientLifecycle)
    .innerJoin(latest, eq(latest.clientId, clientLifecycle.clientId))
    .innerJoin(clients, and(eq(clients.workspaceId, clientLifecycle.workspaceId), eq(clients.id, clientLifecycle.clientId)))
    .where(and(eq(clientLifecycle.workspaceId, workspaceId), eq(clients.status, 'active'), sql`${latest.score} >= 70`, sql`${clientLifecycle.answers} is not null`))
    .orderBy(desc(latest.score))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, answers: (r.answers ?? {}) as CoreAnswers }));
}

/** Fit, lookalike and misfit history of a set of answers (nothing stored). */
export async function scoreAnswers(tx: Tx, workspaceId: string, profile: IdealClientProfile, answers: IntakeAnswers, email?: string) {
  const misfit = email ? await misfitFor(tx, workspaceId, email) : null;
  const fit = scoreFit(profile, answers as CoreAnswers, { misfit });
  const healthy = await healthiestAnswers(tx, workspaceId);
  const lookalike = healthy.length ? lookalikeScore(answers as CoreAnswers, healthy, profile) : null;
  return { fit, lookalike, misfit };
}

/** Who referred the prospect: a client by name, or by a contact's email. */
async function referrerFor(tx: Tx, workspaceId: string, text: string | undefined): Promise<string | null> {
  const t = text?.trim();
  if (!t) return null;
  if (t.includes('@')) {
    const [c] = await tx.select({ clientId: contacts.clientId }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, t.toLowerCase())));
    if (c?.clientId) return c.clientId;
  }
  const [c] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.workspaceId, workspaceId), ilike(clients.name, t.replace(/[\\%_]/g, (m) => '\\' + m)))).limit(1);
  return c?.id ?? null;
}

function answerErrors(profile: IdealClientProfile, answers: IntakeAnswers) {
  const errs = validateIntakeAnswers(profile, answers as CoreAnswers);
  const first = errs[0];
  if (first) throw invalid(`answers.${first.field}`, `answers.${first.field}: ${first.message}`);
}

async function insertProspect(tx: Tx, deps: Deps, workspaceId: string, input: z.output<typeof ProspectInput>, source: 'form' | 'api') {
  const profile = profileOf(await settingsRow(tx, workspaceId));
  answerErrors(profile, input.answers);
  const { fit, lookalike, misfit } = await scoreAnswers(tx, workspaceId, profile, input.answers, input.email);
  const [row] = await tx
    .insert(prospects)
    .values({
      workspaceId,
      name: input.name,
      email: input.email,
      company: input.company || null,
      source,
      answers: input.answers,
      fitScore: fit.score,
      fitBand: fit.band,
      recommendation: fit.recommendation,
      fit: fit as unknown as Record<string, unknown>,
      lookalikeScore: lookalike?.score ?? null,
      lookalike: lookalike as unknown as Record<string, unknown> | null,
      misfit: misfit as unknown as Record<string, unknown> | null,
      referredByClientId: await referrerFor(tx, workspaceId, input.referredBy),
      referredByText: input.referredBy || null,
      createdAt: deps.clock.now(),
    })
    .returning();
  return row!;
}

/** POST /prospects: a prospect entered by staff or an API client, scored like the public form. */
export async function createProspect(deps: Deps, actor: Actor, input: z.output<typeof ProspectInput>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const row = await insertProspect(tx, deps, actor.workspaceId, input, 'api');
    await audit(tx, actor, { action: 'prospect.created', entity: 'prospect', entityId: row.id, after: { name: row.name, email: row.email, fitScore: row.fitScore, band: row.fitBand } });
    return toProspect(tx, row);
  });
}

/** The public intake form of a workspace addressed by slug. */
export async function publicForm(deps: Deps, slug: string) {
  const w = await workspaceBySlug(deps.db, slug);
  const profile = profileOf(await settingsRow(deps.db, w.id));
  return { workspaceName: w.name, questions: intakeQuestions(profile) };
}

/** Public submission: spam (honeypot filled) is acknowledged like any other and dropped. */
export async function submitPublic(deps: Deps, slug: string, body: z.output<typeof PublicIntakeBody>) {
  const w = await workspaceBySlug(deps.db, slug);
  const ack = { ok: true as const, message: `Thank you, ${body.name}. ${w.name} will be in touch soon.` };
  if (body.website && body.website.trim() !== '') return ack;
  const { website: _w, ...input } = body;
  await deps.db.transaction(async (tx) => {
    const row = await insertProspect(tx, deps, w.id, input, 'form');
    await auditSystem(tx, w.id, 'intake form', { action: 'prospect.created', entity: 'prospect', entityId: row.id, after: { name: row.name, email: row.email, fitScore: row.fitScore, band: row.fitBand, source: 'form' } });
  });
  return ack;
}

export async function findProspect(tx: Tx, workspaceId: string, id: string, lock = false) {
  const q = tx.select().from(prospects).where(and(eq(prospects.workspaceId, workspaceId), eq(prospects.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('Prospect');
  return row;
}

export async function getProspect(deps: Deps, actor: Actor, id: string) {
  return toProspect(deps.db, await findProspect(deps.db, actor.workspaceId, id));
}

export async function listProspects(deps: Deps, actor: Actor, q: z.output<typeof ProspectListQuery>) {
  const ks = keyset({ col: prospects.createdAt, id: prospects.id, dir: 'desc', cursor: q.cursor, decode: asDate });
  // The referrer's name comes in the same query, not one query per listed prospect.
  const rowsOut = await deps.db
    .select({ p: prospects, referredByName: clients.name })
    .from(prospects)
    .leftJoin(clients, and(eq(clients.workspaceId, prospects.workspaceId), eq(clients.id, prospects.referredByClientId)))
    .where(and(eq(prospects.workspaceId, actor.workspaceId), q.status ? eq(prospects.status, q.status) : undefined, ks.where))
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  const items = rowsOut.slice(0, q.limit).map((r) => prospectView(r.p, r.referredByName));
  return { items, nextCursor: ks.next(rowsOut, q.limit, (r) => ({ v: r.p.createdAt, id: r.p.id })) };
}

function assertOpen(row: Row) {
  if (row.status !== 'new') throw new AppError('conflict', `This prospect was already ${row.status}`);
}

/** Accept: the prospect becomes an active client (with its contact, intake answers, fit and optionally an agreement from a template). */
export async function acceptProspect(deps: Deps, actor: Actor, id: string, body: z.output<typeof AcceptProspectBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const p = await findProspect(tx, actor.workspaceId, id, true);
    assertOpen(p);
    const now = deps.clock.now();
    const domain = p.email.split('@')[1] ?? '';
    const client = await createClient(deps, actor, ClientInput.parse({ name: p.company || p.name, kind: p.company ? 'organisation' : 'individual', notes: body.note ?? '', domain: p.company && domain && !FREE_MAIL.has(domain) ? domain : null }), tx);
    const [existing] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.email, p.email)));
    if (existing) await tx.update(contacts).set({ clientId: client.id, updatedAt: now }).where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.id, existing.id)));
    else await tx.insert(contacts).values({ workspaceId: actor.workspaceId, clientId: client.id, email: p.email, name: p.name });
    await tx.insert(clientLifecycle).values({
      workspaceId: actor.workspaceId,
      clientId: client.id,
      prospectId: p.id,
      answers: p.answers,
      fitScore: p.fitScore,
      startedAt: now,
      currency: body.currency ?? 'USD',
      revenueMinor: body.revenueMinor ?? null,
      paidAmountMinor: body.paidAmountMinor ?? null,
      referredByClientId: p.referredByClientId,
      referredByNote: p.referredByText,
    });
    const agreementId = body.agreementTemplateId ? await agreementFromTemplate(tx, actor, client.id, body.agreementTemplateId, now) : null;
    const [row] = await tx
      .update(prospects)
      .set({ status: 'accepted', clientId: client.id, decisionNote: body.note ?? null, decidedBy: actor.userId, decidedAt: now })
      .where(and(eq(prospects.workspaceId, actor.workspaceId), eq(prospects.id, id)))
      .returning();
    await audit(tx, actor, { action: 'prospect.accepted', entity: 'prospect', entityId: id, before: { status: 'new' }, after: { status: 'accepted', clientId: client.id, agreementId } });
    await deps.jobs.send('lifecycle.health-recompute', { workspaceId: actor.workspaceId, clientId: client.id }, { tx, workspaceId: actor.workspaceId, singletonKey: `${actor.workspaceId}:${client.id}` });
    return { prospect: await toProspect(tx, row!), clientId: client.id, agreementId };
  });
}

async function declineLetter(tx: Tx, actor: Actor, p: Row, providerIds: string[]) {
  const settings = toSettings(await settingsRow(tx, actor.workspaceId));
  const providers = providerIds.length
    ? await tx.select().from(referralProviders).where(and(eq(referralProviders.workspaceId, actor.workspaceId), inArray(referralProviders.id, providerIds)))
    : [];
  if (providers.length !== new Set(providerIds).size) throw invalid('providerIds', 'providerIds: no such provider in the referral directory');
  const referrals = providers.length
    ? `These providers may suit you better:\n${providers.map((x) => `- ${x.name} (${x.specialties.join(', ')})${x.contact ? ` — ${x.contact}` : ''}`).join('\n')}`
    : '';
  const vars = { workspace_name: await workspaceName(tx, actor.workspaceId), contact_name: p.name, client_name: p.company || p.name, referrals, reason: '', refund: '', agreement: '', issue: '' };
  return { subject: renderTemplate(settings.templates.decline.subject, vars), body: renderTemplate(settings.templates.decline.body, vars), to: p.email, providers };
}

export async function previewDecline(deps: Deps, actor: Actor, id: string, body: z.output<typeof DeclineProspectBody>) {
  requireRole(actor, 'agent');
  const p = await findProspect(deps.db, actor.workspaceId, id);
  const l = await declineLetter(deps.db, actor, p, body.providerIds);
  return { subject: body.subject ?? l.subject, body: body.body ?? l.body, to: l.to };
}

/** Decline: a courteous letter (optionally naming better-suited providers) stored as an outbound message. */
export async function declineProspect(deps: Deps, actor: Actor, id: string, body: z.output<typeof DeclineProspectBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const p = await findProspect(tx, actor.workspaceId, id, true);
    assertOpen(p);
    const l = await declineLetter(tx, actor, p, body.providerIds);
    const sent = await storeLetter(tx, deps, actor, { kind: 'decline', subject: body.subject ?? l.subject, body: body.body ?? l.body, contactEmail: p.email, contactName: p.name });
    const [row] = await tx
      .update(prospects)
      .set({ status: 'declined', decisionNote: body.note ?? null, decidedBy: actor.userId, decidedAt: deps.clock.now(), letterRequestId: sent.requestId })
      .where(and(eq(prospects.workspaceId, actor.workspaceId), eq(prospects.id, id)))
      .returning();
    await audit(tx, actor, { action: 'prospect.declined', entity: 'prospect', entityId: id, before: { status: 'new' }, after: { status: 'declined', letterRequestId: sent.requestId, referredTo: l.providers.map((x) => x.name) } });
    return toProspect(tx, row!);
  });
}

export { systemActor };
