import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, ManualClock, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { nextRun } from './cadence.js';
import { runCheckin } from './checkins.service.js';

let t: TestApp;
let owner: Caller;
let clientId: string;
const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));

beforeAll(async () => {
  t = await makeTestApp({ clock });
  owner = await signupCaller(t.app, 'Check-in Practice');
  clientId = (await owner.req('POST', '/api/v1/clients', { name: 'Regular Client', domain: 'regular.example' })).json().id;
  await owner.req('POST', '/api/v1/contacts', { name: 'Robin Regular', email: 'robin@regular.example', clientId });
});
afterAll(() => t?.close());

describe('scheduled check-ins', () => {
  it('steps monthly cadences by calendar month, clamped to the month end', () => {
    expect(nextRun(new Date('2026-01-31T09:00:00Z'), 'monthly').toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(nextRun(new Date('2026-11-15T09:00:00Z'), 'quarterly').toISOString()).toBe('2027-02-15T09:00:00.000Z');
    expect(nextRun(new Date('2026-03-02T09:00:00Z'), 'biweekly').toISOString()).toBe('2026-03-16T09:00:00.000Z');
  });

  it('opens a proactive outreach request from the template when a check-in is due, once', async () => {
    const c = await owner.req('POST', '/api/v1/checkins', {
      clientId,
      cadence: 'monthly',
      subject: 'Monthly check-in with {{client.name}}',
      body: 'Hi {{contact.first_name}}, anything coming up this month we should prepare for?',
      startAt: '2026-03-05T09:00:00Z',
    });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ nextRunAt: '2026-03-05T09:00:00.000Z', assigneeId: owner.userId, lastRequestId: null });
    clock.set('2026-03-05T09:00:01Z');
    const requestId = await runCheckin(t.deps, owner.workspaceId, c.json().id, { expectedAt: '2026-03-05T09:00:00.000Z' });
    expect(requestId).toBeTruthy();
    expect(await runCheckin(t.deps, owner.workspaceId, c.json().id, { expectedAt: '2026-03-05T09:00:00.000Z' })).toBeNull();
    const r = (await owner.req('GET', `/api/v1/requests/${requestId}`)).json();
    expect(r).toMatchObject({ subject: 'Monthly check-in with Regular Client', status: 'waiting', clientId, contactName: 'Robin Regular', assigneeId: owner.userId, tags: ['check-in'] });
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ direction: 'outbound', bodyText: 'Hi Robin, anything coming up this month we should prepare for?' });
    const after = (await owner.req('GET', `/api/v1/checkins/${c.json().id}`)).json();
    expect(after).toMatchObject({ nextRunAt: '2026-04-05T09:00:00.000Z', lastRequestId: requestId, lastRunAt: '2026-03-05T09:00:01.000Z' });
  });

  it('does nothing for a job of a paused check-in and lets staff run one now', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const c = (await owner.req('POST', '/api/v1/checkins', { clientId, cadence: 'weekly', subject: 'Weekly', body: 'Hello', startAt: '2026-03-11T09:00:00Z' })).json();
    await owner.req('PATCH', `/api/v1/checkins/${c.id}`, { active: false });
    clock.set('2026-03-11T09:00:00Z');
    expect(await runCheckin(t.deps, owner.workspaceId, c.id, { expectedAt: '2026-03-11T09:00:00.000Z' })).toBeNull();
    const now = await owner.req('POST', `/api/v1/checkins/${c.id}/run`);
    expect(now.statusCode).toBe(201);
    expect((await owner.req('GET', `/api/v1/requests/${now.json().requestId}`)).json().subject).toBe('Weekly');
    const audit = (await owner.req('GET', `/api/v1/audit?entity=checkin&entityId=${c.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['checkin.created', 'checkin.updated', 'checkin.run']));
  });

  it('answers 400 naming the field for a bad cadence or a contact of another client', async () => {
    const bad = await owner.req('POST', '/api/v1/checkins', { clientId, cadence: 'daily', subject: 'x', body: 'y' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('cadence');
    const other = (await owner.req('POST', '/api/v1/contacts', { name: 'Other', email: 'o@else.example' })).json();
    const wrong = await owner.req('POST', '/api/v1/checkins', { clientId, contactId: other.id, cadence: 'weekly', subject: 'x', body: 'y' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('contactId');
  });
});
