import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { computeRefund, type RefundResult } from '@fitdesk/core';
import type { Exit, ExitCompleteBody, ExitLetterBody, ExitReferralBody, ExitRefundBody, StartExitBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { clientLifecycle, clients, contacts, exits, referralProviders, refundLedger, requests, users } from '../../db/schema/index.js';
import { AppError, invalid, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { ensureLifecycle, lifecycleRow } from '../health/client-health.service.js';
import { refundPolicyFor } from '../intake/agreement-seam.js';
import { storeLetter, storeNote } from '../intake/letters.js';
import { renderTemplate, settingsRow, toSettings, workspaceName } from '../intake/settings.service.js';
import { suggestFor } from '../referrals/referrals.service.js';
import { attachExport, clientRecords, exportZip } from './exit.export.js';

type Row = typeof exits.$inferSelect;
type StepName = 'refund' | 'referral' | 'letter' | 'export' | 'close';
type Step = { state: 'pending' | 'done' | 'waived' | 'skipped'; detail: Record<string, unknown> };
const STEPS: StepName[] = ['refund', 'referral', 'letter', 'export', 'close'];
const OPEN = ['new', 'open', 'waiting'] as const;

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

function stepsOf(row: Row): Record<StepName, Step> {
  const out = {} as Record<StepName, Step>;
  for (const s of STEPS) {
    const v = row.steps[s] as { state?: Step['state']; detail?: Record<string, unknown> } | undefined;
    out[s] = { state: v?.state ?? 'pending', detail: v?.detail ?? {} };
  }
  return out;
}

async function findExit(tx: Tx, workspaceId: string, id: string, lock = false) {
  const q = tx.select().from(exits).where(and(eq(exits.workspaceId, workspaceId), eq(exits.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('Exit');
  return row;
}

async function clientOf(tx: Tx, workspaceId: string, clientId: string) {
  const [c] = await tx.select().from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.id, clientId)));
  if (!c) throw notFound('Client');
  return c;
}

/** The refund the agreement's policy gives for an exit today. */
async function suggestedRefund(tx: Tx, deps: Deps, workspaceId: string, clientId: string): Promise<RefundResult> {
  const settings = toSettings(await settingsRow(tx, workspaceId));
  const { policy, source } = await refundPolicyFor(tx, workspaceId, clientId, settings.refundPolicy);
  const c = await clientOf(tx, workspaceId, clientId);
  const lc = await lifecycleRow(tx, workspaceId, clientId);
  const currency = lc?.currency ?? 'USD';
  if (lc?.paidAmountMinor == null) return { amount: 0, currency, rule: 'needs_review', reasons: ['no paid amount is recorded for this client: enter the amount to refund by hand'] };
  const r = computeRefund({
    policy,
    startDate: lc.startedAt ?? c.createdAt,
    exitDate: deps.clock.now(),
    paidAmount: lc.paidAmountMinor,
    ...(lc.periodStart ? { periodStart: lc.periodStart } : {}),
    ...(lc.periodEnd ? { periodEnd: lc.periodEnd } : {}),
    currency,
  });
  return { ...r, reasons: [`policy from the ${source === 'agreement' ? "client's agreement" : 'workspace default'}: ${policy.kind.replace(/_/g, ' ')}, ${policy.guaranteeDays}-day guarantee`, ...r.reasons] };
}

/** What the client needs, for referral suggestions: their free-text intake answers and notes. */
async function needsOf(tx: Tx, workspaceId: string, clientId: string): Promise<string[]> {
  const c = await clientOf(tx, workspaceId, clientId);
  const lc = await lifecycleRow(tx, workspaceId, clientId);
  const needs: string[] = [];
  for (const v of Object.values(lc?.answers ?? {})) {
    if (typeof v === 'string' && /\s/.test(v.trim())) needs.push(v);
    if (Array.isArray(v)) needs.push(...v.filter((x): x is string => typeof x === 'string'));
  }
  if (c.notes.trim()) needs.push(c.notes);
  return needs;
}

async function toExit(tx: Tx, deps: Deps, row: Row): Promise<Exit> {
  const c = await clientOf(tx, row.workspaceId, row.clientId);
  const open = await tx
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.workspaceId, row.workspaceId), eq(requests.clientId, row.clientId), inArray(requests.status, [...OPEN])));
  const needs = await needsOf(tx, row.workspaceId, row.clientId);
  const steps = stepsOf(row);
  return {
    id: row.id,
    clientId: row.clientId,
    clientName: c.name,
    reason: row.reason as Exit['reason'],
    note: row.note,
    status: row.status,
    steps,
    refundSuggestion: steps.refund.state === 'pending' ? await suggestedRefund(tx, deps, row.workspaceId, row.clientId) : null,
    referralSuggestions: (needs.length ? await suggestFor(tx, row.workspaceId, needs) : []).map(({ provider: _p, ...s }) => s),
    openRequests: open.length,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

async function setStep(tx: Tx, row: Row, name: StepName, step: Step): Promise<Row> {
  const [out] = await tx
    .update(exits)
    .set({ steps: { ...row.steps, [name]: step } })
    .where(and(eq(exits.workspaceId, row.workspaceId), eq(exits.id, row.id)))
    .returning();
  return out!;
}

function assertInProgress(row: Row) {
  if (row.status !== 'in_progress') throw new AppError('conflict', 'This exit is already completed');
}

/** Starts (or resumes: one open exit per client) the exit workflow. */
export async function startExit(deps: Deps, actor: Actor, clientId: string, body: z.output<typeof StartExitBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const c = await clientOf(tx, actor.workspaceId, clientId);
    const [existing] = await tx.select().from(exits).where(and(eq(exits.workspaceId, actor.workspaceId), eq(exits.clientId, clientId), eq(exits.status, 'in_progress')));
    if (existing) return { exit: await toExit(tx, deps, existing), resumed: true };
    if (c.status === 'former') throw new AppError('conflict', 'This client is already a former client');
    await ensureLifecycle(tx, actor.workspaceId, clientId);
    const [row] = await tx
      .insert(exits)
      .values({ workspaceId: actor.workspaceId, clientId, reason: body.reason, note: body.note, startedBy: actor.userId, createdAt: deps.clock.now() })
      .returning();
    await audit(tx, actor, { action: 'exit.started', entity: 'client', entityId: clientId, after: { exitId: row!.id, reason: body.reason, note: body.note } });
    return { exit: await toExit(tx, deps, row!), resumed: false };
  });
}

