import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';

let t: TestApp;
let owner: Caller;

beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Requests Co');
});
afterAll(() => t?.close());

describe('requests API', () => {
  it('creates a request with a new contact linked to the client by domain', async () => {
    const client = await owner.req('POST', '/api/v1/clients', { name: 'Acme', domain: 'acme.example' });
    expect(client.statusCode).toBe(201);
    const res = await owner.req('POST', '/api/v1/requests', {
      subject: 'Invoice 42 is wrong',
      body: 'The total on invoice 42 does not match the quote.',
      contactEmail: 'Jane@Acme.example',
      contactName: 'Jane',
      channel: 'email',
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ subject: 'Invoice 42 is wrong', status: 'new', clientId: client.json().id, contactEmail: 'jane@acme.example', messageCount: 1 });
    expect((await owner.req("GET", `/api/v1/clients/${client.json().id}`)).json().openRequests).toBe(1);
    expect(r.number).toBeGreaterThanOrEqual(1000);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0].direction).toBe('inbound');
  });

  it('replies, adds a note, sets status and records every change in the audit log', async () => {
    const created = (await owner.req('POST', '/api/v1/requests', { subject: 'Payroll question', body: 'When is payroll due?', contactEmail: 'bob@else.example' })).json();
    const reply = await owner.req('POST', `/api/v1/requests/${created.id}/messages`, { direction: 'outbound', body: 'Friday.', status: 'waiting' });
    expect(reply.statusCode).toBe(201);
    const note = await owner.req('POST', `/api/v1/requests/${created.id}/messages`, { direction: 'note', body: 'He asks every week.' });
    expect(note.statusCode).toBe(201);
    const patched = await owner.req('PATCH', `/api/v1/requests/${created.id}`, { priority: 'high', tags: ['payroll'] });
    expect(patched.statusCode).toBe(200);
    const detail = (await owner.req('GET', `/api/v1/requests/${created.id}`)).json();
    expect(detail).toMatchObject({ status: 'waiting', priority: 'high', tags: ['payroll'], assigneeId: owner.userId, messageCount: 3 });
    expect(detail.messages.map((m: { direction: string }) => m.direction)).toEqual(['inbound', 'outbound', 'note']);
    const audit = (await owner.req('GET', `/api/v1/audit?entity=request&entityId=${created.id}`)).json();
    const actions = audit.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['request.created', 'message.replied', 'message.noted', 'request.updated']));
    const upd = audit.items.find((a: { action: string }) => a.action === 'request.updated');
    expect(upd.before).toEqual({ priority: 'normal', tags: [] });
    expect(upd.after).toEqual({ priority: 'high', tags: ['payroll'] });
  });

  it('reopens a resolved request when the client writes again', async () => {
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Done?', body: 'Is it done?', contactEmail: 'c@x.example' })).json();
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { body: 'Yes.', status: 'resolved' });
    expect((await owner.req('GET', `/api/v1/requests/${r.id}`)).json().status).toBe('resolved');
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { direction: 'inbound', body: 'Actually one more thing' });
    const after = (await owner.req('GET', `/api/v1/requests/${r.id}`)).json();
    expect(after.status).toBe('open');
    expect(after.resolvedAt).toBeNull();
  });

  it('lists the inbox with filters and cursor pagination without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await owner.req('POST', '/api/v1/requests', { subject: `Bulk ${i}`, body: 'x', contactEmail: `bulk${i}@y.example`, tags: ['bulk'] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await owner.req('GET', `/api/v1/requests?tag=bulk&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      seen.push(...page.items.map((x: { subject: string }) => x.subject));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const bySubject = await owner.req('GET', '/api/v1/requests?tag=bulk&sort=-number&limit=2');
    expect(bySubject.json().items[0].subject).toBe('Bulk 6');
  });

  it('finds requests by full-text search with highlighted, escaped snippets', async () => {
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Quarterly filing', body: 'Our reconciliation for the warehouse account says profit < loss & off by $300.', contactEmail: 'q@z.example' })).json();
    const res = await owner.req('GET', '/api/v1/search?q=reconciliation%20warehouse');
    expect(res.statusCode).toBe(200);
    const hit = res.json().items[0];
    expect(hit.requestId).toBe(r.id);
    expect(hit.snippet).toContain('<mark>');
    expect(hit.snippet).toMatch(/&lt;|&amp;/);
    expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/<|>/);
    const none = await owner.req('GET', '/api/v1/search?q=zzzqqq');
    expect(none.json().items).toEqual([]);
  });

  it('answers 400 naming the field for bad input and 404 for unknown ids', async () => {
    const bad = await owner.req('POST', '/api/v1/requests', { subject: '', body: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation_failed', field: 'subject' });
    const badPrio = await owner.req('PATCH', '/api/v1/requests/00000000-0000-4000-8000-000000000000', { priority: 'asap' });
    expect(badPrio.statusCode).toBe(400);
    expect(badPrio.json().error.field).toBe('priority');
    const missing = await owner.req('GET', '/api/v1/requests/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    const badId = await owner.req('GET', '/api/v1/requests/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    const badCursor = await owner.req('GET', '/api/v1/requests?cursor=garbage');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.field).toBe('cursor');
  });

  it('replays a POST with the same Idempotency-Key instead of creating twice', async () => {
    const body = { subject: 'Idem', body: 'once', contactEmail: 'idem@x.example' };
    const a = await owner.req('POST', '/api/v1/requests', body, { 'idempotency-key': 'k-123' });
    const b = await owner.req('POST', '/api/v1/requests', body, { 'idempotency-key': 'k-123' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    const c = await owner.req('POST', '/api/v1/requests', { ...body, body: 'different' }, { 'idempotency-key': 'k-123' });
    expect(c.statusCode).toBe(409);
    const list = (await owner.req('GET', '/api/v1/search?q=idem')).json();
    expect(list.items).toHaveLength(1);
  });

  it('pages the audit log by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await owner.req('GET', `/api/v1/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen.length).toBeGreaterThan(8);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
