import { describe, expect, it } from 'vitest';
import { DEADLINE_EXPR, FOLLOW_UP } from './cues.js';
import { minutesUntilDeadline } from './index.js';

const london = { timezone: 'Europe/London', weeklyHours: {}, holidays: [], aroundTheClock: [], firstResponseMinutes: { low: 960, normal: 240, high: 60, urgent: 15 } } as never;

describe('pressure cues', () => {
  it('reads a count of minutes in words as a deadline', () => {
    for (const [text, minutes] of [
      ['I need someone on this within the next fifteen minutes.', 15],
      ['CALL ME BACK IN THE NEXT TEN MINUTES.', 10],
      ['Confirmation within the next thirty minutes, please.', 30],
      ['in the next forty-five minutes or we go elsewhere', 45],
    ] as const) {
      DEADLINE_EXPR.lastIndex = 0;
      const m = DEADLINE_EXPR.exec(text);
      expect(m, text).not.toBeNull();
      expect(minutesUntilDeadline(m![0], london, Date.parse('2026-11-23T10:00:00Z'))).toBe(minutes);
    }
  });

  it('reads a complaint about time gone as chasing, and not an ordinary mention of hours', () => {
    for (const text of ['Two days and nothing!!!', 'An hour gone. Still locked out.', "It's been three and a half hours.", 'not a single answer all day', "It's 9:25 and my phone hasn't rung.", 'bit surprised not to have heard anything since Thursday', 'did you credit it or not', 'you can\'t even answer an email', '70 min. are you kidding me']) {
      expect(FOLLOW_UP.test(text), text).toBe(true);
    }
    for (const text of ['The install takes two hours and needs a reboot.', 'We open in three days, could you check the menu?', 'Could we book two hours next week?']) {
      expect(FOLLOW_UP.test(text), text).toBe(false);
    }
  });
});