export async function getExit(deps: Deps, actor: Actor, id: string) {
  return toExit(deps.db, deps, await findExit(deps.db, actor.workspaceId, id));
}

export async function exitsOfClient(deps: Deps, actor: Actor, clientId: string) {
  await clientOf(deps.db, actor.workspaceId, clientId);
  const rows = await deps.db.select().from(exits).where(and(eq(exits.workspaceId, actor.workspaceId), eq(exits.clientId, clientId))).orderBy(desc(exits.createdAt));
  return { items: await Promise.all(rows.map((r) => toExit(deps.db, deps, r))) };
}

/** The refund step: recorded in the ledger (the computed amount unless overridden with a reason) or explicitly waived with a reason. */
export async function recordRefund(deps: Deps, actor: Actor, id: string, body: z.output<typeof ExitRefundBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    let row = await findExit(tx, actor.workspaceId, id, true);
    assertInProgress(row);
    if (stepsOf(row).refund.state !== 'pending') throw new AppError('conflict', 'The refund step is already recorded');
    const suggestion = await suggestedRefund(tx, deps, actor.workspaceId, row.clientId);
    const now = deps.clock.now();
    if (body.waive === true) {
      row = await setStep(tx, row, 'refund', { state: 'waived', detail: { reason: body.reason, computedMinor: suggestion.amount, currency: suggestion.currency, rule: suggestion.rule, at: now.toISOString() } });
      await audit(tx, actor, { action: 'exit.refund_waived', entity: 'client', entityId: row.clientId, after: { exitId: id, reason: body.reason, computed: suggestion } });
      return toExit(tx, deps, row);
    }
    if (body.amountMinor === undefined && suggestion.rule === 'needs_review') throw invalid('amountMinor', `amountMinor: ${suggestion.reasons.at(-1) ?? 'the refund needs a manual amount'}`);
    const amount = body.amountMinor ?? suggestion.amount;
    if (amount !== suggestion.amount && !body.overrideReason) throw invalid('overrideReason', `overrideReason: the policy gives ${money(suggestion.amount, suggestion.currency)}; say why the amount differs`);
    const currency = body.currency ?? suggestion.currency;
    const [entry] = await tx
      .insert(refundLedger)
      .values({
        workspaceId: actor.workspaceId,
        clientId: row.clientId,
        exitId: id,
        amountMinor: amount,
        currency,
        method: body.method,
        reference: body.reference,
        computedMinor: suggestion.amount,
        rule: suggestion.rule,
        overrideReason: body.overrideReason ?? null,
        recordedBy: actor.userId,
        recordedAt: now,
      })
      .returning();
    row = await setStep(tx, row, 'refund', { state: 'done', detail: { ledgerId: entry!.id, amountMinor: amount, currency, method: body.method, reference: body.reference, rule: suggestion.rule, computedMinor: suggestion.amount, reasons: suggestion.reasons, at: now.toISOString() } });
    await audit(tx, actor, { action: 'exit.refund_recorded', entity: 'client', entityId: row.clientId, after: { exitId: id, ledgerId: entry!.id, amountMinor: amount, currency, method: body.method, computedMinor: suggestion.amount, overrideReason: body.overrideReason ?? null } });
    return toExit(tx, deps, row);
  });
}

