import { GENERIC_STEMS, MODIFIER_WORDS, STOPWORDS, conceptsOfWord } from './concepts.js';
import { fnv1a } from './hash.js';
import { memoize, rememberRecent } from './recent.js';
import { type Token, sentenceSpans, stem, tokenize } from './tokens.js';

/** Result of a meaning match: score in [0,1], offsets of the matching words in the text. */
export interface ConceptMatch {
  score: number;
  start: number;
  end: number;
  matched: string;
}

interface Alt {
  stem: string;
  concepts: readonly string[];
  /** First six characters of a stem of six or more (shared openings match), else null. */
  prefix6: string | null;
  /** The stem plus "e" and, for a stem ending in "e", the stem without it (stem variants that match). */
  withE: string;
  withoutE: string | null;
  /** Bits of the prepared-text keys any one of which makes the alternative possible (see `altPossible`). */
  probes: number[];
}

/**
 * Prepared text records its keys (stems, words, six-letter openings, concepts) as bits of a fixed-size
 * set, by hash. Two keys may share a bit: that only lets a phrase through to the full match, which
 * decides; it never rejects one that could match.
 */
const KEY_BITS = 8192;
function keyBit(key: string): number {
  const h = fnv1a(key);
  return (h ^ (h >>> 13)) & (KEY_BITS - 1);
}

function makeAlt(word: string, s: string): Alt {
  const concepts = conceptsOfWord(word, s);
  const prefix6 = s.length >= 6 ? s.slice(0, 6) : null;
  const probes = [s];
  if (prefix6 !== null) probes.push(`~${prefix6}`);
  if (s.length > 4) probes.push(`${s}e`, s.slice(0, -1));
  for (const c of concepts) probes.push(`#${c}`);
  return { stem: s, concepts, prefix6, withE: `${s}e`, withoutE: s.endsWith('e') ? s.slice(0, -1) : null, probes: probes.map(keyBit) };
}
interface Slot {
  alts: Alt[];
  weight: number;
  generic: boolean;
  /** Negated in the phrase ("not enrolled"): the message word must be negated too, an affirmed one contradicts. */
  negated?: boolean;
}
/** A phrase compiled into weighted slots (alternatives joined by "or"/"and"/"/"). */
export interface CompiledPhrase {
  phrase: string;
  slots: Slot[];
  /** A lone word split off a list ("therapy" in "therapy or mental health treatment"): matches itself only, scored 0.7. */
  directOnly?: boolean;
  /** Slots heaviest first: the head noun picks its word before modifiers do. */
  bySlotWeight: Slot[];
  totalWeight: number;
}

/** Text prepared once for many phrase matches. */
export interface PreparedText {
  text: string;
  tokens: Token[];
  /** Token index ranges [from, to) per sentence. */
  sentences: Array<[number, number]>;
  /** Concepts of each token (computed once). */
  concepts: Array<readonly string[]>;
  /** Bits of every stem, word and concept present (see keyBit), for rejecting phrases that cannot match. */
  keys: Uint32Array;
}

const NEGATORS = new Set(['not', 'no', 'never', "don't", 'dont', "doesn't", 'doesnt', "won't", 'wont', 'without', "didn't", 'didnt', "isn't", "aren't", 'nor', "wouldn't", "shouldn't", 'neither']);
const MATCH_THRESHOLD = 0.66;
/** Matched words must sit within this many tokens of each other. */
const MAX_SPAN_TOKENS = 28;
const compiledCache = new Map<string, CompiledPhrase>();

