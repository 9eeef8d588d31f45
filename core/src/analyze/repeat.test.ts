import { describe, expect, it } from 'vitest';
import { carryFromRepeated } from './repeat.js';
import type { EvidenceItem } from './index.js';

const plain = { boundaries: ['off_hours' as const], evidence: [] as EvidenceItem[], urgency: 'normal' as const };

describe('carryFromRepeated', () => {
  it('keeps the out-of-scope ask and a personal approach of the original, quoting its words', () => {
    const out = carryFromRepeated(plain, {
      id: 'm1',
      boundaries: ['personal', 'out_of_scope', 'pressure', 'abuse'],
      evidence: [{ label: 'boundary:out_of_scope', rule: 'out_of_scope:personal tax returns', text: 'my wife’s return', start: 10, end: 26 }],
    });
    expect(out.boundaries).toEqual(['personal', 'out_of_scope', 'off_hours']);
    expect(out.evidence).toEqual([
      { label: 'boundary:personal', rule: 'repeat_of_original', text: '', start: 0, end: 0 },
      { label: 'boundary:out_of_scope', rule: 'repeat_of_original', text: 'my wife’s return', start: 0, end: 0 },
    ]);
  });

  it('does not carry what a repeat has of its own: time, pressure, abuse, urgency', () => {
    const out = carryFromRepeated({ ...plain, boundaries: [] }, { id: 'm1', boundaries: ['pressure', 'abuse', 'off_hours'] });
    expect(out.boundaries).toEqual([]);
    expect(out.urgency).toBe('normal');
  });

  it('adds the original\'s words where the repeat has the boundary only from the learned scorer', () => {
    const scored = { ...plain, boundaries: ['out_of_scope' as const], evidence: [{ label: 'boundary:out_of_scope', rule: 'learned_scorer', text: '', start: 0, end: 0, weight: 0.7 }] };
    const out = carryFromRepeated(scored, { id: 'm1', boundaries: ['out_of_scope'], evidence: [{ label: 'boundary:out_of_scope', rule: 'out_of_scope:personal tax returns', text: 'own 1040', start: 5, end: 13 }] });
    expect(out.boundaries).toEqual(['out_of_scope']);
    expect(out.evidence).toContainEqual({ label: 'boundary:out_of_scope', rule: 'repeat_of_original', text: 'own 1040', start: 0, end: 0 });
  });

  it('returns the analysis unchanged when there is nothing to carry', () => {
    const own = { ...plain, boundaries: ['out_of_scope' as const] };
    expect(carryFromRepeated(own, { id: 'm1', boundaries: ['out_of_scope'] })).toBe(own);
    expect(own.evidence).toEqual([]);
  });

  describe('a copy of the same words sent soon after', () => {
    const t0 = Date.parse('2026-10-29T09:00:00Z');
    const words = 'Final warning. FIX THE CAN ARTWORK BY FRIDAY OR WE WALK.';
    const copy = (boundaries: Array<'pressure' | 'abuse'>, text = `@studio ${words}`) => ({
      boundaries,
      evidence: boundaries.includes('pressure') ? [{ label: 'boundary:pressure', rule: 'deadline_before_promise:728<4500 business min', text: 'BY FRIDAY', start: 0, end: 0 }] : [],
      cleanedText: text,
    });

    it('is not pressure where its original was not (the same deadline, the same ask)', () => {
      const out = carryFromRepeated(copy(['pressure']), { id: 'm1', boundaries: [], cleanedText: words, sentAtMs: t0 }, t0 + 20 * 60_000);
      expect(out.boundaries).toEqual([]);
      expect(out.evidence.some((e) => e.label === 'boundary:pressure')).toBe(false);
    });

    it('is pressure where its original was, quoting the original\'s words', () => {
      const out = carryFromRepeated(copy([]), { id: 'm1', boundaries: ['pressure'], evidence: [{ label: 'boundary:pressure', rule: 'chasing_inside_window:20<240', text: 'still nothing', start: 0, end: 13 }], cleanedText: words, sentAtMs: t0 }, t0 + 5 * 60_000);
      expect(out.boundaries).toEqual(['pressure']);
      expect(out.evidence).toContainEqual({ label: 'boundary:pressure', rule: 'repeat_of_original', text: 'still nothing', start: 0, end: 0 });
    });

    it('is judged alone when sent hours later, reworded, or when the original\'s time is unknown', () => {
      const later = copy(['pressure']);
      expect(carryFromRepeated(later, { id: 'm1', boundaries: [], cleanedText: words, sentAtMs: t0 }, t0 + 7 * 3600_000)).toBe(later);
      const reworded = copy(['pressure'], 'Last chance: sort the can artwork out before Friday or we take the account elsewhere.');
      expect(carryFromRepeated(reworded, { id: 'm1', boundaries: [], cleanedText: words, sentAtMs: t0 }, t0 + 60_000)).toBe(reworded);
      expect(carryFromRepeated(later, { id: 'm1', boundaries: [], cleanedText: words }, t0 + 60_000)).toBe(later);
    });
  });
});
