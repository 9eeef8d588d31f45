/**
 * Features for the learned scorer: what the phrase rules found (their decisions, cue families,
 * rule names) plus the words of the message. The scorer weighs them; the rules stay the evidence.
 */

import { FNV_OFFSET, FNV_PRIME, fnv1a } from '../text/hash.js';

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

const DOT = 46;
const BANG = 33;
const QUESTION = 63;
const NEWLINE = 10;

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const APOSTROPHE = 39;

/** FNV-1a over a word's characters ("#" for numbers): the key a word is looked up by when scoring. */
export function wordHash(lower: string, start = 0, end = lower.length): number {
  return fnv1a(lower, start, end);
}

/** A second, independent hash of a word (a polynomial one), checked on every hit in place of the spelling. */
export function wordCheck(lower: string, start = 0, end = lower.length): number {
  let h = 0x2545f491;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + lower.charCodeAt(i)) | 0;
  return h;
}
const NUMBER_HASH = wordHash('#');
const NUMBER_CHECK = wordCheck('#');

/** Two words' hashes combined into the key of their bigram. */
export function pairHash(first: number, second: number): number {
  return Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second;
}

/** Two words' check hashes combined into their bigram's check. */
export function pairCheck(first: number, second: number): number {
  return (Math.imul(first, 0x01000193) + Math.imul(second ^ 0x5bd1e995, 0x27d4eb2f)) | 0;
}

/**
 * The words of a lower-cased text, in order, as hashes with their offsets: letters with inner
 * apostrophes, or numbers (digits with inner `.`/`,`), which all read as one word "#" so "$480" and
 * "$2,300" are the same feature. Each word comes with its wordHash and wordCheck. `joined` is false
 * when a sentence break (. ! ? or a line end) separates a word from the previous one, which breaks a bigram.
 */
export function scanWords(lower: string, fn: (hash: number, check: number, start: number, end: number, joined: boolean, isNumber: boolean) => void): void {
  const n = lower.length;
  let seenWord = false;
  let joined = false;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (isLetter(c)) {
      const start = i;
      let h = FNV_OFFSET;
      let k = 0x2545f491;
      while (i < n) {
        const d = lower.charCodeAt(i);
        if (isLetter(d) || (d === APOSTROPHE && i + 1 < n && isLetter(lower.charCodeAt(i + 1)))) {
          h = Math.imul(h ^ d, FNV_PRIME);
          k = (Math.imul(k, 31) + d) | 0;
          i++;
        } else break;
      }
      fn(h | 0, k, start, i, seenWord && joined, false);
      seenWord = true;
      joined = true;
    } else if (isDigit(c)) {
      const start = i;
      while (i < n) {
        const d = lower.charCodeAt(i);
        if (isDigit(d)) i++;
        else if ((d === DOT || d === 44) && i + 1 < n && isDigit(lower.charCodeAt(i + 1))) i++;
        else break;
      }
      fn(NUMBER_HASH, NUMBER_CHECK, start, i, seenWord && joined, true);
      seenWord = true;
      joined = true;
    } else {
      if (c === DOT || c === BANG || c === QUESTION || c === NEWLINE) joined = false;
      i++;
    }
  }
}

/** Calls `fn` for each word of the lower-cased text by name ("#" for numbers): the words scanWords reads. */
function forEachWord(lower: string, fn: (word: string, start: number, end: number, joined: boolean) => void): void {
  scanWords(lower, (_hash, _check, start, end, joined, isNumber) => fn(isNumber ? '#' : lower.slice(start, end), start, end, joined));
}

/**
 * Adds word unigrams and adjacent-word bigrams ("w:refund", "b:by_tonight") of the cleaned text,
 * and subject words ("s:urgent"). Presence only: a word said twice counts once.
 */
export function addWordFeatures(f: FeatureSet, text: string, subject: string): void {
  const lower = text.toLowerCase();
  // Lower-casing a few scripts changes the length; offsets would then point at the wrong words.
  const spans = lower.length === text.length;
  let prev = '';
  let prevStart = 0;
  forEachWord(lower, (word, start, end, joined) => {
    setOnce(f, `w:${word}`, spans, start, end);
    if (joined) setOnce(f, `b:${prev}_${word}`, spans, prevStart, end);
    prev = word;
    prevStart = start;
  });
  forEachWord(subject.toLowerCase(), (word) => {
    if (!f.values.has(`s:${word}`)) f.values.set(`s:${word}`, 1);
  });
}

function setOnce(f: FeatureSet, name: string, withSpan: boolean, start: number, end: number): void {
  if (f.values.has(name)) return;
  f.values.set(name, 1);
  if (withSpan) f.spans.set(name, [start, end]);
}
