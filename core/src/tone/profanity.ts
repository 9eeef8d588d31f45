import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { allMatches } from '../text/prefilter.js';
import { memoize } from '../text/recent.js';
import type { CueHit } from './cues.js';

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
// Masked or clipped profanity the dataset does not know ("f***ing", "f'n", "pr*cks", "a*ses").
const MASKED = /\b(?:f[*#@$!]{2,}(?:ing|in|ed|er|k)?|f\*ck\w*|f'n|effing|sh[*!1]t\w*|pr[*!]cks?|a[*$]{1,2}(?:es|hole|holes)?|b[*!]tch\w*|c[*!]nts?|d[*!]ck\w*|wank\w*|tw[*!]ts?|bollocks|bloody|bugger\w*|piss(?:ed)?|crap(?:py)?|damn(?:ed|it)?|goddamn\w*|hell)\b/gi;

/** Profane words that name a person: aimed at someone even without "you". */
export const SLUR_NOUN = /^(?:b[\W\di_]*[i1!*]?t[\W_]*ch(?:es)?|pr[\W_]*[i1!*]?cks?|c[\W_]*[u*]?nts?|tw[\W_]*[a*]?ts?|bastards?|dickheads?|d[i*]cks?|a[s$*]{1,2}holes?|arseholes?|wankers?|tossers?|motherf\w*|sons? of a b\w*)$/i;

// Whole-text matching is the costliest step of the analysis; most words are seen many times,
// so each distinct word is checked once and the full matcher runs only when one is suspect.
// Keyed by the word as written (the verdict is the lower-cased word's), so no lower-casing per occurrence.
const suspectWord = memoize((word: string) => matcher.hasMatch(word.toLowerCase()), 200_000);
const WORDS = /\S+/g;

function anySuspectWord(text: string): boolean {
  WORDS.lastIndex = 0;
  let m: RegExpExecArray | null;
  let suspect = false;
  while ((m = WORDS.exec(text)) !== null) {
    if (suspectWord(m[0])) suspect = true;
  }
  return suspect;
}

/** Profanity spans (leetspeak-robust via obscenity, plus masked forms like "f***ing"). */
export function findProfanity(text: string): CueHit[] {
  const hits: CueHit[] = [];
  const found = anySuspectWord(text) ? matcher.getAllMatches(text, true) : [];
  for (const m of found) {
    // Widen to the whole word so the evidence reads naturally.
    let s = m.startIndex;
    let e = m.endIndex + 1;
    while (s > 0 && /[\w*$@!']/.test(text[s - 1] ?? '')) s--;
    while (e < text.length && /[\w*$@!']/.test(text[e] ?? '') && !/[!']/.test(text[e] ?? '')) e++;
    if (hits.some((h) => h.start === s)) continue;
    hits.push({ rule: 'profanity', text: text.slice(s, e), start: s, end: e, weight: 1 });
  }
  for (const m of allMatches(MASKED, text)) {
    const s = m.index;
    if (hits.some((h) => s >= h.start && s < h.end)) continue;
    const mild = /^(?:bloody|bugger|piss|crap|damn|goddamn|hell)/i.test(m[0]);
    hits.push({ rule: mild ? 'mild_profanity' : 'profanity', text: m[0], start: s, end: s + m[0].length, weight: mild ? 0.5 : 1 });
  }
  return hits.sort((a, b) => a.start - b.start);
}
