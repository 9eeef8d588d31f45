import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automationRuns, events } from '../../db/schema/index.js';
import { inviteCaller, makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { processPendingEvents } from '../events/events.jobs.js';
import { findEvent } from '../events/events.service.js';
import { runAutomations } from './automations.engine.js';

let t: TestApp;
let owner: Caller;
let agent: Caller;
let supervisor: Caller;

beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Automation Co');
  agent = await inviteCaller(t.app, owner, 'agent');
  supervisor = await inviteCaller(t.app, owner, 'supervisor');
});
afterAll(() => t?.close());

const drain = () => processPendingEvents(t.deps, owner.workspaceId);
let n = 0;
async function newRequest(extra: Record<string, unknown> = {}) {
  const res = await owner.req('POST', '/api/v1/requests', { subject: `Question ${++n}`, body: 'Hello, a quick question.', contactEmail: `p${n}@client.example`, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; assigneeId: string };
}
async function rule(body: Record<string, unknown>) {
  const res = await owner.req('POST', '/api/v1/automations', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
const runs = async (ruleId: string) => (await owner.req('GET', `/api/v1/automations/${ruleId}/runs`)).json().items as { outcome: string; detail: Record<string, unknown>; eventId: string }[];
async function disableAll() {
  for (const r of (await owner.req('GET', '/api/v1/automations')).json().items) await owner.req('PATCH', `/api/v1/automations/${r.id}`, { enabled: false });
}

describe('automations', () => {
  it('sets fields and adds a tag when a matching request is created, and logs a run per rule in order', async () => {
    const billing = await rule({ name: 'Billing', event: 'request.created', conditions: { subjectContains: 'invoice' }, actions: [{ type: 'set', priority: 'high' }, { type: 'add_tag', tag: 'billing' }] });
    const sms = await rule({ name: 'SMS only', event: 'request.created', conditions: { channel: ['sms'] }, actions: [{ type: 'add_tag', tag: 'sms' }] });
    const list = (await owner.req('GET', '/api/v1/automations')).json().items.map((r: { id: string }) => r.id);
    expect(list).toEqual([billing.id, sms.id]);
    const r = await newRequest({ subject: 'Invoice 7 is wrong' });
    await drain();
    const after = (await owner.req('GET', `/api/v1/requests/${r.id}`)).json();
    expect(after).toMatchObject({ priority: 'high', tags: ['billing'] });
    expect((await runs(billing.id))[0]).toMatchObject({ outcome: 'applied' });
    expect((await runs(sms.id))[0]).toMatchObject({ outcome: 'not_matched', detail: { failed: ['channel'] } });
    const audit = (await owner.req('GET', `/api/v1/audit?entity=request&entityId=${r.id}`)).json().items;
    expect(audit.find((a: { action: string }) => a.action === 'request.updated').actorName).toBe('automation: Billing');
    await disableAll();
  });

  it('does not loop: a rule on request.updated does not fire on the changes it makes itself, nor twice for one event', async () => {
    const touch = await rule({ name: 'Touch', event: 'request.updated', actions: [{ type: 'add_tag', tag: 'touched' }, { type: 'set', priority: 'urgent' }] });
    const r = await newRequest();
    await drain();
    await owner.req('PATCH', `/api/v1/requests/${r.id}`, { subject: 'Renamed by a person' });
    await drain();
    const got = await runs(touch.id);
    expect(got).toHaveLength(1);
    expect(got[0]!.outcome).toBe('applied');
    const detail = (await owner.req('GET', `/api/v1/requests/${r.id}`)).json();
    expect(detail).toMatchObject({ tags: ['touched'], priority: 'urgent' });
    // The automation's own request.updated events carry depth 1 and the causation.
    const evs = await t.deps.db.select().from(events).where(and(eq(events.workspaceId, owner.workspaceId), eq(events.requestId, r.id), eq(events.type, 'request.updated')));
    const caused = evs.filter((e) => e.depth === 1);
    expect(caused.length).toBe(2);
    expect(caused.every((e) => e.causationRuleId === touch.id && e.causationEventId === got[0]!.eventId)).toBe(true);
    // Re-running the same event does not fire the rule again.
    const ev = await findEvent(t.deps.db, owner.workspaceId, got[0]!.eventId);
    await runAutomations(t.deps, ev!);
    const again = await t.deps.db.select().from(automationRuns).where(and(eq(automationRuns.workspaceId, owner.workspaceId), eq(automationRuns.ruleId, touch.id)));
    expect(again).toHaveLength(1);
    await disableAll();
  });

  it('escalates an abusive message to a supervisor with the ready-made rules, and the supervisor accepts the transfer', async () => {
    const presets = await owner.req('POST', '/api/v1/automations/presets/escalation', {});
    expect(presets.statusCode, presets.body).toBe(201);
    expect(presets.json().items).toHaveLength(3);
    const r = await newRequest({ assigneeId: agent.userId });
    await drain();
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { direction: 'inbound', body: 'THIS IS COMPLETELY UNACCEPTABLE!!! You people are useless and incompetent. Fix it NOW or I am calling my lawyer!!!' });
    await drain();
    const view = (await owner.req('GET', `/api/v1/requests/${r.id}/escalation`)).json();
    expect(view.escalations[0]).toMatchObject({ trigger: 'automation', toTier: 'supervisor', reason: 'Irate or abusive message' });
    expect(view.pendingTransfer).toMatchObject({ toUserId: supervisor.userId });
    expect(view.ownerId).toBe(agent.userId);
    const queue = (await supervisor.req('GET', '/api/v1/escalation/queue')).json();
    expect(queue.pendingTransfers.map((x: { requestId: string }) => x.requestId)).toContain(r.id);
    expect((await supervisor.req('POST', `/api/v1/transfers/${view.pendingTransfer.id}/accept`, {})).statusCode).toBe(200);
    expect((await owner.req('GET', `/api/v1/requests/${r.id}`)).json().assigneeId).toBe(supervisor.userId);
    await disableAll();
  });

  it('escalates on repeat contacts within the window', async () => {
    const rep = await rule({ name: 'Repeats', event: 'message.received', conditions: { repeatContacts: { atLeast: 3, withinHours: 24 } }, actions: [{ type: 'escalate', reason: 'Third message today' }] });
    const r = await newRequest({ assigneeId: agent.userId });
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { direction: 'inbound', body: 'Any news?' });
    await drain();
    expect((await owner.req('GET', `/api/v1/requests/${r.id}/escalation`)).json().escalations).toHaveLength(0);
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { direction: 'inbound', body: 'Hello??' });
    await drain();
    const view = (await owner.req('GET', `/api/v1/requests/${r.id}/escalation`)).json();
    expect(view.escalations[0]).toMatchObject({ trigger: 'automation', reason: 'Third message today', toTier: 'senior' });
    expect((await runs(rep.id)).map((x) => x.outcome)).toEqual(['applied', 'not_matched', 'not_matched']);
    await disableAll();
  });

  it('notifies supervisors when a high-urgency request arrives', async () => {
    await rule({ name: 'Tell supervisors', event: 'request.created', conditions: { priority: ['urgent'] }, actions: [{ type: 'notify', to: 'supervisors', message: 'Urgent request in' }] });
    const r = await newRequest({ priority: 'urgent' });
    await drain();
    const mine = (await supervisor.req('GET', '/api/v1/notifications?unread=true')).json().items;
    expect(mine[0]).toMatchObject({ requestId: r.id, message: 'Urgent request in' });
    expect((await agent.req('POST', '/api/v1/notifications/read', { ids: [mine[0].id] })).json().updated).toBe(0);
    expect((await supervisor.req('POST', '/api/v1/notifications/read', { ids: [mine[0].id] })).json().updated).toBe(1);
    expect((await supervisor.req('GET', '/api/v1/notifications?unread=true')).json().items).toHaveLength(0);
    expect((await agent.req('GET', '/api/v1/notifications')).json().items).toHaveLength(0);
    await disableAll();
  });

  it('answers 400 naming the field for a bad condition, an unknown action target or a missing event', async () => {
    const tone = await owner.req('POST', '/api/v1/automations', { name: 'x', event: 'message.received', conditions: { tone: ['grumpy'] }, actions: [{ type: 'add_tag', tag: 'x' }] });
    expect(tone.statusCode).toBe(400);
    expect(tone.json().error.field).toMatch(/^conditions\.tone/);
    const who = await owner.req('POST', '/api/v1/automations', { name: 'x', event: 'request.created', actions: [{ type: 'assign', userId: '00000000-0000-4000-8000-000000000000' }] });
    expect(who.statusCode).toBe(400);
    expect(who.json().error.field).toBe('actions.0.userId');
    const ev = await owner.req('POST', '/api/v1/automations', { name: 'x', event: 'transfer.accepted', actions: [{ type: 'add_tag', tag: 'x' }] });
    expect(ev.statusCode).toBe(400);
    expect(ev.json().error.field).toBe('event');
    const byAgent = await agent.req('POST', '/api/v1/automations', { name: 'x', event: 'request.created', actions: [{ type: 'add_tag', tag: 'x' }] });
    expect(byAgent.statusCode).toBe(403);
  });
});
