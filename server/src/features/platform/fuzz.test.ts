import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';

/** Throws malformed bodies (random JSON, wrong types, junk text) at every write route: never a 500. */
let t: TestApp;
let owner: Caller;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Fuzz');
  const client = (await owner.req('POST', '/api/v1/clients', { name: 'F' })).json();
  const contact = (await owner.req('POST', '/api/v1/contacts', { name: 'F', email: 'f@f.example' })).json();
  const request = (await owner.req('POST', '/api/v1/requests', { subject: 'F', body: 'F', contactId: contact.id })).json();
  ids = { client: client.id, contact: contact.id, request: request.id, user: owner.userId };
});
afterAll(() => t?.close());

const junk = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom('subject', 'body', 'name', 'email', 'status', 'priority', 'tags', 'clientId', 'assigneeId', 'role', 'direction', 'domain', 'annualRevenue', 'password', 'workspaceName', 'token', 'sentAt'), fc.jsonValue()),
  fc.record({ subject: fc.string(), body: fc.string({ maxLength: 50 }), tags: fc.array(fc.string()), priority: fc.string(), clientId: fc.string() }, { requiredKeys: [] }),
);

describe('malformed input', () => {
  it('never answers 500 on any write route', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes: Array<[string, string]> = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const m of Object.keys(ops)) if (['post', 'patch', 'put', 'delete'].includes(m)) routes.push([m.toUpperCase(), path]);
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const [method, path] of routes) {
      const resource = /requests/.test(path) ? 'request' : /clients/.test(path) ? 'client' : /contacts/.test(path) ? 'contact' : 'user';
      const url = path.replace('{id}', ids[resource] ?? ids.request!);
      await fc.assert(
        fc.asyncProperty(junk, async (payload) => {
          const r = await owner.req(method, url, payload);
          expect(r.statusCode, `${method} ${path} ${JSON.stringify(payload)} → ${r.body}`).toBeLessThan(500);
          if (r.statusCode >= 400) expect(r.json().error.code).toBeTypeOf('string');
        }),
        { numRuns: 25, seed: 4319 },
      );
      for (const raw of ['{', 'null', '"str"', '[1,2]', '\u0000', '{"subject": "\\ud800"}']) {
        const r = await t.app.inject({ method: method as 'POST', url, payload: raw, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' } });
        expect(r.statusCode, `${method} ${path} raw ${JSON.stringify(raw)} → ${r.body}`).toBeLessThan(500);
      }
    }
  }, 240_000);

  it('never answers 500 to junk query strings on list routes', async () => {
    const q = fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'sort', 'q', 'assigneeId', 'tag', 'tone', 'clientId'), fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(q, fc.constantFrom('/api/v1/requests', '/api/v1/clients', '/api/v1/contacts', '/api/v1/search', '/api/v1/audit'), async (query, path) => {
        const r = await owner.req('GET', `${path}?${new URLSearchParams(query).toString()}`);
        expect(r.statusCode, `${path} ${JSON.stringify(query)} → ${r.body}`).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 7 },
    );
  }, 120_000);
});
