import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, ALWAYS_OPEN, businessMinutesElapsed, localDate, nextOpening, zonedInstant, type BusinessCalendar } from './calendar.js';

const weekdays = (open: string, close: string) => ({ mon: [{ open, close }], tue: [{ open, close }], wed: [{ open, close }], thu: [{ open, close }], fri: [{ open, close }] });
const ny: BusinessCalendar = { timezone: 'America/New_York', hours: weekdays('09:00', '17:00'), holidays: [{ date: '2026-07-03', name: 'Independence Day (observed)' }] };
const london: BusinessCalendar = { timezone: 'Europe/London', hours: weekdays('09:00', '17:30') };
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (s: string) => Date.parse(s);

describe('zonedInstant', () => {
  it('does map local wall time to the right instant on both sides of a DST change', () => {
    expect(iso(zonedInstant('2026-03-06', 9 * 60, 'America/New_York'))).toBe('2026-03-06T14:00:00.000Z'); // EST
    expect(iso(zonedInstant('2026-03-09', 9 * 60, 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z'); // EDT
    expect(iso(zonedInstant('2026-10-26', 9 * 60, 'Europe/London'))).toBe('2026-10-26T09:00:00.000Z'); // GMT
    expect(iso(zonedInstant('2026-10-23', 9 * 60, 'Europe/London'))).toBe('2026-10-23T08:00:00.000Z'); // BST
  });
  it('does treat 24:00 as the next local midnight', () => {
    expect(iso(zonedInstant('2026-01-05', 1440, 'Asia/Tokyo'))).toBe('2026-01-05T15:00:00.000Z');
    expect(localDate(at('2026-01-05T15:30:00Z'), 'Asia/Tokyo')).toBe('2026-01-06');
  });
});

describe('addBusinessMinutes', () => {
  it('does add within the same open range when it fits', () => {
    expect(iso(addBusinessMinutes(ny, at('2026-02-09T10:00:00-05:00'), 120))).toBe('2026-02-09T17:00:00.000Z');
  });
  it('does carry the rest to the next business morning when the day closes', () => {
    // Mon 16:00 ET + 120 → 60 today, 60 on Tue from 09:00 → Tue 10:00 ET
    expect(iso(addBusinessMinutes(ny, at('2026-02-09T16:00:00-05:00'), 120))).toBe('2026-02-10T15:00:00.000Z');
  });
  it('does start counting at opening when the clock starts at night or on a weekend', () => {
    expect(iso(addBusinessMinutes(ny, at('2026-02-07T12:00:00-05:00'), 30))).toBe('2026-02-09T14:30:00.000Z'); // Sat → Mon 09:30 ET
  });
  it('does skip a holiday when the due day is closed', () => {
    // Thu 2 Jul 16:00 ET + 120: 60 on Thu, Fri 3 Jul is a holiday, weekend, Mon 6 Jul 10:00 EDT
    expect(iso(addBusinessMinutes(ny, at('2026-07-02T16:00:00-04:00'), 120))).toBe('2026-07-06T14:00:00.000Z');
  });
  it('does land on the new UTC offset when the span crosses spring-forward', () => {
    // Fri 6 Mar 16:00 EST + 120 → Mon 9 Mar 10:00 EDT = 14:00Z (not 15:00Z)
    expect(iso(addBusinessMinutes(ny, at('2026-03-06T16:00:00-05:00'), 120))).toBe('2026-03-09T14:00:00.000Z');
  });
  it('does land on the new UTC offset when the span crosses fall-back in London', () => {
    // Fri 23 Oct 17:00 BST + 60 → Mon 26 Oct 09:30 GMT = 09:30Z
    expect(iso(addBusinessMinutes(london, at('2026-10-23T17:00:00+01:00'), 60))).toBe('2026-10-26T09:30:00.000Z');
  });
  it('does count real minutes when an around-the-clock day is 23 hours long', () => {
    const cal = ALWAYS_OPEN('America/New_York');
    // Sat 7 Mar 12:00 EST + 24 h of business time → Sun 8 Mar 13:00 EDT (clocks jumped, elapsed is 24 h)
    const from = at('2026-03-07T12:00:00-05:00');
    expect(addBusinessMinutes(cal, from, 1440)! - from).toBe(24 * 3600_000);
    expect(businessMinutesElapsed(cal, at('2026-03-08T00:00:00-05:00'), at('2026-03-09T00:00:00-04:00'))).toBe(23 * 60);
  });
  it('does return null when the calendar never opens and the start when nothing is added', () => {
    expect(addBusinessMinutes({ timezone: 'UTC', hours: {} }, 0, 10)).toBeNull();
    expect(addBusinessMinutes(ny, 12345, 0)).toBe(12345);
  });
  it('does honour several ranges a day and a range ending at 24:00', () => {
    const split: BusinessCalendar = { timezone: 'Europe/Berlin', hours: { mon: [{ open: '13:00', close: '17:00' }, { open: '08:00', close: '12:00' }], tue: [{ open: '20:00', close: '24:00' }] } };
    // Mon 11:00 + 120 → 60 until 12:00, 60 from 13:00 → 14:00 CET
    expect(iso(addBusinessMinutes(split, at('2026-01-05T11:00:00+01:00'), 120))).toBe('2026-01-05T13:00:00.000Z');
    // Mon 16:30 + 240 → 30 Mon, 210 Tue from 20:00 → Tue 23:30 CET
    expect(iso(addBusinessMinutes(split, at('2026-01-05T16:30:00+01:00'), 240))).toBe('2026-01-06T22:30:00.000Z');
  });
});

describe('businessMinutesElapsed', () => {
  it('does count only opening minutes when the span crosses nights, a weekend and DST', () => {
    expect(businessMinutesElapsed(ny, at('2026-03-06T16:00:00-05:00'), at('2026-03-09T10:00:00-04:00'))).toBe(120);
  });
  it('does count nothing on a holiday and nothing for an empty span', () => {
    expect(businessMinutesElapsed(ny, at('2026-07-03T08:00:00-04:00'), at('2026-07-03T18:00:00-04:00'))).toBe(0);
    expect(businessMinutesElapsed(ny, at('2026-07-02T10:00:00-04:00'), at('2026-07-02T10:00:00-04:00'))).toBe(0);
  });
  it('does agree with addBusinessMinutes when round-tripped over random starts', () => {
    for (let i = 0; i < 200; i++) {
      const from = at('2026-01-01T00:00:00Z') + ((i * 7_919_993) % (365 * 86_400_000));
      const mins = 1 + ((i * 37) % 3000);
      const due = addBusinessMinutes(ny, from, mins)!;
      expect(businessMinutesElapsed(ny, from, due)).toBeCloseTo(mins, 6);
    }
  });
});

describe('nextOpening', () => {
  it('does return the instant itself when open and the next morning when closed', () => {
    expect(iso(nextOpening(ny, at('2026-02-09T11:00:00-05:00')))).toBe('2026-02-09T16:00:00.000Z');
    expect(iso(nextOpening(ny, at('2026-02-09T18:00:00-05:00')))).toBe('2026-02-10T14:00:00.000Z');
  });
});
