import type { Cadence } from '@fitdesk/contracts';

/** The next run after `from` for a cadence (calendar months in UTC, clamped to the month's last day). */
export function nextRun(from: Date, cadence: Cadence): Date {
  if (cadence === 'weekly' || cadence === 'biweekly') return new Date(from.getTime() + (cadence === 'weekly' ? 7 : 14) * 86_400_000);
  const months = cadence === 'monthly' ? 1 : 3;
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(from.getUTCDate(), lastDay), from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds()));
}

/** The first run strictly after `now`, stepping from `from` (a schedule that fell behind skips the missed runs). */
export function nextRunAfter(from: Date, cadence: Cadence, now: Date): Date {
  let t = nextRun(from, cadence);
  for (let i = 0; t <= now && i < 1000; i++) t = nextRun(t, cadence);
  return t;
}
