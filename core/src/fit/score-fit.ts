import { matchPhrase, sentenceAround } from './phrase.js';
import { intakeQuestions, isMissing } from './questions.js';
import type {
  ChoiceCriterion,
  Criterion,
  FitBand,
  FitRecommendation,
  FitResult,
  IdealClientProfile,
  IntakeAnswers,
  MisfitMatch,
  RangeCriterion,
  ScoreReason,
  TextCriterion,
} from './types.js';

/** Tunables of the fit score; the defaults are documented in docs/scoring.md. */
export interface FitOptions {
  misfit?: MisfitMatch | null;
  /** Points subtracted for a misfit match by email / by domain. */
  misfitPoints?: { email: number; domain: number };
  /** Below this share of answered must-have + nice-to-have weight, never auto-accept. */
  minCoverage?: number;
  /** Red-flag points (summed) at or past which the recommendation is decline. */
  declineRedFlagPoints?: number;
}

/** Default fit tunables (see docs/scoring.md). */
export const FIT_DEFAULTS = {
  misfitPoints: { email: 15, domain: 8 },
  minCoverage: 0.6,
  declineRedFlagPoints: 40,
  /** A must-have met below this share is failed (score capped at 49), above it is a near miss (capped at 64). */
  mustHaveFailBelow: 0.5,
  /** Highest score (top of the good band) while a red flag matched or misfit history exists. */
  knownProblemCap: 79,
} as const;

interface Judged {
  c: Criterion;
  /** Satisfaction in [0,1]; for red flags 1 = the flag matched. */
  s: number;
  detail: string;
  evidence?: string;
}

/** Band of a fit score: strong ≥ 80, good 65–79, weak 50–64, poor < 50. */
export function fitBand(score: number): FitBand {
  if (score >= 80) return 'strong';
  if (score >= 65) return 'good';
  if (score >= 50) return 'weak';
  return 'poor';
}

const REC_RANK: Record<FitRecommendation, number> = { accept: 2, review: 1, decline: 0 };
const lower = (a: FitRecommendation, b: FitRecommendation): FitRecommendation => (REC_RANK[a] <= REC_RANK[b] ? a : b);
const norm = (s: string) => s.trim().toLowerCase();
const r1 = (x: number) => Math.round(x * 10) / 10;

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2);
}

/** Range satisfaction: 1 inside [min, max], falling linearly to 0 at softMargin × |bound| outside it. */
export function rangeSatisfaction(v: number, c: Pick<RangeCriterion, 'min' | 'max' | 'softMargin'>): number {
  const m = c.softMargin ?? 0.25;
  if (c.min !== undefined && v < c.min) {
    const span = Math.abs(c.min) * m;
    return span > 0 ? Math.max(0, 1 - (c.min - v) / span) : 0;
  }
  if (c.max !== undefined && v > c.max) {
    const span = Math.abs(c.max) * m;
    return span > 0 ? Math.max(0, 1 - (v - c.max) / span) : 0;
  }
  return 1;
}

function describeRange(c: RangeCriterion): string {
  if (c.min !== undefined && c.max !== undefined) return `${fmt(c.min)}–${fmt(c.max)}`;
  if (c.min !== undefined) return `≥ ${fmt(c.min)}`;
  if (c.max !== undefined) return `≤ ${fmt(c.max)}`;
  return 'any';
}

function judgeRange(c: RangeCriterion, v: unknown): Judged | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/[^0-9.-]/g, '')) : NaN;
  if (!Number.isFinite(n)) return null;
  if (c.kind === 'red_flag') {
    const inside = (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
    return { c, s: inside ? 1 : 0, detail: `${fmt(n)} (flag when ${describeRange(c)})`, evidence: String(n) };
  }
  const s = rangeSatisfaction(n, c);
  const where = s === 1 ? 'within' : s > 0 ? 'near' : 'outside';
  return { c, s, detail: `${fmt(n)} ${where} ${describeRange(c)}`, evidence: String(n) };
}

