import { type BoundaryKind, BOUNDARY_ORDER } from '../boundaries/index.js';
import type { EvidenceItem } from './index.js';

/** What a repeat needs of the message it repeats. */
export interface RepeatedMessage {
  id: string;
  boundaries: readonly BoundaryKind[];
  /** Its evidence (only the boundary items are read): the words that made the ask what it was. */
  evidence?: readonly EvidenceItem[];
}

/**
 * What the sender asks for stays the same in a repeat, however it is worded: an out-of-scope ask or
 * a personal approach is still one. Its time, volume, tone and urgency are read from its own words
 * (a retype in lower case loses shouting; a plain re-send is not pressure). Carrying the original's
 * urgency as well was measured and dropped: a wrong link or a wrong original spread the error.
 */
const CARRIED: readonly BoundaryKind[] = ['personal', 'out_of_scope'];

/**
 * A repeat contact (re-sent, retold on another channel) carries what its original asked for: the
 * original's out-of-scope and personal boundaries, each with evidence quoting the original's words
 * for it (rule `repeat_of_original`; the offsets are 0/0, as the words are not in this text). Returns
 * a new analysis; the one given is not changed.
 */
export function carryFromRepeated<T extends { boundaries: BoundaryKind[]; evidence: EvidenceItem[] }>(analysis: T, original: RepeatedMessage): T {
  // Also where the learned scorer alone found the boundary in the repeat's own words: the original's
  // words ("own 1040") say why better than the scorer's ("pay", "can").
  const scorerOnly = (b: BoundaryKind) => {
    const own = analysis.evidence.filter((e) => e.label === `boundary:${b}`);
    return own.length > 0 && own.every((e) => e.rule === 'learned_scorer' || e.rule.startsWith('scorer_'));
  };
  const carried = CARRIED.filter((b) => original.boundaries.includes(b) && (!analysis.boundaries.includes(b) || scorerOnly(b)));
  if (carried.length === 0) return analysis;
  const boundaries = new Set([...analysis.boundaries, ...carried]);
  return {
    ...analysis,
    boundaries: BOUNDARY_ORDER.filter((b) => boundaries.has(b)),
    evidence: [
      ...analysis.evidence,
      ...carried.map((b) => ({ label: `boundary:${b}`, rule: 'repeat_of_original', text: original.evidence?.find((e) => e.label === `boundary:${b}` && e.text)?.text ?? '', start: 0, end: 0 })),
    ],
  };
}
