import { STOPWORDS } from '../text/concepts.js';
import { type FeatureSet, pairCheck, pairHash, scanWords, wordCheck, wordHash } from './features.js';

/** One decision the scorer makes: a linear softmax over the classes. */
export interface LinearTask {
  classes: string[];
  bias: number[];
  /** feature name → one weight per class */
  weights: Record<string, number[]>;
  /**
   * How far to trust the phrase rules' own label: the final score of class k is the word model's
   * log-probability plus trust[k] when the rules said k, plus shift[k]. Fitted on rule labels for
   * data the rules had not been tuned on.
   */
  rules?: { trust: number[]; shift: number[] };
}

/** A trained scorer: one linear task per label it decides. */
export interface ScorerModel {
  version: number;
  /** What it was trained on, for the record (splits, examples, regularisation). */
  trainedOn: string;
  tasks: Record<string, LinearTask>;
}

/** A feature's pull toward the chosen class, with where it occurs when it is a word of the message. */
export interface Contribution {
  feature: string;
  weight: number;
  span?: [number, number];
}

export interface TaskDecision {
  label: string;
  probability: number;
  /** Every class's probability, in the task's class order. */
  probabilities?: number[];
  /** The word model's own probabilities, before the rules' label was weighed in (to weigh a revised rules' label). */
  wordProbabilities?: number[];
  /** Strongest features for the chosen class, strongest first. */
  because: Contribution[];
}

/** Class probabilities of the word model of one task for a feature set. */
export function taskProbabilities(task: LinearTask, f: FeatureSet): number[] {
  const logits = task.bias.slice();
  for (const [name, value] of f.values) {
    const w = task.weights[name];
    if (!w) continue;
    for (let k = 0; k < logits.length; k++) logits[k]! += value * w[k]!;
  }
  return softmax(logits);
}

/** Combines the word model's probabilities with the rules' label (see LinearTask.rules). */
export function combineWithRules(rules: { trust: number[]; shift: number[] }, probabilities: number[], ruleClass: number): number[] {
  return softmax(probabilities.map((p, k) => Math.log(Math.max(p, 1e-9)) + rules.shift[k]! + (k === ruleClass ? rules.trust[k]! : 0)));
}

/** softmax over logits[offset, offset + n), without copying them out first. */
function softmaxOf(logits: Float64Array, offset: number, n: number): number[] {
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (logits[offset + k]! > max) max = logits[offset + k]!;
  const out = new Array<number>(n);
  let total = 0;
  for (let k = 0; k < n; k++) total += out[k] = Math.exp(logits[offset + k]! - max);
  for (let k = 0; k < n; k++) out[k]! /= total;
  return out;
}

export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

/** A scorer prepared for use: every task's weights for a feature in one row, so a message is read once for all tasks. */
export interface CompiledScorer {
  tasks: Array<{ name: string; task: LinearTask; offset: number }>;
  width: number;
  table: Map<string, Float64Array>;
  /** The word features, looked up by hash so scoring a message builds no feature names. */
  words: WordStore;
}

const UNIGRAM = 0;
const BIGRAM = 1;
const SUBJECT = 2;
const KIND_PREFIX = ['w', 'b', 's'] as const;

/**
 * The word features in flat typed arrays: an open-addressing table from key hash to entry, and per
 * entry its check hash, kind, weights (one row of `width`) and names. Scoring touches only the
 * arrays, a few cache lines per word; the names are read only to explain a decision.
 */
interface WordStore {
  mask: number;
  /** Two numbers per slot, side by side so a probe reads one cache line: the key hash, and entry + 1 of the slot's first entry (0: empty). */
  slots: Int32Array;
  /**
   * Three numbers per entry, side by side: an independent hash of the spelling (a hit counts only when
   * it matches too), another entry with the same key hash (rare; -1 for none), and the matching round
   * that last found the entry (each message is one round, so a word counts once per message).
   */
  meta: Int32Array;
  kind: Uint8Array;
  functionOnly: Uint8Array;
  /**
   * One row of `cols` per entry. A two-class task keeps one column, the second class's weight less the
   * first's (a softmax over two classes depends only on that difference), so rows are a quarter shorter.
   */
  weights: Float64Array;
  cols: number;
  /** Per column, the index in the full logits it adds to. */
  target: Int32Array;
  /** Per full index, its column, or -1 for the first class of a two-class task (always 0 in a row). */
  column: Int32Array;
  first: string[];
  second: string[];
}

