import { describe, expect, it } from 'vitest';
import { fitBand, rangeSatisfaction, scoreFit } from './score-fit.js';
import { intakeQuestions, validateIntakeAnswers } from './questions.js';
import type { IdealClientProfile } from './types.js';

const coach: IdealClientProfile = {
  name: 'Career coach',
  fields: [{ key: 'goals', prompt: 'What do you want from coaching?', type: 'text' }],
  criteria: [
    { id: 'budget', field: 'budget', label: 'budget within range', kind: 'must_have', weight: 30, type: 'range', min: 1500, max: 6000 },
    { id: 'stage', field: 'career_stage', label: 'mid-career or senior', kind: 'nice_to_have', weight: 20, type: 'choice', accepted: ['mid-career', 'senior'], partial: { 'early career': 0.4 } },
    { id: 'timeline', field: 'timeline', label: 'realistic timeline', kind: 'nice_to_have', weight: 10, type: 'choice', accepted: ['3-6 months', '6-12 months'] },
    { id: 'guarantee', field: '*', label: 'wants guaranteed results', kind: 'red_flag', weight: 30, type: 'text', phrases: ['wants guaranteed results'] },
  ],
};

describe('scoreFit', () => {
  it('does score strong and accept when every criterion is met', () => {
    const r = scoreFit(coach, { budget: 3000, career_stage: 'senior', timeline: '3-6 months', goals: 'Move into a director role.' });
    expect(r.score).toBe(100);
    expect(r.band).toBe('strong');
    expect(r.recommendation).toBe('accept');
    expect(r.reasons.find((x) => x.criterionId === 'budget')!.points).toBeGreaterThan(0);
  });

  it('does subtract the red flag with the evidence when a guarantee is asked indirectly', () => {
    const r = scoreFit(coach, { budget: 3000, career_stage: 'senior', timeline: '3-6 months', goals: "I need you to promise I'll get hired by March." });
    const flag = r.reasons.find((x) => x.criterionId === 'guarantee')!;
    expect(flag.points).toBe(-30);
    expect(flag.evidence).toContain('promise');
    expect(r.score).toBe(70);
    expect(r.recommendation).toBe('review');
  });

  it('does cap a red-flagged prospect at good when the rest is perfect', () => {
    const r = scoreFit({ ...coach, criteria: coach.criteria.map((c) => (c.id === 'guarantee' ? { ...c, weight: 5 } : c)) }, {
      budget: 3000, career_stage: 'senior', timeline: '3-6 months', goals: 'Can you guarantee results?',
    });
    expect(r.score).toBe(79);
    expect(r.reasons.some((x) => x.label.includes('capped at 79'))).toBe(true);
  });

  it('does decline when red flags reach the configured decline threshold', () => {
    const r = scoreFit(coach, { budget: 3000, career_stage: 'senior', timeline: '3-6 months', goals: 'Promise me guaranteed results.' }, { declineRedFlagPoints: 30 });
    expect(r.recommendation).toBe('decline');
  });

  it('does cap at poor and decline when a must-have fails', () => {
    const r = scoreFit(coach, { budget: 400, career_stage: 'senior', timeline: '3-6 months' });
    expect(r.score).toBeLessThanOrEqual(49);
    expect(r.failedMustHaves).toEqual(['budget']);
    expect(r.recommendation).toBe('decline');
  });

  it('does give partial credit and review when the budget is just under the range', () => {
    const r = scoreFit(coach, { budget: 1350, career_stage: 'senior', timeline: '3-6 months' });
    expect(r.score).toBeLessThanOrEqual(64);
    expect(r.recommendation).toBe('review');
  });

  it('does report missing answers and not count them when the budget is blank', () => {
    const r = scoreFit(coach, { budget: null, career_stage: 'senior', timeline: '6-12 months' });
    expect(r.missing).toContain('budget');
    expect(r.score).toBe(100);
    expect(r.recommendation).toBe('review');
    expect(r.coverage).toBeCloseTo(0.5, 2);
  });

  it('does flag and hold for review when a former misfit applies again', () => {
    const r = scoreFit(coach, { budget: 3000, career_stage: 'senior', timeline: '3-6 months' }, { misfit: { by: 'email', reason: 'kept demanding weekend calls' } });
    expect(r.misfitHistory).toBe(true);
    expect(r.score).toBe(79);
    expect(r.band).toBe('good');
    expect(r.recommendation).toBe('review');
  });

  it('does keep the reasons summing to the score when no cap applies', () => {
    const r = scoreFit(coach, { budget: 3000, career_stage: 'early career', timeline: 'asap' });
    const sum = 50 + r.reasons.reduce((a, x) => a + x.points, 0);
    expect(Math.abs(sum - r.score)).toBeLessThanOrEqual(1);
  });
});

describe('fit helpers', () => {
  it('does band scores at 80, 65 and 50', () => {
    expect([80, 79, 65, 64, 50, 49].map(fitBand)).toEqual(['strong', 'good', 'good', 'weak', 'weak', 'poor']);
  });
  it('does fall off linearly outside the range', () => {
    expect(rangeSatisfaction(1000, { min: 1000 })).toBe(1);
    expect(rangeSatisfaction(875, { min: 1000, softMargin: 0.25 })).toBeCloseTo(0.5);
    expect(rangeSatisfaction(700, { min: 1000, softMargin: 0.25 })).toBe(0);
  });
  it('does derive typed questions with options and required flags from the profile', () => {
    const qs = intakeQuestions(coach);
    expect(qs.map((q) => q.key)).toEqual(['goals', 'budget', 'career_stage', 'timeline']);
    expect(qs.find((q) => q.key === 'budget')).toMatchObject({ type: 'number', required: true });
    expect(qs.find((q) => q.key === 'career_stage')!.options).toEqual(['mid-career', 'senior', 'early career']);
  });
  it('does name the field when an answer has the wrong type', () => {
    expect(validateIntakeAnswers(coach, { budget: 'lots', career_stage: 'retired' })).toEqual([
      { field: 'budget', message: 'must be a number' },
      { field: 'career_stage', message: 'unknown option: retired' },
    ]);
  });
});

describe('scoreFit properties', () => {
  it('does keep the score in 0–100 with a band that matches it for any answers', async () => {
    const fc = (await import('fast-check')).default;
    const answer = fc.record(
      {
        budget: fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.constant(null)),
        career_stage: fc.oneof(fc.constantFrom('student', 'early career', 'mid-career', 'senior', 'Executive '), fc.constant('')),
        timeline: fc.constantFrom('asap', '1-3 months', '3-6 months', '6+ months'),
        goals: fc.string({ maxLength: 200 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answer, fc.boolean(), (a, misfit) => {
        const r = scoreFit(coach, a, misfit ? { misfit: { by: 'domain' } } : {});
        return r.score >= 0 && r.score <= 100 && Number.isInteger(r.score) && r.band === fitBand(r.score) && r.coverage >= 0 && r.coverage <= 1;
      }),
    );
  });
});
