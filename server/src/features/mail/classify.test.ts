import { describe, expect, it } from 'vitest';
import { classifyMail, mayAutoReply, type ClassifyInput } from './classify.js';
import { sanitizeEmailHtml } from './sanitize.js';
import { cleanFilename } from './parse.js';

const mail = (over: Partial<ClassifyInput> & { h?: Record<string, string> } = {}): ClassifyInput => ({
  headers: new Map(Object.entries(over.h ?? {})),
  subject: over.subject ?? 'Question about my invoice',
  fromAddress: over.fromAddress ?? 'jane@client.example',
  envelopeFrom: over.envelopeFrom ?? 'jane@client.example',
  contentType: over.contentType ?? 'text/plain',
  partTypes: over.partTypes ?? [],
});

describe('classifyMail', () => {
  it.each([
    ['Auto-Submitted: auto-replied', mail({ h: { 'auto-submitted': 'auto-replied' } })],
    ['X-Autoreply', mail({ h: { 'x-autoreply': 'yes' } })],
    ['Precedence: auto_reply', mail({ h: { precedence: 'auto_reply' } })],
    ['an out-of-office subject', mail({ subject: 'Out of Office: Re: invoice' })],
    ['a German absence subject', mail({ subject: 'Abwesenheitsnotiz: Rechnung' })],
    ['an Outlook OOF', mail({ subject: 'Automatic reply: invoice', h: { 'x-auto-response-suppress': 'All' } })],
  ])('recognises %s as an auto-reply', (_name, m) => {
    expect(classifyMail(m)).toBe('auto_reply');
    expect(mayAutoReply(classifyMail(m))).toBe(false);
  });

  it('recognises DSNs and MAILER-DAEMON bounces', () => {
    expect(classifyMail(mail({ contentType: 'multipart/report; report-type=delivery-status; boundary=x' }))).toBe('bounce');
    expect(classifyMail(mail({ fromAddress: 'mailer-daemon@mx.example', envelopeFrom: '', subject: 'Undelivered Mail Returned to Sender' }))).toBe('bounce');
  });

  it('treats list and bulk mail as bulk, and Auto-Submitted: no as a person', () => {
    expect(classifyMail(mail({ h: { precedence: 'bulk' } }))).toBe('bulk');
    expect(classifyMail(mail({ h: { 'list-id': '<news.example>' } }))).toBe('bulk');
    expect(classifyMail(mail({ h: { 'auto-submitted': 'no' } }))).toBe('normal');
    expect(classifyMail(mail({ subject: 'Re: the office move is out of scope?' }))).toBe('normal');
  });
});

describe('sanitizeEmailHtml', () => {
  it('removes active content, blocks remote images and maps cid images to attachments', () => {
    const out = sanitizeEmailHtml(
      '<div style="background:url(https://t.example/x)" onmouseover="x()">Hi<iframe src="https://e.example"></iframe><img src="cid:logo@x"><img src="http://t.example/p.gif"><img src="//t.example/q.gif"><form><input></form></div>',
      (cid) => (cid === 'logo@x' ? '/api/v1/mail/attachments/abc' : null),
    );
    expect(out).not.toMatch(/style=|onmouseover|iframe|<form|<input/);
    expect(out).toContain('src="/api/v1/mail/attachments/abc"');
    expect(out).toContain('data-remote-src="http://t.example/p.gif"');
    expect(out).toContain('data-remote-src="//t.example/q.gif"');
    expect(out).not.toMatch(/ src="(https?:)?\/\//);
  });
});

describe('cleanFilename', () => {
  it('keeps names readable but never a path, a control character or a direction override', () => {
    expect(cleanFilename('../../x.txt', 0, 'text/plain')).toBe('_.._x.txt');
    expect(cleanFilename('a\u0000b\u202Ec.exe', 0, 'x')).toBe('abc.exe');
    expect(cleanFilename(undefined, 2, 'message/rfc822')).toBe('attachment-3.eml');
    expect(cleanFilename('x'.repeat(300) + '.pdf', 0, 'x')).toHaveLength(200);
  });
});
