import { STOPWORDS } from '../text/concepts.js';
import { type FeatureSet, addWordFeatures, forEachWord, pairHash, scanWords, spells, wordHash } from './features.js';

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
  /** The same rows for word features, keyed by the bare words, so scoring a message builds no feature names. */
  unigrams: Map<string, Float64Array>;
  bigrams: Map<string, Map<string, Float64Array>>;
  subjectWords: Map<string, Float64Array>;
  /** Word rows by hash (checked against the spelling on a hit); null when two of the model's words share a hash. */
  hashed: { unigrams: Map<number, WordRow>; bigrams: Map<number, WordRow>; subjectWords: Map<number, WordRow> } | null;
}

interface WordRow {
  first: string;
  second: string;
  row: Float64Array;
}

const compiled = new WeakMap<ScorerModel, CompiledScorer>();

export function compileScorer(model: ScorerModel): CompiledScorer {
  let c = compiled.get(model);
  if (c) return c;
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
  const unigrams = new Map<string, Float64Array>();
  const bigrams = new Map<string, Map<string, Float64Array>>();
  const subjectWords = new Map<string, Float64Array>();
  for (const [feature, row] of table) {
    const rest = feature.slice(2);
    if (feature.startsWith('w:')) unigrams.set(rest, row);
    else if (feature.startsWith('s:')) subjectWords.set(rest, row);
    else if (feature.startsWith('b:')) {
      // Words hold no underscore, so the first one splits a bigram.
      const cut = rest.indexOf('_');
      const first = rest.slice(0, cut);
      let next = bigrams.get(first);
      if (!next) bigrams.set(first, (next = new Map()));
      next.set(rest.slice(cut + 1), row);
    }
  }
  c = { tasks, width, table, unigrams, bigrams, subjectWords, hashed: hashRows(unigrams, bigrams, subjectWords) };
  compiled.set(model, c);
  return c;
}

function hashRows(unigrams: CompiledScorer['unigrams'], bigrams: CompiledScorer['bigrams'], subjectWords: CompiledScorer['subjectWords']): CompiledScorer['hashed'] {
  const out = { unigrams: new Map<number, WordRow>(), bigrams: new Map<number, WordRow>(), subjectWords: new Map<number, WordRow>() };
  const put = (m: Map<number, WordRow>, key: number, r: WordRow) => {
    if (m.has(key)) return false;
    m.set(key, r);
    return true;
  };
  for (const [w, row] of unigrams) if (!put(out.unigrams, wordHash(w), { first: w, second: '', row })) return null;
  for (const [w, row] of subjectWords) if (!put(out.subjectWords, wordHash(w), { first: w, second: '', row })) return null;
  for (const [first, next] of bigrams) for (const [second, row] of next) if (!put(out.bigrams, pairHash(wordHash(first), wordHash(second)), { first, second, row })) return null;
  return out;
}

/** Adds the word features' weights of a text and subject to the logits, as addWordFeatures + lookups would, without building names. */
function addWordLogits(c: CompiledScorer, logits: Float64Array, text: string, subject: string): void {
  const seen = new Set<Float64Array>();
  const add = (row: Float64Array | undefined) => {
    if (!row || seen.has(row)) return;
    seen.add(row);
    for (let i = 0; i < c.width; i++) logits[i]! += row[i]!;
  };
  const h = c.hashed;
  if (h) {
    const lower = text.toLowerCase();
    let prevHash = 0;
    let prevStart = 0;
    let prevEnd = 0;
    let prevNumber = false;
    scanWords(lower, (hash, start, end, joined, isNumber) => {
      const u = h.unigrams.get(hash);
      if (u && spells(lower, start, end, u.first, isNumber)) add(u.row);
      if (joined) {
        const b = h.bigrams.get(pairHash(prevHash, hash));
        if (b && spells(lower, prevStart, prevEnd, b.first, prevNumber) && spells(lower, start, end, b.second, isNumber)) add(b.row);
      }
      prevHash = hash;
      prevStart = start;
      prevEnd = end;
      prevNumber = isNumber;
    });
    const subj = subject.toLowerCase();
    scanWords(subj, (hash, start, end, _joined, isNumber) => {
      const u = h.subjectWords.get(hash);
      if (u && spells(subj, start, end, u.first, isNumber)) add(u.row);
    });
    return;
  }
  let prev = '';
  forEachWord(text.toLowerCase(), (word, _start, _end, joined) => {
    add(c.unigrams.get(word));
    if (joined) add(c.bigrams.get(prev)?.get(word));
    prev = word;
  });
  forEachWord(subject.toLowerCase(), (word) => add(c.subjectWords.get(word)));
}

