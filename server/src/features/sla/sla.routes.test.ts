import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTestApp, ManualClock, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { TERMS } from '../agreements/terms.fixture.js';
import { handleSlaJob, type SlaJobPayload } from './sla.jobs.js';

let t: TestApp;
let owner: Caller;
const clock = new ManualClock(new Date('2026-03-02T10:00:00Z')); // Monday 10:00 in London (GMT)
const sent: Array<{ queue: string; payload: Record<string, unknown>; runAt?: Date; singletonKey?: string }> = [];

beforeAll(async () => {
  t = await makeTestApp({ clock });
  const send = t.deps.jobs.send.bind(t.deps.jobs);
  vi.spyOn(t.deps.jobs, 'send').mockImplementation(async (queue, payload, opts) => {
    sent.push({ queue, payload, runAt: opts?.runAt, singletonKey: opts?.singletonKey });
    return send(queue, payload, opts);
  });
  owner = await signupCaller(t.app, 'SLA Co');
});
afterAll(() => t?.close());

async function clientWithAgreement(name: string) {
  const domain = `${name.toLowerCase().replace(/\W/g, '')}.example`;
  const client = (await owner.req('POST', '/api/v1/clients', { name, domain })).json();
  const res = await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { terms: TERMS });
  expect(res.statusCode).toBe(201);
  return { client, email: `pat@${domain}` };
}
const sla = async (id: string) => (await owner.req('GET', `/api/v1/requests/${id}/sla`)).json();
const clockOf = async (id: string, kind: string) => (await sla(id)).clocks.find((c: { kind: string }) => c.kind === kind);

