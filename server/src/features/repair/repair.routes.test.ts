import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';

let t: TestApp;
let owner: Caller;

beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Repair Co');
});
afterAll(() => t?.close());

describe('trust repair', () => {
  it('offers repair options when an irate client complains about the service, records the choice and its outcome, and reports what works', async () => {
    await owner.req('POST', '/api/v1/clients', { name: 'Angry Co', domain: 'angry.example' });
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Report is wrong again', body: 'This is NOT what we paid for!!! Your team keeps getting the numbers wrong. Fix it NOW!!!', contactEmail: 'al@angry.example' })).json();
    const view = await owner.req('GET', `/api/v1/requests/${r.id}/repair`);
    expect(view.statusCode).toBe(200);
    expect(view.json().trust.level).not.toBe('ok');
    expect(view.json().trust.options.map((o: { option: string }) => o.option)).toEqual(expect.arrayContaining(['clarify', 'listen', 'escalate', 'refer_out', 'part_ways']));
    expect(view.json().clarifyDraft).toContain('Report is wrong again');

    const noTime = await owner.req('POST', `/api/v1/requests/${r.id}/repair`, { choice: 'listen' });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json().error.field).toBe('callAt');
    const listen = await owner.req('POST', `/api/v1/requests/${r.id}/repair`, { choice: 'listen', callAt: '2030-01-10T15:00:00Z', note: 'Tuesday call' });
    expect(listen.statusCode).toBe(201);
    const clarify = await owner.req('POST', `/api/v1/requests/${r.id}/repair`, { choice: 'clarify' });
    expect(clarify.statusCode).toBe(201);
    const detail = (await owner.req('GET', `/api/v1/requests/${r.id}`)).json();
    expect(detail.messages.map((m: { direction: string }) => m.direction)).toEqual(['inbound', 'note', 'outbound']);

    const out = await owner.req('POST', `/api/v1/repairs/${listen.json().id}/outcome`, { outcome: 'resolved', note: 'happy after the call' });
    expect(out.statusCode).toBe(200);
    expect(out.json().outcome).toBe('resolved');
    const report = (await owner.req('GET', '/api/v1/reports/repairs')).json();
    expect(report.rows[0]).toMatchObject({ choice: 'listen', n: 1, resolved: 1 });
    expect(report.open).toBe(1);
    const audit = (await owner.req('GET', `/api/v1/audit?entity=request&entityId=${r.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['repair.chosen', 'repair.outcome']));
  });
});
