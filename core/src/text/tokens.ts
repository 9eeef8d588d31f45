import { memoize } from './recent.js';

/** A word token with its character offsets into the source text. */
export interface Token {
  /** Lower-cased surface form. */
  word: string;
  /** Light stem of `word` (see `stem`). */
  stem: string;
  start: number;
  end: number;
}

const WORD_RE = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*%?/g;

/** Light English stemmer: strips possessives and common inflections, deterministic, no dictionary. */
export const stem: (word: string) => string = memoize(computeStem);

function computeStem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '').replace(/['’]/g, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ied')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  else if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  if (n > 3 && w[n - 1] === w[n - 2] && !/[lsz]/.test(w[n - 1] ?? '')) return w.slice(0, -1);
  return w;
}

/** Lower-cased word and stem of a surface form, worked out once per form. */
const forms = memoize((surface: string): { word: string; stem: string } => {
  const word = surface.toLowerCase().replace(/’/g, "'");
  return { word, stem: stem(word) };
});

/** Splits text into word tokens with offsets (letters, digits, inner apostrophes, trailing %). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text)) !== null) {
    const { word, stem } = forms(m[0]);
    out.push({ word, stem, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Sentence spans [start, end) split on . ! ? and line breaks. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /[^.!?\n]+[.!?]*|\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].trim().length === 0) continue;
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}
