/** Structural twin of contracts' Agreement (same field names), so a contracts Agreement can be passed straight in. */
export interface AgreementLike {
  timezone: string;
  hours: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<{ open: string; close: string }>>>;
  holidays?: Array<{ date: string; name?: string }>;
  aroundTheClock?: string[];
  channels?: string[];
  firstResponseMinutes: { low: number; normal: number; high: number; urgent: number };
  resolutionMinutes?: { low: number; normal: number; high: number; urgent: number };
  inScope?: string[];
  outOfScope?: string[];
  groundRules?: string[];
}

/** Wall-clock parts of an instant in a timezone. */
export interface LocalTime {
  date: string;
  weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  /** Minutes since local midnight, with seconds as a fraction. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, LocalTime['weekday']> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

// UTC offset per timezone and half hour: Intl is asked once per bucket, then plain arithmetic.
const offsetCache = new Map<string, number>();
const WEEKDAY_OF_UTC_DAY: LocalTime['weekday'][] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Local date, weekday and minute-of-day of an instant (epoch ms) in an IANA timezone; DST-correct via Intl. */
export function localTime(epochMs: number, tz: string): LocalTime {
  const bucket = Math.floor(epochMs / 1_800_000);
  const key = `${tz}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    // Offsets change on hour or half-hour boundaries (Lord Howe); probe at the start of the half hour.
    const lt = intlLocalTime(bucket * 1_800_000, tz);
    const [y, mo, d] = lt.date.split('-').map(Number) as [number, number, number];
    offset = Date.UTC(y, mo - 1, d, 0, 0, 0) + Math.round(lt.minutes * 60_000) - bucket * 1_800_000;
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  const wall = new Date(epochMs + offset);
  const date = `${wall.getUTCFullYear()}-${String(wall.getUTCMonth() + 1).padStart(2, '0')}-${String(wall.getUTCDate()).padStart(2, '0')}`;
  return { date, weekday: WEEKDAY_OF_UTC_DAY[wall.getUTCDay()]!, minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes() + wall.getUTCSeconds() / 60 + wall.getUTCMilliseconds() / 60000 };
}

/** Local time straight from Intl (no cache). */
function intlLocalTime(epochMs: number, tz: string): LocalTime {
  const parts = formatter(tz).formatToParts(new Date(epochMs));
  let y = '', mo = '', d = '', wd = '', h = 0, mi = 0, s = 0;
  for (const p of parts) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') mo = p.value;
    else if (p.type === 'day') d = p.value;
    else if (p.type === 'weekday') wd = p.value;
    else if (p.type === 'hour') h = Number(p.value) % 24;
    else if (p.type === 'minute') mi = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  return { date: `${y}-${mo}-${d}`, weekday: WEEKDAYS[wd] ?? 'mon', minutes: h * 60 + mi + s / 60 };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Opening ranges (minutes of day) for a local date, empty on holidays and closed days. */
function rangesFor(agreement: AgreementLike, lt: LocalTime): Array<[number, number]> {
  if (agreement.holidays?.some((h) => h.date === lt.date)) return [];
  return (agreement.hours[lt.weekday] ?? []).map((r) => [toMinutes(r.open), toMinutes(r.close)] as [number, number]);
}

/** Whether the agreement's business is open at an instant (holidays closed). */
export function isOpenAt(agreement: AgreementLike, epochMs: number): { open: boolean; local: LocalTime; holiday?: string } {
  const local = localTime(epochMs, agreement.timezone);
  const holiday = agreement.holidays?.find((h) => h.date === local.date);
  if (holiday) return { open: false, local, holiday: holiday.name ?? holiday.date };
  const open = rangesFor(agreement, local).some(([o, c]) => local.minutes >= o && local.minutes < c);
  return { open, local };
}

/** Business minutes between two instants under the agreement's hours (walks local days; capped at 60 days). */
export function businessMinutesBetween(agreement: AgreementLike, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  let t = fromMs;
  for (let guard = 0; guard < 62 && t < toMs; guard++) {
    const lt = localTime(t, agreement.timezone);
    const dayLeft = 1440 - lt.minutes;
    const spanEnd = Math.min(lt.minutes + (toMs - t) / 60000, 1440);
    for (const [o, c] of rangesFor(agreement, lt)) {
      const a = Math.max(o, lt.minutes);
      const b = Math.min(c, spanEnd);
      if (b > a) total += b - a;
    }
    // Step to the next local midnight; +1 s guards against a DST day shorter than 24 h.
    t += dayLeft * 60000 + 1000;
  }
  return Math.round(total);
}
