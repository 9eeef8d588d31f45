// Fit-score evaluation: hand-labelled intake answers (eval/data/intake) scored against their
// profile; prints band agreement, per-band precision/recall/F1, a confusion matrix and
// recommendation agreement for dev (tuned on: a training score) and held-out separately.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
// Imported by path (not the package index) so the eval runs while other core modules are mid-change.
import { scoreFit, type FitBand, type FitRecommendation, type IdealClientProfile, type IntakeAnswers, type MisfitMatch } from '../../core/src/fit/index.js';
import { IdealClientProfile as ProfileSchema, IntakeAnswers as AnswersSchema, FitBand as BandSchema, FitRecommendation as RecSchema, MisfitMatch as MisfitSchema } from '../../contracts/src/lifecycle.js';
import { z } from 'zod';

const BANDS: FitBand[] = ['strong', 'good', 'weak', 'poor'];
const RECS: FitRecommendation[] = ['accept', 'review', 'decline'];
const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'intake');

const Example = z.object({
  id: z.string(),
  profile: z.string(),
  answers: AnswersSchema,
  expected: z.object({ band: BandSchema, recommendation: RecSchema }),
  misfit: MisfitSchema.optional(),
});
type Example = z.infer<typeof Example>;

interface LabelStats {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Per-label precision/recall/F1 from (expected, predicted) pairs. */
export function perLabel<L extends string>(labels: L[], pairs: Array<[L, L]>): Record<L, LabelStats> {
  const out = {} as Record<L, LabelStats>;
  for (const l of labels) {
    const tp = pairs.filter(([e, p]) => e === l && p === l).length;
    const fp = pairs.filter(([e, p]) => e !== l && p === l).length;
    const fn = pairs.filter(([e, p]) => e === l && p !== l).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    out[l] = { precision: round3(precision), recall: round3(recall), f1: round3(f1), support: tp + fn };
  }
  return out;
}

/** Confusion matrix rows = expected, columns = predicted. */
export function confusion<L extends string>(labels: L[], pairs: Array<[L, L]>): Record<L, Record<L, number>> {
  const m = {} as Record<L, Record<L, number>>;
  for (const e of labels) {
    m[e] = {} as Record<L, number>;
    for (const p of labels) m[e][p] = 0;
  }
  for (const [e, p] of pairs) m[e][p] += 1;
  return m;
}

async function loadJson(name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(DATA, name), 'utf8'));
}

function evaluate(name: string, examples: Example[], profiles: Record<string, IdealClientProfile>) {
  const bandPairs: Array<[FitBand, FitBand]> = [];
  const recPairs: Array<[FitRecommendation, FitRecommendation]> = [];
  const misses: Array<{ id: string; expected: string; got: string; score: number }> = [];
  for (const ex of examples) {
    const profile = profiles[ex.profile];
    if (!profile) throw new Error(`${ex.id}: unknown profile ${ex.profile}`);
    const r = scoreFit(profile, ex.answers as IntakeAnswers, { misfit: (ex.misfit as MisfitMatch | undefined) ?? null });
    bandPairs.push([ex.expected.band, r.band]);
    recPairs.push([ex.expected.recommendation, r.recommendation]);
    if (r.band !== ex.expected.band || r.recommendation !== ex.expected.recommendation)
      misses.push({ id: ex.id, expected: `${ex.expected.band}/${ex.expected.recommendation}`, got: `${r.band}/${r.recommendation}`, score: r.score });
  }
  const n = examples.length;
  const exact = bandPairs.filter(([e, p]) => e === p).length / n;
  const withinOne = bandPairs.filter(([e, p]) => Math.abs(BANDS.indexOf(e) - BANDS.indexOf(p)) <= 1).length / n;
  const recAgree = recPairs.filter(([e, p]) => e === p).length / n;
  return {
    set: name,
    n,
    bandExact: round3(exact),
    bandWithinOne: round3(withinOne),
    perBand: perLabel(BANDS, bandPairs),
    bandConfusion: confusion(BANDS, bandPairs),
    recommendationAgreement: round3(recAgree),
    perRecommendation: perLabel(RECS, recPairs),
    recommendationConfusion: confusion(RECS, recPairs),
    misses,
  };
}

function print(res: ReturnType<typeof evaluate>): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`\n== fit eval: ${res.set} (n=${res.n})`);
  console.log(`band exact ${pct(res.bandExact)}  within one band ${pct(res.bandWithinOne)}  recommendation agreement ${pct(res.recommendationAgreement)}`);
  console.log('band       precision recall  f1     support');
  for (const b of BANDS) {
    const s = res.perBand[b];
    console.log(`${b.padEnd(10)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(6)} ${s.f1.toFixed(3).padStart(6)} ${String(s.support).padStart(8)}`);
  }
  console.log(`confusion (rows expected, cols predicted): ${BANDS.join(' ')}`);
  for (const e of BANDS) console.log(`  ${e.padEnd(7)} ${BANDS.map((p) => String(res.bandConfusion[e][p]).padStart(6)).join('')}`);
  console.log(`recommendation confusion: ${RECS.join(' ')}`);
  for (const e of RECS) console.log(`  ${e.padEnd(7)} ${RECS.map((p) => String(res.recommendationConfusion[e][p]).padStart(7)).join('')}`);
  if (res.misses.length) console.log(`disagreements: ${res.misses.map((m) => `${m.id} ${m.expected}→${m.got}(${m.score})`).join('; ')}`);
}

/** Runs the fit evaluation on dev and held-out, prints the tables and returns the numbers. */
export async function runFitEval(): Promise<object> {
  const rawProfiles = z.record(z.string(), ProfileSchema).parse(await loadJson('profiles.json'));
  const profiles = rawProfiles as unknown as Record<string, IdealClientProfile>;
  const dev = z.array(Example).parse(await loadJson('dev.json'));
  const heldout = z.array(Example).parse(await loadJson('heldout.json'));
  const devRes = evaluate('dev (tuned on — training score)', dev, profiles);
  const hoRes = evaluate('held-out', heldout, profiles);
  print(devRes);
  print(hoRes);
  return { dev: devRes, heldout: hoRes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFitEval().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
