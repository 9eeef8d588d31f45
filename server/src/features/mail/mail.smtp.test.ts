import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { and, eq } from 'drizzle-orm';
import { contacts, outbox, rawMessages } from '../../db/schema/index.js';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { waitFor } from '../../test/db.js';
import { registerMailJobs } from './mail.jobs.js';
import { startMailRole, type MailRole } from './mail.role.js';
import { smtpClient, startSink, tempDir, type Sink } from './mail-test-kit.js';

let t: TestApp;
let owner: Caller;
let role: MailRole;
let sink: Sink;
let client: ReturnType<typeof smtpClient>;
let mailboxId: string;

beforeAll(async () => {
  t = await makeTestApp({
    env: { FITDESK_DATA_DIR: tempDir(), FITDESK_SMTP_PORT: '0', FITDESK_SMTP_MAX_BYTES: '300000', FITDESK_MAIL_SENDER_LIMIT: '5', FITDESK_LOG_LEVEL: 'silent' },
  });
  owner = await signupCaller(t.app, 'Mail Co');
  sink = await startSink();
  const mb = await owner.req('POST', '/api/v1/mail/mailboxes', { address: 'support@acme-desk.example', fromName: 'Acme Support', smtpHost: '127.0.0.1', smtpPort: sink.port, smtpPassword: 'pw-secret' });
  expect(mb.statusCode, mb.body).toBe(201);
  mailboxId = mb.json().id;
  expect(mb.json()).toMatchObject({ hasSmtpPassword: true, outbound: 'smtp', fromAddress: 'support@acme-desk.example' });
  expect(mb.body).not.toContain('pw-secret');
  await owner.req('POST', '/api/v1/clients', { name: 'Client Ltd', domain: 'client.example' });
  role = await startMailRole(t.deps, { imap: false });
  await t.deps.jobs.start();
  await registerMailJobs(t.deps);
  client = smtpClient(role.smtp!.port);
});
afterAll(async () => {
  client?.close();
  await role?.stop();
  await sink?.close();
  await t?.close();
});

async function requestsOf(email: string) {
  const res = await owner.req('GET', '/api/v1/requests?status=any&limit=200');
  return (res.json().items as Array<{ id: string; contactEmail: string; subject: string; number: number; messageCount: number; status: string; tags: string[] }>).filter((r) => r.contactEmail === email);
}
const detail = async (id: string) => (await owner.req('GET', `/api/v1/requests/${id}`)).json();

