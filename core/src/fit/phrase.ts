// Local adapter over the shared meaning matcher, so fit/health/exit/lookalike depend on one seam.
import { sentenceBounds } from '../text/sentences.js';
import { matchConcept } from '../text/phrase-match.js';
import { conceptsOf } from '../text/concepts.js';
import { tokenize } from '../text/tokens.js';

export interface PhraseHit {
  score: number;
  start: number;
  end: number;
  matched: string;
}

/** Meaning match of `phrase` in `text` (delegates to text/phrase-match); null when absent or negated. */
export function matchPhrase(text: string, phrase: string): PhraseHit | null {
  return matchConcept(text, phrase);
}

const LIGHT_STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'we', 'i', 'my', 'our', 'is', 'are', 'be', 'it', 'that', 'this', 'you', 'me', 'have', 'has', 'was', 'would', 'will', 'can', 'just', 'so', 'but', 'at', 'as', 'from', 'us', 'your', 'am', 'do', 'want', 'need', 'looking', 'help']);

/** Bag of meaning units of a text: concept ids (`c:family`) plus content-word stems (`w:payroll`). */
export function meaningBag(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    if (LIGHT_STOP.has(t.word) || t.word.length < 3) continue;
    const cs = conceptsOf(t.stem);
    for (const c of cs.length ? cs : conceptsOf(t.word)) out.add(`c:${c}`);
    out.add(`w:${t.stem}`);
  }
  return out;
}

/** Sentence around [start, end) in text, trimmed to at most 160 characters, for evidence. */
export function sentenceAround(text: string, start: number, end: number): string {
  const [s, bound] = sentenceBounds(text, start, end);
  const e = bound < text.length ? bound + 1 : bound;
  const out = text.slice(s, e).trim();
  return out.length > 160 ? `${out.slice(0, 157)}…` : out;
}