export async function chooseReferral(deps: Deps, actor: Actor, id: string, body: z.output<typeof ExitReferralBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    let row = await findExit(tx, actor.workspaceId, id, true);
    assertInProgress(row);
    const providers = body.providerIds.length
      ? await tx.select().from(referralProviders).where(and(eq(referralProviders.workspaceId, actor.workspaceId), inArray(referralProviders.id, body.providerIds)))
      : [];
    if (providers.length !== new Set(body.providerIds).size) throw invalid('providerIds', 'providerIds: no such provider in the referral directory');
    const detail = { providers: providers.map((p) => ({ id: p.id, name: p.name, specialties: p.specialties, contact: p.contact })), note: body.note, at: deps.clock.now().toISOString() };
    row = await setStep(tx, row, 'referral', { state: providers.length ? 'done' : 'skipped', detail });
    await audit(tx, actor, { action: providers.length ? 'exit.referred' : 'exit.referral_skipped', entity: 'client', entityId: row.clientId, after: { exitId: id, providers: providers.map((p) => p.name), note: body.note } });
    return toExit(tx, deps, row);
  });
}

async function farewell(tx: Tx, deps: Deps, row: Row) {
  const c = await clientOf(tx, row.workspaceId, row.clientId);
  const steps = stepsOf(row);
  const [contact] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, row.workspaceId), eq(contacts.clientId, row.clientId))).orderBy(asc(contacts.createdAt)).limit(1);
  const r = steps.refund.detail as { amountMinor?: number; currency?: string; method?: string };
  const refund =
    steps.refund.state === 'done' && r.amountMinor
      ? `As our agreement provides, we have refunded ${money(r.amountMinor, r.currency ?? 'USD')}${r.method ? ` by ${r.method}` : ''}.`
      : '';
  const providers = ((steps.referral.detail.providers as Array<{ name: string; specialties: string[]; contact: string }> | undefined) ?? []);
  const referrals = providers.length
    ? `We believe these providers can serve you better:\n${providers.map((p) => `- ${p.name} (${p.specialties.join(', ')})${p.contact ? ` — ${p.contact}` : ''}`).join('\n')}`
    : '';
  const s = toSettings(await settingsRow(tx, row.workspaceId));
  const vars = { workspace_name: await workspaceName(tx, row.workspaceId), client_name: c.name, contact_name: contact?.name ?? c.name, refund, referrals, reason: row.reason.replace(/_/g, ' '), agreement: '', issue: '' };
  return { subject: renderTemplate(s.templates.farewell.subject, vars), body: renderTemplate(s.templates.farewell.body, vars), contact, clientName: c.name };
}

