import { describe, expect, it } from 'vitest';
import { BANDS, DuplicateIndex, estimateSimilarity, fingerprint } from './index.js';

const original = 'The reception scanner is STILL saving into the old Admin folder. I raised this two weeks ago (ticket 48213) and was told it was fixed. It isn\'t. Not impressed.';

describe('fingerprint and DuplicateIndex', () => {
  it('does link a re-wrapped copy with junk tokens when the same client sends it again', () => {
    const idx = new DuplicateIndex();
    idx.add('m1', 'client-a', fingerprint(original));
    const again = 'FW: [#TKT-5512] The reception scanner is STILL saving into the old Admin folder.\nI raised this two weeks ago (ticket 48213) and was told it was\nfixed. It isn\'t. Not impressed. xkcdqzrt';
    expect(idx.findDuplicate('client-a', fingerprint(again))?.id).toBe('m1');
  });
  it('does not link the copy when another client sends it', () => {
    const idx = new DuplicateIndex();
    idx.add('m1', 'client-a', fingerprint(original));
    expect(idx.findDuplicate('client-b', fingerprint(original))).toBeNull();
  });
  it('does not link a different message on the same topic when the words differ', () => {
    const idx = new DuplicateIndex();
    idx.add('m1', 'client-a', fingerprint(original));
    const other = 'Thanks, the scanner is saving into the new folder now. Could you also map the Admin folder on the front desk PC?';
    expect(idx.findDuplicate('client-a', fingerprint(other))).toBeNull();
  });
  it('does give band keys as strings when fingerprinting', () => {
    const fp = fingerprint(original);
    expect(fp.bands).toHaveLength(BANDS);
    expect(estimateSimilarity(fp.signature, fingerprint(original).signature)).toBe(1);
  });
});
