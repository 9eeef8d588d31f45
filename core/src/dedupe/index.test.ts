import { describe, expect, it } from 'vitest';
import { cleanMessage } from '../text/clean.js';
import { BANDS, DuplicateIndex, REPEAT_WINDOW_MS, estimateSimilarity, fingerprint, repeatText } from './index.js';

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
  it('does not link the same words to a message sent more than the repeat window earlier', () => {
    const idx = new DuplicateIndex();
    const monthly = 'Hi Jess, attached are this month\'s receipts and the bank statement for the business account. Let me know if anything is missing. Thanks, Renee';
    const t0 = Date.parse('2026-01-05T15:00:00Z');
    idx.add('january', 'client-a', fingerprint(monthly), t0);
    const later = t0 + REPEAT_WINDOW_MS + 3600_000;
    expect(idx.findDuplicate('client-a', fingerprint(monthly), later - REPEAT_WINDOW_MS)).toBeNull();
    // Inside the window the same words are a repeat; without a time the window is not applied.
    expect(idx.findDuplicate('client-a', fingerprint(monthly), t0 + 86400_000 - REPEAT_WINDOW_MS)?.id).toBe('january');
    expect(idx.findDuplicate('client-a', fingerprint(monthly))?.id).toBe('january');
  });
  it('does give band keys as strings when fingerprinting', () => {
    const fp = fingerprint(original);
    expect(fp.bands).toHaveLength(BANDS);
    expect(estimateSimilarity(fp.signature, fingerprint(original).signature)).toBe(1);
  });

  it('does judge a short note on top of a forward by the forwarded text when looking for repeats', () => {
    const original = 'Hi Lena, our German dealers need the brand guidelines in German. Could you translate the 40-page PDF for us by the end of the month?';
    const forwarded = cleanMessage(`Forwarding since nobody answered.\n\nOn Mon, Jan 12, 2026 at 9:14 AM Piet <piet@example.com> wrote:\n> ${original}`);
    const index = new DuplicateIndex();
    index.add('m1', 'client-a', fingerprint(original));
    expect(index.findDuplicate('client-a', fingerprint(forwarded.text))).toBeNull();
    expect(index.findDuplicate('client-a', fingerprint(repeatText(forwarded.text, forwarded.stripped)))?.id).toBe('m1');
    // A message with enough words of its own is judged by them alone.
    const long = cleanMessage(`A different question entirely about the invoice for the autumn campaign and the payment terms we agreed.\n\n> ${original}`);
    expect(repeatText(long.text, long.stripped)).toBe(long.text);
  });
});
