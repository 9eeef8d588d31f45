import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteCaller, makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { eq } from 'drizzle-orm';
import { attachments, mailboxes, outbox, reviewItems } from '../../db/schema/index.js';
import { ingestRaw } from '../mail/ingest.service.js';

/**
 * Walks every route of the OpenAPI document. A user of workspace B, given the ids of
 * workspace A's records, must get 404 (not 403, not data) on every route that takes an id,
 * and never see A's records in a list; A's records must be unchanged afterwards.
 */
let t: TestApp;
let a: Caller;
let b: Caller;
const ids: Record<string, string> = {};

// A valid body per write route, so that B's call fails on the missing record, not on validation.
const BODIES: Record<string, unknown> = {
  'POST /api/v1/requests/{id}/messages': { body: 'hello' },
  'PATCH /api/v1/requests/{id}': { priority: 'high' },
  'PATCH /api/v1/clients/{id}': { name: 'Stolen' },
  'PATCH /api/v1/contacts/{id}': { name: 'Stolen' },
  'PATCH /api/v1/users/{id}': { role: 'viewer' },
  'POST /api/v1/requests/{id}/escalate': { reason: 'x' },
  'POST /api/v1/requests/{id}/transfers': { note: 'x', toTier: 'senior' },
  'POST /api/v1/users/{id}/tier': { tier: 'senior' },
  'POST /api/v1/clients/{id}/account-owner': { userId: '00000000-0000-4000-8000-000000000000' },
  'PATCH /api/v1/automations/{id}': { name: 'Stolen' },
  'PATCH /api/v1/webhooks/{id}': { active: false },
  'POST /api/v1/clients/{id}/agreement': { terms: { timezone: 'UTC', hours: {}, firstResponseMinutes: { low: 1, normal: 1, high: 1, urgent: 1 } } },
  'POST /api/v1/clients/{id}/agreement/versions': { terms: { timezone: 'UTC', hours: {}, firstResponseMinutes: { low: 1, normal: 1, high: 1, urgent: 1 } } },
  'POST /api/v1/clients/{id}/agreement/acknowledgements': { contactId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/requests/{id}/playbook/steps': { stepId: 'x' },
  'POST /api/v1/requests/{id}/apply-template': { templateId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/incidents/{id}/dismiss': { reason: 'x' },
  'POST /api/v1/prospects/{id}/accept': {},
  'POST /api/v1/prospects/{id}/decline': {},
  'POST /api/v1/prospects/{id}/decline/preview': {},
  'PATCH /api/v1/referral-providers/{id}': { name: 'Stolen' },
  'POST /api/v1/requests/{id}/time': { minutes: 5 },
  'PATCH /api/v1/clients/{id}/lifecycle': { revenueMinor: 1 },
  'POST /api/v1/clients/{id}/exit': { reason: 'misfit' },
  'POST /api/v1/review-queue/{id}/decision': { decision: 'keep' },
  'POST /api/v1/requests/{id}/repair': { choice: 'escalate' },
  'POST /api/v1/repairs/{id}/outcome': { outcome: 'resolved' },
  'POST /api/v1/exits/{id}/refund': { waive: true, reason: 'stolen refund' },
  'POST /api/v1/exits/{id}/referral': { providerIds: [] },
  'PATCH /api/v1/mail/mailboxes/{id}': { fromName: 'Stolen' },
  'POST /api/v1/mail/mailboxes/{id}/test': {},
};
// Which of A's records a path's {id} stands for.
const RESOURCE: Array<[RegExp, string]> = [
  [/^\/api\/v1\/requests\/\{id\}/, 'request'],
  [/^\/api\/v1\/clients\/\{id\}/, 'client'],
  [/^\/api\/v1\/contacts\/\{id\}/, 'contact'],
  [/^\/api\/v1\/users\/\{id\}/, 'user'],
  [/^\/api\/v1\/invites\/\{id\}/, 'invite'],
  [/^\/api\/v1\/tokens\/\{id\}/, 'token'],
  [/^\/api\/v1\/transfers\/\{id\}/, 'transfer'],
  [/^\/api\/v1\/automations\/\{id\}/, 'automation'],
  [/^\/api\/v1\/webhooks\/\{id\}/, 'webhook'],
  [/^\/api\/v1\/agreement-templates\/\{id\}/, 'agreementTemplate'],
  [/^\/api\/v1\/sla-policies\/\{id\}/, 'slaPolicy'],
  [/^\/api\/v1\/request-types\/\{id\}/, 'requestType'],
  [/^\/api\/v1\/templates\/\{id\}/, 'template'],
  [/^\/api\/v1\/incidents\/\{id\}/, 'incident'],
  [/^\/api\/v1\/checkins\/\{id\}/, 'checkin'],
  [/^\/api\/v1\/prospects\/\{id\}/, 'prospect'],
  [/^\/api\/v1\/referral-providers\/\{id\}/, 'provider'],
  [/^\/api\/v1\/time-entries\/\{id\}/, 'timeEntry'],
  [/^\/api\/v1\/review-queue\/\{id\}/, 'reviewItem'],
  [/^\/api\/v1\/repairs\/\{id\}/, 'repair'],
  [/^\/api\/v1\/exits\/\{id\}/, 'exit'],
  [/^\/api\/v1\/mail\/mailboxes\/\{id\}/, 'mailbox'],
  [/^\/api\/v1\/mail\/outbox\/\{id\}/, 'outbox'],
  [/^\/api\/v1\/mail\/attachments\/\{id\}/, 'attachment'],
  [/^\/api\/v1\/mail\/raw\/\{id\}/, 'rawMessage'],
  [/^\/api\/v1\/mail\/messages\/\{id\}/, 'message'],
];

beforeAll(async () => {
  t = await makeTestApp();
  a = await signupCaller(t.app, 'Workspace A');
  b = await signupCaller(t.app, 'Workspace B');
  const client = (await a.req('POST', '/api/v1/clients', { name: 'A client', domain: 'a-client.example' })).json();
  const contact = (await a.req('POST', '/api/v1/contacts', { name: 'A contact', email: 'someone@a-client.example' })).json();
  const request = (await a.req('POST', '/api/v1/requests', { subject: 'A secret subject', body: 'A secret body wombat', contactId: contact.id })).json();
  const agent = await inviteCaller(t.app, a, 'agent');
  const invite = (await a.req('POST', '/api/v1/invites', { email: 'pending@a.example', role: 'agent' })).json();
  const token = (await a.req('POST', '/api/v1/tokens', { name: 'A token' })).json();
  const automation = (await a.req('POST', '/api/v1/automations', { name: 'A secret rule', event: 'request.created', actions: [{ type: 'add_tag', tag: 'secret' }] })).json();
  const webhook = (await a.req('POST', '/api/v1/webhooks', { url: 'https://a.example/secret-hook' })).json();
  const transfer = (await a.req('POST', `/api/v1/requests/${request.id}/transfers`, { note: 'A secret handoff', toUserId: agent.userId })).json();
  Object.assign(ids, { client: client.id, contact: contact.id, request: request.id, user: agent.userId, invite: invite.id, token: token.id, transfer: transfer.id, automation: automation.id, webhook: webhook.id });
  const terms = { timezone: 'UTC', hours: { mon: [{ open: '09:00', close: '17:00' }] }, firstResponseMinutes: { low: 60, normal: 60, high: 60, urgent: 60 } };
  const agreementTemplate = (await a.req('POST', '/api/v1/agreement-templates', { name: 'A secret template', terms })).json();
  await a.req('POST', `/api/v1/clients/${client.id}/agreement`, { templateId: agreementTemplate.id });
  const slaPolicy = (await a.req('POST', '/api/v1/sla-policies', { name: 'A secret policy', ...terms })).json();
  const requestType = (await a.req('POST', '/api/v1/request-types', { key: 'a-type', name: 'A secret type', steps: [{ title: 'A step' }] })).json();
  const template = (await a.req('POST', '/api/v1/templates', { name: 'A secret macro', body: 'Hi {{contact.name}}' })).json();
  const incident = (await a.req('POST', '/api/v1/incidents', { clientId: client.id, type: 'personal', note: 'A secret note' })).json();
  await a.req('POST', '/api/v1/contacts', { name: 'A client contact', email: 'member@a-client.example', clientId: client.id });
  const checkin = (await a.req('POST', '/api/v1/checkins', { clientId: client.id, cadence: 'monthly', subject: 'A secret check-in', body: 'Hello', startAt: '2030-01-01T00:00:00Z' })).json();
  Object.assign(ids, { agreementTemplate: agreementTemplate.id, slaPolicy: slaPolicy.id, requestType: requestType.id, template: template.id, incident: incident.id, checkin: checkin.id });
  // Client lifecycle: prospect, referral directory, time, repair, exit, review item.
  const prospect = (await a.req('POST', '/api/v1/prospects', { name: 'A secret prospect', email: 'p@a-prospect.example', answers: { budget: 5000, goals: 'ongoing monthly support' } })).json();
  const provider = (await a.req('POST', '/api/v1/referral-providers', { name: 'A secret provider', specialties: ['payroll'] })).json();
  const time = (await a.req('POST', `/api/v1/requests/${request.id}/time`, { minutes: 5, note: 'A secret minutes' })).json();
  const repair = (await a.req('POST', `/api/v1/requests/${request.id}/repair`, { choice: 'escalate' })).json();
  const exit = (await a.req('POST', `/api/v1/clients/${client.id}/exit`, { reason: 'misfit', note: 'A secret exit' })).json();
  const [reviewItem] = await t.deps.db.insert(reviewItems).values({ workspaceId: a.workspaceId, clientId: client.id, why: 'at_risk', score: 20, band: 'at_risk', recommendation: 'part_ways', snapshot: {} }).returning();
  Object.assign(ids, { prospect: prospect.id, provider: provider.id, timeEntry: time.items[0].id, repair: repair.id, exit: exit.id, reviewItem: reviewItem!.id });
  // Email channel: a mailbox, a received mail with an attachment, and the reply it queued.
  const mailbox = (await a.req('POST', '/api/v1/mail/mailboxes', { address: 'desk@a-mail.example' })).json();
  const [mbRow] = await t.deps.db.select().from(mailboxes).where(eq(mailboxes.id, mailbox.id));
  const mime = ['From: someone@a-client.example', 'To: desk@a-mail.example', 'Subject: A secret mail', 'Message-ID: <isolation-1@a-client.example>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="B"', '', '--B', 'Content-Type: text/plain', '', 'A secret mail body', '--B', 'Content-Type: text/plain', 'Content-Disposition: attachment; filename="a.txt"', '', 'A secret file', '--B--', ''];
  const mailIn = await ingestRaw(t.deps, { raw: Buffer.from(mime.join('\r\n')), source: 'smtp', mailbox: mbRow! });
  await a.req('POST', `/api/v1/requests/${mailIn.requestId}/messages`, { body: 'A secret reply' });
  const [att] = await t.deps.db.select().from(attachments).where(eq(attachments.workspaceId, a.workspaceId));
  const [sent] = await t.deps.db.select().from(outbox).where(eq(outbox.workspaceId, a.workspaceId));
  Object.assign(ids, { mailbox: mailbox.id, attachment: att!.id, rawMessage: mailIn.rawId, message: mailIn.messageId!, outbox: sent!.id });
});
afterAll(() => t?.close());

async function snapshot() {
  return JSON.stringify(await Promise.all([
    a.req('GET', `/api/v1/requests/${ids.request}`).then((r) => r.json()),
    a.req('GET', `/api/v1/clients/${ids.client}`).then((r) => r.json()),
    a.req('GET', `/api/v1/contacts/${ids.contact}`).then((r) => r.json()),
    a.req('GET', '/api/v1/users').then((r) => r.json()),
    a.req('GET', '/api/v1/invites').then((r) => r.json()),
    a.req('GET', '/api/v1/tokens').then((r) => r.json()),
  ]));
}

describe('tenant isolation', () => {
  it('serves the public intake form of the addressed workspace only', async () => {
    const slugOf = async (c: Caller) => (await c.req('GET', '/api/v1/auth/session')).json().workspace.slug as string;
    const [sa, sb] = [await slugOf(a), await slugOf(b)];
    const profile = { name: 'A profile', fields: [{ key: 'secret_question', prompt: 'A secret question', type: 'text' }], criteria: [{ id: 'c1', field: 'secret_question', label: 'x', kind: 'nice_to_have', weight: 1, type: 'text', phrases: ['x'] }] };
    expect((await a.req('PUT', '/api/v1/intake/profile', profile)).statusCode).toBe(200);
    const formB = await t.app.inject({ method: 'GET', url: `/api/public/intake/${sb}` });
    expect(formB.statusCode).toBe(200);
    expect(formB.body).not.toContain('secret');
    const sub = await t.app.inject({ method: 'POST', url: `/api/public/intake/${sb}`, payload: { name: 'Into B', email: 'into@b.example', answers: { budget: 5000, goals: 'ongoing support' } } });
    expect(sub.statusCode).toBe(201);
    expect(sub.body).not.toContain(sa);
    expect((await a.req('GET', '/api/v1/prospects')).body).not.toContain('into@b.example');
    expect((await b.req('GET', '/api/v1/prospects')).body).toContain('into@b.example');
  });

  it('answers 404 to workspace B on every id route of the OpenAPI document and leaves A unchanged', async () => {
    const before = await snapshot();
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.includes('{')) continue;
      // Public routes are addressed by slug, not id: see the public intake test below.
      if (path.startsWith('/api/public/')) continue;
      const res = RESOURCE.find(([re]) => re.test(path));
      expect(res, `route ${path} takes an id but the isolation test does not know its resource: add it to RESOURCE`).toBeDefined();
      const id = ids[res![1]]!;
      for (const method of Object.keys(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        const url = path.replace('{id}', id);
        const r = await b.req(method.toUpperCase(), url, ['post', 'patch', 'put'].includes(method) ? (BODIES[key] ?? {}) : undefined);
        expect(r.statusCode, `${key} → ${r.statusCode} ${r.body}`).toBe(404);
        expect(r.body).not.toContain('secret');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(11);
    expect(await snapshot()).toBe(before);
  });

  it('never lists workspace A records to workspace B', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const lists = Object.entries(doc.paths).filter(([p, ops]) => !p.includes('{') && 'get' in ops && p.startsWith('/api/v1/'));
    expect(lists.length).toBeGreaterThanOrEqual(7);
    for (const [path] of lists) {
      const url = path === '/api/v1/search' ? '/api/v1/search?q=wombat' : path;
      const r = await b.req('GET', url);
      expect(r.statusCode, `${path} ${r.body}`).toBe(200);
      for (const id of Object.values(ids)) expect(r.body, `${path} leaks ${id}`).not.toContain(id);
      expect(r.body).not.toContain('secret');
    }
  });

  it('does not let B attach A records to its own requests', async () => {
    const r = await b.req('POST', '/api/v1/requests', { subject: 'x', body: 'y', contactId: ids.contact });
    expect(r.statusCode).toBe(404);
    const c = await b.req('POST', '/api/v1/requests', { subject: 'x', body: 'y', clientId: ids.client, contactEmail: 'q@b.example' });
    expect(c.statusCode).toBe(400);
    expect(c.json().error.field).toBe('clientId');
    const asg = await b.req('POST', '/api/v1/requests', { subject: 'x', body: 'y', assigneeId: a.userId, contactEmail: 'q@b.example' });
    expect(asg.statusCode).toBe(400);
  });
});
