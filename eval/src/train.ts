/**
 * Trains the learned scorer that weighs the phrase rules' findings with the message's words.
 *
 *   npx tsx eval/src/train.ts --cv      leave-one-split-out: train on four tuning splits, score the fifth (a new writer)
 *   npx tsx eval/src/train.ts           train on all tuning splits and write core/src/learn/scorer-model.ts
 *
 * Only the tuning splits are read. The held-out splits are never loaded here; they are scored by `npm run eval`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FeatureSet, type LinearTask, type ScorerModel, combineWithRules, taskProbabilities } from '@fitdesk/core';
import { createLineAnalyzer, parseAgreements } from '../../cli/src/commands/analyze.js';
import { binaryPrf, multiclassPrf } from './metrics.js';
import { TUNING_SPLITS, UNSEEN_RULE_SPLITS, splitFile } from './splits.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.resolve(HERE, '../data');
const MODEL_FILE = path.resolve(HERE, '../../core/src/learn/scorer-model.ts');
export { TUNING_SPLITS, UNSEEN_RULE_SPLITS } from './splits.js';

interface Example {
  split: string;
  id: string;
  features: FeatureSet;
  gold: Record<string, string>;
  rules: Record<string, string>;
  /** The rules' labels before they were tuned on this split, where known. */
  unseenRules?: Record<string, string>;
}

export const TASKS: Record<string, string[]> = {
  tone: ['calm', 'concerned', 'frustrated', 'irate', 'abusive'],
  urgency: ['low', 'normal', 'high'],
  personal: ['no', 'yes'],
  out_of_scope: ['no', 'yes'],
  pressure: ['no', 'yes'],
  abuse: ['no', 'yes'],
};

interface Row {
  id: string;
  labels: { tone: string; urgency: string; boundaries: string[] };
}

/** Runs the rules alone over one split (same path as `fitdesk analyze`) and keeps each message's features, gold labels and rule labels. */
export function loadSplit(split: string, dataDir = DATA_DIR): Example[] {
  const file = path.join(dataDir, splitFile(split));
  const agreements = parseAgreements(fs.readFileSync(path.join(dataDir, 'agreements.json'), 'utf8'));
  const features = new Map<string, FeatureSet>();
  const analyze = createLineAnalyzer(agreements, { scorer: null, onFeatures: (id, f) => features.set(id, f) });
  const unseenFile = path.join(dataDir, 'unseen-rules', `${split}.jsonl`);
  const unseen = new Map<string, { tone: string; urgency: string; boundaries: string[] }>();
  if (fs.existsSync(unseenFile)) for (const l of fs.readFileSync(unseenFile, 'utf8').split('\n')) if (l.trim()) unseen.set((JSON.parse(l) as { id: string }).id, JSON.parse(l));
  const out: Example[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Row;
    const res = analyze(line) as { tone?: string; urgency?: string; boundaries?: string[] };
    const f = features.get(row.id);
    if (!f || !res.tone) continue;
    const gold: Record<string, string> = { tone: row.labels.tone, urgency: row.labels.urgency };
    const rules: Record<string, string> = { tone: res.tone, urgency: res.urgency! };
    for (const b of ['personal', 'out_of_scope', 'pressure', 'abuse']) {
      gold[b] = row.labels.boundaries.includes(b) ? 'yes' : 'no';
      rules[b] = res.boundaries!.includes(b) ? 'yes' : 'no';
    }
    const before = unseen.get(row.id);
    const unseenRules = before ? { tone: before.tone, urgency: before.urgency, ...Object.fromEntries(['personal', 'out_of_scope', 'pressure', 'abuse'].map((b) => [b, before.boundaries.includes(b) ? 'yes' : 'no'])) } : undefined;
    out.push({ split, id: row.id, features: f, gold, rules, ...(unseenRules ? { unseenRules } : {}) });
  }
  return out;
}

export interface TrainOptions {
  /** L2 penalty on word features. */
  lambdaWords: number;
  /** L2 penalty on rule features (rule decisions, cue families, context). */
  lambdaRules: number;
  /** A word feature must occur in at least this many training messages. */
  minCount: number;
  epochs: number;
  /** Leave words out: the scorer then only re-weighs the rules. */
  noWords?: boolean;
  /** Leave the rules' findings out: words and rule-free signals only. */
  wordsOnly?: boolean;
}

