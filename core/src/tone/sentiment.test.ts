import vader from 'vader-sentiment';
import { describe, expect, it } from 'vitest';
import { scoreSentiment, vaderReady } from './sentiment.js';

describe('scoreSentiment', () => {
  it('does keep a word score when the word is followed by "!!!!", "!?", "..." or sits in parentheses', () => {
    expect(scoreSentiment('This is terrible!!!!').compound).toBeLessThan(-0.4);
    expect(scoreSentiment('This is terrible!?').compound).toBeLessThan(-0.3);
    expect(scoreSentiment('This is terrible...').compound).toBeLessThan(-0.3);
    expect(scoreSentiment('(terrible)').compound).toBeLessThan(-0.3);
  });
  it('does agree with the vader-sentiment package when punctuation is split off first', () => {
    // The package itself zeroes "terrible!!!!"; split, it agrees with our scorer.
    expect(vader.SentimentIntensityAnalyzer.polarity_scores('This is terrible!!!!').compound).toBe(0);
    for (const t of ['This is terrible!!!!', 'I am not happy with this at all.', 'Thanks, the report looks GREAT!', 'The service was kind of slow but the staff were very friendly.', 'great!? (awful)...']) {
      expect(scoreSentiment(t).compound).toBeCloseTo(vader.SentimentIntensityAnalyzer.polarity_scores(vaderReady(t)).compound, 2);
    }
    expect(vaderReady('great!? (awful)...')).toBe('great !? ( awful )...');
  });
  it('does not carry a negation across a full stop when scoring', () => {
    expect(scoreSentiment("It isn't. Not impressed.").compound).toBeLessThan(0);
  });
  it('does report the lexicon words with offsets when sentiment is not neutral', () => {
    const text = 'Thanks, the report looks great.';
    const r = scoreSentiment(text);
    expect(r.compound).toBeGreaterThan(0.3);
    const great = r.words.find((w) => w.word === 'great');
    expect(great).toBeDefined();
    expect(text.slice(great!.start, great!.end)).toBe('great');
  });
  it('does return zero when the text is empty', () => {
    expect(scoreSentiment('   ').compound).toBe(0);
  });
});
