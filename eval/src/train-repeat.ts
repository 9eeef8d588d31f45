/**
 * Trains the learned repeat check (core/src/dedupe/pair.ts) on the labelled tuning splits.
 *
 *   npx tsx eval/src/train-repeat.ts --cv   leave-one-split-out: each split's repeats found by a model trained on the others
 *                                           (--model-only: without the rules' links; --errors: list the misses)
 *   npx tsx eval/src/train-repeat.ts        train on all tuning splits and write core/src/dedupe/pair-model.ts
 *   --threshold=0.4                         the probability a link needs (default DEFAULT_THRESHOLD)
 *
 * A pair is (message, an earlier inbound message of the same client within the lookback); it is a
 * repeat when the label says the message duplicates that one. The check only runs where the
 * fingerprint and the restatement rules found nothing, so the threshold is chosen on that use:
 * pair F1 of rules plus model over the held-out-by-split messages. Held-out splits are never read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RepeatPairModel, mostLikelyRepeat } from '@fitdesk/core';
import { createLineAnalyzer, parseAgreements } from '../../cli/src/commands/analyze.js';
import { pairPrf } from './metrics.js';
import { TUNING_SPLITS, splitFile } from './splits.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.resolve(HERE, '../data');
const MODEL_FILE = path.resolve(HERE, '../../core/src/dedupe/pair-model.ts');

interface PairRow {
  features: Map<string, number>;
  y: 0 | 1;
}
interface MessageRows {
  id: string;
  gold: string | null;
  ruleLink: string | null;
  candidates: Array<{ id: string; features: Map<string, number> }>;
}

/** Each message of a split with its candidates' features, its label and what the rules linked. */
export function loadRepeatSplit(split: string, dataDir = DATA_DIR): MessageRows[] {
  const agreements = parseAgreements(fs.readFileSync(path.join(dataDir, 'agreements.json'), 'utf8'));
  const seen = new Map<string, { candidates: MessageRows['candidates']; ruleLink: string | null }>();
  const analyze = createLineAnalyzer(agreements, {
    repeatModel: null,
    onRepeatCandidates: (id, candidates, ruleLink) => seen.set(id, { candidates, ruleLink }),
  });
  const out: MessageRows[] = [];
  for (const line of fs.readFileSync(path.join(dataDir, splitFile(split)), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; labels: { duplicate_of: string | null } };
    analyze(line);
    const s = seen.get(row.id);
    out.push({ id: row.id, gold: row.labels.duplicate_of, ruleLink: s?.ruleLink ?? null, candidates: s?.candidates ?? [] });
  }
  return out;
}

const LAMBDA = 0.001;
const EPOCHS = 800;

/** Logistic regression with L2, full-batch Adam, zero start: deterministic. */
export function trainPairs(rows: PairRow[]): { bias: number; weights: Record<string, number> } {
  const names = [...new Set(rows.flatMap((r) => [...r.features.keys()]))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const D = names.length;
  const W = new Float64Array(D + 1);
  const m = new Float64Array(D + 1);
  const v = new Float64Array(D + 1);
  const g = new Float64Array(D + 1);
  const dense = rows.map((r) => [...r.features].map(([n, x]) => [index.get(n)!, x] as const));
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    g.fill(0);
    for (let i = 0; i < rows.length; i++) {
      let z = W[D]!;
      for (const [j, x] of dense[i]!) z += W[j]! * x;
      const d = (1 / (1 + Math.exp(-z)) - rows[i]!.y) / rows.length;
      g[D]! += d;
      for (const [j, x] of dense[i]!) g[j]! += d * x;
    }
    for (let j = 0; j < D; j++) g[j]! += LAMBDA * W[j]!;
    for (let j = 0; j <= D; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * g[j]! * g[j]!;
      W[j]! -= (0.05 * (m[j]! / (1 - 0.9 ** epoch))) / (Math.sqrt(v[j]! / (1 - 0.999 ** epoch)) + 1e-8);
    }
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return { bias: round(W[D]!), weights: Object.fromEntries(names.map((n, j) => [n, round(W[j]!)])) };
}

const pairsOf = (msgs: MessageRows[]): PairRow[] => msgs.flatMap((m) => m.candidates.map((c) => ({ features: c.features, y: (c.id === m.gold ? 1 : 0) as 0 | 1 })));

/**
 * The links a split gets: the rules' link where they found one, else the model's most likely
 * candidate at or above the threshold (as `repeatOf` decides); `modelOnly` ignores the rules.
 */
function linksWith(msgs: MessageRows[], model: RepeatPairModel, modelOnly = false): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of msgs) {
    const id = m.ruleLink && !modelOnly ? m.ruleLink : mostLikelyRepeat(m.candidates, model)?.id;
    if (id) out.push([m.id, id]);
  }
  return out;
}

