/**
 * Business-time arithmetic in a service agreement's calendar: weekly opening ranges in an IANA
 * timezone, closed holidays, DST-correct through Intl. Pure: every instant is passed in.
 *
 * A business minute is a real (elapsed) minute during which the business is open, so an
 * opening range that spans a DST change counts the minutes that actually passed.
 */

export type SlaWeekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** The calendar part of an agreement (a contracts Agreement can be passed straight in). */
export interface BusinessCalendar {
  timezone: string;
  hours: Partial<Record<SlaWeekday, Array<{ open: string; close: string }>>>;
  holidays?: Array<{ date: string; name?: string }>;
}

/** Open every minute of every day (for around-the-clock categories). */
export const ALWAYS_OPEN = (timezone = 'UTC'): BusinessCalendar => ({
  timezone,
  hours: Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [d, [{ open: '00:00', close: '24:00' }]])),
});

const DAYS: SlaWeekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE = 60_000;
/** Searching further than this for an opening means the calendar never opens. */
const MAX_DAYS = 3 * 366;

const fmts = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string): Intl.DateTimeFormat {
  let f = fmts.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    fmts.set(tz, f);
  }
  return f;
}

/** The wall-clock reading (as if it were UTC) of an instant in a timezone. */
function wallMs(epochMs: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of fmt(tz).formatToParts(new Date(epochMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, (p.hour ?? 0) % 24, p.minute ?? 0, p.second ?? 0) + (epochMs % 1000 + 1000) % 1000;
}

/** UTC offset (ms) of a timezone at an instant. */
export function tzOffsetMs(epochMs: number, tz: string): number {
  return wallMs(epochMs, tz) - epochMs;
}

/**
 * The instant of a local wall-clock time (date YYYY-MM-DD + minutes since midnight, 1440 = next
 * midnight). A time skipped by a spring-forward lands on the same offset as before the gap.
 */
export function zonedInstant(date: string, minuteOfDay: number, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE;
  const first = wall - tzOffsetMs(wall, tz);
  return wall - tzOffsetMs(first, tz);
}

/** Local calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function localDate(epochMs: number, tz: string): string {
  return new Date(wallMs(epochMs, tz)).toISOString().slice(0, 10);
}

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function weekdayOf(date: string): SlaWeekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** Opening intervals [start, end) as instants for one local date; none on a holiday. */
export function openIntervals(cal: BusinessCalendar, date: string): Array<[number, number]> {
  if (cal.holidays?.some((h) => h.date === date)) return [];
  const ranges = (cal.hours[weekdayOf(date)] ?? []).map((r) => [toMinutes(r.open), toMinutes(r.close)] as const).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [o, c] of ranges) {
    const s = zonedInstant(date, o, cal.timezone);
    const e = zonedInstant(date, c, cal.timezone);
    if (e <= s) continue;
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e); // overlapping ranges count once
    else out.push([s, e]);
  }
  return out;
}

/** Whether the calendar has any opening at all (else no business-time target can be met). */
export function hasOpenHours(cal: BusinessCalendar): boolean {
  return Object.values(cal.hours).some((r) => (r ?? []).some((x) => toMinutes(x.close) > toMinutes(x.open)));
}

/**
 * Business minutes elapsed between two instants: the open time inside [fromMs, toMs).
 * 0 when toMs <= fromMs. Fractions of a minute are kept (round for display).
 */
export function businessMinutesElapsed(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  let total = 0;
  // Start a day early: an opening range of the previous local date may run past midnight (24:00).
  let date = addDays(localDate(fromMs, cal.timezone), -1);
  const lastDate = localDate(toMs, cal.timezone);
  for (let i = 0; date <= lastDate && i < 40_000; i++, date = addDays(date, 1)) {
    for (const [s, e] of openIntervals(cal, date)) {
      const a = Math.max(s, fromMs);
      const b = Math.min(e, toMs);
      if (b > a) total += (b - a) / MINUTE;
    }
  }
  return total;
}

/**
 * The instant at which `minutes` business minutes have elapsed after `fromMs`
 * (due time of a promise). Returns `fromMs` for 0 minutes and null when the calendar has no
 * opening within three years (a calendar that never opens cannot be due).
 */
export function addBusinessMinutes(cal: BusinessCalendar, fromMs: number, minutes: number): number | null {
  if (!(minutes > 0)) return fromMs;
  if (!hasOpenHours(cal)) return null;
  let remaining = minutes;
  let date = addDays(localDate(fromMs, cal.timezone), -1);
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    for (const [s, e] of openIntervals(cal, date)) {
      const a = Math.max(s, fromMs);
      if (e <= a) continue;
      const avail = (e - a) / MINUTE;
      if (remaining <= avail) return Math.round(a + remaining * MINUTE);
      remaining -= avail;
    }
  }
  return null;
}

/** The next instant at or after `fromMs` when the business is open (null if it never opens). */
export function nextOpening(cal: BusinessCalendar, fromMs: number): number | null {
  if (!hasOpenHours(cal)) return null;
  let date = addDays(localDate(fromMs, cal.timezone), -1);
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    for (const [s, e] of openIntervals(cal, date)) if (e > fromMs) return Math.max(s, fromMs);
  }
  return null;
}
