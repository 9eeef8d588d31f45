/**
 * Start-of-match prefilter for the cue regexes.
 *
 * Most cues are `\b(?:alt|alt|…)` alternations of phrases. V8 tries such a regex at every position of
 * the text, so the many cue lists dominate analysis time. A match of such a regex must start at the
 * beginning of a word, with one of a finite set of openings of up to four characters ("frus" for "frustrat\w+",
 * "i'm " or "i am" for "i'm leaving" / "i am leaving"), read from the regex source (`startOpenings`
 * shows them). One pass over a text finds where its words start and with which openings; from that,
 * `candidateStarts` gives each registered regex the few positions where it may start, and a sticky
 * copy is tried only there instead of at every position of the text. A match may also start at an
 * apostrophe or dollar sign right after a word ("the network's down"); those positions are indexed
 * too. A start plan also accepts a path opening with `\w` (any word start) and one opening with `^`
 * (the text start, or line starts with the m flag). Whenever a path's start cannot be read with
 * certainty (a class like `[A-Z]` or `.` at the start), the regex is scanned in full.
 */

import { rememberRecent } from './recent.js';

type Item =
  /** `word`: the class is \w (unknown characters, but word characters only). */
  | { kind: 'chars'; chars: string[] | null; min: number; max: number; word?: true }
  | { kind: 'group'; alts: Item[][]; min: number; max: number }
  /** `at`: which zero-width assertion (lookarounds are 'look'). */
  | { kind: 'assert'; at: 'b' | 'B' | '^' | '$' | 'look' };

const MAX_KEYS = 20000;
/** Length of the openings compared (longer is more selective; shorter words give shorter openings). */
const KEY_LENGTH = 4;

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  parseAlts(): Item[][] {
    const alts: Item[][] = [[]];
    while (this.i < this.src.length) {
      const ch = this.src[this.i]!;
      if (ch === ')') break;
      if (ch === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const atom = this.parseAtom();
      if (atom) alts[alts.length - 1]!.push(atom);
    }
    return alts;
  }

  private quantify(item: Item): Item {
    if (item.kind === 'assert') {
      // A quantified assertion is still zero-width.
      this.skipQuantifier();
      return item;
    }
    const q = this.src[this.i];
    let min = 1;
    let max = 1;
    if (q === '?') [min, max] = [0, 1];
    else if (q === '*') [min, max] = [0, Infinity];
    else if (q === '+') [min, max] = [1, Infinity];
    else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return item;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return item;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return { ...item, min, max };
  }

  private skipQuantifier(): void {
    const q = this.src[this.i];
    if (q === '?' || q === '*' || q === '+') this.i++;
    else if (q === '{') {
      const m = /^\{\d+(,\d*)?\}/.exec(this.src.slice(this.i));
      if (m) this.i += m[0].length;
    }
    if (this.src[this.i] === '?') this.i++;
  }

  private parseAtom(): Item | null {
    const ch = this.src[this.i]!;
    if (ch === '(') {
      this.i++;
      let lookaround = false;
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
        this.i += 2;
        lookaround = true;
      } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
        this.i += 3;
        lookaround = true;
      } else if (this.src.startsWith('?<', this.i)) this.i = this.src.indexOf('>', this.i) + 1;
      const alts = this.parseAlts();
      this.i++; // ')'
      return this.quantify(lookaround ? { kind: 'assert', at: 'look' } : { kind: 'group', alts, min: 1, max: 1 });
    }
    if (ch === '^' || ch === '$') {
      this.i++;
      return { kind: 'assert', at: ch };
    }
    if (ch === '.') {
      this.i++;
      return this.quantify({ kind: 'chars', chars: null, min: 1, max: 1 });
    }
    if (ch === '[') return this.quantify({ kind: 'chars', chars: this.parseClass(), min: 1, max: 1 });
    if (ch === '\\') {
      const e = this.src[this.i + 1]!;
      this.i += 2;
      if (e === 'b' || e === 'B') return { kind: 'assert', at: e };
      if (e === 'w') return this.quantify({ kind: 'chars', chars: null, min: 1, max: 1, word: true });
      return this.quantify({ kind: 'chars', chars: escapeChars(e), min: 1, max: 1 });
    }
    this.i++;
    return this.quantify({ kind: 'chars', chars: [ch.toLowerCase()], min: 1, max: 1 });
  }

  private parseClass(): string[] | null {
    this.i++; // '['
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const out = new Set<string>();
    let unknown = false;
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let c = this.src[this.i]!;
      if (c === '\\') {
        const e = this.src[this.i + 1]!;
        this.i += 2;
        const chars = escapeChars(e);
        if (chars === null) unknown = true;
        else for (const x of chars) out.add(x);
        continue;
      }
      this.i++;
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        const to = this.src[this.i + 1]!;
        this.i += 2;
        const a = c.toLowerCase().charCodeAt(0);
        const b = to.toLowerCase().charCodeAt(0);
        if (b - a > 40 || b < a) unknown = true;
        else for (let k = a; k <= b; k++) out.add(String.fromCharCode(k));
        continue;
      }
      c = c.toLowerCase();
      out.add(c);
    }
    this.i++; // ']'
    if (negated || unknown) return null;
    return [...out];
  }
}

