import { describe, expect, it } from 'vitest';
import { cleanMessage } from '../text/clean.js';
import { hasRepeatCandidates, learnedRepeatOf, repeatEvidence, repeatOf, repeatCandidates, repeatPairFeatures, repeatQuery, type RepeatCandidate } from './pair.js';
import { REPEAT_WINDOW_MS } from './index.js';

const email: RepeatCandidate = {
  id: 'm1',
  sentAt: '2026-02-04T22:10:00-05:00',
  channel: 'email',
  direction: 'inbound',
  text: 'Hi Dana,\n\nThe 1099 you sent for our sub Travis Kuhn is wrong. It shows $41,000 but we paid him $29,600 for the year. He needs a corrected 1099 before he files.\n\nKevin Brennan\nBrennan Roofing',
};

function query(text: string, channel: string, sentAt: string, subject?: string) {
  const c = cleanMessage(text);
  return repeatQuery(c.text, c.stripped, channel, Date.parse(sentAt), subject);
}

describe('learned repeat check', () => {
  it('links a voicemail retelling last night’s email in other words', () => {
    const q = query('[Voicemail transcript] Yeah it’s Kevin Brennan, Brennan Roofing. I emailed last night. The 1099 for Travis Kuhn is wrong, it says forty-one thousand, he got twenty-nine six. He needs a corrected one. Call me.', 'phone', '2026-02-05T08:31:00-05:00');
    expect(learnedRepeatOf(q, [email])?.id).toBe('m1');
  });

  it('does not link a follow-up on the same matter that brings news or another question', () => {
    const q = query('Update on the Travis Kuhn 1099: his accountant now says he also needs a W-9 from us on file. Do you have our signed W-9, or should I send a new one?', 'email', '2026-02-06T10:00:00-05:00');
    expect(learnedRepeatOf(q, [email])).toBeNull();
    const thanks = query('Got the corrected 1099 for Travis, thanks Dana!', 'email', '2026-02-06T11:00:00-05:00');
    expect(learnedRepeatOf(thanks, [email])).toBeNull();
  });

  it('links to the original, never to a copy of it, and looks back only a week', () => {
    const copy: RepeatCandidate = { ...email, id: 'm2', sentAt: '2026-02-04T22:20:00-05:00', channel: 'portal', duplicateOf: 'm1' };
    const q = query('Kevin Brennan again: the 1099 for Travis Kuhn says $41,000, we paid him $29,600. Need it corrected.', 'sms', '2026-02-05T09:00:00-05:00');
    expect(repeatCandidates(q, [email, copy]).map((c) => c.id)).toEqual(['m1']);
    const late = query('Kevin Brennan again: the 1099 for Travis Kuhn says $41,000, we paid him $29,600. Need it corrected.', 'sms', new Date(Date.parse(email.sentAt) + REPEAT_WINDOW_MS + 60_000).toISOString());
    expect(repeatCandidates(late, [email])).toEqual([]);
  });

  it('has nothing to do without an earlier original in the last week', () => {
    const at = Date.parse('2026-02-05T09:00:00-05:00');
    expect(hasRepeatCandidates([email], at)).toBe(true);
    expect(hasRepeatCandidates([{ ...email, duplicateOf: 'm0' }], at)).toBe(false);
    expect(hasRepeatCandidates([{ ...email, direction: 'outbound' }], at)).toBe(false);
    expect(hasRepeatCandidates([email], Date.parse(email.sentAt) + REPEAT_WINDOW_MS + 1)).toBe(false);
  });

  it('reads what the two share and what the new one says of itself', () => {
    const q = query('Sending this again by text: the 1099 for Travis Kuhn shows $41,000, we paid $29,600.', 'sms', '2026-02-05T09:00:00-05:00');
    const f = repeatPairFeatures(q, email, 0);
    expect(f.get('numbers_shared')).toBeGreaterThan(0.6);
    expect(f.get('word_overlap_min')).toBeGreaterThan(0.5);
    expect(f.get('refers_back')).toBe(1);
    expect(f.get('latest')).toBe(1);
    expect(f.has('same_channel')).toBe(false);
    expect(f.get('gap_24h')).toBe(1);
    expect(f.has('gap_30m')).toBe(false);
  });

  it('finds the original in order: the fingerprint hit, a retelling the sender announces, then the learned check', () => {
    const voicemail = '[Voicemail transcript] Yeah it’s Kevin Brennan. I emailed last night. The 1099 for Travis Kuhn is wrong, it says forty-one thousand, he got twenty-nine six. He needs a corrected one. Call me.';
    const msg = (text: string, sentAt: string, channel = 'phone') => {
      const c = cleanMessage(text);
      return { cleanedText: c.text, stripped: c.stripped, channel, sentAtMs: Date.parse(sentAt) };
    };
    const morning = msg(voicemail, '2026-02-05T08:31:00-05:00');
    expect(repeatOf(morning, { id: 'm9', similarity: 0.5 }, [email])).toEqual({ id: 'm9', link: { by: 'fingerprint', similarity: 0.5 } });
    expect(repeatOf(msg('See my email: the 1099 for Travis Kuhn shows $41,000, we paid $29,600. Please correct it.', '2026-02-04T22:40:00-05:00', 'sms'), null, [email])?.link.by).toBe('restatement');
    const learned = repeatOf(morning, null, [email]);
    expect(learned).toMatchObject({ id: 'm1', link: { by: 'learned' } });
    expect(repeatEvidence(learned!)).toMatchObject({ label: 'duplicate', rule: 'learned_repeat', text: 'm1' });
    expect(repeatOf(morning, null, [email], { model: null })).toBeNull();
  });
});
