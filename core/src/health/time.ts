/** A moment given as an ISO string, a Date or epoch milliseconds. */
export type Instant = string | Date | number;

export const DAY_MS = 86_400_000;

/** Epoch milliseconds of an instant; NaN when the string does not parse. */
export function toMs(t: Instant): number {
  if (typeof t === 'number') return t;
  if (t instanceof Date) return t.getTime();
  return Date.parse(t);
}

/** Age in days of `at` relative to `now`, never negative (future events count as fresh). */
export function ageDays(at: Instant, now: Instant): number {
  const d = (toMs(now) - toMs(at)) / DAY_MS;
  return Number.isFinite(d) ? Math.max(0, d) : Number.POSITIVE_INFINITY;
}

/** Exponential decay weight 0.5^(age / halfLife): 1 today, ½ after one half-life. */
export function decay(age: number, halfLifeDays: number): number {
  if (!Number.isFinite(age)) return 0;
  return halfLifeDays > 0 ? Math.pow(0.5, age / halfLifeDays) : age === 0 ? 1 : 0;
}
