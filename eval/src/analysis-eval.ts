import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { analyzeCommand } from '../../cli/src/commands/analyze.js';
import { binaryPrf, confusionMatrix, formatConfusion, multiclassPrf, multilabelPrf, pairPrf } from './metrics.js';
import { HELD_OUT_SPLITS, TUNING_SPLITS, splitFile } from './splits.js';

const TONES = ['calm', 'concerned', 'frustrated', 'irate', 'abusive'] as const;
const URGENCIES = ['low', 'normal', 'high'] as const;
const BOUNDARIES = ['personal', 'out_of_scope', 'pressure', 'abuse', 'off_hours'] as const;
type Tone = (typeof TONES)[number];
type Urgency = (typeof URGENCIES)[number];
type Boundary = (typeof BOUNDARIES)[number];

interface Labels {
  tone: Tone;
  shouting: boolean;
  urgency: Urgency;
  boundaries: Boundary[];
  duplicate_of: string | null;
}
interface Output {
  id?: string;
  tone?: Tone;
  shouting?: boolean;
  urgency?: Urgency;
  boundaries?: Boundary[];
  duplicate_of?: string | null;
  error?: { code: string; message: string };
}

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data');

/** Runs `fitdesk analyze` (same code path) over a JSON-lines file and returns its output lines. */
async function runCli(file: string, agreements: string, rulesOnly = false): Promise<Output[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  stdin.end();
  await analyzeCommand(['--agreements', agreements, ...(rulesOnly ? ['--rules-only'] : []), file], { stdin, stdout, stderr });
  return chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Output);
}

/** Scores one labelled split. */
export async function evaluateSplit(file: string, agreements: string, rulesOnly = false) {
  const rows = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; labels: Labels });
  const outs = await runCli(file, agreements, rulesOnly);
  const byId = new Map(outs.filter((o) => o.id).map((o) => [o.id!, o]));
  const errors = outs.filter((o) => o.error).length;
  const gold = rows.map((r) => r.labels);
  const pred = rows.map((r) => byId.get(r.id) ?? {});
  const tone = multiclassPrf(TONES, gold.map((g) => g.tone), pred.map((p) => p.tone ?? 'calm'));
  const urgency = multiclassPrf(URGENCIES, gold.map((g) => g.urgency), pred.map((p) => p.urgency ?? 'normal'));
  const shouting = binaryPrf(gold.map((g) => g.shouting), pred.map((p) => p.shouting ?? false));
  const boundaries = multilabelPrf(BOUNDARIES, gold.map((g) => g.boundaries), pred.map((p) => p.boundaries ?? []));
  const duplicates = pairPrf(
    rows.filter((r) => r.labels.duplicate_of).map((r) => [r.id, r.labels.duplicate_of!] as [string, string]),
    rows.filter((r) => byId.get(r.id)?.duplicate_of).map((r) => [r.id, byId.get(r.id)!.duplicate_of!] as [string, string]),
  );
  const misses = rows
    .map((r, i) => {
      const p = pred[i]!;
      const g = r.labels;
      const diff: string[] = [];
      if (p.tone !== g.tone) diff.push(`tone ${g.tone}→${p.tone}`);
      if (p.shouting !== g.shouting) diff.push(`shouting ${g.shouting}→${p.shouting}`);
      if (p.urgency !== g.urgency) diff.push(`urgency ${g.urgency}→${p.urgency}`);
      const gb = [...g.boundaries].sort().join(',');
      const pb = [...(p.boundaries ?? [])].sort().join(',');
      if (gb !== pb) diff.push(`boundaries [${gb}]→[${pb}]`);
      if ((p.duplicate_of ?? null) !== g.duplicate_of) diff.push(`duplicate ${g.duplicate_of}→${p.duplicate_of}`);
      return diff.length ? `${r.id}: ${diff.join('; ')}` : null;
    })
    .filter((x): x is string => x !== null);
  return {
    file: path.basename(file),
    messages: rows.length,
    errors,
    tone: { macroF1: tone.macroF1, accuracy: tone.accuracy, perClass: tone.perClass, confusion: confusionMatrix(TONES, gold.map((g) => g.tone), pred.map((p) => p.tone ?? 'calm')) },
    shouting,
    urgency: { macroF1: urgency.macroF1, accuracy: urgency.accuracy, perClass: urgency.perClass },
    boundaries: { macroF1: boundaries.macroF1, perLabel: boundaries.perLabel },
    duplicates,
    misses,
  };
}

function summary(name: string, r: Awaited<ReturnType<typeof evaluateSplit>>): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `== ${name} (${r.file}: ${r.messages} messages, ${r.errors} error lines)`,
    `tone macro-F1 ${f(r.tone.macroF1)} (accuracy ${f(r.tone.accuracy)})  ` + TONES.map((t) => `${t} ${f(r.tone.perClass[t].f1)}`).join('  '),
    `shouting P ${f(r.shouting.precision)} R ${f(r.shouting.recall)} F1 ${f(r.shouting.f1)}`,
    `urgency macro-F1 ${f(r.urgency.macroF1)}  ` + URGENCIES.map((u) => `${u} ${f(r.urgency.perClass[u].f1)}`).join('  '),
    'boundaries ' + BOUNDARIES.map((b) => `${b} P ${f(r.boundaries.perLabel[b].precision)} R ${f(r.boundaries.perLabel[b].recall)} F1 ${f(r.boundaries.perLabel[b].f1)}`).join(' | '),
    `duplicate pairs P ${f(r.duplicates.precision)} R ${f(r.duplicates.recall)} F1 ${f(r.duplicates.f1)} (${r.duplicates.support} gold pairs)`,
    'tone confusion (rows gold, columns predicted):',
    formatConfusion(TONES, r.tone.confusion),
  ];
  return lines.join('\n');
}

/** Splits: the dev ones are tuning data (training scores); the held-out ones are only measured. */
const SPLITS = [...TUNING_SPLITS, ...HELD_OUT_SPLITS].map((name) => [name, splitFile(name)] as const);
const isHeldOut = (name: string) => (HELD_OUT_SPLITS as readonly string[]).includes(name);

/** Scores the analysis engine on the dev splits (training) and the held-out splits; prints a summary and returns the full numbers. */
export async function runAnalysisEval(opts: { dataDir?: string; print?: boolean; showMisses?: boolean; only?: string[]; rulesOnly?: boolean } = {}): Promise<object> {
  const dir = opts.dataDir ?? DATA_DIR;
  const agreements = path.join(dir, 'agreements.json');
  const result: Record<string, unknown> = {};
  for (const [name, file] of SPLITS) {
    if (opts.only && opts.only.length > 0 && !opts.only.includes(name)) continue;
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) {
      result[name] = { missing: file };
      continue;
    }
    const r = await evaluateSplit(full, agreements, opts.rulesOnly);
    result[name] = r;
    if (opts.print !== false) {
      process.stdout.write(`${summary(isHeldOut(name) ? `${name} (held-out: never tuned on)` : `${name} (tuning data for the rules or the scorer: a training score)`, r)}\n`);
      if (opts.showMisses && !isHeldOut(name)) process.stdout.write(`misses:\n${r.misses.join('\n')}\n`);
      process.stdout.write('\n');
    }
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  // --misses prints the errors of the tuning splits; --only=dev3,heldout limits the splits; --rules-only leaves the scorer out.
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  await runAnalysisEval({ showMisses: process.argv.includes('--misses'), rulesOnly: process.argv.includes('--rules-only'), ...(only ? { only } : {}) });
}