export async function previewLetter(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'agent');
  const row = await findExit(deps.db, actor.workspaceId, id);
  const l = await farewell(deps.db, deps, row);
  return { subject: l.subject, body: l.body, to: l.contact?.email ?? null };
}

/** Sends the farewell letter (stored as an outbound message to the client's first contact; the export is attached when ready). */
export async function sendLetter(deps: Deps, actor: Actor, id: string, body: z.output<typeof ExitLetterBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    let row = await findExit(tx, actor.workspaceId, id, true);
    assertInProgress(row);
    const steps = stepsOf(row);
    if (steps.letter.state === 'done') throw new AppError('conflict', 'The farewell letter was already sent');
    if (steps.refund.state === 'pending') throw new AppError('conflict', 'Record or waive the refund before the farewell letter: it states the refund');
    const l = await farewell(tx, deps, row);
    if (!l.contact) throw invalid('contact', 'contact: the client has no contact to write to; add one first');
    const sent = await storeLetter(tx, deps, actor, { kind: 'farewell', subject: body.subject ?? l.subject, body: body.body ?? l.body, contactEmail: l.contact.email, contactName: l.contact.name, clientId: row.clientId });
    const attached = await attachExport(tx, actor.workspaceId, id, sent.requestId, sent.messageId, `${l.clientName}-export.zip`);
    row = await setStep(tx, row, 'letter', { state: 'done', detail: { requestId: sent.requestId, messageId: sent.messageId, to: l.contact.email, subject: body.subject ?? l.subject, exportAttached: attached, at: deps.clock.now().toISOString() } });
    await audit(tx, actor, { action: 'exit.letter_sent', entity: 'client', entityId: row.clientId, after: { exitId: id, requestId: sent.requestId, to: l.contact.email } });
    return toExit(tx, deps, row);
  });
}

/** Produces the export archive (JSON + CSV in a zip) of everything held on the client. */
export async function produceExport(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    let row = await findExit(tx, actor.workspaceId, id, true);
    const c = await clientOf(tx, actor.workspaceId, row.clientId);
    const now = deps.clock.now();
    const records = await clientRecords(tx, actor.workspaceId, row.clientId);
    const { zip, files } = exportZip(c.name, records, now);
    await tx.update(exits).set({ exportZip: zip }).where(and(eq(exits.workspaceId, actor.workspaceId), eq(exits.id, id)));
    const letter = stepsOf(row).letter;
    let attached = false;
    if (letter.state === 'done' && !letter.detail.exportAttached)
      attached = await attachExport(tx, actor.workspaceId, id, String(letter.detail.requestId), String(letter.detail.messageId), `${c.name}-export.zip`);
    row = await setStep(tx, { ...row, exportZip: zip }, 'export', { state: 'done', detail: { bytes: zip.length, files, counts: Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.length])), at: now.toISOString() } });
    if (attached) row = await setStep(tx, row, 'letter', { ...letter, detail: { ...letter.detail, exportAttached: true } });
    await audit(tx, actor, { action: 'exit.exported', entity: 'client', entityId: row.clientId, after: { exitId: id, bytes: zip.length, files: files.length } });
    return toExit(tx, deps, row);
  });
}

export async function downloadExport(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'owner');
  const row = await findExit(deps.db, actor.workspaceId, id);
  if (!row.exportZip) throw notFound('Export (produce it first)');
  const c = await clientOf(deps.db, actor.workspaceId, row.clientId);
  await deps.db.transaction((tx) => audit(tx, actor, { action: 'exit.export_downloaded', entity: 'client', entityId: row.clientId, after: { exitId: id } }));
  return { zip: row.exportZip, filename: `${c.name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'client'}-export.zip` };
}

