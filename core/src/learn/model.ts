import { STOPWORDS } from '../text/concepts.js';
import type { FeatureSet } from './features.js';

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
  table: Map<string, Float64Array>;
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
  c = { tasks, table };
  compiled.set(model, c);
  return c;
}

/**
 * Decides every task of a scorer in one pass over the features. ruleLabels gives the rules' label per task
 * (weighed by the task's trust in the rules). The words behind a decision are named only when it differs from the rules.
 */
export function decideAll(c: CompiledScorer, f: FeatureSet, ruleLabels: Record<string, string>, top = 4): Map<string, TaskDecision & { rulesAgree: boolean }> {
  const width = c.tasks.reduce((a, t) => a + t.task.classes.length, 0);
  const logits = new Float64Array(width);
  for (const { task, offset } of c.tasks) logits.set(task.bias, offset);
  for (const [name, value] of f.values) {
    const row = c.table.get(name);
    if (!row) continue;
    for (let i = 0; i < width; i++) logits[i]! += value * row[i]!;
  }
  const out = new Map<string, TaskDecision & { rulesAgree: boolean }>();
  for (const { name, task, offset } of c.tasks) {
    const words = softmax(Array.from(logits.subarray(offset, offset + task.classes.length)));
    const ruleLabel = ruleLabels[name];
    const ruleClass = ruleLabel === undefined ? -1 : task.classes.indexOf(ruleLabel);
    const p = task.rules && ruleClass >= 0 ? combineWithRules(task.rules, words, ruleClass) : words;
    const [best, second] = topTwo(p);
    const rulesAgree = best === ruleClass;
    out.set(name, { label: task.classes[best]!, probability: p[best]!, because: rulesAgree ? [] : explain((n) => c.table.get(n), f, offset + best, offset + second, top), rulesAgree });
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
  because.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1));
  return because.slice(0, top);
}

/** The most probable class of one task (given the rules' label, when the task weighs it) and the words that pushed toward it most against the runner-up. */
export function decideTask(task: LinearTask, f: FeatureSet, ruleLabel?: string, top = 4): TaskDecision {
  const words = taskProbabilities(task, f);
  const ruleClass = ruleLabel === undefined ? -1 : task.classes.indexOf(ruleLabel);
  const p = task.rules && ruleClass >= 0 ? combineWithRules(task.rules, words, ruleClass) : words;
  const [best, second] = topTwo(p);
  return { label: task.classes[best]!, probability: p[best]!, because: explain((n) => task.weights[n], f, best, second, top) };
}
