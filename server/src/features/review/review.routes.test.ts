import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';

let t: TestApp;
let owner: Caller;

beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Review Co');
});
afterAll(() => t?.close());

const ABUSE = 'You are useless idiots!!! THIS IS THE WORST SERVICE EVER. I will call my lawyer and do a chargeback, you morons.';

describe('time tracking, health and review', () => {
  let calm: string;
  let hot: string;
  let requestId: string;

  it('logs time on a request with a timer and manual entries', async () => {
    calm = (await owner.req('POST', '/api/v1/clients', { name: 'Calm Clinic', domain: 'calm.example' })).json().id;
    hot = (await owner.req('POST', '/api/v1/clients', { name: 'Hot Head Ltd', domain: 'hot.example' })).json().id;
    requestId = (await owner.req('POST', '/api/v1/requests', { subject: 'Help', body: 'Could you look at the invoice please?', contactEmail: 'amy@hot.example' })).json().id;
    const start = await owner.req('POST', `/api/v1/requests/${requestId}/time/start`, {});
    expect(start.statusCode).toBe(200);
    expect(start.json().running).not.toBeNull();
    expect((await owner.req('POST', `/api/v1/requests/${requestId}/time/start`, {})).statusCode).toBe(409);
    const stop = await owner.req('POST', `/api/v1/requests/${requestId}/time/stop`, {});
    expect(stop.json().running).toBeNull();
    expect(stop.json().totalMinutes).toBe(1);
    const manual = await owner.req('POST', `/api/v1/requests/${requestId}/time`, { minutes: 600, note: 'long call' });
    expect(manual.statusCode).toBe(201);
    expect(manual.json().totalMinutes).toBe(601);
    const bad = await owner.req('POST', `/api/v1/requests/${requestId}/time`, { minutes: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('minutes');
  });

  it('falls to at risk after abusive messages and incidents, and appears in the review queue', async () => {
    await owner.req('PATCH', `/api/v1/clients/${calm}/lifecycle`, { revenueMinor: 500000, fitScore: 85 });
    const calmReq = (await owner.req('POST', '/api/v1/requests', { subject: 'Thanks', body: 'Thank you, all good here.', contactEmail: 'bo@calm.example' })).json().id;
    await owner.req('POST', `/api/v1/requests/${calmReq}/time`, { minutes: 60 });
    const lc = await owner.req('PATCH', `/api/v1/clients/${hot}/lifecycle`, { revenueMinor: 100000, fitScore: 40 });
    expect(lc.statusCode).toBe(200);
    const before = (await owner.req('POST', `/api/v1/clients/${hot}/health/recompute`)).json();
    for (let i = 0; i < 3; i++) await owner.req('POST', `/api/v1/requests/${requestId}/messages`, { direction: 'inbound', body: `${ABUSE} (${i})` });
    const after = (await owner.req('POST', `/api/v1/clients/${hot}/health/recompute`)).json();
    expect(after.current.score).toBeLessThan(before.current.score);
    expect(after.current.band).toBe('at_risk');
    expect(after.history.length).toBe(2);
    expect(after.incidents).toBeGreaterThan(0);
    expect(after.current.components.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['tone', 'boundaries', 'effort', 'fit']));
    const run = await owner.req('POST', '/api/v1/review-queue/run');
    expect(run.statusCode).toBe(200);
    const item = run.json().items.find((i: { clientId: string }) => i.clientId === hot);
    expect(item).toMatchObject({ why: 'at_risk', clientName: 'Hot Head Ltd', status: 'open' });
    expect(item.recommendation).toBe('part_ways');
    expect(run.json().items.some((i: { clientId: string }) => i.clientId === calm)).toBe(false);
    const again = (await owner.req('POST', '/api/v1/review-queue/run')).json();
    expect(again.added).toBe(0);
  });

  it('records the owner decision and shows it on the client health view', async () => {
    const item = (await owner.req('GET', '/api/v1/review-queue')).json().items.find((i: { clientId: string }) => i.clientId === hot);
    const bad = await owner.req('POST', `/api/v1/review-queue/${item.id}/decision`, { decision: 'fire' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('decision');
    const res = await owner.req('POST', `/api/v1/review-queue/${item.id}/decision`, { decision: 'part_ways', note: 'Abuse after coaching' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'decided', decision: 'part_ways', decidedByName: 'Owner' });
    const view = (await owner.req('GET', `/api/v1/clients/${hot}/health`)).json();
    expect(view.decisions[0]).toMatchObject({ decision: 'part_ways', note: 'Abuse after coaching' });
    const book = (await owner.req('GET', '/api/v1/reports/effort-value')).json();
    expect(book.items.find((i: { clientId: string }) => i.clientId === hot).staffMinutes).toBe(601);
    expect(book.medianRatio).toBeGreaterThan(0);
  });
});