describe('email channel over SMTP on loopback', () => {
  it('turns a mail into a request, replies with threading headers, and threads the client answer back', async () => {
    const sent = await client.send({
      from: 'Jane Doe <jane@client.example>',
      to: 'support@acme-desk.example',
      subject: 'Invoice 42 looks wrong',
      text: 'Hello, the total on invoice 42 is off by 300.',
      attachments: [{ filename: 'invoice 42.pdf', content: Buffer.from('%PDF-1.4 fake') }],
    });
    expect(sent.response).toMatch(/^250/);
    const [req] = await requestsOf('jane@client.example');
    expect(req).toMatchObject({ subject: 'Invoice 42 looks wrong', messageCount: 1 });
    const d = await detail(req!.id);
    expect(d.channel).toBe('email');
    expect(d.clientName).toBe('Client Ltd');
    expect(d.messages[0].bodyText).toContain('off by 300');
    expect(d.messages[0].headers['message-id']).toBe(sent.messageId);

    const mail = (await owner.req('GET', `/api/v1/requests/${req!.id}/mail`)).json();
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'invoice 42.pdf', stored: true });
    const file = await owner.req('GET', `/api/v1/mail/attachments/${mail.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('%PDF-1.4 fake');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''invoice%2042.pdf");
    const raw = await owner.req('GET', `/api/v1/mail/messages/${d.messages[0].id}/raw`);
    expect(raw.statusCode).toBe(200);
    expect(raw.body).toContain('Subject: Invoice 42 looks wrong');

    // The reply goes out through the sink with the headers a mail client threads on.
    const reply = await owner.req('POST', `/api/v1/requests/${req!.id}/messages`, { direction: 'outbound', body: 'We are fixing it.', status: 'waiting' });
    expect(reply.statusCode, reply.body).toBe(201);
    await waitFor(() => sink.received.length === 1, { message: 'reply at the sink' });
    const out = sink.received[0]!;
    expect(out.to).toEqual(['jane@client.example']);
    expect(out.parsed.inReplyTo).toBe(sent.messageId);
    expect(out.parsed.references).toContain(sent.messageId);
    expect(out.parsed.subject).toBe(`Re: Invoice 42 looks wrong [#${req!.number}]`);
    expect(out.parsed.from?.value[0]).toMatchObject({ address: 'support@acme-desk.example', name: 'Acme Support' });
    expect(out.parsed.messageId).toMatch(/@acme-desk\.example>$/);
    const ob = (await owner.req('GET', '/api/v1/mail/outbox')).json().items[0];
    expect(ob).toMatchObject({ status: 'sent', transport: 'smtp', messageIdHeader: out.parsed.messageId });

    // The client answers from their mail client: In-Reply-To our reply.
    await client.send({
      from: 'jane@client.example',
      to: 'support@acme-desk.example',
      subject: `Re: Invoice 42 looks wrong [#${req!.number}]`,
      text: 'Thanks!',
      inReplyTo: out.parsed.messageId,
      references: [sent.messageId, out.parsed.messageId!],
    });
    const after = await detail(req!.id);
    expect(after.messageCount).toBe(3);
    expect(after.status).toBe('open');
    expect(await requestsOf('jane@client.example')).toHaveLength(1);
  });

  it('answers 550 for unknown recipients and 552 above the size limit, and stores nothing', async () => {
    await expect(client.send({ from: 'x@client.example', to: 'nobody@elsewhere.example', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(client.send({ from: 'big@client.example', to: 'support@acme-desk.example', subject: 'big', text: 'x'.repeat(400_000) })).rejects.toMatchObject({ responseCode: 552 });
    expect(await requestsOf('big@client.example')).toHaveLength(0);
  });

  it('routes a whole domain to the workspace and stores re-delivery once (same Message-ID)', async () => {
    await owner.req('POST', '/api/v1/mail/mailboxes', { address: 'help.acme-desk.example' });
    const mail = { from: 'dup@client.example', to: 'anything@help.acme-desk.example', subject: 'Twice', text: 'Sent twice', messageId: '<dup-1@client.example>' };
    await client.send(mail);
    await client.send(mail);
    const rs = await requestsOf('dup@client.example');
    expect(rs).toHaveLength(1);
    expect(rs[0]!.messageCount).toBe(1);
  });

  it('threads by the [#number] token only for a sender of that request', async () => {
    await client.send({ from: 'tok@client.example', to: 'support@acme-desk.example', subject: 'Token base', text: 'first' });
    const [base] = await requestsOf('tok@client.example');
    await client.send({ from: 'tok@client.example', to: 'support@acme-desk.example', subject: `Another thing [#${base!.number}]`, text: 'second' });
    expect((await detail(base!.id)).messageCount).toBe(2);
    await client.send({ from: 'stranger@other.example', to: 'support@acme-desk.example', subject: `Hijack [#${base!.number}]`, text: 'third' });
    expect((await detail(base!.id)).messageCount).toBe(2);
    expect(await requestsOf('stranger@other.example')).toHaveLength(1);
  });

  it('reopens a resolved request within the window and opens a linked follow-up after it', async () => {
    const first = await client.send({ from: 'win@client.example', to: 'support@acme-desk.example', subject: 'Window', text: 'one' });
    const [r] = await requestsOf('win@client.example');
    await owner.req('PATCH', `/api/v1/requests/${r!.id}`, { status: 'resolved' });
    await client.send({ from: 'win@client.example', to: 'support@acme-desk.example', subject: 'Re: Window', text: 'two', inReplyTo: first.messageId });
    expect((await detail(r!.id)).status).toBe('open');
    await owner.req('PATCH', `/api/v1/requests/${r!.id}`, { status: 'resolved' });
    await owner.req('PATCH', `/api/v1/mail/mailboxes/${mailboxId}`, { reopenWindowDays: 0 });
    await new Promise((res) => setTimeout(res, 5));
    await client.send({ from: 'win@client.example', to: 'support@acme-desk.example', subject: 'Re: Window', text: 'three', inReplyTo: first.messageId });
    await owner.req('PATCH', `/api/v1/mail/mailboxes/${mailboxId}`, { reopenWindowDays: 30 });
    expect((await detail(r!.id)).status).toBe('resolved');
    const all = await requestsOf('win@client.example');
    expect(all).toHaveLength(2);
    const follow = all.find((x) => x.id !== r!.id)!;
    expect(follow.tags).toContain('follow-up');
    expect((await detail(follow.id)).messages[0].headers['x-fitdesk-follow-up-of']).toBe(`#${r!.number}`);
  });

  it('keeps auto-replies and bounces without answering them, and marks the bounced address', async () => {
    await client.send({ from: 'ooo@client.example', to: 'support@acme-desk.example', subject: 'Need help', text: 'please' });
    const [r] = await requestsOf('ooo@client.example');
    await owner.req('POST', `/api/v1/requests/${r!.id}/messages`, { direction: 'outbound', body: 'Sure.' });
    await waitFor(async () => (await owner.req('GET', `/api/v1/requests/${r!.id}/mail`)).json().outbox[0]?.status === 'sent');
    const ours = (await owner.req('GET', `/api/v1/requests/${r!.id}/mail`)).json().outbox[0];
    const sinkCount = sink.received.length;

    await client.send({
      from: 'ooo@client.example',
      to: 'support@acme-desk.example',
      subject: 'Out of Office: Need help',
      text: 'I am away until Monday.',
      inReplyTo: ours.messageIdHeader,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const dsn = [
      'From: MAILER-DAEMON@mx.client.example',
      'To: support@acme-desk.example',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.client.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.client.example',
      '',
      'Final-Recipient: rfc822; ooo@client.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '--B',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${ours.messageIdHeader}`,
      'Subject: Re: Need help',
      '--B--',
      '',
    ].join('\r\n');
    await client.sendRaw('', 'support@acme-desk.example', dsn);

    const d = await detail(r!.id);
    expect(d.messageCount).toBe(2);
    expect(d.status).not.toBe('new');
    const mail = (await owner.req('GET', `/api/v1/requests/${r!.id}/mail`)).json();
    expect(mail.automatic.map((a: { kind: string }) => a.kind).sort()).toEqual(['auto_reply', 'bounce']);
    expect(mail.outbox[0]).toMatchObject({ status: 'failed' });
    expect(mail.outbox[0].lastError).toContain('user unknown');
    const [c] = await t.deps.db.select().from(contacts).where(and(eq(contacts.workspaceId, owner.workspaceId), eq(contacts.email, 'ooo@client.example')));
    expect(c!.bouncedAt).toBeInstanceOf(Date);
    expect(sink.received.length).toBe(sinkCount);
    expect(await requestsOf('mailer-daemon@mx.client.example')).toHaveLength(0);
  });

  it('keeps a mail storm from one sender raw-only past the rate limit', async () => {
    for (let i = 0; i < 7; i++) await client.send({ from: 'storm@client.example', to: 'support@acme-desk.example', subject: `Storm ${i}`, text: `storm ${i}` });
    expect(await requestsOf('storm@client.example')).toHaveLength(5);
    const throttled = await t.deps.db.select().from(rawMessages).where(and(eq(rawMessages.workspaceId, owner.workspaceId), eq(rawMessages.status, 'throttled')));
    expect(throttled).toHaveLength(2);
    const health = (await owner.req('GET', '/api/v1/mail/health')).json();
    expect(health.inbound.throttled).toBe(2);
    expect(health.smtp).toMatchObject({ runningHere: true, port: role.smtp!.port });
  });

  it('queues replies while the SMTP server is down and delivers them when it is back', async () => {
    await client.send({ from: 'down@client.example', to: 'support@acme-desk.example', subject: 'While down', text: 'hi' });
    const [r] = await requestsOf('down@client.example');
    sink.failing = true;
    const before = sink.received.length;
    await owner.req('POST', `/api/v1/requests/${r!.id}/messages`, { direction: 'outbound', body: 'Reply during outage' });
    await waitFor(async () => {
      const [o] = await t.deps.db.select().from(outbox).where(and(eq(outbox.workspaceId, owner.workspaceId), eq(outbox.requestId, r!.id)));
      return (o?.attempts ?? 0) >= 1 && !!o?.lastError;
    });
    const h = (await owner.req('GET', '/api/v1/mail/health')).json();
    expect(h.outbox.queued).toBeGreaterThanOrEqual(1);
    sink.failing = false;
    await waitFor(() => sink.received.length === before + 1, { timeoutMs: 30_000, message: 'retry after outage' });
    expect(sink.received.at(-1)!.parsed.text).toContain('Reply during outage');
  });

  it('sends a test message and writes .eml files to the outbox folder without SMTP settings', async () => {
    const mb = (await owner.req('POST', '/api/v1/mail/mailboxes', { address: 'dev@files.example' })).json();
    expect(mb.outbound).toBe('file');
    const res = await owner.req('POST', `/api/v1/mail/mailboxes/${mb.id}/test`, { to: 'me@files.example' });
    expect(res.statusCode, res.body).toBe(202);
    await waitFor(async () => (await owner.req('GET', `/api/v1/mail/outbox/${res.json().id}`)).json().status === 'sent');
    const o = (await owner.req('GET', `/api/v1/mail/outbox/${res.json().id}`)).json();
    expect(o.transport).toBe('file');
    const parsed = await simpleParser(o.raw);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const eml = await owner.req('GET', `/api/v1/mail/outbox/${res.json().id}/eml`);
    expect(eml.headers['content-type']).toContain('message/rfc822');
  });
});
