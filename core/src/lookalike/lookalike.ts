import { meaningBag } from '../fit/phrase.js';
import { intakeQuestions, isMissing } from '../fit/questions.js';
import type { AnswerValue, IdealClientProfile, IntakeAnswers, IntakeFieldType } from '../fit/types.js';

export interface LookalikeNeighbour {
  /** Position in the list of healthiest clients. */
  index: number;
  id?: string;
  similarity: number;
  reasons: string[];
}

export interface LookalikeResult {
  score: number;
  nearest: LookalikeNeighbour[];
  reasons: string[];
}

export type ClientAnswers = IntakeAnswers | { id?: string; answers: IntakeAnswers };

/** Weight of a field when no must-have / nice-to-have criterion reads it. */
export const LOOKALIKE_DEFAULT_FIELD_WEIGHT = 5;

const norm = (s: string) => s.trim().toLowerCase();

/** Numeric closeness: for positive numbers 1 − |ln a − ln b| / ln 4 (4× apart → 0), else 1 − |a − b| / max(|a|, |b|). */
export function numericCloseness(a: number, b: number): number {
  if (a === b) return 1;
  if (a > 0 && b > 0) return Math.max(0, 1 - Math.abs(Math.log(a) - Math.log(b)) / Math.log(4));
  const m = Math.max(Math.abs(a), Math.abs(b));
  return m > 0 ? Math.max(0, 1 - Math.abs(a - b) / m) : 1;
}

/** Overlap of concepts in two texts: |A∩B| / min(|A|,|B|) over meaning units, with the shared concept names. */
export function sharedConcepts(a: string, b: string): { overlap: number; shared: string[] } {
  const A = meaningBag(a);
  const B = meaningBag(b);
  if (A.size === 0 || B.size === 0) return { overlap: 0, shared: [] };
  const shared = [...A].filter((x) => B.has(x));
  return { overlap: shared.length / Math.min(A.size, B.size), shared: shared.filter((x) => x.startsWith('c:')).map((x) => x.slice(2)) };
}

function fieldSimilarity(type: IntakeFieldType, a: AnswerValue, b: AnswerValue): { sim: number; why: string } | null {
  if (isMissing(a) || isMissing(b)) return null;
  if (type === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    return { sim: numericCloseness(x, y), why: `${x.toLocaleString('en-US')} vs ${y.toLocaleString('en-US')}` };
  }
  if (type === 'text') {
    const { overlap, shared } = sharedConcepts(String(a), String(b));
    return { sim: overlap, why: shared.length ? `shared concepts: ${shared.slice(0, 4).join(', ')}` : 'little in common' };
  }
  const A = new Set((Array.isArray(a) ? a : [String(a)]).map(norm));
  const B = new Set((Array.isArray(b) ? b : [String(b)]).map(norm));
  const inter = [...A].filter((x) => B.has(x));
  const union = new Set([...A, ...B]).size;
  return { sim: union ? inter.length / union : 0, why: inter.length ? `same: ${inter.join(', ')}` : `${[...A].join(', ')} vs ${[...B].join(', ')}` };
}

/**
 * Lookalike score of a prospect against the healthiest current clients: similarity to each client
 * = Σ wᵢ·simᵢ / Σ wᵢ over the profile's fields both answered (wᵢ = weight of the must-have and
 * nice-to-have criteria reading field i; numbers by log closeness, choices equal or Jaccard,
 * free text by shared concepts); score = 100 × mean similarity of the k nearest (default 3).
 */
export function lookalikeScore(prospect: IntakeAnswers, healthiest: ClientAnswers[], profile: IdealClientProfile, options: { k?: number } = {}): LookalikeResult {
  const k = Math.max(1, options.k ?? 3);
  const weights = new Map<string, number>();
  for (const c of profile.criteria) if (c.kind !== 'red_flag' && c.field !== '*') weights.set(c.field, (weights.get(c.field) ?? 0) + c.weight);
  const fields = intakeQuestions(profile).map((q) => ({ key: q.key, type: q.type, weight: weights.get(q.key) ?? LOOKALIKE_DEFAULT_FIELD_WEIGHT }));

  const scored: LookalikeNeighbour[] = healthiest.map((entry, index) => {
    const answers = 'answers' in entry && typeof entry.answers === 'object' && entry.answers !== null && !Array.isArray(entry.answers) ? (entry.answers as IntakeAnswers) : (entry as IntakeAnswers);
    const id = 'answers' in entry && typeof entry.id === 'string' ? entry.id : undefined;
    let num = 0;
    let den = 0;
    const parts: Array<{ key: string; sim: number; w: number; why: string }> = [];
    for (const f of fields) {
      const s = fieldSimilarity(f.type, prospect[f.key], answers[f.key]);
      if (!s) continue;
      num += f.weight * s.sim;
      den += f.weight;
      parts.push({ key: f.key, sim: s.sim, w: f.weight, why: s.why });
    }
    const similarity = den > 0 ? num / den : 0;
    const reasons = parts
      .sort((a, b) => b.w * b.sim - a.w * a.sim)
      .slice(0, 3)
      .map((p) => `${p.key.replace(/_/g, ' ')}: ${p.why} (${p.sim.toFixed(2)})`);
    return { index, ...(id ? { id } : {}), similarity: Math.round(similarity * 1000) / 1000, reasons };
  });

  const nearest = scored.sort((a, b) => b.similarity - a.similarity || a.index - b.index).slice(0, k);
  const score = nearest.length ? Math.round((100 * nearest.reduce((a, n) => a + n.similarity, 0)) / nearest.length) : 0;
  const reasons = nearest.length
    ? [`mean similarity ${(score / 100).toFixed(2)} to the ${nearest.length} closest of ${healthiest.length} healthiest clients`, ...(nearest[0]?.reasons ?? []).map((r) => `closest: ${r}`)]
    : ['no healthy clients to compare with'];
  return { score, nearest, reasons };
}
