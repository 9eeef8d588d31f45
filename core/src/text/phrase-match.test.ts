import { describe, expect, it } from 'vitest';
import { matchConcept } from './phrase-match.js';

describe('matchConcept', () => {
  it('does match a family member when the phrase says personal or family tax returns', () => {
    const m = matchConcept("Hi! Can you also do my wife's return this year?", 'personal or family tax returns');
    expect(m).not.toBeNull();
    expect(m!.matched).toContain('wife');
  });
  it('does match a promise of being hired when the phrase says wants guaranteed results', () => {
    expect(matchConcept("I need you to promise I'll get hired", 'wants guaranteed results')).not.toBeNull();
  });
  it('does not match when only the generic part of the phrase appears', () => {
    expect(matchConcept('I want results from the quarter summarised', 'wants guaranteed results')).toBeNull();
    expect(matchConcept('Please file our business tax return', 'personal or family tax returns')).toBeNull();
  });
  it('does not match when the phrase is negated', () => {
    expect(matchConcept("I don't need a guarantee of results, just honest effort", 'wants guaranteed results')).toBeNull();
  });
  it('does return offsets that point into the text when it matches', () => {
    const text = 'Quick one: could you fix my home printer?';
    const m = matchConcept(text, 'personal hardware repair');
    expect(m).not.toBeNull();
    expect(text.slice(m!.start, m!.end)).toBe(m!.matched);
  });
});
