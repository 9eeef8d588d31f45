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
import { confusionMatrix, formatConfusion, multiclassPrf } from './metrics.js';

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

const round3 = (x: number) => Math.round(x * 1000) / 1000;

async function loadJson(name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(DATA, name), 'utf8'));
}

function evaluate(name: string, examples: Example[], profiles: Record<string, IdealClientProfile>) {
  // [expected, predicted]
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
  const withinOne = bandPairs.filter(([e, p]) => Math.abs(BANDS.indexOf(e) - BANDS.indexOf(p)) <= 1).length / n;
  const bands = multiclassPrf(BANDS, bandPairs.map((x) => x[0]), bandPairs.map((x) => x[1]));
  const recs = multiclassPrf(RECS, recPairs.map((x) => x[0]), recPairs.map((x) => x[1]));
  return {
    set: name,
    n,
    bandExact: bands.accuracy,
    bandWithinOne: round3(withinOne),
    bandMacroF1: bands.macroF1,
    perBand: bands.perClass,
    bandConfusion: confusionMatrix(BANDS, bandPairs.map((x) => x[0]), bandPairs.map((x) => x[1])),
    recommendationAgreement: recs.accuracy,
    perRecommendation: recs.perClass,
    recommendationConfusion: confusionMatrix(RECS, recPairs.map((x) => x[0]), recPairs.map((x) => x[1])),
    misses,
  };
}

function print(res: ReturnType<typeof evaluate>): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`\n== fit eval: ${res.set} (n=${res.n})`);
  console.log(`band exact ${pct(res.bandExact)}  within one band ${pct(res.bandWithinOne)}  macro-F1 ${res.bandMacroF1.toFixed(3)}  recommendation agreement ${pct(res.recommendationAgreement)}`);
  console.log('band       precision recall  f1     support');
  for (const b of BANDS) {
    const s = res.perBand[b];
    console.log(`${b.padEnd(10)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(6)} ${s.f1.toFixed(3).padStart(6)} ${String(s.support).padStart(8)}`);
  }
  console.log(formatConfusion(BANDS, res.bandConfusion));
  console.log('recommendation precision recall  f1     support');
  for (const r of RECS) {
    const s = res.perRecommendation[r];
    console.log(`${r.padEnd(14)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(6)} ${s.f1.toFixed(3).padStart(6)} ${String(s.support).padStart(8)}`);
  }
  console.log(formatConfusion(RECS, res.recommendationConfusion));
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