/** Chosen on the new-writer estimate (`--cv --stack`), never on the held-out splits. */
export const DEFAULT_OPTIONS: TrainOptions = { lambdaWords: 0.002, lambdaRules: 0.002, minCount: 3, epochs: 600, wordsOnly: true };

/** Rows whose every weight is smaller than this are dropped from the shipped model: they cannot move a decision. */
const MIN_WEIGHT = 0.01;
const isWord = (name: string) => name.startsWith('w:') || name.startsWith('b:') || name.startsWith('s:');
/** Features that carry a phrase rule's finding (as opposed to words, sentiment, counts and context). */
const RULE_FEATURE = /^(?:tone=|tone_rule=|urg=|urg_rule=|urg_hit:|bnd=|bnd_rule:|cue:|sig:|oos_similarity|around_the_clock)/;

/** Multinomial logistic regression with L2, full-batch Adam; deterministic (zero start, fixed order). */
export function trainTask(examples: Example[], task: string, opts: TrainOptions): LinearTask {
  const classes = TASKS[task]!;
  const K = classes.length;
  const counts = new Map<string, number>();
  for (const e of examples) for (const name of e.features.values.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts.keys()]
    .filter((n) => (isWord(n) ? !opts.noWords && counts.get(n)! >= opts.minCount : counts.get(n)! >= 2 && !(opts.wordsOnly && RULE_FEATURE.test(n))))
    .sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const rows = examples.map((e) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [n, v] of e.features.values) {
      const i = index.get(n);
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx, val, y: classes.indexOf(e.gold[task]!) };
  });
  const D = names.length;
  const W = new Float64Array((D + 1) * K); // last row: bias
  const m = new Float64Array(W.length);
  const v = new Float64Array(W.length);
  const lambda = names.map((n) => (isWord(n) ? opts.lambdaWords : opts.lambdaRules));
  const lr = 0.05;
  const b1 = 0.9;
  const b2 = 0.999;
  const N = rows.length;
  const grad = new Float64Array(W.length);
  const logits = new Float64Array(K);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    grad.fill(0);
    for (const r of rows) {
      for (let k = 0; k < K; k++) logits[k] = W[D * K + k]!;
      for (let j = 0; j < r.idx.length; j++) for (let k = 0; k < K; k++) logits[k]! += r.val[j]! * W[r.idx[j]! * K + k]!;
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, logits[k]!);
      let total = 0;
      for (let k = 0; k < K; k++) total += logits[k] = Math.exp(logits[k]! - max);
      for (let k = 0; k < K; k++) {
        const d = (logits[k]! / total - (k === r.y ? 1 : 0)) / N;
        grad[D * K + k]! += d;
        for (let j = 0; j < r.idx.length; j++) grad[r.idx[j]! * K + k]! += d * r.val[j]!;
      }
    }
    for (let i = 0; i < D; i++) for (let k = 0; k < K; k++) grad[i * K + k]! += lambda[i]! * W[i * K + k]!;
    for (let i = 0; i < W.length; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * grad[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * grad[i]! * grad[i]!;
      const mh = m[i]! / (1 - b1 ** epoch);
      const vh = v[i]! / (1 - b2 ** epoch);
      W[i]! -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  const round = (x: number) => Math.round(x * 1e3) / 1e3;
  const weights: Record<string, number[]> = {};
  for (let i = 0; i < D; i++) {
    const w = Array.from(W.subarray(i * K, i * K + K), round);
    // Weights too small to move a decision are left out of the shipped model.
    if (w.some((x) => Math.abs(x) >= MIN_WEIGHT)) weights[names[i]!] = w;
  }
  return { classes, bias: Array.from(W.subarray(D * K, D * K + K), round), weights };
}

const argmax = (p: number[]) => p.reduce((best, x, k) => (x > p[best]! ? k : best), 0);

/** The score a task is judged by: macro-F1 for tone and urgency, F1 of "yes" for a boundary. */
export function taskScore(task: string, gold: string[], pred: string[]): number {
  if (TASKS[task]!.length > 2) return multiclassPrf(TASKS[task]!, gold, pred).macroF1;
  return binaryPrf(gold.map((g) => g === 'yes'), pred.map((p) => p === 'yes')).f1;
}

/** Leave-one-split-out: each tuning split in turn is scored by a scorer trained on the other four. */
export function crossValidate(bySplit: Map<string, Example[]>, opts: TrainOptions): Record<string, { rules: number; learned: number; perSplit: string }> {
  const out: Record<string, { rules: number; learned: number; perSplit: string }> = {};
  for (const task of Object.keys(TASKS)) {
    const gold: string[] = [];
    const rules: string[] = [];
    const learned: string[] = [];
    const per: string[] = [];
    for (const [split, test] of bySplit) {
      const train = [...bySplit].filter(([s]) => s !== split).flatMap(([, ex]) => ex);
      const model = trainTask(train, task, opts);
      const p = test.map((e) => model.classes[argmax(taskProbabilities(model, e.features))]!);
      gold.push(...test.map((e) => e.gold[task]!));
      rules.push(...test.map((e) => e.rules[task]!));
      learned.push(...p);
      per.push(`${split} ${taskScore(task, test.map((e) => e.gold[task]!), test.map((e) => e.rules[task]!)).toFixed(3)}→${taskScore(task, test.map((e) => e.gold[task]!), p).toFixed(3)}`);
    }
    out[task] = { rules: taskScore(task, gold, rules), learned: taskScore(task, gold, learned), perSplit: per.join('  ') };
  }
  return out;
}

/** Word-model probabilities for every example of each split, from a model trained on the other splits. */
export function outOfFold(bySplit: Map<string, Example[]>, task: string, opts: TrainOptions): Map<Example, number[]> {
  const out = new Map<Example, number[]>();
  for (const [split, test] of bySplit) {
    const model = trainTask([...bySplit].filter(([s]) => s !== split).flatMap(([, ex]) => ex), task, opts);
    for (const e of test) out.set(e, taskProbabilities(model, e.features));
  }
  return out;
}

/** Fits how far to trust the rules' label over the word model (trust per class the rules said, shift per class). */
export function fitTrust(rows: Array<{ p: number[]; rule: number; y: number }>, K: number): { trust: number[]; shift: number[] } {
  const theta = new Float64Array(2 * K); // trust[0..K), shift[K..2K)
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  const grad = new Float64Array(theta.length);
  const split = () => ({ trust: Array.from(theta.subarray(0, K)), shift: Array.from(theta.subarray(K)) });
  for (let step = 1; step <= 600; step++) {
    grad.fill(0);
    const { trust, shift } = split();
    for (const r of rows) {
      const q = combineWithRules({ trust, shift }, r.p, r.rule);
      for (let k = 0; k < K; k++) {
        const d = (q[k]! - (k === r.y ? 1 : 0)) / rows.length;
        grad[K + k]! += d;
        if (k === r.rule) grad[k]! += d;
      }
    }
    for (let i = 0; i < theta.length; i++) {
      grad[i]! += 0.001 * theta[i]!;
      m[i] = 0.9 * m[i]! + 0.1 * grad[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * grad[i]! * grad[i]!;
      theta[i]! -= (0.05 * (m[i]! / (1 - 0.9 ** step))) / (Math.sqrt(v[i]! / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const t = split();
  return { trust: t.trust.map(round), shift: t.shift.map(round) };
}


/**
 * Estimates the combined scorer on a new writer: on each split with pre-tuning rule labels, the word model
 * trained without that split and the trust fitted on the other such splits, against the pre-tuning rules alone.
 */
export function crossValidateStack(bySplit: Map<string, Example[]>, opts: TrainOptions): Record<string, { rules: number; words: number; combined: number; trust: string }> {
  const out: Record<string, { rules: number; words: number; combined: number; trust: string }> = {};
  for (const task of Object.keys(TASKS)) {
    const classes = TASKS[task]!;
    const oof = outOfFold(bySplit, task, opts);
    const calib = [...oof].filter(([e]) => e.unseenRules).map(([e, p]) => ({ e, p, rule: classes.indexOf(e.unseenRules![task]!), y: classes.indexOf(e.gold[task]!) }));
    const gold: string[] = [];
    const rules: string[] = [];
    const words: string[] = [];
    const combined: string[] = [];
    for (const split of UNSEEN_RULE_SPLITS) {
      const trust = fitTrust(calib.filter((r) => r.e.split !== split), classes.length);
      for (const r of calib.filter((x) => x.e.split === split)) {
        gold.push(classes[r.y]!);
        rules.push(classes[r.rule]!);
        words.push(classes[argmax(r.p)]!);
        combined.push(classes[argmax(combineWithRules(trust, r.p, r.rule))]!);
      }
    }
    const all = fitTrust(calib, classes.length);
    out[task] = { rules: taskScore(task, gold, rules), words: taskScore(task, gold, words), combined: taskScore(task, gold, combined), trust: `trust ${all.trust.join('/')} shift ${all.shift.join('/')}` };
  }
  return out;
}

function parseArgs(argv: string[]): { cv: boolean; stack: boolean; opts: TrainOptions; tasks?: string[] } {
  const opts = { ...DEFAULT_OPTIONS };
  let cv = false;
  let stack = false;
  let tasks: string[] | undefined;
  for (const a of argv) {
    if (a === '--cv') cv = true;
    else if (a === '--no-words') opts.noWords = true;
    else if (a === '--words-only') opts.wordsOnly = true;
    else if (a === '--with-rule-features') opts.wordsOnly = false;
    else if (a === '--stack') stack = true;
    else if (a.startsWith('--tasks=')) tasks = a.slice(8).split(',');
    else {
      const m = /^--(lambda-words|lambda-rules|min-count|epochs)=([\d.]+)$/.exec(a);
      if (!m) throw new Error(`unknown argument ${a}`);
      const key = ({ 'lambda-words': 'lambdaWords', 'lambda-rules': 'lambdaRules', 'min-count': 'minCount', epochs: 'epochs' } as const)[m[1] as 'epochs'];
      opts[key] = Number(m[2]);
    }
  }
  return { cv, stack, opts, ...(tasks ? { tasks } : {}) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { cv, stack, opts, tasks } = parseArgs(process.argv.slice(2));
  const bySplit = new Map(TUNING_SPLITS.map((s) => [s, loadSplit(s)] as const));
  if (cv && stack) {
    const res = crossValidateStack(bySplit, opts);
    process.stdout.write(`new-writer estimate on ${UNSEEN_RULE_SPLITS.join(', ')} (${JSON.stringify(opts)})\n`);
    for (const [task, r] of Object.entries(res)) process.stdout.write(`${task.padEnd(13)} rules-before-tuning ${r.rules.toFixed(3)}  words ${r.words.toFixed(3)}  combined ${r.combined.toFixed(3)}   ${r.trust}\n`);
  } else if (cv) {
    const res = crossValidate(bySplit, opts);
    process.stdout.write(`leave-one-split-out (${JSON.stringify(opts)})\n`);
    for (const [task, r] of Object.entries(res)) process.stdout.write(`${task.padEnd(13)} rules ${r.rules.toFixed(3)}  learned ${r.learned.toFixed(3)}   ${r.perSplit}\n`);
  } else {
    const all = [...bySplit.values()].flat();
    const chosen = tasks ?? Object.keys(TASKS);
    const trained: Record<string, LinearTask> = {};
    for (const task of chosen) {
      const classes = TASKS[task]!;
      const calib = [...outOfFold(bySplit, task, opts)].filter(([e]) => e.unseenRules).map(([e, p]) => ({ p, rule: classes.indexOf(e.unseenRules![task]!), y: classes.indexOf(e.gold[task]!) }));
      trained[task] = { ...trainTask(all, task, opts), rules: fitTrust(calib, classes.length) };
    }
    const model: ScorerModel = {
      version: 1,
      trainedOn: `words: ${TUNING_SPLITS.join(', ')} (${all.length} messages); trust in the rules: pre-tuning rule labels of ${UNSEEN_RULE_SPLITS.join(', ')}; ${JSON.stringify(opts)}`,
      tasks: trained,
    };
    const json = JSON.stringify(model);
    fs.writeFileSync(MODEL_FILE, `// Generated by eval/src/train.ts: do not edit by hand.\nexport const SCORER_MODEL_JSON: string | null = ${JSON.stringify(json)};\n`);
    process.stdout.write(`wrote ${path.relative(process.cwd(), MODEL_FILE)}: tasks ${chosen.join(', ')}, ${Object.values(model.tasks).reduce((a, t) => a + Object.keys(t.weights).length, 0)} weights rows, ${(json.length / 1024).toFixed(0)} KiB\n`);
  }
}