function escapeChars(e: string): string[] | null {
  if (e === 'd') return '0123456789'.split('');
  if ('wWsSD'.includes(e)) return null;
  if (/[0-9uxcpPkK]/.test(e)) return null; // backreferences, code points, properties: unknown
  if (e === 'n') return ['\n'];
  if (e === 't') return ['\t'];
  return [e.toLowerCase()];
}

/** Stands for "any word character, then anything" as the whole opening (a path starting with \w); longer than any real opening. */
const WORD_START = '\u0000'.repeat(KEY_LENGTH + 1);

/** Possible openings (up to `need` characters) of a sequence; a shorter string means "anything may follow". */
function openings(seq: Item[], at: number, need: number, budget: { n: number }): Set<string> | null {
  if (need === 0 || at >= seq.length) return new Set(['']);
  const item = seq[at]!;
  if (item.kind === 'assert') return openings(seq, at + 1, need, budget);
  const out = new Set<string>();
  const addAll = (s: Set<string> | null): boolean => {
    if (!s) return false;
    for (const x of s) out.add(x);
    budget.n += s.size;
    return budget.n < MAX_KEYS;
  };
  if (item.min === 0 && !addAll(openings(seq, at + 1, need, budget))) return null;
  if (item.kind === 'chars') {
    if (!item.chars) {
      out.add(item.word && need === KEY_LENGTH ? WORD_START : '');
      return out;
    }
    // After one repetition of a repeated item the continuation is not followed (anything may follow).
    const rest = item.max === 1 ? openings(seq, at + 1, need - 1, budget) : new Set(['']);
    if (!rest) return null;
    for (const c of item.chars) for (const r of rest) out.add(c + r);
    budget.n += item.chars.length * rest.size;
    return budget.n < MAX_KEYS ? out : null;
  }
  for (const alt of item.alts) {
    const s = item.max === 1 ? openings([...alt, ...seq.slice(at + 1)], 0, need, budget) : openings(alt, 0, need, budget);
    if (!addAll(s)) return null;
  }
  return out;
}

