import { describe, expect, it } from 'vitest';
import { lookalikeScore, numericCloseness } from './lookalike.js';
import type { IdealClientProfile } from '../fit/types.js';

const profile: IdealClientProfile = {
  name: 'Bookkeeping',
  fields: [{ key: 'needs', prompt: 'What do you need?', type: 'text' }],
  criteria: [
    { id: 'budget', field: 'monthly_budget', label: 'budget', kind: 'must_have', weight: 30, type: 'range', min: 400 },
    { id: 'industry', field: 'industry', label: 'industry', kind: 'nice_to_have', weight: 10, type: 'choice', accepted: ['retail', 'ecommerce'] },
    { id: 'needs', field: 'needs', label: 'needs', kind: 'nice_to_have', weight: 10, type: 'text', phrases: ['monthly bookkeeping'] },
  ],
};
const best = [
  { id: 'c1', answers: { monthly_budget: 800, industry: 'ecommerce', needs: 'Monthly reconciliation of Shopify payouts and payroll' } },
  { id: 'c2', answers: { monthly_budget: 2500, industry: 'retail', needs: 'Payroll and inventory accounting for three stores' } },
  { id: 'c3', answers: { monthly_budget: 600, industry: 'ecommerce', needs: 'Bookkeeping and sales tax' } },
];

describe('lookalikeScore', () => {
  it('does score high and name the nearest client when a prospect resembles the best clients', () => {
    const r = lookalikeScore({ monthly_budget: 750, industry: 'ecommerce', needs: 'We need Shopify payouts reconciled monthly' }, best, profile, { k: 2 });
    expect(r.score).toBeGreaterThan(75);
    expect(r.nearest[0]!.id).toBe('c1');
    expect(r.nearest[0]!.reasons.join(' ')).toContain('industry');
  });
  it('does score low when a prospect shares nothing with the best clients', () => {
    const r = lookalikeScore({ monthly_budget: 50, industry: 'crypto trading', needs: 'Help with my personal stock portfolio' }, best, profile);
    expect(r.score).toBeLessThan(30);
  });
  it('does accept plain answer objects and skip fields either side left blank', () => {
    const r = lookalikeScore({ monthly_budget: 800, industry: null }, [{ monthly_budget: 800, industry: 'retail' }], profile);
    expect(r.score).toBe(100);
  });
  it('does return zero when there are no healthy clients', () => {
    expect(lookalikeScore({ monthly_budget: 800 }, [], profile).score).toBe(0);
  });
});

describe('numericCloseness', () => {
  it('does treat values four times apart as unrelated and equal values as identical', () => {
    expect(numericCloseness(1000, 4000)).toBeCloseTo(0);
    expect(numericCloseness(1000, 2000)).toBeCloseTo(0.5);
    expect(numericCloseness(5, 5)).toBe(1);
    expect(numericCloseness(0, 3)).toBe(0);
  });
});
