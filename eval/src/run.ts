/**
 * `npm run eval`: measures analysis (tone, shouting, urgency, boundaries, repeat contacts) and
 * intake fit on the labelled sets in eval/data, printing precision/recall/F1 per label for the
 * dev set (tuned on: a training score) and the held-out set (never tuned on).
 * EVAL_ONLY=analysis|fit runs one; results also land in eval/results/latest.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAnalysisEval } from './analysis-eval.js';
import { runFitEval } from './fit-eval.js';

const only = process.env.EVAL_ONLY;
const out: Record<string, unknown> = { at: new Date().toISOString() };
if (!only || only === 'analysis') out.analysis = await runAnalysisEval();
if (!only || only === 'fit') out.fit = await runFitEval();
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(out, null, 2));