const WORD_CHAR = /^[a-z0-9_]/;
/** Non-word characters a `\b…` match may start with, right after a word ("network's down"): indexed there too. */
const AFTER_WORD = /^['’$£€]/;

/**
 * An opening packed into a number: up to four 7-bit character codes (anything outside ASCII shares
 * code 127, which can only make the filter run a cue it could have skipped) and the length, in 30
 * bits, so that every key is a small integer (a map keyed by larger numbers hashes boxed doubles).
 */
function pack(text: string, from: number, length: number): number {
  let chars = 0;
  for (let k = 0; k < length; k++) {
    const c = text.charCodeAt(from + k);
    chars = chars * 128 + (c < 127 ? c : 127);
  }
  return LENGTH_TAG[length - 1]! + chars;
}

/** The openings as strings (for tests and diagnostics): null unless every match starts after a `\b` with a known opening. */
export function startOpenings(re: RegExp): Set<string> | null {
  const plan = startPlanOf(re);
  return plan && !plan.anyWordStart && !plan.textStart && !plan.lineStarts && plan.wordThen.size === 0 ? plan.keys : null;
}

/**
 * Where any match of a case-insensitive regex can start: at a word start (or right after a word) with one
 * of `keys`, at any word start (a path opening with `\w`), at the start of the text or of a line (a path
 * opening with `^`). Null when some path of the regex can start elsewhere or cannot be read.
 */
export interface StartPlan {
  keys: Set<string>;
  /**
   * Openings of what must follow the first word of a match, where a path opens with a run of letters
   * ("[A-Z][a-z]+(?:'s|’s) (?:personal|home)", "[A-Z][a-z]+ lives"): the run ends where the word ends, so
   * such a match can start only at a word followed by one of these (each begins with a non-word character).
   */
  wordThen: Set<string>;
  anyWordStart: boolean;
  textStart: boolean;
  lineStarts: boolean;
}

function startPlanOf(re: RegExp): StartPlan | null {
  // Without the u (or v) flag \w and \b are ASCII-only, which the text side assumes.
  if (!re.flags.includes('i') || re.flags.includes('u') || re.flags.includes('v')) return null;
  const p = new Parser(re.source);
  const alts = p.parseAlts();
  if (p.i < re.source.length) return null;
  const plan: StartPlan = { keys: new Set(), wordThen: new Set(), anyWordStart: false, textStart: false, lineStarts: false };
  return collectStarts(alts, [], plan, re.flags.includes('m'), { n: 0 }) ? plan : null;
}

/** Adds the starts of every path through `alts` followed by `rest`; false when a path may start anywhere else. */
function collectStarts(alts: Item[][], rest: Item[], plan: StartPlan, multiline: boolean, budget: { n: number }): boolean {
  for (const alt of alts) {
    const seq = [...alt, ...rest];
    const first = seq[0];
    if (first?.kind === 'group' && first.min === 1 && first.max === 1) {
      if (!collectStarts(first.alts, seq.slice(1), plan, multiline, budget)) return false;
      continue;
    }
    if (first?.kind !== 'assert') return false;
    if (first.at === '^') {
      if (multiline) plan.lineStarts = true;
      else plan.textStart = true;
      continue;
    }
    if (first.at !== 'b') return false;
    // "\b(?:A|B)R" is "\bAR|\bBR": each alternative is read on its own (a run of letters in one of them).
    const second = seq[1];
    // "\b(?:X)?R" is "\bXR|\bR".
    if (second?.kind === 'group' && second.max === 1 && second.min <= 1) {
      const paths = second.alts.map((alt) => [first, ...alt]);
      if (second.min === 0) paths.push([first]);
      if (!collectStarts(paths, seq.slice(2), plan, multiline, budget)) return false;
      continue;
    }
    const then = wordRunThen(seq, 1, budget);
    if (then) {
      for (const k of then) plan.wordThen.add(k);
      continue;
    }
    const s = openings(seq, 1, KEY_LENGTH, budget);
    if (!s) return false;
    for (const k of s) {
      if (k === WORD_START) plan.anyWordStart = true;
      // The match must start with a word character right after the boundary, or the filter cannot say.
      else if (k.length === 0 || !(WORD_CHAR.test(k) || AFTER_WORD.test(k))) return false;
      else plan.keys.add(k);
    }
  }
  return true;
}

const LETTER = /^[a-z]$/;

/**
 * Where a path opens with a run of letters (single letters, then one repeated class of letters) followed by
 * something that must begin with a non-word character: the openings of that something. Null otherwise.
 */
function wordRunThen(seq: Item[], at: number, budget: { n: number }): Set<string> | null {
  let k = at;
  for (; k < seq.length; k++) {
    const item = seq[k]!;
    if (item.kind !== 'chars' || !item.chars || item.min < 1 || !item.chars.every((c) => LETTER.test(c))) return null;
    if (item.max === Infinity) break;
  }
  if (k >= seq.length) return null;
  const next = seq[k + 1];
  // Another class of letters right after the run could share its letters: not read.
  if (next?.kind === 'chars' && (!next.chars || next.chars.some((c) => WORD_CHAR.test(c)))) return null;
  const rest = openings(seq, k + 1, KEY_LENGTH, budget);
  if (!rest || rest.size === 0) return null;
  for (const r of rest) if (r.length === 0 || r === WORD_START || WORD_CHAR.test(r)) return null;
  return rest;
}

/** Where the words of a text start (and apostrophes or dollar signs right after a word), with their openings. */
interface TextOpenings {
  /** Start positions, ascending. */
  positions: number[];
  /** The packed opening at each position: four characters, fewer where the text ends. */
  openings: number[];
  /** Where lines start (0 and after each line terminator), for `^` in multiline regexes. */
  lineStarts: number[];
  /** The text (what follows each word is read from it for `wordThen` plans). */
  text: string;
  /** Candidate starts per registered regex (see `candidateStarts`), for the first `filled` regexes. */
  starts: Array<number[] | undefined>;
  filled: number;
}

const textOpenings: (text: string) => TextOpenings = rememberRecent(scanOpenings);

/** What `pack` adds for an opening of 1…4 characters (four characters take 28 bits; the length goes above them). */
const LENGTH_TAG = [0, 1, 2, 3].map((n) => n * 2 ** 28);

/** A character code as the openings compare it: ASCII lower-cased; anything outside ASCII is 127 (without the u flag it never matches an ASCII character). */
const openingCode = (ch: number) => (ch >= 65 && ch <= 90 ? ch + 32 : ch < 127 ? ch : 127);

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

function scanOpenings(text: string): TextOpenings {
  const positions: number[] = [];
  const openings: number[] = [];
  const lineStarts = [0];
  let prevWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) lineStarts.push(i + 1);
    const isWord = isWordCode(c);
    // Word starts, and an apostrophe or currency sign right after a word.
    const opens = isWord ? !prevWord : prevWord && (c === 39 || c === 0x2019 || c === 36 || c === 0xa3 || c === 0x20ac);
    prevWord = isWord;
    if (!opens) continue;
    positions.push(i);
    // Lower-cased like the regex side (see openingCode).
    const length = Math.min(KEY_LENGTH, text.length - i);
    let chars = 0;
    for (let k = 0; k < length; k++) {
      const ch = text.charCodeAt(i + k);
      chars = chars * 128 + openingCode(ch);
    }
    openings.push(LENGTH_TAG[length - 1]! + chars);
  }
  return { positions, openings, lineStarts, text, starts: [], filled: 0 };
}

