import { STOPWORDS } from '../text/concepts.js';
import { type FeatureSet, pairHash, scanWords, spells, wordHash } from './features.js';

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
  /** The word features' rows by hash of their words, so scoring a message builds no feature names. */
  words: { unigrams: Map<number, WordRow>; bigrams: Map<number, WordRow>; subjectWords: Map<number, WordRow> };
}

interface WordRow {
  first: string;
  second: string;
  row: Float64Array;
  /** The matching round that last found this word (each message is one round): found once per message. */
  round: number;
  /** Made only of function words: counts in the score, never shown as evidence. */
  functionOnly: boolean;
  /** Another word with the same hash (rare): a hit is checked against the spelling. */
  next: WordRow | undefined;
}

let matchRound = 0;

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
  const words: CompiledScorer['words'] = { unigrams: new Map(), bigrams: new Map(), subjectWords: new Map() };
  const put = (m: Map<number, WordRow>, key: number, w: Pick<WordRow, 'first' | 'second' | 'row'>, feature: string) => {
    // Every row has the same fields (one object shape keeps the lookups fast).
    m.set(key, { first: w.first, second: w.second, row: w.row, round: 0, functionOnly: functionWordsOnly(feature), next: m.get(key) });
  };
  for (const [feature, row] of table) {
    const rest = feature.slice(2);
    if (feature.startsWith('w:')) put(words.unigrams, wordHash(rest), { first: rest, second: '', row }, feature);
    else if (feature.startsWith('s:')) put(words.subjectWords, wordHash(rest), { first: rest, second: '', row }, feature);
    else if (feature.startsWith('b:')) {
      // Words hold no underscore, so the first one splits a bigram.
      const cut = rest.indexOf('_');
      const first = rest.slice(0, cut);
      const second = rest.slice(cut + 1);
      put(words.bigrams, pairHash(wordHash(first), wordHash(second)), { first, second, row }, feature);
    }
  }
  c = { tasks, width, table, words };
  compiled.set(model, c);
  return c;
}

/** A word feature of the model found in a message: its row, how to name it, and where it first occurs. */
interface MatchedWord {
  word: WordRow;
  kind: 'w' | 'b' | 's';
  /** Offsets in the text; -1 when there are none (subject words, or text whose lower-casing changed its length). */
  start: number;
  end: number;
}

/** The model's word features present in a text and subject, each once, in order of first occurrence, read by hash. */
function matchWords(h: CompiledScorer['words'], text: string, subject: string): MatchedWord[] {
  const round = ++matchRound;
  const out: MatchedWord[] = [];
  const lower = text.toLowerCase();
  // Lower-casing a few scripts changes the length; offsets would then point at the wrong words.
  const withSpans = lower.length === text.length;
  const found = (word: WordRow, kind: MatchedWord['kind'], start: number, end: number) => {
    if (word.round === round) return;
    word.round = round;
    out.push(kind !== 's' && withSpans ? { word, kind, start, end } : { word, kind, start: -1, end: -1 });
  };
  let prevHash = 0;
  let prevStart = 0;
  let prevEnd = 0;
  let prevNumber = false;
  scanWords(lower, (hash, start, end, joined, isNumber) => {
    for (let u = h.unigrams.get(hash); u; u = u.next) if (spells(lower, start, end, u.first, isNumber)) found(u, 'w', start, end);
    if (joined) {
      for (let b = h.bigrams.get(pairHash(prevHash, hash)); b; b = b.next) {
        if (spells(lower, prevStart, prevEnd, b.first, prevNumber) && spells(lower, start, end, b.second, isNumber)) found(b, 'b', prevStart, end);
      }
    }
    prevHash = hash;
    prevStart = start;
    prevEnd = end;
    prevNumber = isNumber;
  });
  const subj = subject.toLowerCase();
  scanWords(subj, (hash, start, end, _joined, isNumber) => {
    for (let u = h.subjectWords.get(hash); u; u = u.next) if (spells(subj, start, end, u.first, isNumber)) found(u, 's', start, end);
  });
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
  const matched = words ? matchWords(c.words, words.text, words.subject) : [];
  for (const m of matched) for (let i = 0; i < width; i++) logits[i]! += m.word.row[i]!;
  const out = new Map<string, TaskDecision & { rulesAgree: boolean }>();
  for (const { name, task, offset } of c.tasks) {
    const wordProbs = softmax(Array.from(logits.subarray(offset, offset + task.classes.length)));
    const ruleLabel = ruleLabels[name];
    const ruleClass = ruleLabel === undefined ? -1 : task.classes.indexOf(ruleLabel);
    const p = task.rules && ruleClass >= 0 ? combineWithRules(task.rules, wordProbs, ruleClass) : wordProbs;
    const [best, second] = topTwo(p);
    const rulesAgree = best === ruleClass;
    let because: Contribution[] = [];
    if (!rulesAgree) {
      because = explain(c.table, f, offset + best, offset + second, Infinity);
      wordPulls(matched, offset + best, offset + second, top, because);
      because = strongest(because, top);
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
function wordPulls(matched: MatchedWord[], best: number, second: number, top: number, out: Contribution[]): void {
  const name = (m: MatchedWord) => (m.kind === 'b' ? `b:${m.word.first}_${m.word.second}` : `${m.kind}:${m.word.first}`);
  const pulls: Array<{ m: MatchedWord; pull: number }> = [];
  for (const m of matched) {
    const pull = m.word.row[best]! - m.word.row[second]!;
    if (pull > 0 && !m.word.functionOnly) pulls.push({ m, pull });
  }
  pulls.sort((a, b) => b.pull - a.pull || (name(a.m) < name(b.m) ? -1 : 1));
  for (const { m, pull } of pulls.slice(0, top)) out.push({ feature: name(m), weight: pull, ...(m.start >= 0 ? { span: [m.start, m.end] as [number, number] } : {}) });
}