let matchRound = 0;

/** A subject word's key: its word hash, salted so it never meets a body word's. */
const subjectKey = (hash: number) => Math.imul(hash ^ 0x27d4eb2f, 0x165667b1);
const subjectCheck = (check: number) => check ^ 0x6a09e667;

function slotOf(store: WordStore, key: number): number {
  return Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) & store.mask;
}

/** The entry for a key and check hash, or -1. */
function lookup(store: WordStore, key: number, check: number): number {
  const slots = store.slots;
  for (let i = slotOf(store, key); ; i = (i + 1) & store.mask) {
    const head = slots[2 * i + 1]!;
    if (head === 0) return -1;
    if (slots[2 * i] !== key) continue;
    for (let e = head - 1; e >= 0; e = store.meta[3 * e + 1]!) if (store.meta[3 * e] === check) return e;
    return -1;
  }
}

function buildWordStore(table: Map<string, Float64Array>, width: number, tasks: CompiledScorer['tasks']): WordStore {
  const target: number[] = [];
  const column = new Int32Array(width).fill(-1);
  for (const { task, offset } of tasks) {
    for (let k = task.classes.length === 2 ? 1 : 0; k < task.classes.length; k++) {
      column[offset + k] = target.length;
      target.push(offset + k);
    }
  }
  const cols = target.length;
  const twoClass = new Set(tasks.filter((t) => t.task.classes.length === 2).map((t) => t.offset));
  const entries: Array<{ kind: number; first: string; second: string; key: number; check: number; row: Float64Array; feature: string }> = [];
  for (const [feature, row] of table) {
    const rest = feature.slice(2);
    if (feature.startsWith('w:')) entries.push({ kind: UNIGRAM, first: rest, second: '', key: wordHash(rest), check: wordCheck(rest), row, feature });
    else if (feature.startsWith('s:')) entries.push({ kind: SUBJECT, first: rest, second: '', key: subjectKey(wordHash(rest)), check: subjectCheck(wordCheck(rest)), row, feature });
    else if (feature.startsWith('b:')) {
      // Words hold no underscore, so the first one splits a bigram.
      const cut = rest.indexOf('_');
      const first = rest.slice(0, cut);
      const second = rest.slice(cut + 1);
      entries.push({ kind: BIGRAM, first, second, key: pairHash(wordHash(first), wordHash(second)), check: pairCheck(wordCheck(first), wordCheck(second)), row, feature });
    }
  }
  let size = 16;
  while (size < entries.length * 2) size *= 2;
  const n = entries.length;
  const store: WordStore = {
    mask: size - 1,
    slots: new Int32Array(2 * size),
    meta: new Int32Array(3 * n),
    kind: new Uint8Array(n),
    functionOnly: new Uint8Array(n),
    weights: new Float64Array(n * cols),
    cols,
    target: Int32Array.from(target),
    column,
    first: [],
    second: [],
  };
  entries.forEach((w, e) => {
    store.meta[3 * e] = w.check;
    store.meta[3 * e + 1] = -1;
    store.kind[e] = w.kind;
    store.functionOnly[e] = functionWordsOnly(w.feature) ? 1 : 0;
    for (let k = 0; k < cols; k++) {
      const i = target[k]!;
      store.weights[e * cols + k] = twoClass.has(i - 1) ? w.row[i]! - w.row[i - 1]! : w.row[i]!;
    }
    store.first.push(w.first);
    store.second.push(w.second);
    for (let i = slotOf(store, w.key); ; i = (i + 1) & store.mask) {
      const head = store.slots[2 * i + 1]!;
      if (head === 0) {
        store.slots[2 * i] = w.key;
        store.slots[2 * i + 1] = e + 1;
        break;
      }
      if (store.slots[2 * i] === w.key) {
        store.meta[3 * e + 1] = head - 1;
        store.slots[2 * i + 1] = e + 1;
        break;
      }
    }
  });
  return store;
}

const compiled = new WeakMap<ScorerModel, CompiledScorer>();

// The one model in use, compiled (every message asks for it; the WeakMap holds any other).
let last: { model: ScorerModel; compiled: CompiledScorer } | null = null;

