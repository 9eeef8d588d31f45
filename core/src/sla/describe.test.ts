import { describe, expect, it } from 'vitest';
import { describeBusinessMinutes, describeHours } from './describe.js';

const cal = { timezone: 'Europe/London', hours: { mon: [{ open: '09:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }], wed: [{ open: '09:00', close: '17:00' }], sat: [{ open: '10:00', close: '12:00' }] } };

describe('describeHours', () => {
  it('does group consecutive days with the same hours when quoting the agreement', () => {
    expect(describeHours(cal)).toBe('Mon–Wed 09:00–17:00; Sat 10:00–12:00 (Europe/London)');
    expect(describeHours({ timezone: 'UTC', hours: {} })).toBe('closed (UTC)');
  });
});
describe('describeBusinessMinutes', () => {
  it('does say days when the promise is a whole number of business days', () => {
    expect(describeBusinessMinutes(480, cal)).toBe('1 business day');
    expect(describeBusinessMinutes(960, cal)).toBe('2 business days');
    expect(describeBusinessMinutes(240, cal)).toBe('4 business hours');
    expect(describeBusinessMinutes(90, cal)).toBe('1 business hour 30 minutes');
    expect(describeBusinessMinutes(30)).toBe('30 business minutes');
  });
});
