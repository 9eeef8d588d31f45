import { type BoundaryKind, BOUNDARY_ORDER } from '../boundaries/index.js';
import { normaliseForFingerprint } from '../dedupe/index.js';
import type { EvidenceItem } from './index.js';

/** What a repeat needs of the message it repeats. */
export interface RepeatedMessage {
  id: string;
  boundaries: readonly BoundaryKind[];
  /** Its evidence (only the boundary items are read): the words that made the ask what it was. */
  evidence?: readonly EvidenceItem[];
  /** Its cleaned text and when it was sent, where known: a copy of the same words sent soon after is judged as it was. */
  cleanedText?: string;
  sentAtMs?: number;
}

/**
 * What the sender asks for stays the same in a repeat, however it is worded: an out-of-scope ask or
 * a personal approach is still one. Its time, volume, tone and urgency are read from its own words
 * (a retype in lower case loses shouting; re-sending is not in itself pressure). Carrying the original's
 * urgency as well was measured and dropped: a wrong link or a wrong original spread the error.
 */
const CARRIED: readonly BoundaryKind[] = ['personal', 'out_of_scope'];

/**
 * A copy of the same words (pasted into the portal, forwarded to a second address) sent within this
 * long of its original asks as fast as the original did: pressure follows the original's. Reworded or
 * added-to repeats, and copies sent later (when a deadline may have come closer), are judged alone.
 * On the labelled files the writers gave such a copy the original's pressure label 312 times in 314.
 */
const SAME_WORDS_MS = 6 * 3600_000;
const SAME_WORDS_JACCARD = 0.85;

/** Whether two cleaned texts say the same words (a copy, not a retelling): Jaccard of their normalised words, as the fingerprint reads them. */
function sameWords(a: string, b: string): boolean {
  const x = new Set(normaliseForFingerprint(a));
  const y = new Set(normaliseForFingerprint(b));
  if (x.size === 0 || y.size === 0) return false;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / (x.size + y.size - common) >= SAME_WORDS_JACCARD;
}

/**
 * A repeat contact (re-sent, retold on another channel) carries what its original asked for: the
 * original's out-of-scope and personal boundaries, each with evidence quoting the original's words
 * for it (rule `repeat_of_original`; the offsets are 0/0, as the words are not in this text). Returns
 * a new analysis; the one given is not changed.
 */
export function carryFromRepeated<T extends { boundaries: BoundaryKind[]; evidence: EvidenceItem[]; cleanedText?: string }>(analysis: T, original: RepeatedMessage, sentAtMs?: number): T {
  // Also where the learned scorer alone found the boundary in the repeat's own words: the original's
  // words ("own 1040") say why better than the scorer's ("pay", "can").
  const scorerOnly = (b: BoundaryKind) => {
    const own = analysis.evidence.filter((e) => e.label === `boundary:${b}`);
    return own.length > 0 && own.every((e) => e.rule === 'learned_scorer' || e.rule.startsWith('scorer_'));
  };
  const carried = CARRIED.filter((b) => original.boundaries.includes(b) && (!analysis.boundaries.includes(b) || scorerOnly(b)));
  // The same words soon after: pressure as the original had it (added where the copy lacks it, dropped where the original had none).
  const copy =
    original.cleanedText !== undefined && analysis.cleanedText !== undefined && original.sentAtMs !== undefined && sentAtMs !== undefined &&
    sentAtMs >= original.sentAtMs && sentAtMs - original.sentAtMs <= SAME_WORDS_MS && sameWords(analysis.cleanedText, original.cleanedText);
  const pressed = original.boundaries.includes('pressure');
  const dropPressure = copy && !pressed && analysis.boundaries.includes('pressure');
  if (copy && pressed && !analysis.boundaries.includes('pressure')) carried.push('pressure');
  if (carried.length === 0 && !dropPressure) return analysis;
  const boundaries = new Set([...analysis.boundaries, ...carried]);
  if (dropPressure) boundaries.delete('pressure');
  return {
    ...analysis,
    boundaries: BOUNDARY_ORDER.filter((b) => boundaries.has(b)),
    evidence: [
      ...(dropPressure ? analysis.evidence.filter((e) => e.label !== 'boundary:pressure') : analysis.evidence),
      ...carried.map((b) => ({ label: `boundary:${b}`, rule: 'repeat_of_original', text: original.evidence?.find((e) => e.label === `boundary:${b}` && e.text)?.text ?? '', start: 0, end: 0 })),
    ],
  };
}
