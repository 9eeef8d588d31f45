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

/** The most probable class (given the rules' label, when the task weighs it) and the words that pushed toward it most against the runner-up. */
export function decideTask(task: LinearTask, f: FeatureSet, ruleLabel?: string, top = 4): TaskDecision {
  const words = taskProbabilities(task, f);
  const ruleClass = ruleLabel === undefined ? -1 : task.classes.indexOf(ruleLabel);
  const p = task.rules && ruleClass >= 0 ? combineWithRules(task.rules, words, ruleClass) : words;
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  let second = best === 0 ? 1 : 0;
  for (let k = 0; k < p.length; k++) if (k !== best && p[k]! > p[second]!) second = k;
  const because: Contribution[] = [];
  for (const [name, value] of f.values) {
    const w = task.weights[name];
    if (!w) continue;
    const pull = value * (w[best]! - w[second]!);
    if (pull > 0) because.push({ feature: name, weight: pull, ...(f.spans.has(name) ? { span: f.spans.get(name)! } : {}) });
  }
  because.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1));
  return { label: task.classes[best]!, probability: p[best]!, because: because.slice(0, top) };
}