/** The packed openings of one to four characters that a packed opening begins with ("the " → "t", "th", "the", "the "). */
function prefixKeys(opening: number): number[] {
  let length = KEY_LENGTH;
  while (length > 1 && opening < LENGTH_TAG[length - 1]!) length--;
  const chars = opening - LENGTH_TAG[length - 1]!;
  const out: number[] = [];
  for (let k = 1; k <= length; k++) out.push(LENGTH_TAG[k - 1]! + Math.floor(chars / 128 ** (length - k)));
  return out;
}

// Regexes registered for candidate starts, by start key: which of them may start with it.
const regexesByKey = new Map<number, number[]>();
// Regexes that may start at a word followed by a packed opening (`wordThen`), by that opening.
const regexesByFollow = new Map<number, number[]>();
// Every packed prefix of those openings, so the words followed by none of them are passed over after a character or two.
const followPrefixes = new Set<number>();
// Regexes that may start at any word start, at the text start, or at any line start.
const anyWordStart: number[] = [];
const atTextStart: number[] = [];
const atLineStarts: number[] = [];
let registered = 0;
// By a text's opening, the regexes with a start key it begins with (built on first sight; emptied when one is registered).
const regexesByOpening = new Map<number, number[]>();

/** Registers a start plan for `candidateStarts` and returns the regex's number. */
function registerStartPlan(plan: StartPlan): number {
  const id = registered++;
  for (const k of plan.keys) {
    const key = pack(k, 0, k.length);
    const ids = regexesByKey.get(key);
    if (ids) ids.push(id);
    else regexesByKey.set(key, [id]);
  }
  for (const k of plan.wordThen) {
    const key = pack(k, 0, k.length);
    const ids = regexesByFollow.get(key);
    if (ids) ids.push(id);
    else regexesByFollow.set(key, [id]);
    for (let n = 1; n <= k.length; n++) followPrefixes.add(pack(k, 0, n));
  }
  if (plan.anyWordStart) anyWordStart.push(id);
  if (plan.textStart) atTextStart.push(id);
  if (plan.lineStarts) atLineStarts.push(id);
  regexesByOpening.clear();
  return id;
}

function regexesOpeningWith(opening: number): number[] {
  let ids = regexesByOpening.get(opening);
  if (ids === undefined) {
    const found = new Set<number>();
    const prefixes = prefixKeys(opening);
    for (const k of prefixes) for (const id of regexesByKey.get(k) ?? []) found.add(id);
    if (isWordCode(prefixes[0]! - LENGTH_TAG[0]!)) for (const id of anyWordStart) found.add(id);
    ids = [...found];
    if (regexesByOpening.size > 100_000) regexesByOpening.clear();
    regexesByOpening.set(opening, ids);
  }
  return ids;
}

/**
 * Positions (ascending) where a match of registered regex `id` may start in the text: the word starts
 * whose opening begins with one of its start keys; undefined when there are none, so the regex cannot
 * match. One pass over the text's openings serves every registered regex.
 */
export function candidateStarts(text: string, id: number): number[] | undefined {
  return startLists(text)[id];
}

/**
 * Every registered regex's candidate starts in a text, indexed by its number (see `candidateStarts`): for
 * callers that try many regexes on one text. Valid for the regexes registered before the call.
 */
