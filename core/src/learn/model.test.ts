import { describe, expect, it } from 'vitest';
import { type FeatureSet, addFeature, addWordFeatures, newFeatureSet } from './features.js';
import { type LinearTask, combineWithRules, compileScorer, decideAll, taskProbabilities } from './model.js';

const task: LinearTask = {
  classes: ['no', 'yes'],
  bias: [0.5, -0.5],
  weights: { 'w:lawyer': [-1, 1], 'b:by_tonight': [-0.8, 0.8], 'w:thanks': [0.6, -0.6] },
};

/** One task's decision through the scorer's own path (the rules' label, when given, weighed by the task's trust). */
const decideTask = (t: LinearTask, f: FeatureSet, ruleLabel?: string) => decideAll(compileScorer({ version: 1, trainedOn: 'test', tasks: { t } }), f, ruleLabel ? { t: ruleLabel } : {}).get('t')!;

describe('learned scorer', () => {
  it('reads words and bigrams with their first offsets, and breaks bigrams at sentence ends', () => {
    const f = newFeatureSet();
    addWordFeatures(f, 'Call my lawyer. Tonight! By tonight, $2,300.', 'URGENT: invoice');
    expect(f.spans.get('w:lawyer')).toEqual([8, 14]);
    expect(f.values.has('b:lawyer_tonight')).toBe(false);
    expect(f.spans.get('b:by_tonight')).toEqual([25, 35]);
    expect(f.values.has('w:#')).toBe(true);
    expect(f.values.get('s:urgent')).toBe(1);
  });

  it('decides by the words and names the ones that pulled hardest, with where they are', () => {
    const f = newFeatureSet();
    addWordFeatures(f, 'My lawyer wants it by tonight.', '');
    const d = decideTask(task, f);
    expect(d.label).toBe('yes');
    expect(d.because.map((c) => c.feature)).toEqual(['w:lawyer', 'b:by_tonight']);
    expect(d.because[0]!.span).toEqual([3, 9]);
    const calm = newFeatureSet();
    addWordFeatures(calm, 'Thanks for the invoice.', '');
    expect(decideTask(task, calm).label).toBe('no');
  });

  it('lets the rules label win when it is trusted more than the words disagree', () => {
    const f = newFeatureSet();
    addFeature(f, 'w:thanks');
    const words = taskProbabilities(task, f);
    expect(words[0]).toBeGreaterThan(0.7);
    const trusted = { ...task, rules: { trust: [0, 3], shift: [0, 0] } };
    expect(decideTask(trusted, f, 'yes').label).toBe('yes');
    expect(decideTask(trusted, f, 'no').label).toBe('no');
    const p = combineWithRules(trusted.rules, words, 1);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 9);
  });
});
