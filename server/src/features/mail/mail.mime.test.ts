import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { startMailRole, type MailRole } from './mail.role.js';
import { smtpClient, tempDir } from './mail-test-kit.js';

/** Real-world MIME through the real SMTP server: charsets, broken structure, huge headers, HTML-only, odd file names. */
let t: TestApp;
let owner: Caller;
let role: MailRole;
let client: ReturnType<typeof smtpClient>;
const TO = 'inbox@mime.example';

beforeAll(async () => {
  t = await makeTestApp({ env: { FITDESK_DATA_DIR: tempDir(), FITDESK_SMTP_PORT: '0', FITDESK_LOG_LEVEL: 'silent' } });
  owner = await signupCaller(t.app, 'MIME Co');
  expect((await owner.req('POST', '/api/v1/mail/mailboxes', { address: TO })).statusCode).toBe(201);
  role = await startMailRole(t.deps, { imap: false });
  client = smtpClient(role.smtp!.port);
});
afterAll(async () => {
  client?.close();
  await role?.stop();
  await t?.close();
});

let n = 0;
/** Sends raw bytes and returns the request (with messages) they became. */
async function deliver(headers: string[], body: Buffer | string, from = `mime${++n}@sender.example`) {
  const raw = Buffer.concat([Buffer.from([`From: ${from}`, `To: ${TO}`, `Message-ID: <mime-${n}-${Date.now()}@sender.example>`, ...headers].join('\r\n') + '\r\n\r\n', 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1')]);
  const info = await client.sendRaw(from, TO, raw);
  expect(info.response).toMatch(/^250/);
  const list = (await owner.req('GET', '/api/v1/requests?status=any&limit=200')).json().items as Array<{ id: string; contactEmail: string }>;
  const r = list.find((x) => x.contactEmail === from)!;
  const res = await owner.req('GET', `/api/v1/requests/${r.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('MIME handling', () => {
  // The bytes as those charsets encode the text (from iconv), so the test needs no encoder.
  it.each([
    ['ISO-8859-1', 'Grüße aus Köln - ça va? ñ', Buffer.from('Grüße aus Köln - ça va? ñ', 'latin1')],
    ['Windows-1252', 'Smart “quotes” and the euro € sign', Buffer.from('536d617274209371756f7465739420616e6420746865206575726f2080207369676e', 'hex')],
    ['Shift_JIS', '請求書の金額が違います', Buffer.from('90bf8b818f9182cc8be08a7a82aa88e182a282dc82b7', 'hex')],
  ])('decodes a %s body and subject', async (charset, text, body) => {
    const subject = `=?${charset}?B?${body.toString('base64')}?=`;
    const r = await deliver([`Subject: ${subject}`, 'MIME-Version: 1.0', `Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: 8bit'], body);
    expect(r.messages[0].bodyText).toContain(text);
    expect(r.subject).toBe(text);
  });

  it('takes unlabelled 8-bit text without losing the message', async () => {
    const r = await deliver(['Subject: raw 8bit'], Buffer.from([0x48, 0x69, 0x20, 0xe9, 0xe8, 0x0d, 0x0a]));
    expect(r.messages[0].bodyText).toMatch(/^Hi /);
  });

  it('stores HTML-only mail sanitised, with remote images blocked and a text version', async () => {
    const html = '<html><body><p onclick="x()">Hello <b>there</b></p><script>alert(1)</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(1)">bad</a><a href="https://ok.example">ok</a><style>p{}</style></body></html>';
    const r = await deliver(['Subject: html only', 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8'], html);
    const m = r.messages[0];
    expect(m.bodyText).toContain('Hello');
    expect(m.bodyHtml).not.toMatch(/script|onclick|javascript:|<style/i);
    expect(m.bodyHtml).toContain('data-remote-src="https://tracker.example/p.gif"');
    expect(m.bodyHtml).not.toMatch(/ src="https:\/\/tracker/);
    expect(m.bodyHtml).toContain('rel="noopener noreferrer nofollow"');
  });

  it('survives malformed MIME (missing closing boundary, junk headers, bad encodings)', async () => {
    const r = await deliver(
      ['Subject: broken', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="XX"', 'X-Junk', ': no name', 'Date: not a date'],
      ['--XX', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', '%%%notbase64%%%', '--XX', 'Content-Type: text/plain; charset=nonsense-charset', '', 'still readable text'].join('\r\n'),
    );
    expect(r.messages).toHaveLength(1);
    expect(r.subject).toBe('broken');
  });

  it('keeps a message with huge headers, capping what the API shows', async () => {
    const refs = Array.from({ length: 400 }, (_, i) => `<ref-${i}-${'x'.repeat(40)}@old.example>`).join('\r\n ');
    const r = await deliver([`Subject: ${'Long subject '.repeat(60)}`, `References: ${refs}`, `X-Big: ${'y'.repeat(20000)}`], 'body');
    expect(r.subject.length).toBeLessThanOrEqual(300);
    expect(r.messages[0].headers.references.length).toBeLessThanOrEqual(4000);
  });

  it('stores attachments with odd names under safe names, downloadable byte for byte', async () => {
    const parts = [
      ['../../etc/passwd', 'text/plain', 'traversal'],
      ['ファイル 名.pdf', 'application/pdf', 'unicode'],
      ['evil\u202Egpj.exe', 'application/octet-stream', 'rtl'],
      ['', 'image/png', 'noname'],
      ['page.html', 'text/html', '<script>alert(1)</script>'],
    ];
    const body = [
      '--B',
      'Content-Type: text/plain',
      '',
      'see files',
      ...parts.flatMap(([name, type, content]) => [
        '--B',
        `Content-Type: ${type}`,
        `Content-Disposition: attachment${name ? `; filename*=UTF-8''${encodeURIComponent(name!)}` : ''}`,
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(content!).toString('base64'),
      ]),
      '--B--',
      '',
    ].join('\r\n');
    const r = await deliver(['Subject: files', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="B"'], body);
    const mail = (await owner.req('GET', `/api/v1/requests/${r.id}/mail`)).json();
    const names = mail.attachments.map((a: { filename: string }) => a.filename);
    expect(names).toHaveLength(5);
    expect(names).toContain('_.._etc_passwd');
    for (const name of names) expect(name).not.toMatch(/[\\/\u202E]/);
    expect(names).toContain('ファイル 名.pdf');
    expect(names.some((x: string) => /^attachment-\d+/.test(x))).toBe(true);
    for (const a of mail.attachments) {
      const f = await owner.req('GET', `/api/v1/mail/attachments/${a.id}`);
      expect(f.statusCode).toBe(200);
      expect(f.headers['content-disposition']).toMatch(/^attachment;/);
      if (a.contentType === 'text/html') expect(f.headers['content-type']).toBe('application/octet-stream');
    }
  });
});
