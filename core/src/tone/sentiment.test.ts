import { describe, expect, it } from 'vitest';
import { scoreSentiment, vaderReady } from './sentiment.js';

describe('scoreSentiment', () => {
  it('does keep a word score when the word is followed by "!!!!", "!?", "..." or sits in parentheses', () => {
    expect(scoreSentiment('This is terrible!!!!').compound).toBeLessThan(-0.4);
    expect(scoreSentiment('This is terrible!?').compound).toBeLessThan(-0.3);
    expect(scoreSentiment('This is terrible...').compound).toBeLessThan(-0.3);
    expect(scoreSentiment('(terrible)').compound).toBeLessThan(-0.3);
    expect(vaderReady('great!? (awful)...')).toBe('great !? ( awful )...');
  });
  it('does report the lexicon words with offsets when sentiment is not neutral', () => {
    const r = scoreSentiment('Thanks, the report looks great.');
    expect(r.compound).toBeGreaterThan(0.3);
    const great = r.words.find((w) => w.word === 'great');
    expect(great).toBeDefined();
    expect('Thanks, the report looks great.'.slice(great!.start, great!.end)).toBe('great');
  });
  it('does return zero when the text is empty', () => {
    expect(scoreSentiment('   ').compound).toBe(0);
  });
});
