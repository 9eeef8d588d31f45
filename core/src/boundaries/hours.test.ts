import { describe, expect, it } from 'vitest';
import { type AgreementLike, businessMinutesBetween, isOpenAt } from './hours.js';
import { minutesUntilDate } from './index.js';

const nyc: AgreementLike = {
  timezone: 'America/New_York',
  hours: { mon: [{ open: '09:00', close: '17:30' }], tue: [{ open: '09:00', close: '17:30' }] },
  holidays: [{ date: '2026-01-19', name: 'MLK Day' }],
  firstResponseMinutes: { low: 1440, normal: 480, high: 120, urgent: 60 },
};

describe('isOpenAt', () => {
  it('does treat 21:45 UTC as after closing when New York is on daylight time', () => {
    expect(isOpenAt(nyc, Date.parse('2026-03-09T21:45:00Z')).open).toBe(false);
    expect(isOpenAt(nyc, Date.parse('2026-03-02T21:45:00Z')).open).toBe(true); // EST: 16:45
  });
  it('does treat a holiday as closed when the hour is inside opening hours', () => {
    const r = isOpenAt(nyc, Date.parse('2026-01-19T15:00:00Z'));
    expect(r.open).toBe(false);
    expect(r.holiday).toBe('MLK Day');
  });
});

describe('businessMinutesBetween', () => {
  it('does count only opening minutes when the span crosses a night', () => {
    // Mon 18:20 ET -> Tue 09:40 ET = 40 business minutes
    expect(businessMinutesBetween(nyc, Date.parse('2026-02-09T18:20:00-05:00'), Date.parse('2026-02-10T09:40:00-05:00'))).toBe(40);
  });
});

describe('localTime', () => {
  it('does agree with Intl every few minutes of a year when zones change offset (DST, half-hour shifts)', async () => {
    const { localTime } = await import('./hours.js');
    for (const tz of ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      const fm = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 97 * 60_000 + 13_000) {
        const p = Object.fromEntries(fm.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
        const lt = localTime(t, tz);
        expect(`${lt.date} ${Math.floor(lt.minutes)}`).toBe(`${p.year}-${p.month}-${p.day} ${Number(p.hour) * 60 + Number(p.minute)}`);
      }
    }
  });
});

describe('minutesUntilDate', () => {
  const london = { timezone: 'Europe/London', hours: {}, holidays: [], firstResponseMinutes: { low: 960, normal: 240, high: 60, urgent: 15 } } as unknown as AgreementLike;
  it('counts to the end of the named day, in the agreement timezone, rolling over the year', () => {
    expect(minutesUntilDate(12, 'January', london, Date.parse('2026-01-12T16:00:00Z'))).toBe(480);
    expect(minutesUntilDate(13, 'jan', london, Date.parse('2026-01-12T16:00:00Z'))).toBe(480 + 1440);
    expect(minutesUntilDate(2, 'Jan', london, Date.parse('2026-12-30T12:00:00Z'))).toBe(720 + 2 * 1440 + 1440);
    expect(minutesUntilDate(31, 'Smarch', london, Date.parse('2026-12-30T12:00:00Z'))).toBeNull();
  });
});
