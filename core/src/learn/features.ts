/**
 * Features for the learned scorer: what the phrase rules found (their decisions, cue families,
 * rule names) plus the words of the message. The scorer weighs them; the rules stay the evidence.
 */

/** A sparse feature vector, with where each word feature first occurs (offsets into cleaned text). */
export interface FeatureSet {
  values: Map<string, number>;
  spans: Map<string, [number, number]>;
}

export function newFeatureSet(): FeatureSet {
  return { values: new Map(), spans: new Map() };
}

/** Sets a feature (a later value for the same name adds to the earlier one). */
export function addFeature(f: FeatureSet, name: string, value = 1): void {
  if (value === 0 || !Number.isFinite(value)) return;
  f.values.set(name, (f.values.get(name) ?? 0) + value);
}

/** A rule name without its per-message detail ("off_hours:weekend" → "off_hours"). */
export function ruleFamily(rule: string): string {
  const i = rule.indexOf(':');
  return i < 0 ? rule : rule.slice(0, i);
}

/** A count squashed into [0, 1] so long messages do not dominate: 0, 0.5, 0.67, 0.75 … */
export function squash(n: number): number {
  return n <= 0 ? 0 : n / (n + 1);
}

// Words: letters with inner apostrophes; digits read as one shape so "$480" and "$2,300" are the same feature.
const TOKEN = /[a-z]+(?:'[a-z]+)*|\d+(?:[.,]\d+)*/g;

/**
 * Adds word unigrams and adjacent-word bigrams ("w:refund", "b:by_tonight") of the cleaned text,
 * and subject words ("s:urgent"). Presence only: a word said twice counts once.
 */
export function addWordFeatures(f: FeatureSet, text: string, subject: string): void {
  const lower = text.toLowerCase();
  let prev: string | null = null;
  let prevStart = 0;
  let prevEnd = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(lower); m; m = TOKEN.exec(lower)) {
    const word = m[0].charCodeAt(0) <= 57 ? '#' : m[0];
    const start = m.index;
    const end = start + m[0].length;
    // A sentence break between two words breaks the bigram.
    const gap = prev === null ? '' : lower.slice(prevEnd, start);
    setOnce(f, `w:${word}`, start, end);
    if (prev !== null && !/[.!?\n]/.test(gap)) setOnce(f, `b:${prev}_${word}`, prevStart, end);
    prev = word;
    prevStart = start;
    prevEnd = end;
  }
  const subj = subject.toLowerCase();
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(subj); m; m = TOKEN.exec(subj)) {
    const word = m[0].charCodeAt(0) <= 57 ? '#' : m[0];
    if (!f.values.has(`s:${word}`)) f.values.set(`s:${word}`, 1);
  }
}

function setOnce(f: FeatureSet, name: string, start: number, end: number): void {
  if (f.values.has(name)) return;
  f.values.set(name, 1);
  f.spans.set(name, [start, end]);
}
