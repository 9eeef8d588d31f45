import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteCaller, makeTestApp, ManualClock, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { TERMS } from '../agreements/terms.fixture.js';

let t: TestApp;
let owner: Caller;
let clientId: string;
const email = 'dana@playbook.example';
const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));

beforeAll(async () => {
  t = await makeTestApp({ clock });
  owner = await signupCaller(t.app, 'Playbook Practice');
  clientId = (await owner.req('POST', '/api/v1/clients', { name: 'Playbook Client', domain: 'playbook.example', tier: 'premium' })).json().id;
  await owner.req('POST', '/api/v1/contacts', { name: 'Dana Scully', email, clientId });
  await owner.req('POST', `/api/v1/clients/${clientId}/agreement`, { terms: TERMS });
});
afterAll(() => t?.close());

const invoiceType = {
  key: 'invoice-dispute',
  name: 'Invoice dispute',
  rules: { keywords: ['invoice', 'overcharged'], channels: ['email'] },
  steps: [{ title: 'Pull the invoice' }, { title: 'Compare with the quote' }, { id: 'reply', title: 'Reply with the finding' }],
};

describe('request types and playbooks', () => {
  it('types a new request by its rules and shows the playbook steps to tick off', async () => {
    const type = await owner.req('POST', '/api/v1/request-types', invoiceType);
    expect(type.statusCode).toBe(201);
    expect(type.json().steps.map((s: { id: string }) => s.id)).toEqual(['pull-the-invoice', 'compare-with-the-quote', 'reply']);
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Wrong total', body: 'I think we were overcharged on the March invoice.', contactEmail: email, channel: 'email' })).json();
    expect(r.type).toBe('invoice-dispute');
    const other = (await owner.req('POST', '/api/v1/requests', { subject: 'Wrong total', body: 'Overcharged on the invoice.', contactEmail: email, channel: 'portal' })).json();
    expect(other.type).toBeNull(); // channel rule does not hold
    const pb = (await owner.req('GET', `/api/v1/requests/${r.id}/playbook`)).json();
    expect(pb.type.key).toBe('invoice-dispute');
    expect(pb.steps.map((s: { done: boolean }) => s.done)).toEqual([false, false, false]);
    const audit = (await owner.req('GET', `/api/v1/audit?entity=request&entityId=${r.id}`)).json();
    expect(audit.items.find((a: { action: string }) => a.action === 'request.typed').after).toEqual({ type: 'invoice-dispute', reasons: ['keyword "invoice"', 'channel email'] });
  });

  it('records who ticked which step in the audit log, and unticks', async () => {
    const agent = await inviteCaller(t.app, owner, 'agent');
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Invoice 7', body: 'The invoice total is off.', contactEmail: email, channel: 'email' })).json();
    const ticked = await agent.req('POST', `/api/v1/requests/${r.id}/playbook/steps`, { stepId: 'pull-the-invoice' });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().steps[0]).toMatchObject({ done: true, doneByName: 'agent user', doneAt: '2026-03-02T10:00:00.000Z' });
    const bad = await agent.req('POST', `/api/v1/requests/${r.id}/playbook/steps`, { stepId: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('stepId');
    await agent.req('POST', `/api/v1/requests/${r.id}/playbook/steps`, { stepId: 'pull-the-invoice', done: false });
    const audit = (await owner.req('GET', `/api/v1/audit?entity=request&entityId=${r.id}`)).json();
    const done = audit.items.find((a: { action: string }) => a.action === 'playbook.step_done');
    expect(done).toMatchObject({ actorUserId: agent.userId, after: { stepId: 'pull-the-invoice' } });
    expect(audit.items.some((a: { action: string }) => a.action === 'playbook.step_undone')).toBe(true);
  });

  it('lets staff change the type, which changes the playbook', async () => {
    await owner.req('POST', '/api/v1/request-types', { key: 'general', name: 'General', steps: [{ title: 'Answer' }] });
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Invoice copy', body: 'Can I get a copy of the invoice?', contactEmail: email, channel: 'email' })).json();
    await owner.req('PATCH', `/api/v1/requests/${r.id}`, { type: 'general' });
    const pb = (await owner.req('GET', `/api/v1/requests/${r.id}/playbook`)).json();
    expect(pb.steps.map((s: { title: string }) => s.title)).toEqual(['Answer']);
  });

  it('previews a template with agreement variables and sends it as a reply', async () => {
    const types = (await owner.req('GET', '/api/v1/request-types')).json();
    const typeId = types.items.find((x: { key: string }) => x.key === 'invoice-dispute').id;
    const tpl = await owner.req('POST', '/api/v1/templates', {
      name: 'Acknowledge dispute',
      requestTypeId: typeId,
      body: 'Hi {{contact.first_name}}, we are checking request #{{request.number}}. Our hours are {{agreement.hours}}; we answer within {{agreement.first_response}}. {{mystery.var}}',
    });
    expect(tpl.statusCode).toBe(201);
    expect(tpl.json().variables).toEqual(['contact.first_name', 'request.number', 'agreement.hours', 'agreement.first_response', 'mystery.var']);
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Invoice again', body: 'The invoice is wrong again.', contactEmail: email, channel: 'email' })).json();
    const pv = await owner.req('POST', `/api/v1/templates/${tpl.json().id}/preview`, { requestId: r.id });
    expect(pv.statusCode).toBe(200);
    expect(pv.json().body).toBe(
      `Hi Dana, we are checking request #${r.number}. Our hours are Mon–Fri 09:00–17:00 (Europe/London); we answer within 1 business day. {{mystery.var}}`,
    );
    expect(pv.json().unknown).toEqual(['mystery.var']);
    const pb = (await owner.req('GET', `/api/v1/requests/${r.id}/playbook`)).json();
    expect(pb.templates.map((x: { name: string }) => x.name)).toEqual(['Acknowledge dispute']);
    const sent = await owner.req('POST', `/api/v1/requests/${r.id}/apply-template`, { templateId: tpl.json().id, status: 'waiting' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ direction: 'outbound', bodyText: expect.stringContaining('1 business day') });
    const detail = (await owner.req('GET', `/api/v1/requests/${r.id}`)).json();
    expect(detail.status).toBe('waiting');
    const adhoc = await owner.req('POST', '/api/v1/templates/preview', { body: 'Resolution within {{agreement.resolution}}', clientId });
    expect(adhoc.json().body).toBe('Resolution within 5 business days');
  });

  it('uses the type SLA policy when the client has no agreement', async () => {
    const policy = (await owner.req('POST', '/api/v1/sla-policies', { name: 'Outage', timezone: 'UTC', hours: { mon: [{ open: '00:00', close: '24:00' }] }, firstResponseMinutes: { low: 60, normal: 30, high: 15, urgent: 5 } })).json();
    await owner.req('POST', '/api/v1/request-types', { key: 'outage', name: 'Outage', rules: { keywords: ['is down'] }, slaPolicyId: policy.id });
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Site', body: 'Our site is down', contactEmail: 'ops@nowhere.example' })).json();
    expect(r.type).toBe('outage');
    const sla = (await owner.req('GET', `/api/v1/requests/${r.id}/sla`)).json();
    expect(sla.clocks[0]).toMatchObject({ source: 'type_policy', kind: 'first_response' });
  });

  it('answers 400 naming the field for bad input and 409 for a duplicate key', async () => {
    const badKey = await owner.req('POST', '/api/v1/request-types', { key: 'Bad Key!', name: 'x' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.field).toBe('key');
    const badPolicy = await owner.req('POST', '/api/v1/request-types', { key: 'x1', name: 'x', slaPolicyId: '00000000-0000-4000-8000-000000000000' });
    expect(badPolicy.statusCode).toBe(400);
    expect(badPolicy.json().error.field).toBe('slaPolicyId');
    expect((await owner.req('POST', '/api/v1/request-types', invoiceType)).statusCode).toBe(409);
    const badTpl = await owner.req('POST', '/api/v1/templates', { name: 'x', body: '' });
    expect(badTpl.statusCode).toBe(400);
    expect(badTpl.json().error.field).toBe('body');
  });
});