/**
 * Decides every task of a scorer in one pass over the features. ruleLabels gives the rules' label per task
 * (weighed by the task's trust in the rules). The words behind a decision are named only when it differs from the rules.
 */
export function decideAll(
  c: CompiledScorer,
  f: FeatureSet,
  ruleLabels: Record<string, string>,
  /** The message's words, when `f` holds only the other features: scored directly, added to `f` only if a decision needs explaining. */
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
  if (words) addWordLogits(c, logits, words.text, words.subject);
  let explained = !words;
  const out = new Map<string, TaskDecision & { rulesAgree: boolean }>();
  for (const { name, task, offset } of c.tasks) {
    const wordProbs = softmax(Array.from(logits.subarray(offset, offset + task.classes.length)));
    const ruleLabel = ruleLabels[name];
    const ruleClass = ruleLabel === undefined ? -1 : task.classes.indexOf(ruleLabel);
    const p = task.rules && ruleClass >= 0 ? combineWithRules(task.rules, wordProbs, ruleClass) : wordProbs;
    const [best, second] = topTwo(p);
    const rulesAgree = best === ruleClass;
    let because: Contribution[] = [];
    if (!rulesAgree && words && c.hashed) {
      because = explain((n) => c.table.get(n), f, offset + best, offset + second, Infinity);
      wordPulls(c, c.hashed, words, offset + best, offset + second, because);
      because = strongest(because, top);
    } else if (!rulesAgree) {
      if (!explained) {
        addWordFeatures(f, words!.text, words!.subject);
        explained = true;
      }
      because = explain((n) => c.table.get(n), f, offset + best, offset + second, top);
    }
    out.set(name, { label: task.classes[best]!, probability: p[best]!, because, rulesAgree });
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
function explain(weightsOf: (feature: string) => ArrayLike<number> | undefined, f: FeatureSet, best: number, second: number, top: number): Contribution[] {
  const because: Contribution[] = [];
  for (const [name, value] of f.values) {
    const w = weightsOf(name);
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

/** Adds to `out` the pulls of a message's word features toward class `best` against `second`, reading words by hash (names only for pulls that count). */
function wordPulls(c: CompiledScorer, h: NonNullable<CompiledScorer['hashed']>, words: { text: string; subject: string }, best: number, second: number, out: Contribution[]): void {
  const seen = new Set<Float64Array>();
  const consider = (row: Float64Array, name: () => string, span?: [number, number]) => {
    if (seen.has(row)) return;
    seen.add(row);
    const pull = row[best]! - row[second]!;
    if (pull <= 0) return;
    const feature = name();
    if (!functionWordsOnly(feature)) out.push({ feature, weight: pull, ...(span ? { span } : {}) });
  };
  const lower = words.text.toLowerCase();
  const withSpans = lower.length === words.text.length;
  let prevHash = 0;
  let prevStart = 0;
  let prevEnd = 0;
  let prevNumber = false;
  scanWords(lower, (hash, start, end, joined, isNumber) => {
    const u = h.unigrams.get(hash);
    if (u && spells(lower, start, end, u.first, isNumber)) consider(u.row, () => `w:${u.first}`, withSpans ? [start, end] : undefined);
    if (joined) {
      const b = h.bigrams.get(pairHash(prevHash, hash));
      if (b && spells(lower, prevStart, prevEnd, b.first, prevNumber) && spells(lower, start, end, b.second, isNumber)) consider(b.row, () => `b:${b.first}_${b.second}`, withSpans ? [prevStart, end] : undefined);
    }
    prevHash = hash;
    prevStart = start;
    prevEnd = end;
    prevNumber = isNumber;
  });
  const subj = words.subject.toLowerCase();
  scanWords(subj, (hash, start, end, _joined, isNumber) => {
    const u = h.subjectWords.get(hash);
    if (u && spells(subj, start, end, u.first, isNumber)) consider(u.row, () => `s:${u.first}`);
  });
}

/** The most probable class of one task (given the rules' label, when the task weighs it) and the words that pushed toward it most against the runner-up. */
export function decideTask(task: LinearTask, f: FeatureSet, ruleLabel?: string, top = 4): TaskDecision {
  const words = taskProbabilities(task, f);
  const ruleClass = ruleLabel === undefined ? -1 : task.classes.indexOf(ruleLabel);
  const p = task.rules && ruleClass >= 0 ? combineWithRules(task.rules, words, ruleClass) : words;
  const [best, second] = topTwo(p);
  return { label: task.classes[best]!, probability: p[best]!, because: explain((n) => task.weights[n], f, best, second, top) };
}
