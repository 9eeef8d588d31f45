import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { MailboxInput, Mailbox, MailboxPatch, MailHealth, Ok, OutboxDetail, OutboxItem, OutboxListQuery, Page, RequestMail, TestMessageBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as mailboxes from './mailboxes.service.js';
import * as outbox from './outbox.service.js';
import * as mail from './mail.service.js';

// Types a browser could run if served from our origin are downloaded as opaque bytes instead.
const ACTIVE = /^(text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml|text\/javascript|application\/javascript)/i;

function download(reply: FastifyReply, data: Buffer, filename: string, contentType: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', ACTIVE.test(contentType) ? 'application/octet-stream' : contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(data);
}

const binary = { 200: z.any().describe('The file'), ...errors };

export function mailRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['mail'];
  r.get('/api/v1/mail/health', { schema: { tags, summary: 'Inbound SMTP, IMAP polling, outbox and ingest status', response: { 200: MailHealth, ...errors } } }, async (req) =>
    mail.mailHealth(deps, actorOf(req)),
  );
  r.get('/api/v1/mail/mailboxes', { schema: { tags, response: { 200: z.object({ items: z.array(Mailbox) }), ...errors } } }, async (req) =>
    mailboxes.listMailboxes(deps, actorOf(req)),
  );
  r.post('/api/v1/mail/mailboxes', { schema: { tags, body: MailboxInput, response: { 201: Mailbox, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await mailboxes.createMailbox(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/mail/mailboxes/:id', { schema: { tags, params: IdParams, response: { 200: Mailbox, ...errors } } }, async (req) =>
    mailboxes.getMailbox(deps, actorOf(req), req.params.id),
  );
  r.patch('/api/v1/mail/mailboxes/:id', { schema: { tags, params: IdParams, body: MailboxPatch, response: { 200: Mailbox, ...errors } } }, async (req) =>
    mailboxes.updateMailbox(deps, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/v1/mail/mailboxes/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors } } }, async (req) =>
    mailboxes.deleteMailbox(deps, actorOf(req), req.params.id),
  );
  r.post(
    '/api/v1/mail/mailboxes/:id/test',
    { schema: { tags, summary: 'Send a test message from this mailbox', params: IdParams, body: TestMessageBody.optional(), response: { 202: OutboxItem, ...errors } } },
    async (req, reply) => reply.status(202).send(await outbox.queueTestMessage(deps, actorOf(req), req.params.id, req.body?.to)),
  );
  r.get('/api/v1/mail/outbox', { schema: { tags, summary: 'Outgoing mail, newest first', querystring: OutboxListQuery, response: { 200: Page(OutboxItem), ...errors } } }, async (req) =>
    outbox.listOutbox(deps, actorOf(req), req.query),
  );
  r.get('/api/v1/mail/outbox/:id', { schema: { tags, params: IdParams, response: { 200: OutboxDetail, ...errors } } }, async (req) =>
    outbox.getOutbox(deps, actorOf(req), req.params.id),
  );
  r.get('/api/v1/mail/outbox/:id/eml', { schema: { tags, summary: 'The message as sent (.eml)', params: IdParams, response: binary } }, async (req, reply) =>
    download(reply, await outbox.outboxEml(deps, actorOf(req), req.params.id), `outbox-${req.params.id}.eml`, 'message/rfc822'),
  );
  r.post('/api/v1/mail/outbox/:id/retry', { schema: { tags, params: IdParams, response: { 200: OutboxItem, ...errors } } }, async (req) =>
    outbox.retryOutbox(deps, actorOf(req), req.params.id),
  );
  r.get('/api/v1/requests/:id/mail', { schema: { tags, summary: "A request's attachments, raw messages, auto-replies/bounces and sent mail", params: IdParams, response: { 200: RequestMail, ...errors } } }, async (req) =>
    mail.requestMail(deps, actorOf(req), req.params.id),
  );
  r.get('/api/v1/mail/attachments/:id', { schema: { tags, summary: 'Download an attachment', params: IdParams, response: binary } }, async (req, reply) => {
    const f = await mail.attachmentFile(deps, actorOf(req), req.params.id);
    return download(reply, f.data, f.filename, f.contentType);
  });
  r.get('/api/v1/mail/raw/:id', { schema: { tags, summary: 'Download a received message as it arrived (.eml)', params: IdParams, response: binary } }, async (req, reply) =>
    download(reply, await mail.rawById(deps, actorOf(req), req.params.id), `message-${req.params.id}.eml`, 'message/rfc822'),
  );
  r.get('/api/v1/mail/messages/:id/raw', { schema: { tags, summary: 'Download the raw source of an email message (.eml)', params: IdParams, response: binary } }, async (req, reply) =>
    download(reply, await mail.rawByMessage(deps, actorOf(req), req.params.id), `message-${req.params.id}.eml`, 'message/rfc822'),
  );
}
