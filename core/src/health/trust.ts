import type { ScoreReason } from '../fit/types.js';
import { matchPhrase, sentenceAround } from '../fit/phrase.js';
import type { HealthBand, HealthTone } from './score-health.js';
import { type Instant, ageDays } from './time.js';

export type RepairOption = 'clarify' | 'listen' | 'escalate' | 'refer_out' | 'part_ways';
export type RepairOutcome = 'resolved' | 'still_unhappy' | 'client_left';
export type RepairSituation = 'irate' | 'abuse' | 'repeat_contact' | 'service_complaint' | 'mixed';

export interface TrustInputs {
  now: Instant;
  /** The client's recent inbound messages with the analysed tone. */
  messages: Array<{ at: Instant; tone: HealthTone; text?: string; aboutService?: boolean }>;
  /** Near-duplicate repeat contacts linked to the same complaint inside the window. */
  repeatContacts?: number;
  windowDays?: number;
  fitScore?: number;
  healthBand?: HealthBand;
  /** The need is outside what the business does (out-of-scope per the agreement). */
  outOfScopeNeed?: boolean;
}

export interface TrustResult {
  compromised: boolean;
  level: 'ok' | 'strained' | 'compromised';
  situation: RepairSituation | null;
  points: number;
  reasons: ScoreReason[];
  options: Array<{ option: RepairOption; priority: number; why: string }>;
  suggested: RepairOption | null;
}

/** Phrases that make a message a complaint about the service itself (not just the problem). */
export const SERVICE_COMPLAINT_PHRASES = [
  'your service is terrible',
  'poor quality work',
  'unhappy with your work',
  'disappointed with your service',
  'unprofessional service',
  'sloppy work',
];
/** Idioms the meaning matcher cannot take because they carry their own negation ("not what we paid for"). */
export const SERVICE_COMPLAINT_PATTERNS: RegExp[] = [
  /\bnot what (?:we|i) (?:paid|signed up|asked) for\b/i,
  /\b(?:you|your team|you guys) (?:keep|kept) (?:getting|making|messing)\b/i,
  /\b(?:a )?waste of (?:money|time)\b/i,
  /\b(?:can't|cannot|can not) trust (?:you|your)\b/i,
  /\bnot (?:good|worth) (?:enough|it|the money)\b/i,
];

/** Points per trust signal and the strained / compromised thresholds. */
export const TRUST_POINTS = { irate: 3, abusive: 4, frustrated: 1, repeatContact: 1.5, serviceComplaint: 3, compromisedAt: 3, strainedAt: 1 } as const;

const ORDER: RepairOption[] = ['clarify', 'listen', 'escalate', 'refer_out', 'part_ways'];

/**
 * Trust signals: points irate 3, abusive 4, frustrated 1 (max 2), repeat contact 1.5 each (max 4.5),
 * complaint about the service 3, over the window (default 14 days); compromised at ≥ 3, strained at ≥ 1;
 * the repair options are ranked by situation and the first is suggested.
 */
export function trustSignals(input: TrustInputs): TrustResult {
  const windowDays = input.windowDays ?? 14;
  const recent = input.messages.filter((m) => ageDays(m.at, input.now) <= windowDays);
  const reasons: ScoreReason[] = [];
  const irate = recent.filter((m) => m.tone === 'irate').length;
  const abusive = recent.filter((m) => m.tone === 'abusive').length;
  const frustrated = recent.filter((m) => m.tone === 'frustrated').length;
  const repeats = Math.max(0, input.repeatContacts ?? 0);

  let complaint: { evidence?: string } | null = null;
  for (const m of recent) {
    if (m.aboutService) {
      complaint = m.text ? { evidence: m.text.slice(0, 160) } : {};
      break;
    }
    if (!m.text) continue;
    for (const re of SERVICE_COMPLAINT_PATTERNS) {
      const hit = re.exec(m.text);
      if (hit) {
        complaint = { evidence: sentenceAround(m.text, hit.index, hit.index + hit[0].length) };
        break;
      }
    }
    if (complaint) break;
    for (const p of SERVICE_COMPLAINT_PHRASES) {
      const hit = matchPhrase(m.text, p);
      if (hit) {
        complaint = { evidence: sentenceAround(m.text, hit.start, hit.end) };
        break;
      }
    }
    if (complaint) break;
  }

  let points = 0;
  const add = (p: number, label: string, evidence?: string) => {
    if (p <= 0) return;
    points += p;
    reasons.push({ points: p, label, ...(evidence ? { evidence } : {}) });
  };
  add(abusive * TRUST_POINTS.abusive, `${abusive} abusive message(s) in ${windowDays} days`);
  add(irate * TRUST_POINTS.irate, `${irate} irate message(s) in ${windowDays} days`);
  add(Math.min(2, frustrated) * TRUST_POINTS.frustrated, `${frustrated} frustrated message(s)`);
  add(Math.min(3, repeats) * TRUST_POINTS.repeatContact, `${repeats} repeat contact(s) about the same issue`);
  if (complaint) add(TRUST_POINTS.serviceComplaint, 'complaint about the service itself', complaint.evidence);

  const level = points >= TRUST_POINTS.compromisedAt ? 'compromised' : points >= TRUST_POINTS.strainedAt ? 'strained' : 'ok';
  const signals: RepairSituation[] = [];
  if (abusive) signals.push('abuse');
  if (irate) signals.push('irate');
  if (repeats >= 2) signals.push('repeat_contact');
  if (complaint) signals.push('service_complaint');
  const situation: RepairSituation | null = signals.includes('abuse') ? 'abuse' : signals.length > 1 ? 'mixed' : (signals[0] ?? null);

  const poorFit = input.fitScore !== undefined && input.fitScore < 50;
  const atRisk = input.healthBand === 'at_risk';
  const pr: Record<RepairOption, { p: number; why: string[] }> = {
    clarify: { p: 3, why: ['restate the issue and what the agreement promises'] },
    listen: { p: 3, why: ['book a call and hear the client out'] },
    escalate: { p: 2, why: ['hand to a senior or the owner'] },
    refer_out: { p: 1, why: ['point the client to a better-suited provider'] },
    part_ways: { p: 0, why: ['end the engagement gracefully (refund per policy, referral)'] },
  };
  const bump = (o: RepairOption, by: number, why: string) => {
    pr[o].p += by;
    pr[o].why.push(why);
  };
  if (repeats >= 1) bump('clarify', 3, 'the same issue keeps coming back: likely a misunderstanding');
  if (complaint) bump('listen', 3, 'the complaint is about the service itself');
  if (irate) bump('listen', 2, 'an irate client needs to be heard first');
  if (abusive) {
    bump('escalate', 5, 'abuse: protect the agent, a senior takes over');
    bump('clarify', -2, 'restating terms to an abusive client rarely helps');
    bump('listen', -3, 'staff should not absorb abuse on a call');
  }
  if (irate && repeats >= 1) bump('escalate', 2, 'irate and repeating: move up a tier');
  if (atRisk) {
    bump('escalate', 1, 'client health is at risk');
    bump('part_ways', 2, 'client health is at risk');
  }
  if (abusive >= 2) bump('part_ways', 3, 'repeated abuse');
  if (input.outOfScopeNeed) bump('refer_out', 4, 'the need is outside what we do');
  if (poorFit) {
    bump('refer_out', 2, `poor fit (${Math.round(input.fitScore!)})`);
    bump('part_ways', 2, `poor fit (${Math.round(input.fitScore!)})`);
  }
  const options = ORDER.map((o) => ({ option: o, priority: pr[o].p, why: pr[o].why.join('; ') })).sort(
    (a, b) => b.priority - a.priority || ORDER.indexOf(a.option) - ORDER.indexOf(b.option),
  );
  return {
    compromised: level === 'compromised',
    level,
    situation,
    points,
    reasons,
    options,
    suggested: level === 'ok' ? null : (options[0]?.option ?? null),
  };
}

export interface RepairEffectivenessRow {
  choice: RepairOption;
  situation: RepairSituation;
  n: number;
  resolved: number;
  still_unhappy: number;
  client_left: number;
  resolvedRate: number;
  stillUnhappyRate: number;
  clientLeftRate: number;
  /** Wilson 95% lower bound of the resolved rate: ranks small samples conservatively. */
  resolvedLowerBound: number;
}

function wilsonLower(k: number, n: number, z = 1.96): number {
  if (n === 0) return 0;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n);
  const m = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return (c - m) / d;
}

