import { describe, expect, it } from 'vitest';
import { computeRefund, prorate } from './refund.js';

const base = { startDate: '2026-03-01', paidAmount: 30_000, periodStart: '2026-06-01', periodEnd: '2026-07-01', currency: 'USD' };

describe('computeRefund', () => {
  it('does refund in full when the exit is inside the guarantee window', () => {
    const r = computeRefund({ ...base, policy: { kind: 'full_then_prorated', guaranteeDays: 30 }, exitDate: '2026-03-31' });
    expect(r).toMatchObject({ amount: 30_000, rule: 'full_guarantee', currency: 'USD' });
  });

  it('does prorate the unused share of the period when the guarantee has passed', () => {
    const r = computeRefund({ ...base, policy: { kind: 'full_then_prorated', guaranteeDays: 30 }, exitDate: '2026-06-11' });
    // 10 of 30 days used → 20/30 of 300.00 = 200.00
    expect(r).toMatchObject({ amount: 20_000, rule: 'prorated' });
    expect(r.reasons.join(' ')).toContain('20 of 30 paid days unused');
  });

  it('does refund nothing after the window when the policy is full then none', () => {
    const r = computeRefund({ ...base, policy: { kind: 'full_then_none', guaranteeDays: 14 }, exitDate: '2026-04-01' });
    expect(r).toMatchObject({ amount: 0, rule: 'none' });
  });

  it('does refund nothing when the policy is none even on day one', () => {
    expect(computeRefund({ ...base, policy: { kind: 'none', guaranteeDays: 30 }, exitDate: '2026-03-01' }).amount).toBe(0);
  });

  it('does ask for review when a prorated refund has no period', () => {
    const r = computeRefund({ policy: { kind: 'prorated' }, startDate: '2026-01-01', exitDate: '2026-02-10', paidAmount: 1000, currency: 'EUR' });
    expect(r.rule).toBe('needs_review');
  });

  it('does round half up in integer cents without float drift', () => {
    expect(prorate(1000, 1, 3)).toBe(333);
    expect(prorate(1001, 1, 2)).toBe(501);
    expect(prorate(Number.MAX_SAFE_INTEGER, 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    const r = computeRefund({ ...base, paidAmount: 9_999, policy: { kind: 'prorated' }, exitDate: '2026-06-08' });
    expect(r.amount).toBe(7_666); // 9999 × 23/30 = 7665.9
    expect(Number.isInteger(r.amount)).toBe(true);
  });

  it('does refund the whole period when the exit is before it starts and nothing after it ends', () => {
    expect(computeRefund({ ...base, policy: { kind: 'prorated' }, exitDate: '2026-05-20' }).amount).toBe(30_000);
    expect(computeRefund({ ...base, policy: { kind: 'prorated' }, exitDate: '2026-07-15' }).amount).toBe(0);
  });

  it('does refuse amounts that are not integer minor units', () => {
    expect(() => computeRefund({ ...base, paidAmount: 10.5, policy: { kind: 'prorated' }, exitDate: '2026-06-08' })).toThrow(RangeError);
  });
});

describe('computeRefund properties', () => {
  it('does always return integer cents between 0 and the paid amount whatever the dates', async () => {
    const fc = (await import('fast-check')).default;
    const day = fc.integer({ min: 0, max: 2000 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString());
    fc.assert(
      fc.property(
        fc.constantFrom('full_then_prorated', 'full_then_none', 'prorated', 'none' as const),
        fc.integer({ min: 0, max: 365 }),
        fc.integer({ min: 0, max: 10_000_000_00 }),
        day,
        day,
        day,
        fc.integer({ min: 1, max: 400 }),
        (kind, guaranteeDays, paidAmount, start, exit, periodStart, periodLen) => {
          const periodEnd = new Date(Date.parse(periodStart) + periodLen * 86_400_000).toISOString();
          const r = computeRefund({ policy: { kind, guaranteeDays }, startDate: start, exitDate: exit, paidAmount, periodStart, periodEnd, currency: 'USD' });
          return Number.isInteger(r.amount) && r.amount >= 0 && r.amount <= paidAmount && r.reasons.length > 0;
        },
      ),
    );
  });
});
