import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteCaller, makeTestApp, signupCaller, type TestApp } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t?.close());

describe('accounts', () => {
  it('signs up, sets an httpOnly SameSite session cookie and returns the session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { workspaceName: 'Bright Coaching', name: 'Bea', email: 'Bea@Bright.example', password: 'long enough pass' } });
    expect(res.statusCode).toBe(201);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.json()).toMatchObject({ user: { email: 'bea@bright.example', role: 'owner' }, workspace: { name: 'Bright Coaching', slug: 'bright-coaching' } });
  });

  it('logs in with the right password only and does not reveal which part was wrong', async () => {
    await signupCaller(t.app);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'bea@bright.example', password: 'long enough pass' } });
    expect(ok.statusCode).toBe(200);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'bea@bright.example', password: 'nope nope nope' } });
    const nobody = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@bright.example', password: 'nope nope nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(nobody.json()).toEqual(wrong.json());
  });

  it('rate-limits repeated failed logins for one account', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'victim@x.example', password: 'guess guess ' + i } })).statusCode;
    }
    expect(last).toBe(429);
  });

  it('rejects cookie-authenticated writes without the CSRF header', async () => {
    const c = await signupCaller(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/clients', payload: { name: 'X' }, headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const ok = await c.req('POST', '/api/v1/clients', { name: 'X' });
    expect(ok.statusCode).toBe(201);
  });

  it('logs out and the old cookie stops working', async () => {
    const c = await signupCaller(t.app);
    expect((await c.req('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    await c.req('POST', '/api/v1/auth/logout');
    expect((await c.req('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('invites users with roles and enforces them', async () => {
    const owner = await signupCaller(t.app);
    const viewer = await inviteCaller(t.app, owner, 'viewer');
    const agent = await inviteCaller(t.app, owner, 'agent');
    expect((await viewer.req('GET', '/api/v1/requests')).statusCode).toBe(200);
    expect((await viewer.req('POST', '/api/v1/clients', { name: 'Nope' })).statusCode).toBe(403);
    expect((await agent.req('POST', '/api/v1/clients', { name: 'Yes' })).statusCode).toBe(201);
    expect((await agent.req('POST', '/api/v1/invites', { email: 'z@z.example', role: 'agent' })).statusCode).toBe(403);
    const users = (await owner.req('GET', '/api/v1/users')).json().items;
    expect(users.map((u: { role: string }) => u.role).sort()).toEqual(['agent', 'owner', 'viewer']);
    const demote = await owner.req('PATCH', `/api/v1/users/${owner.userId}`, { role: 'agent' });
    expect(demote.statusCode).toBe(409);
    const deactivate = await owner.req('PATCH', `/api/v1/users/${agent.userId}`, { active: false });
    expect(deactivate.statusCode).toBe(200);
    expect((await agent.req('GET', '/api/v1/requests')).statusCode).toBe(401);
  });

  it('creates API tokens stored hashed, accepts them as Bearer, and stops accepting them when revoked', async () => {
    const owner = await signupCaller(t.app);
    const created = await owner.req('POST', '/api/v1/tokens', { name: 'zapier' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^fd_[0-9a-f]{32}_/);
    const stored = await t.deps.db.execute(`select token_hash from api_tokens where id = '${id}'` as never);
    expect(JSON.stringify(stored)).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/clients', payload: { name: 'Via token' }, headers: bearer });
    expect(write.statusCode).toBe(201);
    const list = (await owner.req('GET', '/api/v1/tokens')).json().items;
    expect(list[0].token).toBeUndefined();
    await owner.req('DELETE', `/api/v1/tokens/${id}`);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/clients', headers: bearer })).statusCode).toBe(401);
  });

  it('emails the invitation link through the workspace mailbox when there is one', async () => {
    const owner = await signupCaller(t.app);
    const before = (await owner.req('POST', '/api/v1/invites', { email: 'first@team.example', role: 'agent' })).json();
    expect(before.emailed).toBe(false);
    expect((await owner.req('POST', '/api/v1/mail/mailboxes', { address: `desk-${owner.userId.slice(0, 8)}@team.example` })).statusCode).toBe(201);
    const inv = (await owner.req('POST', '/api/v1/invites', { email: 'second@team.example', role: 'agent', name: 'Sam' })).json();
    expect(inv.emailed).toBe(true);
    const outbox = (await owner.req('GET', '/api/v1/mail/outbox')).json();
    const mail = outbox.items.find((o: { toAddresses: string[] }) => o.toAddresses.includes('second@team.example'));
    expect(mail).toBeDefined();
    const full = (await owner.req('GET', `/api/v1/mail/outbox/${mail.id}`)).json();
    expect(full.bodyText).toContain(inv.acceptUrl);
  });
});