const goldPairs = (msgs: MessageRows[]) => msgs.filter((m) => m.gold).map((m) => [m.id, m.gold!] as [string, string]);
const rulePairs = (msgs: MessageRows[]) => msgs.filter((m) => m.ruleLink).map((m) => [m.id, m.ruleLink!] as [string, string]);

export const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** Chosen on `--cv` (rules plus model, F1 0.900 on 27 splits), never on the held-out splits. */
export const DEFAULT_THRESHOLD = 0.4;

function parseArgs(argv: string[]): { cv: boolean; modelOnly: boolean; errors: boolean; threshold: number } {
  const out = { cv: false, modelOnly: false, errors: false, threshold: DEFAULT_THRESHOLD };
  for (const a of argv) {
    if (a === '--cv') out.cv = true;
    else if (a === '--model-only') out.modelOnly = true;
    else if (a === '--errors') out.errors = true;
    else if (/^--threshold=0?\.\d+$/.test(a)) out.threshold = Number(a.slice(12));
    else throw new Error(`unknown argument ${a} (--cv, --model-only, --errors, --threshold=0.4)`);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { cv, modelOnly, errors, threshold } = parseArgs(process.argv.slice(2));
  const bySplit = new Map(TUNING_SPLITS.map((s) => [s, loadRepeatSplit(s)] as const));
  const all = [...bySplit.values()].flat();
  if (cv) {
    const models = new Map<string, ReturnType<typeof trainPairs>>([...bySplit.keys()].map((s) => [s, trainPairs(pairsOf([...bySplit].filter(([o]) => o !== s).flatMap(([, m]) => m)))] as const));
    const at = (s: string, t: number): RepeatPairModel => ({ ...models.get(s)!, threshold: t });
    const f = (x: number) => x.toFixed(3);
    const rules = pairPrf(goldPairs(all), rulePairs(all));
    const missed = all.filter((m) => m.gold && m.ruleLink !== m.gold);
    process.stdout.write(`rules miss ${missed.length} repeats; the original is a candidate for ${missed.filter((m) => m.candidates.some((c) => c.id === m.gold)).length}\n`);
    process.stdout.write(`rules alone (tuned on these splits): P ${f(rules.precision)} R ${f(rules.recall)} F1 ${f(rules.f1)}\n`);
    const what = modelOnly ? 'model alone' : 'rules + model';
    for (const t of THRESHOLDS) {
      const r = pairPrf(goldPairs(all), [...bySplit].flatMap(([s, msgs]) => linksWith(msgs, at(s, t), modelOnly)));
      process.stdout.write(`threshold ${t.toFixed(2)}: ${what} (model never saw the split) P ${f(r.precision)} R ${f(r.recall)} F1 ${f(r.f1)}\n`);
    }
    if (errors) {
      for (const [s, msgs] of bySplit) {
        const pred = new Map(linksWith(msgs, at(s, threshold), modelOnly));
        for (const m of msgs) if ((pred.get(m.id) ?? null) !== m.gold) process.stdout.write(`${s} ${m.id} gold ${m.gold} pred ${pred.get(m.id) ?? null} rules ${m.ruleLink}\n`);
      }
    }
    process.stdout.write(`per split at ${threshold}: ` + [...bySplit].map(([s, msgs]) => `${s} ${f(pairPrf(goldPairs(msgs), rulePairs(msgs)).f1)}→${f(pairPrf(goldPairs(msgs), linksWith(msgs, at(s, threshold), modelOnly)).f1)}`).join('  ') + '\n');
  } else {
    const model = trainPairs(pairsOf(all));
    const body = `// Written by \`npm run train:repeat\` (eval/src/train-repeat.ts) from the labelled tuning splits (${TUNING_SPLITS.join(', ')}). Do not edit by hand.
import type { RepeatPairModel } from './pair.js';

export const REPEAT_PAIR_MODEL: RepeatPairModel = ${JSON.stringify({ ...model, threshold }, null, 2)};
`;
    fs.writeFileSync(MODEL_FILE, body);
    process.stdout.write(`wrote ${path.relative(process.cwd(), MODEL_FILE)} (${Object.keys(model.weights).length} weights, threshold ${threshold}, ${all.length} messages)\n`);
  }
}