/** Compiles a phrase (cached): content words become slots, the head noun and "or"-groups weigh more. */
export function compilePhrase(phrase: string): CompiledPhrase {
  const hit = compiledCache.get(phrase);
  if (hit) return hit;
  const raw = phrase.toLowerCase().replace(/\//g, ' or ').replace(/,/g, ' or ');
  const words = tokenize(raw).map((t) => t.word);
  const slots: Slot[] = [];
  let joinNext = false;
  let negNext = false;
  for (const w of words) {
    if (w === 'or' || w === 'and' || w === '&') {
      if (slots.length > 0) joinNext = true;
      continue;
    }
    if (w === 'not' || w === 'no' || w === 'non') {
      negNext = true;
      joinNext = false;
      continue;
    }
    if (STOPWORDS.has(w)) {
      joinNext = false;
      continue;
    }
    const s = stem(w);
    const alt = makeAlt(w, s);
    const last = slots[slots.length - 1];
    if (joinNext && last) {
      last.alts.push(alt);
      last.generic = last.generic && GENERIC_STEMS.has(s);
    } else slots.push({ alts: [alt], weight: 1, generic: GENERIC_STEMS.has(s), ...(negNext ? { negated: true } : {}) });
    joinNext = false;
    negNext = false;
  }
  const lastContent = [...slots].reverse().find((s) => !s.generic);
  for (const s of slots) {
    if (s.generic) s.weight = 0.4;
    else if (s === lastContent || s.alts.length > 1) s.weight = 1.5;
  }
  const compiled: CompiledPhrase = { phrase, slots, bySlotWeight: [...slots].sort((a, b) => b.weight - a.weight), totalWeight: slots.reduce((a, s) => a + s.weight, 0) };
  if (compiledCache.size < 5000) compiledCache.set(phrase, compiled);
  return compiled;
}

/** Tokenises text and groups tokens by sentence (the last few texts are remembered: out-of-scope and around-the-clock matching share one). */
export const prepareText: (text: string) => PreparedText = rememberRecent(prepareTextUncached);

/** What a word contributes to prepared text: its concepts and keys (the same for every occurrence, so computed once per word). */
interface WordInfo {
  concepts: readonly string[];
  /** Bits of its keys (see keyBit). */
  keys: number[];
}
/** Concepts and keys of a word, by its lower-cased form (its stem is always `stem(word)`). */
const wordInfo = memoize((word: string): WordInfo => {
  const s = stem(word);
  const concepts = conceptsOfWord(word, s);
  const keys = [s, word];
  if (s.length >= 6) keys.push(`~${s.slice(0, 6)}`);
  for (const c of concepts) keys.push(`#${c}`);
  return { concepts, keys: keys.map(keyBit) };
});

function prepareTextUncached(text: string): PreparedText {
  const tokens = tokenize(text);
  const spans = sentenceSpans(text);
  const sentences: Array<[number, number]> = [];
  let i = 0;
  for (const [s, e] of spans) {
    while (i < tokens.length && (tokens[i]?.start ?? 0) < s) i++;
    const from = i;
    while (i < tokens.length && (tokens[i]?.end ?? 0) <= e) i++;
    if (i > from) sentences.push([from, i]);
  }
  if (sentences.length === 0 && tokens.length > 0) sentences.push([0, tokens.length]);
  const concepts: Array<readonly string[]> = [];
  const keys = new Uint32Array(KEY_BITS >>> 5);
  for (const t of tokens) {
    const info = wordInfo(t.word);
    concepts.push(info.concepts);
    for (const k of info.keys) keys[k >>> 5]! |= 1 << (k & 31);
  }
  return { text, tokens, sentences, concepts, keys };
}

/** Whether the text has the stem, a stem variant ("…e", six-letter opening) or a concept of the alternative. */
function altPossible(alt: Alt, keys: Uint32Array): boolean {
  for (const k of alt.probes) if (keys[k >>> 5]! & (1 << (k & 31))) return true;
  return false;
}

function altMatches(alt: Alt, tok: Token, tokConcepts: readonly string[]): boolean {
  if (alt.stem === tok.stem || alt.stem === tok.word) return true;
  if (alt.stem.length > 4 && tok.stem.length > 4 && (alt.withE === tok.stem || alt.withoutE === tok.stem)) return true;
  if (alt.prefix6 !== null && tok.stem.length >= 6 && tok.stem.startsWith(alt.prefix6)) return true;
  if (alt.concepts.length === 0) return false;
  for (const c of tokConcepts) if (alt.concepts.includes(c)) return true;
  return false;
}

function isNegated(tokens: Token[], firstIdx: number, from: number): boolean {
  for (let k = Math.max(from, firstIdx - 3); k < firstIdx; k++) if (NEGATORS.has(tokens[k]?.word ?? '')) return true;
  return false;
}

/**
 * The thing a word names has failed, said after it: "the AC is completely dead", "heater won't turn
 * on", "furnace quit". A phrase's "no cooling" is met by these as by "no AC".
 */
const FAILED_AFTER = /^[^.!?\n]{0,24}?\b(?:dead|broken|busted|kaput|quit|died|(?:has |have |just )?(?:stopped|gave out|gone out|conked out|packed up)|not (?:working|cooling|heating|running|blowing cold|coming on|turning on)|(?:isn'?t|is not|won'?t|will not|doesn'?t|does not|hasn'?t|aren'?t|can'?t) (?:working|work|cooling|cool|heating|heat|running|run|blowing cold|coming on|come on|turning on|turn on|start|starting|kick on|kicking on)|(?:only )?blow(?:s|ing)? (?:only )?(?:cold|warm|hot)(?: air)?|(?:is|are|'s|went|has gone|have gone) (?:completely |totally )?out(?! of))\b/i;

/** "Heater's out": the contraction belongs to the word's token, so what follows it is only "out". */
const CONTRACTED_OUT = /^\s+(?:completely |totally |just )?out\b(?! of)/i;

function failedAfter(text: string, tokens: Token[], idx: number): boolean {
  const { start, end } = tokens[idx]!;
  const after = text.slice(end, end + 48);
  return FAILED_AFTER.test(after) || (/['’]s$/i.test(text.slice(start, end)) && CONTRACTED_OUT.test(after));
}

/** Matches a compiled phrase against prepared text, best window of one or two sentences; null below threshold or when negated. */
export function matchPrepared(prepared: PreparedText, compiled: CompiledPhrase, threshold = MATCH_THRESHOLD, accept?: (start: number, end: number) => boolean): ConceptMatch | null {
  const { tokens, sentences, text, keys } = prepared;
  if (compiled.slots.length === 0 || compiled.totalWeight === 0) return null;
  // Upper bound from the words present anywhere: most phrases are rejected here without a scan.
  let possible = 0;
  let specificPossible = false;
  for (const slot of compiled.slots) {
    if (slot.alts.some((a) => altPossible(a, keys))) {
      possible += slot.weight;
      if (!slot.generic) specificPossible = true;
    }
  }
  if (!specificPossible || (compiled.directOnly ? 0.7 : 1) * (possible / compiled.totalWeight) < threshold) return null;
  let best: ConceptMatch | null = null;
  // Token positions each slot can take, computed once; windows then only pick from these lists.
  const positions: number[][] = compiled.bySlotWeight.map((slot) => {
    const out: number[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const tok = tokens[k]!;
      for (const alt of slot.alts) {
        if (compiled.directOnly ? alt.stem === tok.stem || (alt.prefix6 !== null && tok.stem.startsWith(alt.prefix6)) : altMatches(alt, tok, prepared.concepts[k]!)) {
          out.push(k);
          break;
        }
      }
    }
    return out;
  });
  const used = new Set<number>();
  for (let si = 0; si < sentences.length; si++) {
    for (let span = 1; span <= 2 && si + span - 1 < sentences.length; span++) {
      const from = sentences[si]![0];
      const to = sentences[si + span - 1]![1];
      let got = 0;
      let specific = 0;
      let first = -1;
      let last = -1;
      let contradicted = false;
      let negFilled = -1;
      used.clear();
      for (let idx = 0; idx < compiled.bySlotWeight.length; idx++) {
        const slot = compiled.bySlotWeight[idx]!;
        let found = -1;
        for (const k of positions[idx]!) {
          if (k >= to) break;
          if (k >= from && !used.has(k)) {
            found = k;
            break;
          }
        }
        if (found >= 0 && slot.negated) {
          if (isNegated(tokens, found, from) || failedAfter(text, tokens, found)) negFilled = found;
          else {
            contradicted = true;
            found = -1;
          }
        }
        if (found >= 0) {
          used.add(found);
          got += slot.weight;
          if (!slot.generic) specific++;
          if (first < 0 || found < first) first = found;
          if (found > last) last = found;
        }
      }
      if (contradicted || last - first > MAX_SPAN_TOKENS) continue;
      const score = compiled.directOnly ? 0.7 * (got / compiled.totalWeight) : got / compiled.totalWeight;
      if (specific === 0 || score < threshold || first < 0) continue;
      if (first !== negFilled && isNegated(tokens, first, from)) continue;
      const start = tokens[first]!.start;
      const end = tokens[last]!.end;
      if (accept && !accept(start, end)) continue;
      const cand: ConceptMatch = { score: Math.round(score * 1000) / 1000, start, end, matched: text.slice(start, end) };
      if (!best || cand.score > best.score) best = cand;
    }
  }
  return best;
}

const setCache = new Map<string, CompiledPhrase[]>();
const CONJ_SPLIT = /\s+(?:and|or|&)\s+|\s*[,;]\s*/i;

/** Compiles a phrase into alternatives: "entity formation and legal advice" becomes two phrases; "personal or family tax returns" stays one with an "or"-slot. */
export function compilePhraseSet(phrase: string): CompiledPhrase[] {
  const hit = setCache.get(phrase);
  if (hit) return hit;
  let parts = phrase.split(CONJ_SPLIT).filter((p) => p.trim());
  // "short-term and vacation rental management": a lone hyphenated modifier shares the head of the next part.
  parts = parts.map((p, i) => {
    const next = parts[i + 1];
    if (!next || !/^[a-z]+-[a-z]+$/i.test(p.trim())) return p;
    const rest = next.trim().split(/\s+/).slice(1).join(' ');
    return rest ? `${p.trim()} ${rest}` : p;
  });
  const contentCount = (p: string) => tokenize(p).filter((t) => !STOPWORDS.has(t.word)).length;
  let out: CompiledPhrase[];
  if (parts.length > 1 && parts.every((p) => contentCount(p) >= 2)) out = parts.map((p) => compilePhrase(p.trim()));
  else {
    out = [compilePhrase(phrase)];
    // A specific single word joined by "or" ("therapy or mental health treatment") also stands alone.
    if (parts.length > 1) {
      for (const p of parts) {
        const words = tokenize(p).filter((t) => !STOPWORDS.has(t.word));
        const only = words[0];
        if (words.length === 1 && only && !MODIFIER_WORDS.has(only.word) && !GENERIC_STEMS.has(only.stem) && only.word.length >= 5) out.push({ ...compilePhrase(p.trim()), directOnly: true });
      }
    }
  }
  if (setCache.size < 5000) setCache.set(phrase, out);
  return out;
}

/** Best match of any alternative of a phrase set against prepared text. */
export function matchPreparedSet(prepared: PreparedText, set: CompiledPhrase[], threshold = MATCH_THRESHOLD, accept?: (start: number, end: number) => boolean): ConceptMatch | null {
  let best: ConceptMatch | null = null;
  for (const c of set) {
    const m = matchPrepared(prepared, c, threshold, accept);
    if (m && (!best || m.score > best.score)) best = m;
  }
  return best;
}

/**
 * Meaning match of a phrase in a text: each content word of the phrase must be present as
 * itself, a stem variant or a word of the same concept ("wife" ~ "family"); score is the
 * weighted share of phrase words found in one window, the head noun weighing most.
 */
export function matchConcept(text: string, phrase: string): ConceptMatch | null {
  return matchPreparedSet(prepareText(text), compilePhraseSet(phrase));
}
