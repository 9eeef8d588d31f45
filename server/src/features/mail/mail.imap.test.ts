import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailboxes } from '../../db/schema/index.js';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { pollDueMailboxes } from './imap.service.js';
import { hasDovecot, startDovecot, type Dovecot } from './mail-dovecot.js';
import { tempDir } from './mail-test-kit.js';

/** IMAP polling against a real Dovecot on loopback (skipped where dovecot-imapd is not installed). */
let t: TestApp;
let owner: Caller;
let dovecot: Dovecot;
let mailboxId: string;

const append = async (subject: string, id: string, from = 'client@imapclient.example') => {
  const c = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
  await c.connect();
  await c.append('INBOX', `From: ${from}\r\nTo: ${dovecot.user}\r\nSubject: ${subject}\r\nMessage-ID: <${id}@imapclient.example>\r\n\r\nBody of ${subject}\r\n`);
  await c.logout();
};
const requests = async () =>
  ((await owner.req('GET', '/api/v1/requests?status=any&limit=200')).json().items as Array<{ subject: string; channel: string }>).filter((r) => r.subject.startsWith('IMAP'));
const box = async () => (await owner.req('GET', `/api/v1/mail/mailboxes/${mailboxId}`)).json();
const makeDue = () => t.deps.db.update(mailboxes).set({ imapNextPollAt: null }).where(and(eq(mailboxes.workspaceId, owner.workspaceId), eq(mailboxes.id, mailboxId)));

describe.skipIf(!hasDovecot())('IMAP polling against Dovecot', () => {
  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await makeTestApp({ env: { FITDESK_DATA_DIR: tempDir(), FITDESK_LOG_LEVEL: 'silent', FITDESK_IMAP_POLL_SECONDS: '60' } });
    owner = await signupCaller(t.app, 'IMAP Co');
    const res = await owner.req('POST', '/api/v1/mail/mailboxes', {
      address: 'desk@imap.example',
      imapEnabled: true,
      imapHost: '127.0.0.1',
      imapPort: dovecot.port,
      imapTls: false,
      imapUser: dovecot.user,
      imapPassword: dovecot.pass,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).not.toContain(dovecot.pass);
    mailboxId = res.json().id;
  });
  afterAll(async () => {
    dovecot?.stop();
    await t?.close();
  });

  it('imports each message once, tracking UIDs across polls', async () => {
    await append('IMAP one', 'i1');
    await append('IMAP two', 'i2');
    expect(await pollDueMailboxes(t.deps)).toBe(1);
    expect((await requests()).map((r) => r.subject).sort()).toEqual(['IMAP one', 'IMAP two']);
    expect(await box()).toMatchObject({ imapStatus: 'ok', imapLastUid: 2, imapFailures: 0 });
    // Not due again until the poll interval has passed.
    expect(await pollDueMailboxes(t.deps)).toBe(0);
    await append('IMAP three', 'i3');
    await makeDue();
    await pollDueMailboxes(t.deps);
    expect(await requests()).toHaveLength(3);
    expect((await box()).imapLastUid).toBe(3);
  });

  it('re-imports nothing twice when the UID cursor is lost (Message-ID dedupe)', async () => {
    await t.deps.db.update(mailboxes).set({ imapLastUid: 0, imapUidValidity: null, imapNextPollAt: null }).where(eq(mailboxes.id, mailboxId));
    await pollDueMailboxes(t.deps);
    expect(await requests()).toHaveLength(3);
    expect((await box()).imapLastUid).toBe(3);
  });

  it('shows a failed login in the mailbox and the health endpoint, backs off, and recovers', async () => {
    await owner.req('PATCH', `/api/v1/mail/mailboxes/${mailboxId}`, { imapPassword: 'wrong' });
    await pollDueMailboxes(t.deps);
    const failed = await box();
    expect(failed.imapStatus).toBe('error');
    expect(failed.imapLastError).toMatch(/login|auth/i);
    expect(new Date(failed.imapNextPollAt).getTime()).toBeGreaterThan(Date.now() + 60_000);
    const health = (await owner.req('GET', '/api/v1/mail/health')).json();
    expect(health.ok).toBe(false);
    expect(health.mailboxes[0]).toMatchObject({ imapStatus: 'error', imapFailures: 1 });

    await owner.req('PATCH', `/api/v1/mail/mailboxes/${mailboxId}`, { imapPassword: dovecot.pass });
    await append('IMAP four', 'i4');
    await pollDueMailboxes(t.deps);
    expect(await box()).toMatchObject({ imapStatus: 'ok', imapLastUid: 4, imapLastError: null });
    expect(await requests()).toHaveLength(4);
  });

  it('records a server outage as an error instead of stopping silently', async () => {
    dovecot.stop();
    await new Promise((r) => setTimeout(r, 300));
    await makeDue();
    await pollDueMailboxes(t.deps);
    const b = await box();
    expect(b.imapStatus).toBe('error');
    expect(b.imapLastError).toBeTruthy();
  });
});
