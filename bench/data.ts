/** Deterministic synthetic desk traffic for benchmarks (seeded PRNG: the same rows every run). */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'invoice payroll refund quarter filing statement account balance payment overdue reconcile vendor receipt tax return ' +
  'deadline meeting schedule report budget forecast contract renewal support outage login password server backup email ' +
  'calendar question update status review approval signature document upload portal access error issue problem request ' +
  'thanks please urgent today tomorrow week month team office client customer project design logo website campaign ' +
  'appointment prescription insurance claim billing estimate proposal scope delivery shipping order warehouse inventory'
).split(' ');
const RARE = 'zephyr quokka marzipan obsidian tamarind vellum'.split(' ');

export function sentence(rand: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rand() < 0.002 ? RARE[Math.floor(rand() * RARE.length)]! : WORDS[Math.floor(rand() * WORDS.length)]!);
  out[0] = out[0]![0]!.toUpperCase() + out[0]!.slice(1);
  return out.join(' ') + '.';
}

export interface GenRequest {
  subject: string;
  contact: number;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: 'new' | 'open' | 'waiting' | 'resolved' | 'closed';
  messages: Array<{ direction: 'inbound' | 'outbound' | 'note'; body: string; minutesAfter: number }>;
  startMinutesAgo: number;
}

/** n requests, three messages each (client, reply, client follow-up or note). */
export function* generate(n: number, contacts: number, seed = 42): Generator<GenRequest> {
  const rand = prng(seed);
  const statuses = ['new', 'open', 'open', 'waiting', 'resolved', 'closed', 'closed'] as const;
  const prios = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const;
  for (let i = 0; i < n; i++) {
    yield {
      subject: sentence(rand, 4 + Math.floor(rand() * 5)).slice(0, -1),
      contact: Math.floor(rand() * contacts),
      priority: prios[Math.floor(rand() * prios.length)]!,
      status: statuses[Math.floor(rand() * statuses.length)]!,
      startMinutesAgo: Math.floor(rand() * 60 * 24 * 365),
      messages: [
        { direction: 'inbound', body: Array.from({ length: 2 + Math.floor(rand() * 4) }, () => sentence(rand, 8 + Math.floor(rand() * 12))).join(' '), minutesAfter: 0 },
        { direction: 'outbound', body: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => sentence(rand, 8 + Math.floor(rand() * 10))).join(' '), minutesAfter: 30 + Math.floor(rand() * 600) },
        { direction: rand() < 0.7 ? 'inbound' : 'note', body: sentence(rand, 6 + Math.floor(rand() * 14)), minutesAfter: 700 + Math.floor(rand() * 2000) },
      ],
    };
  }
}

export const SEARCH_TERMS = ['invoice', 'payroll refund', 'zephyr', 'quokka marzipan', 'outage server', 'prescription insurance claim', 'deadline tomorrow', 'nonexistentword'];

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50_ms: r(percentile(s, 50)), p99_ms: r(percentile(s, 99)), max_ms: r(s[s.length - 1] ?? NaN) };
}