export function compileScorer(model: ScorerModel): CompiledScorer {
  if (last?.model !== model) {
    let c = compiled.get(model);
    if (!c) compiled.set(model, (c = buildCompiled(model)));
    last = { model, compiled: c };
  }
  return last.compiled;
}

function buildCompiled(model: ScorerModel): CompiledScorer {
  const tasks: CompiledScorer['tasks'] = [];
  let width = 0;
  for (const [name, task] of Object.entries(model.tasks)) {
    tasks.push({ name, task, offset: width });
    width += task.classes.length;
  }
  const table = new Map<string, Float64Array>();
  for (const { task, offset } of tasks) {
    for (const [feature, w] of Object.entries(task.weights)) {
      let row = table.get(feature);
      if (!row) table.set(feature, (row = new Float64Array(width)));
      row.set(w, offset);
    }
  }
  return { tasks, width, table, words: buildWordStore(table, width, tasks) };
}

/** The model's word features found in a message, each once, in order of first occurrence: entries and where they occur (-1 for subject words). */
interface MatchedWords {
  entries: number[];
  starts: number[];
  ends: number[];
}

/** Records entry e (if any, and once per round) as found at [start, end). */
function foundWord(store: WordStore, out: MatchedWords, round: number, e: number, start: number, end: number): void {
  if (e < 0 || store.meta[3 * e + 2] === round) return;
  store.meta[3 * e + 2] = round;
  out.entries.push(e);
  out.starts.push(start);
  out.ends.push(end);
}

/** The model's word features present in a text and subject, read by hash. */
function matchWords(store: WordStore, text: string, subject: string): MatchedWords {
  const round = ++matchRound;
  const out: MatchedWords = { entries: [], starts: [], ends: [] };
  const lower = text.toLowerCase();
  // Lower-casing a few scripts changes the length; offsets would then point at the wrong words.
  const withSpans = lower.length === text.length;
  let prevHash = 0;
  let prevCheck = 0;
  let prevStart = 0;
  scanWords(lower, (hash, check, start, end, joined) => {
    foundWord(store, out, round, lookup(store, hash, check), withSpans ? start : -1, withSpans ? end : -1);
    if (joined) foundWord(store, out, round, lookup(store, pairHash(prevHash, hash), pairCheck(prevCheck, check)), withSpans ? prevStart : -1, withSpans ? end : -1);
    prevHash = hash;
    prevCheck = check;
    prevStart = start;
  });
  scanWords(subject.toLowerCase(), (hash, check) => foundWord(store, out, round, lookup(store, subjectKey(hash), subjectCheck(check)), -1, -1));
  return out;
}

/**
 * Decides every task of a scorer in one pass over the features. ruleLabels gives the rules' label per task
 * (weighed by the task's trust in the rules). The words behind a decision are named only when it differs from the rules.
 */
export function decideAll(
  c: CompiledScorer,
  f: FeatureSet,
  ruleLabels: Record<string, string>,
  /** The message's words, when `f` holds only the other features: read by hash straight into the weights. */
  words?: { text: string; subject: string },
  top = 4,
): Map<string, TaskDecision & { rulesAgree: boolean }> {
  const width = c.width;
  const logits = new Float64Array(width);
  for (const { task, offset } of c.tasks) logits.set(task.bias, offset);
  for (const [name, value] of f.values) {
    const row = c.table.get(name);
    if (!row) continue;
    for (let i = 0; i < width; i++) logits[i]! += value * row[i]!;
  }
  const matched = words ? matchWords(c.words, words.text, words.subject) : { entries: [], starts: [], ends: [] };
  const { weights, cols, target } = c.words;
  const sums = new Float64Array(cols);
  for (const e of matched.entries) {
    const base = e * cols;
    for (let k = 0; k < cols; k++) sums[k]! += weights[base + k]!;
  }
  for (let k = 0; k < cols; k++) logits[target[k]!]! += sums[k]!;
  const out = new Map<string, TaskDecision & { rulesAgree: boolean }>();
  for (const { name, task, offset } of c.tasks) {
    const wordProbs = softmaxOf(logits, offset, task.classes.length);
    const ruleLabel = ruleLabels[name];
    const ruleClass = ruleLabel === undefined ? -1 : task.classes.indexOf(ruleLabel);
    const p = task.rules && ruleClass >= 0 ? combineWithRules(task.rules, wordProbs, ruleClass) : wordProbs;
    const [best, second] = topTwo(p);
    const rulesAgree = best === ruleClass;
    let because: Contribution[] = [];
    if (!rulesAgree) {
      because = explain(c.table, f, offset + best, offset + second, Infinity);
      wordPulls(c.words, matched, offset + best, offset + second, top, because);
      because = strongest(because, top);
    }
    out.set(name, { label: task.classes[best]!, probability: p[best]!, probabilities: p, wordProbabilities: wordProbs, because, rulesAgree });
  }
  return out;
}

