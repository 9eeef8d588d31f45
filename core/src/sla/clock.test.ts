import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './calendar.js';
import { pauseSlaClock, resumeSlaClock, slaDueAt, slaStatus, slaWarningAt, startSlaClock, warningThreshold } from './clock.js';

const cal: BusinessCalendar = { timezone: 'America/New_York', hours: { mon: [{ open: '09:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }], wed: [{ open: '09:00', close: '17:00' }] } };
const at = (s: string) => Date.parse(s);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('SLA clock', () => {
  it('does push the due time out by the paused span when waiting on the client', () => {
    let c = startSlaClock(240, at('2026-02-09T09:00:00-05:00')); // due Mon 13:00 ET
    expect(iso(slaDueAt(cal, c))).toBe('2026-02-09T18:00:00.000Z');
    c = pauseSlaClock(cal, c, at('2026-02-09T10:00:00-05:00')); // 60 used
    expect(slaDueAt(cal, c)).toBeNull();
    expect(slaStatus(cal, c, at('2026-02-09T16:00:00-05:00'))).toMatchObject({ usedMinutes: 60, paused: true, phase: 'ok' });
    c = resumeSlaClock(c, at('2026-02-09T16:00:00-05:00')); // 180 left: 60 Mon + 120 Tue → Tue 11:00 ET
    expect(iso(slaDueAt(cal, c))).toBe('2026-02-10T16:00:00.000Z');
  });
  it('does warn at 75% of the target or N minutes before, whichever is earlier', () => {
    expect(warningThreshold(240)).toBe(180);
    expect(warningThreshold(240, { fraction: 0.9, beforeMinutes: 60 })).toBe(180);
    expect(warningThreshold(240, { fraction: 0.5, beforeMinutes: 30 })).toBe(120);
    const c = startSlaClock(240, at('2026-02-09T09:00:00-05:00'));
    expect(iso(slaWarningAt(cal, c))).toBe('2026-02-09T17:00:00.000Z'); // 12:00 ET
  });
  it('does report warning and breach phases as business time passes', () => {
    const c = startSlaClock(60, at('2026-02-09T16:30:00-05:00'));
    expect(slaStatus(cal, c, at('2026-02-09T16:50:00-05:00')).phase).toBe('ok');
    expect(slaStatus(cal, c, at('2026-02-10T09:16:00-05:00')).phase).toBe('warning'); // 46 used
    expect(slaStatus(cal, c, at('2026-02-10T09:31:00-05:00'))).toMatchObject({ phase: 'breached', remainingMinutes: -1 });
  });
  it('does make a pause and resume a no-op when repeated', () => {
    const c = startSlaClock(60, 0);
    const p = pauseSlaClock(cal, c, 1000);
    expect(pauseSlaClock(cal, p, 5000)).toBe(p);
    const r = resumeSlaClock(p, 9000);
    expect(resumeSlaClock(r, 10000)).toBe(r);
  });
});
