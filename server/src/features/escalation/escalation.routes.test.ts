import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteCaller, makeTestApp, ManualClock, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { systemActor } from '../auth/actor.js';
import { expireTransfer } from './transfers.service.js';

let t: TestApp;
let clock: ManualClock;
let owner: Caller;
let agent: Caller;
let senior: Caller;
let supervisor: Caller;

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  t = await makeTestApp({ clock });
  owner = await signupCaller(t.app, 'Escalation Co');
  agent = await inviteCaller(t.app, owner, 'agent');
  senior = await inviteCaller(t.app, owner, 'agent');
  supervisor = await inviteCaller(t.app, owner, 'supervisor');
  expect((await owner.req('POST', `/api/v1/users/${senior.userId}/tier`, { tier: 'senior' })).statusCode).toBe(200);
});
afterAll(() => t?.close());

let n = 0;
async function newRequest(by: Caller = owner, extra: Record<string, unknown> = {}) {
  const res = await by.req('POST', '/api/v1/requests', { subject: `Help ${++n}`, body: 'Please help', contactEmail: `c${n}@client.example`, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; assigneeId: string | null };
}

describe('ownership', () => {
  it('routes a new request to the least-loaded user on the lowest tier when nobody is named', async () => {
    const staff = (await owner.req('GET', '/api/v1/escalation/staff')).json().items as { userId: string; tier: string; openRequests: number }[];
    expect(staff.find((s) => s.userId === senior.userId)!.tier).toBe('senior');
    const a = await newRequest();
    expect(a.assigneeId).toBe(agent.userId);
  });

  it("routes a client's new request to its account owner first", async () => {
    const client = (await owner.req('POST', '/api/v1/clients', { name: 'Big Client', domain: 'big.example' })).json();
    const set = await owner.req('POST', `/api/v1/clients/${client.id}/account-owner`, { userId: supervisor.userId });
    expect(set.statusCode, set.body).toBe(200);
    const r = await newRequest(owner, { contactEmail: 'ceo@big.example' });
    expect(r.assigneeId).toBe(supervisor.userId);
  });

  it('answers 400 naming assigneeId when someone unassigns an open request, and allows it once resolved', async () => {
    const r = await newRequest();
    const res = await owner.req('PATCH', `/api/v1/requests/${r.id}`, { assigneeId: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('assigneeId');
    const ok = await owner.req('PATCH', `/api/v1/requests/${r.id}`, { assigneeId: null, status: 'resolved' });
    expect(ok.statusCode).toBe(200);
    // Reopened by the client: routed to an owner again.
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { direction: 'inbound', body: 'Still broken' });
    const again = (await owner.req('GET', `/api/v1/requests/${r.id}`)).json();
    expect(again.status).toBe('open');
    expect(again.assigneeId).not.toBeNull();
  });
});

describe('escalation and warm transfer', () => {
  it('escalates by hand to the next tier; the owner keeps the request until the receiver accepts', async () => {
    const r = await newRequest(owner, { assigneeId: agent.userId });
    const esc = await agent.req('POST', `/api/v1/requests/${r.id}/escalate`, { reason: 'Client threatens to leave' });
    expect(esc.statusCode, esc.body).toBe(200);
    const view = esc.json();
    expect(view).toMatchObject({ ownerId: agent.userId, ownerTier: 'agent' });
    expect(view.escalations[0]).toMatchObject({ trigger: 'manual', reason: 'Client threatens to leave', fromTier: 'agent', toTier: 'senior', acknowledgedAt: null });
    expect(view.pendingTransfer).toMatchObject({ toUserId: senior.userId, toTier: 'senior', note: 'Client threatens to leave', status: 'pending' });
    expect((await owner.req('GET', `/api/v1/requests/${r.id}`)).json().assigneeId).toBe(agent.userId);

    const queue = (await supervisor.req('GET', '/api/v1/escalation/queue')).json();
    expect(queue.escalations.map((e: { requestId: string }) => e.requestId)).toContain(r.id);
    expect(queue.pendingTransfers.map((x: { id: string }) => x.id)).toContain(view.pendingTransfer.id);

    const acc = await senior.req('POST', `/api/v1/transfers/${view.pendingTransfer.id}/accept`, {});
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().status).toBe('accepted');
    expect((await owner.req('GET', `/api/v1/requests/${r.id}`)).json().assigneeId).toBe(senior.userId);
    const after = (await owner.req('GET', `/api/v1/requests/${r.id}/escalation`)).json();
    expect(after.escalations[0].acknowledgedAt).not.toBeNull();
    const q2 = (await supervisor.req('GET', '/api/v1/escalation/queue')).json();
    expect(q2.escalations.map((e: { requestId: string }) => e.requestId)).not.toContain(r.id);
    const audit = (await owner.req('GET', `/api/v1/audit?entity=request&entityId=${r.id}`)).json().items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['request.escalated', 'transfer.requested', 'transfer.accepted', 'request.reassigned']));
    const events = (await owner.req('GET', `/api/v1/events?requestId=${r.id}`)).json().items.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['escalation.created', 'transfer.requested', 'transfer.accepted']));
  });

  it('moves a declined transfer up a tier and keeps the previous owner meanwhile', async () => {
    const r = await newRequest(owner, { assigneeId: agent.userId });
    const tr = await agent.req('POST', `/api/v1/requests/${r.id}/transfers`, { note: 'Needs tax expertise', toUserId: senior.userId });
    expect(tr.statusCode, tr.body).toBe(201);
    const dec = await senior.req('POST', `/api/v1/transfers/${tr.json().id}/decline`, { note: 'Not my area' });
    expect(dec.json().status).toBe('declined');
    const view = (await owner.req('GET', `/api/v1/requests/${r.id}/escalation`)).json();
    expect(view.ownerId).toBe(agent.userId);
    expect(view.pendingTransfer).toMatchObject({ toUserId: supervisor.userId, toTier: 'supervisor', note: 'Needs tax expertise' });
  });

  it('refuses a decision from someone who is neither the receiver nor a supervisor', async () => {
    const r = await newRequest(owner, { assigneeId: agent.userId });
    const tr = (await owner.req('POST', `/api/v1/requests/${r.id}/transfers`, { note: 'Over to you', toUserId: senior.userId })).json();
    expect((await agent.req('POST', `/api/v1/transfers/${tr.id}/accept`, {})).statusCode).toBe(403);
    const second = await owner.req('POST', `/api/v1/requests/${r.id}/transfers`, { note: 'again', toTier: 'supervisor' });
    expect(second.statusCode).toBe(409);
  });

  it('moves an unaccepted transfer up a tier when the time limit passes', async () => {
    await owner.req('PATCH', '/api/v1/escalation/policy', { acceptMinutes: 15 });
    const r = await newRequest(owner, { assigneeId: agent.userId });
    const tr = (await agent.req('POST', `/api/v1/requests/${r.id}/transfers`, { note: 'Please take over', toTier: 'senior' })).json();
    expect(new Date(tr.expiresAt).getTime() - clock.now().getTime()).toBe(15 * 60_000);
    const sys = systemActor(owner.workspaceId, 'escalation timer');
    expect(await expireTransfer(t.deps, sys, tr.id)).toBe('not_due');
    clock.advance(15 * 60_000);
    expect(await expireTransfer(t.deps, sys, tr.id)).toBe('expired');
    expect(await expireTransfer(t.deps, sys, tr.id)).toBe('done');
    const view = (await owner.req('GET', `/api/v1/requests/${r.id}/escalation`)).json();
    expect(view.ownerId).toBe(agent.userId);
    expect(view.transfers[1]).toMatchObject({ id: tr.id, status: 'expired' });
    expect(view.pendingTransfer).toMatchObject({ toTier: 'supervisor', toUserId: supervisor.userId });
  });

  it('hands a deactivated agent’s open requests to the next tier and moves transfers waiting on them up', async () => {
    const temp = await inviteCaller(t.app, owner, 'agent');
    const r = await newRequest(owner, { assigneeId: temp.userId });
    const other = await newRequest(owner, { assigneeId: agent.userId });
    const waiting = (await agent.req('POST', `/api/v1/requests/${other.id}/transfers`, { note: 'for temp', toUserId: temp.userId })).json();
    const off = await owner.req('PATCH', `/api/v1/users/${temp.userId}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    const now = (await owner.req('GET', `/api/v1/requests/${r.id}`)).json();
    expect(now.assigneeId).toBe(senior.userId);
    const w = (await owner.req('GET', `/api/v1/transfers/${waiting.id}`)).json();
    expect(w.status).toBe('cancelled');
    const view = (await owner.req('GET', `/api/v1/requests/${other.id}/escalation`)).json();
    expect(view.ownerId).toBe(agent.userId);
    expect(view.pendingTransfer.toTier).toBe('senior');
  });

  it('answers 400 naming the field for a transfer without a handoff note or an unknown tier', async () => {
    const r = await newRequest();
    const noNote = await owner.req('POST', `/api/v1/requests/${r.id}/transfers`, { toTier: 'senior' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.field).toBe('note');
    const badTier = await owner.req('POST', `/api/v1/requests/${r.id}/escalate`, { reason: 'x', toTier: 'wizard' });
    expect(badTier.statusCode).toBe(400);
    expect(badTier.json().error.field).toBe('toTier');
    const badPolicy = await owner.req('PATCH', '/api/v1/escalation/policy', { tiers: ['agent', 'agent'] });
    expect(badPolicy.statusCode).toBe(400);
    expect(badPolicy.json().error.field).toBe('tiers');
  });
});