function topTwo(p: number[]): [number, number] {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  let second = best === 0 ? 1 : 0;
  for (let k = 0; k < p.length; k++) if (k !== best && p[k]! > p[second]!) second = k;
  return [best, second];
}

/** A word feature made only of function words ("w:and", "b:could_you"): it counts, but explains nothing to a reader. */
function functionWordsOnly(feature: string): boolean {
  if (!feature.startsWith('w:') && !feature.startsWith('b:') && !feature.startsWith('s:')) return false;
  return feature.slice(2).split('_').every((w) => STOPWORDS.has(w) || w === '#');
}

/** The features that pushed hardest toward class `best` against class `second` (indexes into a feature's weights). */
function explain(table: Map<string, Float64Array>, f: FeatureSet, best: number, second: number, top: number): Contribution[] {
  const because: Contribution[] = [];
  for (const [name, value] of f.values) {
    const w = table.get(name);
    if (!w || functionWordsOnly(name)) continue;
    const pull = value * (w[best]! - w[second]!);
    if (pull > 0) because.push({ feature: name, weight: pull, ...(f.spans.has(name) ? { span: f.spans.get(name)! } : {}) });
  }
  return strongest(because, top);
}

function strongest(because: Contribution[], top: number): Contribution[] {
  because.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1));
  return because.slice(0, top);
}

/** Adds to `out` the `top` strongest pulls of the message's matched word features toward class `best` against `second` (names built only for those). */
// The helpers below are module-level rather than closures: see "Per-message code" in docs/ARCHITECTURE.md.

/** An entry's weight in logit column i (0 where the column is not stored). */
function columnWeight(store: WordStore, e: number, i: number): number {
  return store.column[i]! < 0 ? 0 : store.weights[e * store.cols + store.column[i]!]!;
}

/** The feature name of an entry ("w:late", "b:still_waiting", "s:urgent"). */
function entryName(store: WordStore, e: number): string {
  return store.kind[e] === BIGRAM ? `b:${store.first[e]}_${store.second[e]}` : `${KIND_PREFIX[store.kind[e]!]}:${store.first[e]}`;
}

/** Strongest pull first, ties by name. */
function pullsBefore(store: WordStore, matched: MatchedWords, a: { i: number; pull: number }, b: { i: number; pull: number }): boolean {
  return a.pull > b.pull || (a.pull === b.pull && entryName(store, matched.entries[a.i]!) < entryName(store, matched.entries[b.i]!));
}

function wordPulls(store: WordStore, matched: MatchedWords, best: number, second: number, top: number, out: Contribution[]): void {
  // Strongest first, ties by name: the `top` best kept in order as the words go by (no full sort).
  const kept: Array<{ i: number; pull: number }> = [];
  for (let i = 0; i < matched.entries.length; i++) {
    const e = matched.entries[i]!;
    const pull = columnWeight(store, e, best) - columnWeight(store, e, second);
    if (!(pull > 0) || store.functionOnly[e]) continue;
    const cand = { i, pull };
    if (kept.length === top && !pullsBefore(store, matched, cand, kept[top - 1]!)) continue;
    let at = kept.length;
    while (at > 0 && pullsBefore(store, matched, cand, kept[at - 1]!)) at--;
    kept.splice(at, 0, cand);
    if (kept.length > top) kept.pop();
  }
  for (const { i, pull } of kept) {
    const start = matched.starts[i]!;
    out.push({ feature: entryName(store, matched.entries[i]!), weight: pull, ...(start >= 0 ? { span: [start, matched.ends[i]!] as [number, number] } : {}) });
  }
}
