import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { processPendingEvents, registerEventJobs } from '../events/events.jobs.js';
import { registerWebhookJobs } from './webhooks.jobs.js';
import { deliver } from './webhooks.service.js';
import { verifyWebhook } from './webhooks.sign.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on loopback; `answer` decides each response's status. */
function receiver(answer: (n: number) => number) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = answer(got.length);
      res.end('ok');
    });
  });
  return {
    got,
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let t: TestApp;
let owner: Caller;
beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Webhook Co');
});
afterAll(() => t?.close());

describe('webhooks', () => {
  it('delivers every event HMAC-signed to a local HTTP server through the job queue and logs each delivery', async () => {
    const rx = receiver(() => 200);
    const url = await rx.start();
    try {
      const ep = await owner.req('POST', '/api/v1/webhooks', { url, description: 'CRM', eventTypes: ['request.created', 'message.received'] });
      expect(ep.statusCode, ep.body).toBe(201);
      const { id, secret } = ep.json();
      expect(secret).toMatch(/^whsec_/);
      expect((await owner.req('GET', `/api/v1/webhooks/${id}`)).json().secret).toBeUndefined();
      await t.deps.jobs.start();
      await registerEventJobs(t.deps);
      await registerWebhookJobs(t.deps);
      const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Signed', body: 'Hello', contactEmail: 'w@client.example' })).json();
      await waitFor(() => rx.got.length >= 2);
      const types = rx.got.map((g) => JSON.parse(g.body).type).sort();
      expect(types).toEqual(['message.received', 'request.created']);
      for (const g of rx.got) {
        const header = String(g.headers['fitdesk-signature']);
        const [, ts, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
        // Recomputed here independently of the server's signing code.
        expect(v1).toBe(crypto.createHmac('sha256', secret).update(`${ts}.${g.body}`).digest('hex'));
        expect(verifyWebhook(secret, g.body, header, Math.floor(Date.now() / 1000))).toBe(true);
        expect(verifyWebhook(secret, g.body.replace(owner.workspaceId, crypto.randomUUID()), header, Math.floor(Date.now() / 1000))).toBe(false);
        expect(JSON.parse(g.body)).toMatchObject({ workspaceId: owner.workspaceId, requestId: r.id });
      }
      const log = await waitFor(async () => {
        const items = (await owner.req('GET', `/api/v1/webhooks/${id}/deliveries`)).json().items;
        return items.length >= 2 && items;
      });
      expect(log[0]).toMatchObject({ status: 'succeeded', responseCode: 200, attempt: 1 });
      expect(log[0].durationMs).toBeGreaterThanOrEqual(0);
    } finally {
      await t.deps.jobs.stop();
      await rx.stop();
    }
  });

  it('retries a failing endpoint with exponential backoff and gives up after the last attempt', async () => {
    const rx = receiver((n) => (n <= 2 ? 500 : 204));
    const url = await rx.start();
    try {
      const ep = (await owner.req('POST', '/api/v1/webhooks', { url, eventTypes: ['request.updated'] })).json();
      const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Retry', body: 'x', contactEmail: 'r@client.example' })).json();
      await owner.req('PATCH', `/api/v1/requests/${r.id}`, { priority: 'high' });
      await processPendingEvents(t.deps, owner.workspaceId);
      const ev = (await owner.req('GET', `/api/v1/events?requestId=${r.id}&type=request.updated`)).json().items[0];
      const p = { workspaceId: owner.workspaceId, endpointId: ep.id, eventId: ev.id };
      expect(await deliver(t.deps, { ...p, attempt: 1 })).toBe('retrying');
      expect(await deliver(t.deps, { ...p, attempt: 2 })).toBe('retrying');
      expect(await deliver(t.deps, { ...p, attempt: 3 })).toBe('succeeded');
      const log = (await owner.req('GET', `/api/v1/webhooks/${ep.id}/deliveries`)).json().items.reverse();
      expect(log.map((d: { attempt: number; status: string; responseCode: number }) => [d.attempt, d.status, d.responseCode])).toEqual([
        [1, 'retrying', 500],
        [2, 'retrying', 500],
        [3, 'succeeded', 204],
      ]);
      const waits = log.slice(0, 2).map((d: { createdAt: string; nextAttemptAt: string }) => Date.parse(d.nextAttemptAt) - Date.parse(d.createdAt));
      expect(waits).toEqual([30_000, 60_000]);
      expect(rx.got.map((g) => g.headers['fitdesk-delivery-attempt'])).toEqual(['1', '2', '3']);
      await rx.stop();
      // Nobody listening any more: the last attempt fails for good.
      expect(await deliver(t.deps, { ...p, attempt: 8 })).toBe('failed');
      const last = (await owner.req('GET', `/api/v1/webhooks/${ep.id}/deliveries`)).json().items[0];
      expect(last).toMatchObject({ attempt: 8, status: 'failed', responseCode: null, nextAttemptAt: null });
      expect(last.error).toBeTruthy();
    } finally {
      await rx.stop().catch(() => undefined);
    }
  });

  it('answers 400 naming url for a non-http URL, and audits changes', async () => {
    const bad = await owner.req('POST', '/api/v1/webhooks', { url: 'ftp://example.com/x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('url');
    const ev = await owner.req('POST', '/api/v1/webhooks', { url: 'https://example.com/x', eventTypes: ['nope'] });
    expect(ev.statusCode).toBe(400);
    expect(ev.json().error.field).toMatch(/^eventTypes/);
    const ok = (await owner.req('POST', '/api/v1/webhooks', { url: 'https://example.com/x' })).json();
    const rotated = (await owner.req('POST', `/api/v1/webhooks/${ok.id}/rotate-secret`)).json();
    expect(rotated.secret).not.toBe(ok.secret);
    expect((await owner.req('PATCH', `/api/v1/webhooks/${ok.id}`, { active: false })).json().active).toBe(false);
    expect((await owner.req('DELETE', `/api/v1/webhooks/${ok.id}`)).statusCode).toBe(200);
    const audit = (await owner.req('GET', `/api/v1/audit?entity=webhook&entityId=${ok.id}`)).json().items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['webhook.created', 'webhook.secret_rotated', 'webhook.updated', 'webhook.deleted']));
  });
});