describe('SLA clocks', () => {
  it('starts first-response and resolution clocks in the agreement business hours when a request arrives', async () => {
    clock.set('2026-03-02T10:00:00Z');
    const { email } = await clientWithAgreement('Clocks Ltd');
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Question about the ledger', body: 'Could you look at the March ledger when you can?', contactEmail: email, channel: 'email' })).json();
    const first = await clockOf(r.id, 'first_response');
    // 480 business minutes (one London business day) from Mon 10:00 → Tue 10:00
    expect(first).toMatchObject({ status: 'running', state: 'ok', source: 'agreement', targetMinutes: 480, dueAt: '2026-03-03T10:00:00.000Z' });
    expect((await clockOf(r.id, 'resolution')).targetMinutes).toBe(2400);
    const detail = (await owner.req('GET', `/api/v1/requests/${r.id}`)).json();
    expect(detail).toMatchObject({ slaDueAt: '2026-03-03T10:00:00.000Z', slaState: 'ok' });
    const breach = sent.find((s) => s.queue === 'sla.breach' && s.payload.requestId === r.id && s.payload.kind === 'first_response');
    expect(breach?.runAt?.toISOString()).toBe('2026-03-03T10:00:00.000Z');
    const warning = sent.find((s) => s.queue === 'sla.warning' && s.payload.requestId === r.id && s.payload.kind === 'first_response');
    expect(warning?.runAt?.toISOString()).toBe('2026-03-02T16:00:00.000Z'); // 75% of 480 = 360 minutes
  });

  it('meets the first-response target on the reply and pauses resolution while waiting, resuming on the client reply', async () => {
    clock.set('2026-03-02T10:00:00Z');
    const { email } = await clientWithAgreement('Pause Ltd');
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Receipts', body: 'Here are the receipts for February.', contactEmail: email })).json();
    clock.set('2026-03-02T11:00:00Z');
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { body: 'Thanks, which account are these for?', status: 'waiting' });
    expect(await clockOf(r.id, 'first_response')).toMatchObject({ status: 'met', state: 'met', withinTarget: true, usedMinutes: 60 });
    expect(await clockOf(r.id, 'resolution')).toMatchObject({ status: 'paused', state: 'paused', usedMinutes: 60, dueAt: null });
    expect((await owner.req('GET', `/api/v1/requests/${r.id}`)).json()).toMatchObject({ slaState: 'paused', slaDueAt: null });
    clock.set('2026-03-04T09:00:00Z'); // two days later the client answers: the wait did not count
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { direction: 'inbound', body: 'The business account, thanks.' });
    const res = await clockOf(r.id, 'resolution');
    expect(res).toMatchObject({ status: 'running', usedMinutes: 60 });
    // 2340 business minutes left from Wed 09:00: Wed, Thu, Fri, Mon (4 × 480) + 420 on Tue → Tue 10 Mar 16:00
    expect(res.dueAt).toBe('2026-03-10T16:00:00.000Z');
    const events = (await sla(r.id)).events.map((e: { kind: string; event: string }) => `${e.kind}:${e.event}`);
    expect(events).toEqual(expect.arrayContaining(['first_response:started', 'first_response:met', 'resolution:paused', 'resolution:resumed']));
  });

  it('marks the breach once, ignoring stale and repeated jobs, when business time runs out', async () => {
    clock.set('2026-03-02T16:30:00Z');
    const { email } = await clientWithAgreement('Breach Ltd');
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Urgent-ish', body: 'Please call me about the audit.', contactEmail: email, priority: 'urgent' })).json();
    const first = await clockOf(r.id, 'first_response');
    expect(first.dueAt).toBe('2026-03-03T09:30:00.000Z'); // 30 min Mon + 30 min Tue
    const payload: SlaJobPayload = { workspaceId: owner.workspaceId, requestId: r.id, kind: 'first_response', dueAt: first.dueAt };
    expect(await handleSlaJob(t.deps, 'breach', { payload: { ...payload, dueAt: '2026-03-03T09:00:00.000Z' } })).toBe(false);
    clock.set('2026-03-03T09:20:00Z');
    expect(await handleSlaJob(t.deps, 'warning', { payload })).toBe(true);
    expect((await owner.req('GET', `/api/v1/requests/${r.id}`)).json().slaState).toBe('warning');
    clock.set('2026-03-03T09:30:00Z');
    expect(await handleSlaJob(t.deps, 'breach', { payload })).toBe(true);
    expect(await handleSlaJob(t.deps, 'breach', { payload })).toBe(false);
    expect(await handleSlaJob(t.deps, 'warning', { payload })).toBe(false);
    expect(await clockOf(r.id, 'first_response')).toMatchObject({ state: 'breached', breachedAt: '2026-03-03T09:30:00.000Z', withinTarget: false });
    expect((await owner.req('GET', `/api/v1/requests/${r.id}`)).json().slaState).toBe('breached');
    const audit = (await owner.req('GET', `/api/v1/audit?entity=request&entityId=${r.id}`)).json();
    expect(audit.items.filter((a: { action: string }) => a.action === 'sla.breached')).toHaveLength(1);
    clock.set('2026-03-03T10:00:00Z');
    await owner.req('POST', `/api/v1/requests/${r.id}/messages`, { body: 'Sorry for the wait.' });
    expect(await clockOf(r.id, 'first_response')).toMatchObject({ status: 'met', withinTarget: false });
  });

  it('falls back to the workspace default policy when the client has no agreement, and re-targets on a priority change', async () => {
    clock.set('2026-03-02T10:00:00Z');
    const policy = await owner.req('POST', '/api/v1/sla-policies', {
      name: 'Default',
      isDefault: true,
      timezone: 'UTC',
      hours: { mon: [{ open: '08:00', close: '18:00' }], tue: [{ open: '08:00', close: '18:00' }] },
      firstResponseMinutes: { low: 600, normal: 300, high: 120, urgent: 30 },
    });
    expect(policy.statusCode).toBe(201);
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'No agreement', body: 'Hello there, a question about invoices.', contactEmail: 'someone@noagreement.example' })).json();
    expect(await clockOf(r.id, 'first_response')).toMatchObject({ source: 'default_policy', targetMinutes: 300, dueAt: '2026-03-02T15:00:00.000Z' });
    await owner.req('PATCH', `/api/v1/requests/${r.id}`, { priority: 'high' });
    expect(await clockOf(r.id, 'first_response')).toMatchObject({ targetMinutes: 120, dueAt: '2026-03-02T12:00:00.000Z' });
    const bad = await owner.req('POST', '/api/v1/sla-policies', { name: 'x', timezone: 'UTC', hours: {}, firstResponseMinutes: { low: 1, normal: 1, high: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toContain('firstResponseMinutes');
  });

  it('sorts the inbox by time to breach, requests without a clock last', async () => {
    clock.set('2026-03-02T10:00:00Z');
    const { email } = await clientWithAgreement('Sort Ltd');
    const low = (await owner.req('POST', '/api/v1/requests', { subject: 'sort low', body: 'A small thing.', contactEmail: email, priority: 'low', tags: ['sorted'] })).json();
    const urgent = (await owner.req('POST', '/api/v1/requests', { subject: 'sort urgent', body: 'A quick thing.', contactEmail: email, priority: 'urgent', tags: ['sorted'] })).json();
    const normal = (await owner.req('POST', '/api/v1/requests', { subject: 'sort normal', body: 'A usual thing.', contactEmail: email, tags: ['sorted'] })).json();
    await owner.req('POST', `/api/v1/requests/${normal.id}/messages`, { body: 'Resolved.', status: 'resolved' });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await owner.req('GET', `/api/v1/requests?tag=sorted&status=any&sort=slaDueAt&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      ids.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual([urgent.id, low.id, normal.id]);
  });

  it('reports attainment per client, type and agent', async () => {
    const res = await owner.req('GET', '/api/v1/sla/attainment?groupBy=client&kind=first_response');
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as Array<{ label: string; met: number; breached: number; attainment: number | null }>;
    expect(rows.find((x) => x.label === 'Pause Ltd')).toMatchObject({ met: 1, breached: 0, attainment: 1 });
    expect(rows.find((x) => x.label === 'Breach Ltd')).toMatchObject({ met: 0, breached: 1, attainment: 0 });
    const agents = (await owner.req('GET', '/api/v1/sla/attainment?groupBy=agent')).json();
    expect(agents.rows.some((x: { key: string | null }) => x.key === owner.userId)).toBe(true);
    expect((await owner.req('GET', '/api/v1/sla/attainment?groupBy=nobody')).statusCode).toBe(400);
  });
});
