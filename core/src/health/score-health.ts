import type { ScoreReason } from '../fit/types.js';
import { type Instant, ageDays, decay } from './time.js';

export type HealthTone = 'calm' | 'concerned' | 'frustrated' | 'irate' | 'abusive';
export type BoundaryType = 'personal' | 'out_of_scope' | 'pressure' | 'abuse' | 'off_hours';
export type HealthComponentName = 'fit' | 'tone' | 'boundaries' | 'effort' | 'satisfaction' | 'payments';
export type HealthWeights = Record<HealthComponentName, number>;
export type HealthBand = 'healthy' | 'watch' | 'at_risk';
export type HealthRecommendation = 'keep' | 'coach' | 'escalate' | 'part_ways';

export interface HealthSettings {
  toneHalfLifeDays: number;
  incidentHalfLifeDays: number;
  csatHalfLifeDays: number;
  /** Severity points per incident type before decay. */
  incidentSeverity: Record<BoundaryType, number>;
  /** Decayed severity at which the boundary component falls to 100·e⁻¹ ≈ 37. */
  incidentScale: number;
  toneValue: Record<HealthTone, number>;
  refundPenalty: number;
  disputePenalty: number;
  latePaymentPenalty: number;
}

export interface HealthInputs {
  now: Instant;
  /** Fit score 0–100 (from intake or re-scored). */
  fit?: number;
  tones?: Array<{ at: Instant; tone: HealthTone }>;
  incidents?: Array<{ at: Instant; type: BoundaryType }>;
  /** Staff minutes on the client's requests vs revenue (minor units), against the workspace median minutes per major unit. */
  effort?: { staffMinutes: number; revenueMinor: number; workspaceMedianRatio: number };
  csat?: Array<{ at: Instant; score: number }>;
  payments?: { refunds: number; disputes: number; latePayments?: number };
  /** Score 30 days ago, for the trend. */
  previousScore?: number;
  weights?: Partial<HealthWeights>;
  settings?: Partial<HealthSettings>;
}

export interface HealthComponent {
  name: HealthComponentName;
  score: number;
  /** Share of the total weight after renormalising over present components (sums to 1). */
  weight: number;
  /** Signed points against the midpoint: weight × (score − 50); score = 50 + Σ contributions. */
  contribution: number;
  detail: string;
}

export interface HealthResult {
  score: number;
  band: HealthBand;
  trend: { delta: number; direction: 'improving' | 'stable' | 'declining' } | null;
  recommendation: HealthRecommendation;
  components: HealthComponent[];
  skipped: HealthComponentName[];
  reasons: ScoreReason[];
  recommendationReasons: string[];
}

/** Default component weights (relative; renormalised over the components present). */
export const HEALTH_DEFAULT_WEIGHTS: HealthWeights = { fit: 15, tone: 20, boundaries: 20, effort: 20, satisfaction: 15, payments: 10 };

/** Default half-lives, severities and penalties of the health components. */
export const HEALTH_DEFAULT_SETTINGS: HealthSettings = {
  toneHalfLifeDays: 21,
  incidentHalfLifeDays: 45,
  csatHalfLifeDays: 90,
  incidentSeverity: { abuse: 10, pressure: 4, personal: 3, out_of_scope: 2, off_hours: 1 },
  incidentScale: 8,
  toneValue: { calm: 100, concerned: 75, frustrated: 45, irate: 15, abusive: 0 },
  refundPenalty: 30,
  disputePenalty: 50,
  latePaymentPenalty: 10,
};

const r1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo = 0, hi = 100) => Math.max(lo, Math.min(hi, x));

/** Band of a health score: healthy ≥ 70, watch 40–69, at risk < 40. */
export function healthBand(score: number): HealthBand {
  return score >= 70 ? 'healthy' : score >= 40 ? 'watch' : 'at_risk';
}

/** Minutes of staff effort per major currency unit of revenue (revenue in minor units, 2 decimals); Infinity when effort has no revenue. */
export function effortRatio(staffMinutes: number, revenueMinor: number): number {
  if (revenueMinor <= 0) return staffMinutes > 0 ? Number.POSITIVE_INFINITY : 0;
  return staffMinutes / (revenueMinor / 100);
}

