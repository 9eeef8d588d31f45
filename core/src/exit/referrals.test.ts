import { describe, expect, it } from 'vitest';
import { suggestReferrals } from './referrals.js';

describe('suggestReferrals', () => {
  const directory = [
    { id: 'p1', name: 'Harbor Tax', specialties: ['personal tax returns', 'tax planning'] },
    { id: 'p2', name: 'Pixel & Co', specialties: ['logo design', 'social media graphics'] },
    { id: 'p3', name: 'Clearbooks', specialties: ['bookkeeping', 'payroll'] },
  ];
  it('does rank the provider whose specialty matches the need first', () => {
    const r = suggestReferrals(['family tax filing'], directory);
    expect(r[0]!.id).toBe('p1');
    expect(r[0]!.reasons[0]).toContain('personal tax returns');
    expect(r.find((x) => x.id === 'p2')).toBeUndefined();
  });
  it('does accept free text when the needs are written as a sentence', () => {
    const r = suggestReferrals('We just need a new logo and some Instagram posts', directory);
    expect(r[0]!.id).toBe('p2');
  });
  it('does return nothing when there are no needs', () => {
    expect(suggestReferrals([], directory)).toEqual([]);
  });
});
