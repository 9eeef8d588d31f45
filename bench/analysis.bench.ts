import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { type AnalyzeOptions, DuplicateIndex, analyzeMessage, cleanMessage, fingerprint, learnedRepeatOf, repeatQuery, type AgreementLike, type RepeatCandidate } from '@fitdesk/core';

/** Deterministic PRNG (mulberry32) so every run benchmarks the same texts. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the invoice payroll scanner folder report laptop account statement printer client meeting deadline tomorrow please could you check update send review thanks again still waiting broken fixed team office email portal access password reset bank deposit charge refund schedule call back monday friday week month quarter tax return filing numbers files draft logo website server network backup contract lease tenant repair plumber leak appointment session coach resume feedback'.split(' ');
const OPENERS = ['Hi Dana,', 'Hello team,', 'Morning,', 'Hey,', ''];
const FLAVOURS = [
  'Thanks so much for the quick fix yesterday!',
  'This is the third time this week and nobody has replied. Unacceptable.',
  "I'm a bit worried the numbers don't look right.",
  'You people are useless, LEARN TO READ!!!',
  'No rush, whenever you get a chance.',
  'Our server is down and nobody can log in.',
];

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + (r() < 0.2 ? '?' : '.');
}

function message(r: () => number, sentences: number): string {
  const parts = [OPENERS[Math.floor(r() * OPENERS.length)]!];
  for (let i = 0; i < sentences; i++) parts.push(r() < 0.3 ? FLAVOURS[Math.floor(r() * FLAVOURS.length)]! : sentence(r, 6 + Math.floor(r() * 10)));
  parts.push('\nThanks,\nSam\n\nOn Mon, Jan 5, 2026 at 10:00 AM Dana <dana@example.com> wrote:\n> earlier message quoted here\n> and another line');
  return parts.join(' ');
}

const AGREEMENT: AgreementLike = {
  timezone: 'America/New_York',
  hours: { mon: [{ open: '09:00', close: '17:30' }], tue: [{ open: '09:00', close: '17:30' }], wed: [{ open: '09:00', close: '17:30' }], thu: [{ open: '09:00', close: '17:30' }], fri: [{ open: '09:00', close: '17:30' }] },
  holidays: [{ date: '2026-01-01', name: "New Year's Day" }],
  aroundTheClock: ['outage', 'security incident'],
  firstResponseMinutes: { low: 1440, normal: 480, high: 120, urgent: 60 },
  inScope: ['monthly bookkeeping and categorisation', 'bank and credit card reconciliation', "payroll for the client's employees"],
  outOfScope: ['personal or family tax returns', 'household employee payroll', 'investment or financial planning advice', 'IRS audit representation', 'entity formation and legal advice'],
};

function throughput(texts: string[], minMs = 1500, options: AnalyzeOptions = {}): { messagesPerSecond: number; messages: number; avgChars: number } {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const body of texts) {
      analyzeMessage({ body, subject: 'Question', sentAt: '2026-01-06T15:00:00Z', channel: 'email', agreement: AGREEMENT }, options);
      n++;
    }
    elapsed = performance.now() - start;
  }
  const avgChars = Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length);
  return { messagesPerSecond: Math.round((n / elapsed) * 1000), messages: n, avgChars };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Throughput as the median of three one-second runs (the runs are reported too): one run on a shared machine can be off by a quarter. */
function medianOfThree(texts: string[]): { messagesPerSecond: number; runs: number[]; messages: number; avgChars: number } {
  const runs = [throughput(texts, 1000), throughput(texts, 1000), throughput(texts, 1000)];
  const rates = runs.map((x) => x.messagesPerSecond);
  return { messagesPerSecond: median(rates), runs: rates, messages: runs.reduce((a, x) => a + x.messages, 0), avgChars: runs[0]!.avgChars };
}

/** What the learned scorer costs: typical messages with and without it, alternating in the same run (medians of three). */
function scorerCost(texts: string[]): { withScorer: number; rulesAlone: number; ratio: number } {
  const withScorer: number[] = [];
  const rulesAlone: number[] = [];
  for (let i = 0; i < 3; i++) {
    withScorer.push(throughput(texts, 1000).messagesPerSecond);
    rulesAlone.push(throughput(texts, 1000, { scorer: null }).messagesPerSecond);
  }
  return { withScorer: median(withScorer), rulesAlone: median(rulesAlone), ratio: Math.round((median(withScorer) / median(rulesAlone)) * 100) / 100 };
}

/**
 * What the learned repeat check adds to a typical message with five earlier messages of the sender
 * in the last week: cold (every earlier message read for the first time) and warm (read before, as
 * in a stream, where each message is read once as a candidate and kept), as the share of a typical
 * message's analysis time.
 */