/** Median effort ratio over a book of clients (clients with neither effort nor revenue are ignored). */
export function medianEffortRatio(clients: Array<{ staffMinutes: number; revenueMinor: number }>): number | null {
  const xs = clients
    .filter((c) => c.staffMinutes > 0 || c.revenueMinor > 0)
    .map((c) => effortRatio(c.staffMinutes, c.revenueMinor))
    .sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/** Tone component: decay-weighted mean of tone values (calm 100 … abusive 0), weight 0.5^(age/half-life). */
export function toneComponent(tones: Array<{ at: Instant; tone: HealthTone }>, now: Instant, s: HealthSettings = HEALTH_DEFAULT_SETTINGS): { score: number; detail: string } | null {
  let num = 0;
  let den = 0;
  for (const t of tones) {
    const w = decay(ageDays(t.at, now), s.toneHalfLifeDays);
    num += w * s.toneValue[t.tone];
    den += w;
  }
  if (den <= 0) return null;
  const hot = tones.filter((t) => t.tone === 'irate' || t.tone === 'abusive').length;
  return { score: num / den, detail: `recency-weighted tone over ${tones.length} message(s)${hot ? `, ${hot} irate/abusive` : ''}` };
}

/** Boundary component: 100·exp(−Σ severity·decay / scale); severities abuse 10 > pressure 4 > personal 3 > out of scope 2 > off hours 1. */
export function boundaryComponent(incidents: Array<{ at: Instant; type: BoundaryType }>, now: Instant, s: HealthSettings = HEALTH_DEFAULT_SETTINGS): { score: number; load: number; detail: string } {
  let load = 0;
  const counts: Partial<Record<BoundaryType, number>> = {};
  for (const i of incidents) {
    load += s.incidentSeverity[i.type] * decay(ageDays(i.at, now), s.incidentHalfLifeDays);
    counts[i.type] = (counts[i.type] ?? 0) + 1;
  }
  const parts = Object.entries(counts).map(([k, n]) => `${n} ${k.replace('_', ' ')}`);
  return { score: 100 * Math.exp(-load / s.incidentScale), load, detail: incidents.length ? `decayed incident load ${r1(load)} (${parts.join(', ')})` : 'no boundary incidents' };
}

/** Effort component: 100 × min(1, median ratio / client ratio) — at or under the workspace median is fully healthy, twice the median scores 50. */
export function effortComponent(e: { staffMinutes: number; revenueMinor: number; workspaceMedianRatio: number }): { score: number; relative: number; detail: string } | null {
  if (e.staffMinutes <= 0 && e.revenueMinor <= 0) return null;
  const ratio = effortRatio(e.staffMinutes, e.revenueMinor);
  const relative = e.workspaceMedianRatio > 0 ? ratio / e.workspaceMedianRatio : Number.POSITIVE_INFINITY;
  const score = relative <= 1 ? 100 : Number.isFinite(relative) ? 100 / relative : 0;
  const rel = Number.isFinite(relative) ? `${r1(relative)}× the workspace median` : 'effort with no revenue';
  return { score, relative, detail: `${Math.round(e.staffMinutes)} staff minutes, ${rel}` };
}

/** Satisfaction component: decay-weighted mean CSAT mapped 1→0, 5→100. */
export function satisfactionComponent(csat: Array<{ at: Instant; score: number }>, now: Instant, s: HealthSettings = HEALTH_DEFAULT_SETTINGS): { score: number; detail: string } | null {
  let num = 0;
  let den = 0;
  for (const c of csat) {
    const w = decay(ageDays(c.at, now), s.csatHalfLifeDays);
    num += w * clamp(c.score, 1, 5);
    den += w;
  }
  if (den <= 0) return null;
  const avg = num / den;
  return { score: ((avg - 1) / 4) * 100, detail: `weighted CSAT ${avg.toFixed(1)}/5 over ${csat.length} survey(s)` };
}

/** Payments component: 100 − 30·refunds − 50·disputes − 10·late payments, floored at 0. */
export function paymentsComponent(p: { refunds: number; disputes: number; latePayments?: number }, s: HealthSettings = HEALTH_DEFAULT_SETTINGS): { score: number; detail: string } {
  const late = p.latePayments ?? 0;
  const score = clamp(100 - s.refundPenalty * p.refunds - s.disputePenalty * p.disputes - s.latePaymentPenalty * late);
  return { score, detail: `${p.refunds} refund(s), ${p.disputes} dispute(s), ${late} late payment(s)` };
}

/**
 * Client health: score = Σ wᵢ·sᵢ / Σ wᵢ over the components present (missing inputs are skipped
 * and the remaining weights renormalised), band healthy ≥ 70 / watch 40–69 / at risk < 40,
 * trend against the score 30 days ago (±5 = stable) and a keep / coach / escalate / part-ways call.
 */
export function scoreHealth(input: HealthInputs): HealthResult {
  const s: HealthSettings = { ...HEALTH_DEFAULT_SETTINGS, ...input.settings };
  const weights: HealthWeights = { ...HEALTH_DEFAULT_WEIGHTS, ...input.weights };
  const raw: Array<{ name: HealthComponentName; score: number; detail: string }> = [];
  const skipped: HealthComponentName[] = [];
  const push = (name: HealthComponentName, c: { score: number; detail: string } | null) => {
    if (c && weights[name] > 0) raw.push({ name, score: clamp(c.score), detail: c.detail });
    else skipped.push(name);
  };

  push('fit', input.fit === undefined ? null : { score: input.fit, detail: `fit score ${Math.round(input.fit)}` });
  push('tone', input.tones && input.tones.length ? toneComponent(input.tones, input.now, s) : null);
  const boundaries = input.incidents ? boundaryComponent(input.incidents, input.now, s) : null;
  push('boundaries', boundaries);
  const effort = input.effort ? effortComponent(input.effort) : null;
  push('effort', effort);
  push('satisfaction', input.csat && input.csat.length ? satisfactionComponent(input.csat, input.now, s) : null);
  push('payments', input.payments ? paymentsComponent(input.payments, s) : null);

  const totalW = raw.reduce((a, c) => a + weights[c.name], 0);
  const components: HealthComponent[] = raw.map((c) => {
    const w = totalW > 0 ? weights[c.name] / totalW : 0;
    return { name: c.name, score: r1(c.score), weight: Math.round(w * 1000) / 1000, contribution: r1(w * (c.score - 50)), detail: c.detail };
  });
  const exact = totalW > 0 ? raw.reduce((a, c) => a + (weights[c.name] / totalW) * c.score, 0) : 50;
  const score = Math.round(clamp(exact));
  const band = healthBand(score);

  let trend: HealthResult['trend'] = null;
  if (input.previousScore !== undefined) {
    const delta = score - Math.round(input.previousScore);
    trend = { delta, direction: delta >= 5 ? 'improving' : delta <= -5 ? 'declining' : 'stable' };
  }

  // Recommendation: structural problems in an at-risk relationship → part ways; acute risk → escalate;
  // drifting expectations → coach (reset expectations); otherwise keep.
  const why: string[] = [];
  const recentAbuse = (input.incidents ?? []).filter((i) => i.type === 'abuse' && ageDays(i.at, input.now) <= 30).length;
  const fitPoor = input.fit !== undefined && input.fit < 50;
  const effortHeavy = !!effort && effort.relative >= 2;
  const disputes = input.payments?.disputes ?? 0;
  let recommendation: HealthRecommendation = 'keep';
  if (band === 'at_risk') {
    const structural: string[] = [];
    if (fitPoor) structural.push(`poor fit (${Math.round(input.fit!)})`);
    if (effortHeavy) structural.push(`effort ${r1(effort!.relative)}× the median`);
    if (recentAbuse >= 2) structural.push(`${recentAbuse} abuse incidents in 30 days`);
    if (disputes > 0) structural.push(`${disputes} payment dispute(s)`);
    if (input.previousScore !== undefined && input.previousScore < 40) structural.push('at risk 30 days ago as well');
    if (structural.length) {
      recommendation = 'part_ways';
      why.push(`at risk with ${structural.join(', ')}`);
    } else {
      recommendation = 'escalate';
      why.push('at risk: the owner should review the relationship');
    }
  } else if (recentAbuse >= 1) {
    recommendation = 'escalate';
    why.push('abuse incident in the last 30 days');
  } else if (band === 'watch') {
    recommendation = 'coach';
    why.push('watch band: reset expectations against the agreement');
  } else if (trend && trend.delta <= -10) {
    recommendation = 'coach';
    why.push(`healthy but down ${-trend.delta} points in 30 days`);
  } else if (boundaries && boundaries.score < 60) {
    recommendation = 'coach';
    why.push('repeated boundary incidents: restate the ground rules');
  }

  const reasons: ScoreReason[] = components
    .map((c) => ({ points: c.contribution, label: `${c.name}: ${c.detail} (component ${Math.round(c.score)})`, component: c.name }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return { score, band, trend, recommendation, components, skipped, reasons, recommendationReasons: why };
}
