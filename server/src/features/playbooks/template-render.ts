import { and, eq } from 'drizzle-orm';
import { describeBusinessMinutes, describeHours, type BusinessCalendar } from '@fitdesk/core';
import type { Agreement, Priority } from '@fitdesk/contracts';
import type { Tx } from '../../db/client.js';
import { clients, contacts, requests, slaClocks, slaPolicies, workspaces } from '../../db/schema/index.js';
import { currentAgreementFor } from '../agreements/agreements.service.js';

/** A request row of the workspace, or null. */
export async function findRequest(tx: Tx, workspaceId: string, id: string) {
  const [r] = await tx.select().from(requests).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, id)));
  return r ?? null;
}

const VAR = /\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}/g;

/** Variable names used in a template text, in order of first use. */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VAR)].map((m) => m[1]!))];
}

/** Replaces {{name}} by its value; unknown names stay as written and are reported. */
export function renderTemplate(text: string, values: Record<string, string>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const out = text.replace(VAR, (whole, name: string) => {
    if (name in values) return values[name]!;
    unknown.add(name);
    return whole;
  });
  return { text: out, unknown: [...unknown] };
}

const list = (xs: string[] | undefined, empty = 'none') => (xs && xs.length ? xs.join('; ') : empty);

function refundText(a: Agreement): string {
  const p = a.refundPolicy;
  if (!p) return 'as agreed';
  if (p.description) return p.description;
  switch (p.kind) {
    case 'full_then_prorated':
      return `a full refund within ${p.guaranteeDays} days of the start, a prorated refund after that`;
    case 'full_then_none':
      return `a full refund within ${p.guaranteeDays} days of the start, none after that`;
    case 'prorated':
      return 'a prorated refund of the unused part';
    default:
      return 'no refunds';
  }
}

/** The agreement quoted in plain words: the {{agreement.*}} variables. */
export function agreementValues(a: Pick<Agreement, 'timezone' | 'hours' | 'holidays' | 'firstResponseMinutes' | 'resolutionMinutes'> & Partial<Agreement>, priority: Priority): Record<string, string> {
  const cal: BusinessCalendar = { timezone: a.timezone, hours: a.hours, holidays: a.holidays };
  const full = a as Agreement;
  return {
    'agreement.hours': describeHours(cal),
    'agreement.timezone': a.timezone,
    'agreement.first_response': describeBusinessMinutes(a.firstResponseMinutes[priority], cal),
    'agreement.resolution': a.resolutionMinutes ? describeBusinessMinutes(a.resolutionMinutes[priority], cal) : 'as soon as we can',
    'agreement.holidays': list(a.holidays?.map((h) => (h.name ? `${h.date} (${h.name})` : h.date))),
    'agreement.channels': list(full.channels),
    'agreement.in_scope': list(full.inScope),
    'agreement.out_of_scope': list(full.outOfScope),
    'agreement.ground_rules': list(full.groundRules),
    'agreement.around_the_clock': list(full.aroundTheClock),
    'agreement.refund_policy': full.refundPolicy !== undefined || full.inScope !== undefined ? refundText(full) : 'as agreed',
  };
}

const AGREEMENT_FALLBACKS: Record<string, string> = {
  'agreement.ground_rules': 'we keep every conversation respectful, and we answer in our business hours',
  'agreement.hours': 'our business hours',
  'agreement.first_response': 'one business day',
  'agreement.resolution': 'as soon as we can',
  'agreement.out_of_scope': 'work outside the services we agreed on',
  'agreement.in_scope': 'the services we agreed on',
  'agreement.refund_policy': 'as agreed',
};

const fmtDate = (d: Date, tz: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

/**
 * Every variable value for a workspace, optionally a request and/or client, and the person
 * writing. Without an agreement the workspace default SLA policy stands in for hours and promises.
 */
export async function templateContext(tx: Tx, workspaceId: string, opts: { requestId?: string | null; clientId?: string | null; contactId?: string | null; agentName?: string }) {
  const values: Record<string, string> = { 'agent.name': opts.agentName ?? '' };
  const [w] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  values['workspace.name'] = w?.name ?? '';
  let clientId = opts.clientId ?? null;
  let contactId = opts.contactId ?? null;
  let priority: Priority = 'normal';
  if (opts.requestId) {
    const [r] = await tx.select().from(requests).where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, opts.requestId)));
    if (r) {
      clientId ??= r.clientId;
      contactId ??= r.contactId;
      priority = r.priority;
      Object.assign(values, { 'request.number': String(r.number), 'request.subject': r.subject, 'request.priority': r.priority, 'request.type': r.type ?? '' });
    }
  }
  if (clientId) {
    const [c] = await tx.select().from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.id, clientId)));
    if (c) Object.assign(values, { 'client.name': c.name, 'client.tier': c.tier });
  }
  if (contactId) {
    const [c] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
    if (c) Object.assign(values, { 'contact.name': c.name, 'contact.first_name': c.name.split(/\s+/)[0] ?? c.name, 'contact.email': c.email });
  }
  const agreement = await currentAgreementFor(tx, workspaceId, clientId);
  let tz = agreement?.timezone ?? 'UTC';
  if (agreement) Object.assign(values, agreementValues(agreement, priority));
  else {
    const [p] = await tx.select().from(slaPolicies).where(and(eq(slaPolicies.workspaceId, workspaceId), eq(slaPolicies.isDefault, true)));
    if (p) {
      tz = p.timezone;
      Object.assign(values, agreementValues({ ...p, resolutionMinutes: p.resolutionMinutes ?? undefined }, priority));
    }
  }
  // A client without an agreement (or terms without ground rules) still gets a sentence that
  // reads well, never a raw {{variable}} or "none" in a letter to a client.
  for (const [k, v] of Object.entries(AGREEMENT_FALLBACKS)) if (!values[k] || values[k] === 'none') values[k] = v;
  if (opts.requestId) {
    const clocks = await tx.select().from(slaClocks).where(and(eq(slaClocks.workspaceId, workspaceId), eq(slaClocks.requestId, opts.requestId)));
    for (const c of clocks) if (c.dueAt) values[`sla.${c.kind}_due`] = fmtDate(c.dueAt, tz);
  }
  return values;
}