function repeatCheckCost(texts: string[], typicalPerSecond: number): { coldMicros: number; warmMicros: number; coldShareOfAnalysis: number; warmShareOfAnalysis: number } {
  const sentAt = Date.parse('2026-01-06T15:00:00Z');
  const historyOf = (i: number): RepeatCandidate[] =>
    Array.from({ length: 5 }, (_, k) => ({ id: `h${i}-${k}`, sentAt: new Date(sentAt - (k + 1) * 7_200_000).toISOString(), channel: k % 2 ? 'portal' : 'email', direction: 'inbound' as const, text: texts[(i + k + 1) % texts.length]! }));
  const run = (histories: RepeatCandidate[][]) => {
    const start = performance.now();
    let n = 0;
    for (let round = 0; round < 5; round++)
      for (let i = 0; i < texts.length; i++) {
        const c = cleanMessage(texts[i]!);
        learnedRepeatOf(repeatQuery(c.text, c.stripped, 'phone', sentAt), histories[i]!);
        n++;
      }
    return ((performance.now() - start) * 1000) / n;
  };
  const warmHistories = texts.map((_, i) => historyOf(i));
  run(warmHistories);
  const warm = run(warmHistories);
  const cold = run(texts.map((_, i) => historyOf(i)));
  const analysisMicros = 1e6 / typicalPerSecond;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { coldMicros: Math.round(cold), warmMicros: Math.round(warm), coldShareOfAnalysis: round(cold / analysisMicros), warmShareOfAnalysis: round(warm / analysisMicros) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Analysis throughput (one core) for short, typical and long messages, and duplicate lookup latency with `stored` fingerprints indexed. */
export async function benchAnalysis(opts: { stored?: number; clients?: number } = {}): Promise<object> {
  const r = prng(42);
  const short = Array.from({ length: 200 }, () => message(r, 1));
  const typical = Array.from({ length: 200 }, () => message(r, 5));
  const long = Array.from({ length: 50 }, () => message(r, 40));
  // Warm up the JIT and the per-word caches on every size.
  for (const texts of [short, typical, long]) throughput(texts, 400);
  const typicalRate = medianOfThree(typical);
  const analysis = { short: medianOfThree(short), typical: typicalRate, long: medianOfThree(long), scorer: scorerCost(typical), repeatCheck: repeatCheckCost(typical, typicalRate.messagesPerSecond) };

  const stored = opts.stored ?? 1_000_000;
  const clients = opts.clients ?? 50_000;
  const index = new DuplicateIndex({ expected: stored });
  const buildStart = performance.now();
  const keep: Array<{ client: string; text: string }> = [];
  for (let i = 0; i < stored; i++) {
    const client = `client-${Math.floor(r() * clients)}`;
    const text = `${sentence(r, 8 + Math.floor(r() * 12))} ${sentence(r, 6 + Math.floor(r() * 10))}`;
    index.add(`m${i}`, client, fingerprint(text));
    if (i % Math.floor(stored / 1000) === 0) keep.push({ client, text });
  }
  const buildMs = performance.now() - buildStart;

  // Lookups: half are re-sent copies (re-wrapped, junk added), half are new texts.
  const lat: number[] = [];
  let hits = 0;
  for (let i = 0; i < 2000; i++) {
    const k = keep[i % keep.length]!;
    const text = i % 2 === 0 ? `FW: ${k.text.replace(/ /g, (m) => (r() < 0.1 ? '\n' : m))} zqxv` : `${sentence(r, 10)} ${sentence(r, 8)}`;
    const client = i % 2 === 0 ? k.client : `client-${Math.floor(r() * clients)}`;
    const t0 = performance.now();
    const fp = fingerprint(text);
    const found = index.findDuplicate(client, fp);
    lat.push(performance.now() - t0);
    if (found && i % 2 === 0) hits++;
  }
  lat.sort((a, b) => a - b);
  const mem = process.memoryUsage();
  return {
    analysis,
    duplicates: {
      stored: index.size,
      clients,
      buildSeconds: Math.round(buildMs / 100) / 10,
      lookupMsP50: Math.round(percentile(lat, 50) * 1000) / 1000,
      lookupMsP99: Math.round(percentile(lat, 99) * 1000) / 1000,
      resentCopiesFound: `${hits}/1000`,
      note: 'lookup latency includes fingerprinting the incoming text',
    },
    memoryMB: { rss: Math.round(mem.rss / 1e6), arrayBuffers: Math.round(mem.arrayBuffers / 1e6) },
    node: process.version,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const stored = Number(process.argv[2] ?? 1_000_000);
  process.stdout.write(`${JSON.stringify(await benchAnalysis({ stored }), null, 2)}\n`);
}
