import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';

let t: TestApp;
let owner: Caller;

beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Growth Co');
});
afterAll(() => t?.close());

const good = { budget: 6000, industry: 'healthcare', timeline: 'this month', goals: 'A long term partner for ongoing monthly support of our books.' };

describe('right-client growth', () => {
  it('links referrals to the client who sent them and reports how they fit, with a lookalike score beside the fit', async () => {
    const first = (await owner.req('POST', '/api/v1/prospects', { name: 'Dr Ada', email: 'ada@ada-clinic.example', company: 'Ada Clinic', answers: good })).json();
    const ada = (await owner.req('POST', `/api/v1/prospects/${first.id}/accept`, { revenueMinor: 900000 })).json().clientId;
    await owner.req('POST', `/api/v1/clients/${ada}/health/recompute`);
    expect((await owner.req('GET', `/api/v1/clients/${ada}/health`)).json().current.band).toBe('healthy');

    const referred = (await owner.req('POST', '/api/v1/prospects', { name: 'Dr Bo', email: 'bo@bo-clinic.example', company: 'Bo Clinic', referredBy: 'Ada Clinic', answers: { ...good, budget: 5500 } })).json();
    expect(referred.referredByClientId).toBe(ada);
    expect(referred.referredByName).toBe('Ada Clinic');
    expect(referred.lookalikeScore).toBeGreaterThan(70);
    const bo = (await owner.req('POST', `/api/v1/prospects/${referred.id}/accept`, {})).json().clientId;
    await owner.req('POST', '/api/v1/prospects', { name: 'Cheap Carl', email: 'carl@carl.example', referredBy: 'ada@ada-clinic.example', answers: { budget: 100, goals: 'lowest price please' } });

    const report = (await owner.req('GET', '/api/v1/reports/referrals')).json();
    expect(report.items[0]).toMatchObject({ clientId: ada, name: 'Ada Clinic', referredCount: 2 });
    expect(report.items[0].referred.map((r: { kind: string }) => r.kind).sort()).toEqual(['client', 'prospect']);
    const view = (await owner.req('GET', `/api/v1/clients/${ada}/health`)).json();
    expect(view.referrals.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['Bo Clinic', 'Cheap Carl']));
    const boView = (await owner.req('GET', `/api/v1/clients/${bo}/health`)).json();
    expect(boView.referredByName).toBe('Ada Clinic');
    const self = await owner.req('PATCH', `/api/v1/clients/${ada}/lifecycle`, { referredByClientId: ada });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.field).toBe('referredByClientId');
  });
});
