import { describe, expect, it } from 'vitest';
import { cleanMessage, cleanedTextOf } from './clean.js';

describe('cleanMessage', () => {
  it('does strip quoted history when a reply quotes the earlier message', () => {
    const r = cleanMessage('Thanks, that works.\n\nOn Thu, Jan 15, 2026 at 11:58 AM, Dana <dana@x.co> wrote:\n> Deposits should show within the hour.');
    expect(r.text).toBe('Thanks, that works.');
    expect(r.stripped.map((s) => s.kind)).toContain('quote');
  });
  it('does strip an Outlook header block and a signature when both are present', () => {
    const r = cleanMessage('Any ETA?\n\nPriya\n\n-----Original Message-----\nFrom: Priya\nSent: Thursday\nTo: Dana\nSubject: x\n\nold text');
    expect(r.text).toBe('Any ETA?\n\nPriya');
    const r2 = cleanMessage('Please reset my password.\n\nThanks,\nGrace Whitlow\nOffice Manager, Kestrel\nT: 0117 496 0321');
    expect(r2.text).toBe('Please reset my password.\n\nThanks,');
    expect(r2.stripped.find((s) => s.kind === 'signature')?.text).toContain('Grace Whitlow');
  });
  it('does remove html, entities, mobile footers and disclaimers when they are mixed in', () => {
    const r = cleanMessage('<div>Hello&nbsp;team,<br>the printer is down.</div>\n\nSent from my iPhone\n\nCONFIDENTIALITY NOTICE: THIS E-MAIL MAY CONTAIN PROTECTED HEALTH INFORMATION.');
    expect(r.text).toBe('Hello team,\nthe printer is down.');
    expect(r.stripped.map((s) => s.kind)).toEqual(expect.arrayContaining(['html', 'signature', 'disclaimer']));
  });
  it('does keep the forwarded body when nothing was written above it', () => {
    const r = cleanMessage('________________________________\nFrom: Patricia\nSent: Monday\nTo: Portal\nSubject: Double charge\n\nYou charged my card twice.');
    expect(r.text).toBe('You charged my card twice.');
    expect(r.forwardedFrom).toBeUndefined();
  });
  it('does say where a forwarded message begins under the sender\'s own note', () => {
    const r = cleanMessage('Hi team,\n\nForwarding the below from a client. Could you pause his reminders?\n\nThanks,\nThabo\n\n---------- Forwarded message ---------\nFrom: Gary <g@example.com>\nDate: Mon, Aug 17, 2026\nSubject: Re: Invoice 2231\n\nSTOP SENDING ME THESE REMINDERS YOU PARASITES.');
    expect(r.forwardedFrom).toBeDefined();
    expect(r.text.slice(0, r.forwardedFrom)).toContain('Could you pause his reminders?');
    expect(r.text.slice(r.forwardedFrom).trim()).toBe('STOP SENDING ME THESE REMINDERS YOU PARASITES.');
  });
});

describe('cleanedTextOf', () => {
  it('cleans an earlier message once, and again only when its text changes', () => {
    const item = { text: 'Is the VPN down?\n\nOn Mon, Jan 12, 2026 at 9:00 AM Help Desk wrote:\n> We are looking into it.' };
    const first = cleanedTextOf(item);
    expect(first).toBe(cleanMessage(item.text).text);
    expect(cleanedTextOf(item)).toBe(first);
    item.text = 'Still down.';
    expect(cleanedTextOf(item)).toBe('Still down.');
  });

  it('does join lines the sender\'s mail program wrapped inside a sentence, keeping the text\'s length', () => {
    const raw = 'Need a next-day appointment. Sore throat for four days, no fever. Can someone confirm within the\nhour? I\'m in meetings from 11 all afternoon.';
    expect(cleanMessage(raw).text).toBe(raw.replace('the\nhour', 'the hour'));
    // Short lines, a list and a closing name stay on their own lines.
    expect(cleanMessage('Hi team,\nplease see below\n- laptop for Priya\n- mailbox access').text).toBe('Hi team,\nplease see below\n- laptop for Priya\n- mailbox access');
    expect(cleanMessage('Let me know if you need anything else from our side for the audit\nDana').text).toContain('audit\nDana');
  });
});