/** Repair outcomes per choice × situation: counts, outcome rates and the Wilson lower bound of the resolved rate; best choice per situation by that bound. */
export function repairEffectiveness(records: Array<{ choice: RepairOption; situation: RepairSituation; outcome: RepairOutcome }>): {
  rows: RepairEffectivenessRow[];
  bestBySituation: Partial<Record<RepairSituation, RepairOption>>;
} {
  const by = new Map<string, RepairEffectivenessRow>();
  for (const r of records) {
    const key = `${r.choice}|${r.situation}`;
    let row = by.get(key);
    if (!row) {
      row = { choice: r.choice, situation: r.situation, n: 0, resolved: 0, still_unhappy: 0, client_left: 0, resolvedRate: 0, stillUnhappyRate: 0, clientLeftRate: 0, resolvedLowerBound: 0 };
      by.set(key, row);
    }
    row.n++;
    row[r.outcome]++;
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const rows = [...by.values()].map((row) => ({
    ...row,
    resolvedRate: r3(row.resolved / row.n),
    stillUnhappyRate: r3(row.still_unhappy / row.n),
    clientLeftRate: r3(row.client_left / row.n),
    resolvedLowerBound: r3(wilsonLower(row.resolved, row.n)),
  }));
  rows.sort((a, b) => a.situation.localeCompare(b.situation) || b.resolvedLowerBound - a.resolvedLowerBound || ORDER.indexOf(a.choice) - ORDER.indexOf(b.choice));
  const bestBySituation: Partial<Record<RepairSituation, RepairOption>> = {};
  for (const row of rows) if (!bestBySituation[row.situation]) bestBySituation[row.situation] = row.choice;
  return { rows, bestBySituation };
}