function judgeChoice(c: ChoiceCriterion, v: string | string[]): Judged {
  const vals = (Array.isArray(v) ? v : [v]).map(norm).filter((x) => x !== '');
  const accepted = new Set(c.accepted.map(norm));
  const partial = new Map(Object.entries(c.partial ?? {}).map(([k, p]) => [norm(k), p] as const));
  let s = 0;
  let best = vals[0] ?? '';
  for (const x of vals) {
    const sx = accepted.has(x) ? 1 : (partial.get(x) ?? 0);
    if (sx > s || (sx === s && best === '')) {
      s = sx;
      best = x;
    }
  }
  return { c, s, detail: best, evidence: vals.join(', ') };
}

function judgeText(c: TextCriterion, texts: string[]): Judged {
  for (const text of texts) {
    let hit: { score: number; start: number; end: number; phrase: string } | null = null;
    for (const phrase of c.phrases) {
      const m = matchPhrase(text, phrase);
      if (m && (!hit || m.score > hit.score)) hit = { ...m, phrase };
    }
    if (hit) return { c, s: 1, detail: `matches “${hit.phrase}”`, evidence: sentenceAround(text, hit.start, hit.end) };
  }
  return { c, s: 0, detail: 'not mentioned' };
}

function textAnswers(types: Map<string, string>, answers: IntakeAnswers, field: string): string[] {
  if (field !== '*') {
    const v = answers[field];
    if (typeof v === 'string' && v.trim()) return [v];
    if (Array.isArray(v)) return v.filter((x) => x.trim() !== '');
    return [];
  }
  const out: string[] = [];
  for (const [k, v] of Object.entries(answers)) {
    const t = types.get(k);
    if (typeof v === 'string' && v.trim() && (t === 'text' || (t === undefined && /\s/.test(v.trim())))) out.push(v);
  }
  return out;
}

function judge(types: Map<string, string>, answers: IntakeAnswers, c: Criterion): Judged | null {
  if (c.type === 'text') {
    const texts = textAnswers(types, answers, c.field);
    return texts.length ? judgeText(c, texts) : null;
  }
  const v = answers[c.field];
  if (isMissing(v)) return null;
  if (c.type === 'range') return judgeRange(c, v);
  if (typeof v === 'number') return judgeChoice(c, String(v));
  return judgeChoice(c, v as string | string[]);
}

/**
 * Fit score of a prospect's intake answers against the ideal-client profile:
 * score = 50 + Σ_answered 50·(wᵢ/W)·(2sᵢ − 1) − Σ red-flag weights − misfit points, clamped 0–100,
 * where sᵢ ∈ [0,1] is how well must-have / nice-to-have i is met and W the answered weight
 * (missing answers are reported, not scored); a failed must-have caps the score at 49, a near miss at 64,
 * a matched red flag or misfit history at 79.
 */
