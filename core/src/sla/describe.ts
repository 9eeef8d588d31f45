import type { BusinessCalendar, SlaWeekday } from './calendar.js';

const ORDER: SlaWeekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LABEL: Record<SlaWeekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Longest opening day in minutes: what "one business day" means in this calendar. */
export function businessDayMinutes(cal: BusinessCalendar): number {
  let best = 0;
  for (const d of ORDER) best = Math.max(best, (cal.hours[d] ?? []).reduce((s, r) => s + Math.max(0, minutesOf(r.close) - minutesOf(r.open)), 0));
  return best;
}

/**
 * Opening hours in plain words, consecutive days with the same hours grouped:
 * "Mon–Fri 09:00–17:00, Sat 10:00–12:00 (Europe/London)"; "closed" when never open.
 */
export function describeHours(cal: BusinessCalendar): string {
  const key = (d: SlaWeekday) => (cal.hours[d] ?? []).map((r) => `${r.open}–${r.close}`).join(', ');
  const groups: Array<{ from: SlaWeekday; to: SlaWeekday; hours: string }> = [];
  for (const d of ORDER) {
    const h = key(d);
    const last = groups[groups.length - 1];
    if (last && last.hours === h && ORDER.indexOf(last.to) === ORDER.indexOf(d) - 1) last.to = d;
    else groups.push({ from: d, to: d, hours: h });
  }
  const open = groups.filter((g) => g.hours);
  if (!open.length) return `closed (${cal.timezone})`;
  const text = open.map((g) => `${g.from === g.to ? LABEL[g.from] : `${LABEL[g.from]}–${LABEL[g.to]}`} ${g.hours}`).join('; ');
  return `${text} (${cal.timezone})`;
}

/** A promise in business time in plain words: "30 business minutes", "4 business hours", "1 business day". */
export function describeBusinessMinutes(minutes: number, cal?: BusinessCalendar): string {
  const plural = (n: number, w: string) => `${n} business ${w}${n === 1 ? '' : 's'}`;
  const day = cal ? businessDayMinutes(cal) : 0;
  if (day > 0 && minutes >= day && minutes % day === 0) return plural(minutes / day, 'day');
  if (minutes >= 60 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  if (minutes > 60) return `${plural(Math.floor(minutes / 60), 'hour')} ${minutes % 60} minutes`;
  return plural(minutes, 'minute');
}
