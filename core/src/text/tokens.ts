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
export function stem(word: string): string {
  const hit = stemCache.get(word);
  if (hit !== undefined) return hit;
  const out = computeStem(word);
  if (stemCache.size > 100_000) stemCache.clear();
  stemCache.set(word, out);
  return out;
}

const stemCache = new Map<string, string>();

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

// Lower-cased word and stem by surface form: message vocabulary repeats, so each form is worked out once.
const formCache = new Map<string, { word: string; stem: string }>();

function forms(surface: string): { word: string; stem: string } {
  let f = formCache.get(surface);
  if (f === undefined) {
    const word = surface.toLowerCase().replace(/’/g, "'");
    f = { word, stem: stem(word) };
    if (formCache.size > 100_000) formCache.clear();
    formCache.set(surface, f);
  }
  return f;
}

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
