import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteCaller, makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';

let t: TestApp;
let owner: Caller;
let slug: string;

beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Intake Co');
  slug = (await owner.req('GET', '/api/v1/auth/session')).json().workspace.slug;
});
afterAll(() => t?.close());

const poor = { name: 'Pat Poor', email: 'pat@poor.example', answers: { budget: 200, industry: 'retail', timeline: 'just exploring', goals: 'I need you to promise I will get results, and the cheapest price.' } };
const strong = { name: 'Sam Strong', email: 'sam@strong.example', company: 'Strong Dental', answers: { budget: 5000, industry: 'healthcare', timeline: 'this month', goals: 'We want a long term partner for ongoing monthly support.' } };

describe('intake', () => {
  it('serves the public form by slug and scores a poor prospect with signed reasons', async () => {
    const form = await t.app.inject({ method: 'GET', url: `/api/public/intake/${slug}` });
    expect(form.statusCode).toBe(200);
    expect(form.json().questions.map((q: { key: string }) => q.key)).toEqual(expect.arrayContaining(['budget', 'goals']));
    const res = await t.app.inject({ method: 'POST', url: `/api/public/intake/${slug}`, payload: poor });
    expect(res.statusCode).toBe(201);
    const list = (await owner.req('GET', '/api/v1/prospects')).json();
    const p = list.items.find((x: { email: string }) => x.email === 'pat@poor.example');
    expect(p).toMatchObject({ fitBand: 'poor', recommendation: 'decline', source: 'form', status: 'new' });
    expect(p.fit.reasons.some((r: { points: number; label: string }) => r.points < 0 && /guaranteed/.test(r.label))).toBe(true);
  });

  it('drops a submission whose honeypot is filled and answers 400 naming the answer field', async () => {
    const before = (await owner.req('GET', '/api/v1/prospects')).json().items.length;
    const spam = await t.app.inject({ method: 'POST', url: `/api/public/intake/${slug}`, payload: { ...strong, email: 'bot@spam.example', website: 'http://spam' } });
    expect(spam.statusCode).toBe(201);
    expect((await owner.req('GET', '/api/v1/prospects')).json().items.length).toBe(before);
    const bad = await t.app.inject({ method: 'POST', url: `/api/public/intake/${slug}`, payload: { ...strong, answers: { ...strong.answers, budget: 'lots' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('answers.budget');
    const noEmail = await t.app.inject({ method: 'POST', url: `/api/public/intake/${slug}`, payload: { ...strong, email: 'nope' } });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().error.field).toBe('email');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/public/intake/no-such-workspace' });
    expect(unknown.statusCode).toBe(404);
  });

  it('accepts a strong prospect as an active client with its fit and answers', async () => {
    const p = (await owner.req('POST', '/api/v1/prospects', strong)).json();
    expect(p.fitBand).toBe('strong');
    const acc = await owner.req('POST', `/api/v1/prospects/${p.id}/accept`, { note: 'great fit' });
    expect(acc.statusCode).toBe(200);
    const client = (await owner.req('GET', `/api/v1/clients/${acc.json().clientId}`)).json();
    expect(client).toMatchObject({ name: 'Strong Dental', status: 'active' });
    const again = await owner.req('POST', `/api/v1/prospects/${p.id}/accept`, {});
    expect(again.statusCode).toBe(409);
  });

  it('declines with a courteous letter naming a better-suited provider, stored as an outbound message', async () => {
    const prov = (await owner.req('POST', '/api/v1/referral-providers', { name: 'Budget Books', specialties: ['bookkeeping for small budgets', 'retail bookkeeping'] })).json();
    const p = (await owner.req('GET', '/api/v1/prospects')).json().items.find((x: { email: string }) => x.email === 'pat@poor.example');
    const preview = (await owner.req('POST', `/api/v1/prospects/${p.id}/decline/preview`, { providerIds: [prov.id] })).json();
    expect(preview.body).toContain('Budget Books');
    expect(preview.body).toContain('Pat Poor');
    const res = await owner.req('POST', `/api/v1/prospects/${p.id}/decline`, { providerIds: [prov.id] });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.status).toBe('declined');
    const req = (await owner.req('GET', `/api/v1/requests/${d.letterRequestId}`)).json();
    expect(req.messages[0]).toMatchObject({ direction: 'outbound' });
    expect(req.messages[0].bodyText).toContain('Budget Books');
    const audit = (await owner.req('GET', `/api/v1/audit?entity=prospect&entityId=${p.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['prospect.created', 'prospect.declined']));
  });

  it('previews how sample answers score against a draft profile', async () => {
    const prof = (await owner.req('GET', '/api/v1/intake/profile')).json().profile;
    const res = await owner.req('POST', '/api/v1/intake/preview', { profile: prof, answers: strong.answers });
    expect(res.statusCode).toBe(200);
    expect(res.json().fit.band).toBe('strong');
    const bad = await owner.req('PUT', '/api/v1/intake/profile', { ...prof, criteria: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('criteria');
  });

  it('writes the decline letter from the workspace template with its variables, and only owners change it', async () => {
    const agent = await inviteCaller(t.app, owner, 'agent');
    const denied = await agent.req('PATCH', '/api/v1/lifecycle/settings', { reviewEveryDays: 3 });
    expect(denied.statusCode).toBe(403);
    const bad = await owner.req('PATCH', '/api/v1/lifecycle/settings', { templates: { decline: { subject: '', body: 'x' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('templates.decline.subject');
    const ok = await owner.req('PATCH', '/api/v1/lifecycle/settings', { reviewEveryDays: 14, templates: { decline: { subject: 'Not a fit, {{contact_name}}', body: 'Hello {{contact_name}} of {{client_name}}, from {{workspace_name}}. {{referrals}}' } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ reviewEveryDays: 14, refundPolicy: { kind: 'full_then_prorated', guaranteeDays: 30 } });
    expect(ok.json().templates.farewell.body).toContain('{{client_name}}');
    const p = (await owner.req('POST', '/api/v1/prospects', { name: 'Vic', email: 'vic@vic.example', company: 'Vic Ltd', answers: { budget: 100, goals: 'cheapest price' } })).json();
    const preview = (await owner.req('POST', `/api/v1/prospects/${p.id}/decline/preview`, {})).json();
    expect(preview).toEqual({ subject: 'Not a fit, Vic', body: 'Hello Vic of Vic Ltd, from Intake Co.', to: 'vic@vic.example' });
  });
});