export function scoreFit(profile: IdealClientProfile, answers: IntakeAnswers, options: FitOptions = {}): FitResult {
  const misfitPoints = options.misfitPoints ?? FIT_DEFAULTS.misfitPoints;
  const minCoverage = options.minCoverage ?? FIT_DEFAULTS.minCoverage;
  const declineRedFlagPoints = options.declineRedFlagPoints ?? FIT_DEFAULTS.declineRedFlagPoints;

  const reasons: ScoreReason[] = [];
  const missing = new Set<string>();
  const positives: Judged[] = [];
  const flags: Judged[] = [];
  const missingMustHaves: string[] = [];
  let totalWeight = 0;
  const questions = intakeQuestions(profile);
  const types = new Map<string, string>(questions.map((q) => [q.key, q.type]));

  for (const c of profile.criteria) {
    const j = judge(types, answers, c);
    if (c.kind === 'red_flag') {
      if (j && j.s > 0) flags.push(j);
      continue;
    }
    totalWeight += c.weight;
    if (!j) {
      missing.add(c.field);
      if (c.kind === 'must_have') missingMustHaves.push(c.id);
      reasons.push({ points: 0, label: `missing answer: ${c.label}`, criterionId: c.id });
      continue;
    }
    positives.push(j);
  }
  // Questions on the form that were left blank are reported even when no criterion reads them.
  for (const q of questions) if (isMissing(answers[q.key])) missing.add(q.key);

  const answeredWeight = positives.reduce((a, j) => a + j.c.weight, 0);
  const coverage = totalWeight > 0 ? answeredWeight / totalWeight : 0;
  let raw = 50;
  for (const j of positives) {
    const pts = answeredWeight > 0 ? 50 * (j.c.weight / answeredWeight) * (2 * j.s - 1) : 0;
    raw += pts;
    const verb = j.s >= 1 ? 'met' : j.s > 0 ? 'partly met' : 'not met';
    const tag = j.c.kind === 'must_have' ? 'must-have' : 'nice-to-have';
    reasons.push({
      points: r1(pts),
      label: `${j.c.label}: ${tag} ${verb} (${j.detail})`,
      criterionId: j.c.id,
      ...(j.evidence && j.c.type === 'text' ? { evidence: j.evidence } : {}),
    });
  }
  const redFlags: string[] = [];
  let flagPoints = 0;
  for (const j of flags) {
    raw -= j.c.weight;
    flagPoints += j.c.weight;
    redFlags.push(j.c.id);
    reasons.push({ points: -j.c.weight, label: `red flag: ${j.c.label}`, criterionId: j.c.id, ...(j.evidence ? { evidence: j.evidence } : {}) });
  }
  const misfitHistory = !!options.misfit;
  if (options.misfit) {
    const p = misfitPoints[options.misfit.by];
    raw -= p;
    const who = options.misfit.clientName ? ` (${options.misfit.clientName})` : '';
    reasons.push({
      points: -p,
      label: `former client offboarded as a misfit, matched by ${options.misfit.by}${who}`,
      ...(options.misfit.reason ? { evidence: options.misfit.reason } : {}),
    });
  }

  const failedMustHaves = positives.filter((j) => j.c.kind === 'must_have' && j.s < FIT_DEFAULTS.mustHaveFailBelow).map((j) => j.c.id);
  const nearMissMustHaves = positives.filter((j) => j.c.kind === 'must_have' && j.s >= FIT_DEFAULTS.mustHaveFailBelow && j.s < 1).map((j) => j.c.id);
  // Caps keep the band honest: a failed must-have is never better than poor, a near miss never
  // better than weak, and a known problem (red flag, misfit history) never better than good.
  const caps: Array<[number, string]> = [];
  if (failedMustHaves.length) caps.push([49, 'must-have not met']);
  if (nearMissMustHaves.length) caps.push([64, 'must-have only nearly met']);
  if (flags.length) caps.push([FIT_DEFAULTS.knownProblemCap, 'red flag present']);
  if (options.misfit) caps.push([FIT_DEFAULTS.knownProblemCap, 'previously offboarded as a misfit']);
  const cap = caps.sort((a, b) => a[0] - b[0])[0];
  if (cap && raw > cap[0]) {
    reasons.push({ points: r1(cap[0] - raw), label: `capped at ${cap[0]}: ${cap[1]}` });
    raw = cap[0];
  }

  const score = Math.max(0, Math.min(100, Math.round(raw)));
  const band = fitBand(score);
  let recommendation: FitRecommendation = band === 'strong' || band === 'good' ? 'accept' : band === 'weak' ? 'review' : 'decline';
  const why: string[] = [];
  const capTo = (to: FitRecommendation, reason: string) => {
    const next = lower(recommendation, to);
    if (next !== recommendation) why.push(reason);
    recommendation = next;
  };
  if (failedMustHaves.length) capTo('decline', `must-have not met: ${failedMustHaves.join(', ')}`);
  if (nearMissMustHaves.length) capTo('review', `must-have only nearly met: ${nearMissMustHaves.join(', ')}`);
  if (flagPoints >= declineRedFlagPoints || redFlags.length >= 2) capTo('decline', `red flags weigh ${flagPoints} points`);
  if (redFlags.length) capTo('review', `red flag: ${redFlags.join(', ')}`);
  if (missingMustHaves.length) capTo('review', `must-have unanswered: ${missingMustHaves.join(', ')}`);
  if (coverage < minCoverage) capTo('review', `only ${Math.round(coverage * 100)}% of the weighted questions answered`);
  if (misfitHistory) capTo('review', `previously offboarded as a misfit (matched by ${options.misfit!.by})`);

  reasons.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return {
    score,
    band,
    recommendation,
    reasons,
    missing: [...missing],
    coverage: Math.round(coverage * 1000) / 1000,
    misfitHistory,
    failedMustHaves,
    redFlags,
    recommendationReasons: why,
  };
}