/** Completes the exit: never without the refund step; closes open requests with a note; the client becomes former with the reason. */
export async function completeExit(deps: Deps, actor: Actor, id: string, body: z.output<typeof ExitCompleteBody>) {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    let row = await findExit(tx, actor.workspaceId, id, true);
    assertInProgress(row);
    const steps = stepsOf(row);
    if (steps.refund.state === 'pending') throw new AppError('conflict', 'An exit cannot skip the refund step: record the refund or waive it with a reason');
    const now = deps.clock.now();
    const note = body.closingNote ?? 'Closed as we end our engagement. Thank you for working with us.';
    const open = await tx
      .select({ id: requests.id, status: requests.status })
      .from(requests)
      .where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.clientId, row.clientId), inArray(requests.status, [...OPEN])));
    for (const r of open) {
      await storeNote(tx, deps, actor, r.id, note);
      await tx.update(requests).set({ status: 'closed', resolvedAt: now, updatedAt: now }).where(and(eq(requests.workspaceId, actor.workspaceId), eq(requests.id, r.id)));
      await audit(tx, actor, { action: 'request.updated', entity: 'request', entityId: r.id, before: { status: r.status }, after: { status: 'closed', reason: 'client exit' } });
    }
    for (const s of ['referral', 'letter', 'export'] as const) if (steps[s].state === 'pending') row = await setStep(tx, row, s, { state: 'skipped', detail: { at: now.toISOString() } });
    row = await setStep(tx, row, 'close', { state: 'done', detail: { closedRequests: open.length, note, at: now.toISOString() } });
    const c = await clientOf(tx, actor.workspaceId, row.clientId);
    const formerReason = `${row.reason.replace(/_/g, ' ')}${row.note ? `: ${row.note}` : ''}`;
    await tx.update(clients).set({ status: 'former', formerReason, updatedAt: now }).where(and(eq(clients.workspaceId, actor.workspaceId), eq(clients.id, row.clientId)));
    await audit(tx, actor, { action: 'client.updated', entity: 'client', entityId: row.clientId, before: { status: c.status, formerReason: c.formerReason }, after: { status: 'former', formerReason } });
    await tx.update(clientLifecycle).set({ exitReason: row.reason, exitedAt: now, updatedAt: now }).where(and(eq(clientLifecycle.workspaceId, actor.workspaceId), eq(clientLifecycle.clientId, row.clientId)));
    const [done] = await tx.update(exits).set({ status: 'completed', completedAt: now }).where(and(eq(exits.workspaceId, actor.workspaceId), eq(exits.id, id))).returning();
    await audit(tx, actor, { action: 'exit.completed', entity: 'client', entityId: row.clientId, after: { exitId: id, reason: row.reason, closedRequests: open.length, steps: Object.fromEntries(Object.entries(stepsOf(done!)).map(([k, v]) => [k, v.state])) } });
    return toExit(tx, deps, done!);
  });
}

/** The refund ledger, newest first. */
export async function listRefunds(deps: Deps, actor: Actor) {
  requireRole(actor, 'supervisor');
  const rows = await deps.db
    .select({ e: refundLedger, name: users.name })
    .from(refundLedger)
    .leftJoin(users, and(eq(users.workspaceId, refundLedger.workspaceId), eq(users.id, refundLedger.recordedBy)))
    .where(eq(refundLedger.workspaceId, actor.workspaceId))
    .orderBy(desc(refundLedger.recordedAt))
    .limit(500);
  return {
    items: rows.map(({ e, name }) => ({
      id: e.id,
      clientId: e.clientId,
      exitId: e.exitId,
      amountMinor: e.amountMinor,
      currency: e.currency,
      method: e.method,
      reference: e.reference,
      computedMinor: e.computedMinor,
      rule: e.rule,
      overrideReason: e.overrideReason,
      recordedByName: name,
      recordedAt: e.recordedAt.toISOString(),
    })),
  };
}
