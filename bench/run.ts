import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFoundation } from './foundation.bench.js';

/**
 * `npm run bench`: prints one JSON summary and writes it to bench/results/. Sizes come from
 * BENCH_REQUESTS (default 100000) and BENCH_SERVICE_REQUESTS (default 10000). PostgreSQL is measured when DATABASE_URL is set (the npm
 * script starts a throwaway server when Debian's postgresql is installed). BENCH_ONLY picks
 * suites: foundation, analysis, mail (comma-separated).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const n = Number(process.env.BENCH_REQUESTS ?? 100_000);
// The service layer runs the whole pipeline per message; 100k of them take an hour on PGlite, so
// by default a 10k sample gives its throughput (BENCH_SERVICE_REQUESTS=100000 for all of it).
const serviceN = Math.min(n, Number(process.env.BENCH_SERVICE_REQUESTS ?? 10_000));
const only = new Set((process.env.BENCH_ONLY ?? 'foundation,analysis,mail').split(','));
const log = (s: string) => process.stderr.write(s + '\n');

const result: Record<string, unknown> = {
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
};
if (only.has('foundation')) {
  result.foundation = [await benchFoundation('pglite', n, serviceN, log)];
  if (process.env.DATABASE_URL) (result.foundation as unknown[]).push(await benchFoundation('postgres', n, serviceN, log));
}
for (const [name, file, fn] of [
  ['analysis', './analysis.bench.js', 'benchAnalysis'],
  ['mail', './mail.bench.js', 'benchMail'],
] as const) {
  if (!only.has(name) || !fs.existsSync(path.join(here, file.replace('.js', '.ts')))) continue;
  log(`${name}…`);
  const mod = (await import(file)) as Record<string, () => Promise<unknown>>;
  result[name] = await mod[fn]!();
}
const json = JSON.stringify(result, null, 2);
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', `bench-${result.at as string}.json`.replace(/:/g, '-')), json);
fs.writeFileSync(path.join(here, 'results', 'latest.json'), json);
console.log(json);
process.exit(0);