export function startLists(text: string): ReadonlyArray<number[] | undefined> {
  const o = textOpenings(text);
  if (o.filled !== registered) fillStarts(o);
  return o.starts;
}

/** Adds position p to regex id's candidate starts (once). Module-level: see "Per-message code" in docs/ARCHITECTURE.md. */
function addStart(starts: Array<number[] | undefined>, id: number, p: number): void {
  const list = starts[id];
  if (list === undefined) starts[id] = [p];
  else if (list[list.length - 1] !== p) list.push(p);
}

function fillStarts(o: TextOpenings): void {
  const starts: Array<number[] | undefined> = new Array<number[] | undefined>(registered);
  const text = o.text;
  const follow = regexesByFollow.size > 0;
  for (let s = 0; s < o.positions.length; s++) {
    const p = o.positions[s]!;
    for (const id of regexesOpeningWith(o.openings[s]!)) addStart(starts, id, p);
    // A word start: the regexes whose match opens with this word and goes on with what follows it.
    if (follow && isWordCode(text.charCodeAt(p))) {
      let e = p + 1;
      while (e < text.length && isWordCode(text.charCodeAt(e))) e++;
      let chars = 0;
      for (let k = 0; k < KEY_LENGTH && e + k < text.length; k++) {
        const ch = text.charCodeAt(e + k);
        chars = chars * 128 + openingCode(ch);
        const key = LENGTH_TAG[k]! + chars;
        if (!followPrefixes.has(key)) break;
        const ids = regexesByFollow.get(key);
        if (ids) for (const id of ids) addStart(starts, id, p);
      }
    }
  }
  for (const id of atTextStart) starts[id] = withStarts(starts[id], [0]);
  for (const id of atLineStarts) starts[id] = withStarts(starts[id], o.lineStarts);
  o.starts = starts;
  o.filled = registered;
}

/** Two ascending position lists merged, without repeats. */
function withStarts(list: number[] | undefined, more: number[]): number[] {
  if (list === undefined) return more.slice();
  const out: number[] = [];
  let a = 0;
  let b = 0;
  while (a < list.length || b < more.length) {
    const next = b >= more.length || (a < list.length && list[a]! <= more[b]!) ? list[a++]! : more[b++]!;
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

/** A regex set up for candidate starts: its number and a sticky copy tried at each candidate. */
export interface StartMatcher {
  id: number;
  sticky: RegExp;
}

/** Regexes are registered for good: past this many (regexes built per call would be a leak) the rest are scanned. */
const MAX_REGISTERED = 5000;

/**
 * Sets a regex up for candidate starts (see `StartPlan`), or null when its starts cannot be read (scan it
 * instead). Meant for long-lived regexes: each one set up stays registered.
 */
export function startMatcher(re: RegExp): StartMatcher | null {
  if (registered >= MAX_REGISTERED) return null;
  const plan = startPlanOf(re);
  return plan ? { id: registerStartPlan(plan), sticky: new RegExp(re.source, `${re.flags.replace('g', '')}y`) } : null;
}

const matchers = new WeakMap<RegExp, StartMatcher | null>();

function matcherOf(re: RegExp): StartMatcher | null {
  let s = matchers.get(re);
  if (s === undefined) {
    s = startMatcher(re);
    matchers.set(re, s);
  }
  return s;
}

/**
 * The first match of `re` in the text, as `re.exec(text)` finds it from the start of the text, tried only
 * where the regex may start. Meant for whole message texts (their openings are remembered).
 */
export function firstMatch(re: RegExp, text: string): RegExpExecArray | null {
  const s = matcherOf(re);
  if (s === null) {
    re.lastIndex = 0;
    return re.exec(text);
  }
  for (const p of candidateStarts(text, s.id) ?? []) {
    s.sticky.lastIndex = p;
    const m = s.sticky.exec(text);
    if (m !== null) return m;
  }
  return null;
}

/** Whether `re` matches the text (see `firstMatch`). */
export function hasMatch(re: RegExp, text: string): boolean {
  return firstMatch(re, text) !== null;
}

/** Every match of a global regex in the text, as `re.exec` in a loop from the start finds them (see `firstMatch`). */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const s = matcherOf(re);
  let m: RegExpExecArray | null;
  if (s === null) {
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) re.lastIndex++;
      out.push(m);
    }
    return out;
  }
  let next = 0;
  for (const p of candidateStarts(text, s.id) ?? []) {
    if (p < next) continue;
    s.sticky.lastIndex = p;
    m = s.sticky.exec(text);
    if (m === null) continue;
    out.push(m);
    next = p + Math.max(1, m[0].length);
  }
  return out;
}
