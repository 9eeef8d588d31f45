import { describe, expect, it } from 'vitest';
import { REPEAT_PAIR_MODEL, repeatProbability } from '@fitdesk/core';
import { trainPairs } from './train-repeat.js';

describe('repeat-check training', () => {
  it('learns that shared words make a repeat and news makes a follow-up', () => {
    const rows = [
      ...[0.9, 0.8, 0.85, 0.7].map((o) => ({ features: new Map([['word_overlap_min', o]]), y: 1 as const })),
      ...[0.9, 0.8, 0.85, 0.7].map((o) => ({ features: new Map([['word_overlap_min', o], ['news', 1]]), y: 0 as const })),
      ...[0.1, 0.2, 0.05, 0.15].map((o) => ({ features: new Map([['word_overlap_min', o]]), y: 0 as const })),
    ];
    const model = trainPairs(rows);
    expect(model.weights.word_overlap_min).toBeGreaterThan(1);
    expect(model.weights.news).toBeLessThan(-1);
  });

  it('ships a model whose threshold separates a close copy from an unrelated message', () => {
    expect(REPEAT_PAIR_MODEL.threshold).toBeGreaterThan(0);
    expect(REPEAT_PAIR_MODEL.threshold).toBeLessThan(1);
    const copy = new Map([['word_overlap_min', 1], ['word_overlap_max', 1], ['unit_overlap_min', 1], ['shingle_jaccard', 1], ['bigram_overlap_min', 1], ['gap_30m', 1], ['gap_3h', 1], ['gap_24h', 1], ['latest', 1], ['overlap_x_plain', 1], ['overlap_x_other_channel', 1]]);
    const unrelated = new Map([['word_overlap_min', 0.05], ['gap_log', 0.8], ['same_channel', 1], ['between', 0.67], ['question', 1]]);
    expect(repeatProbability(REPEAT_PAIR_MODEL, copy)).toBeGreaterThan(REPEAT_PAIR_MODEL.threshold);
    expect(repeatProbability(REPEAT_PAIR_MODEL, unrelated)).toBeLessThan(REPEAT_PAIR_MODEL.threshold);
  });
});
