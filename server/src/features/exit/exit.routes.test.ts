import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { unzipStore } from './zip.js';

let t: TestApp;
let owner: Caller;

beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Exit Co');
});
afterAll(() => t?.close());

async function activeClient(name: string, email: string) {
  const p = (await owner.req('POST', '/api/v1/prospects', { name, email, company: name, answers: { budget: 5000, goals: 'Help with payroll and tax filings for our restaurant.' } })).json();
  const acc = (await owner.req('POST', `/api/v1/prospects/${p.id}/accept`, { paidAmountMinor: 120000, currency: 'EUR' })).json();
  return acc.clientId as string;
}

describe('graceful exit', () => {
  it('walks the workflow: full refund inside the guarantee, referral, farewell letter, export zip, open requests closed, client former', async () => {
    const prov = (await owner.req('POST', '/api/v1/referral-providers', { name: 'Restaurant Payroll Pros', specialties: ['restaurant payroll', 'tax filings'], contact: 'hello@rpp.example' })).json();
    const clientId = await activeClient('Bistro Uno', 'chef@bistro-uno.example');
    const req = (await owner.req('POST', '/api/v1/requests', { subject: 'Still waiting', body: 'Where is my payroll report?', contactEmail: 'chef@bistro-uno.example' })).json();
    expect(req.clientId).toBe(clientId);

    const started = await owner.req('POST', `/api/v1/clients/${clientId}/exit`, { reason: 'misfit', note: 'needs a restaurant specialist' });
    expect(started.statusCode).toBe(201);
    const exit = started.json();
    expect(exit.refundSuggestion).toMatchObject({ rule: 'full_guarantee', amount: 120000, currency: 'EUR' });
    expect(exit.referralSuggestions[0].id).toBe(prov.id);
    const resumed = await owner.req('POST', `/api/v1/clients/${clientId}/exit`, { reason: 'misfit' });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().id).toBe(exit.id);

    const early = await owner.req('POST', `/api/v1/exits/${exit.id}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/refund/);
    const noReason = await owner.req('POST', `/api/v1/exits/${exit.id}/refund`, { method: 'bank transfer', amountMinor: 1000 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('overrideReason');
    const refund = await owner.req('POST', `/api/v1/exits/${exit.id}/refund`, { method: 'bank transfer', reference: 'TX-1' });
    expect(refund.statusCode).toBe(200);
    expect(refund.json().steps.refund).toMatchObject({ state: 'done', detail: { amountMinor: 120000, currency: 'EUR' } });

    expect((await owner.req('POST', `/api/v1/exits/${exit.id}/referral`, { providerIds: [prov.id] })).statusCode).toBe(200);
    const preview = (await owner.req('GET', `/api/v1/exits/${exit.id}/letter`)).json();
    expect(preview.body).toContain('1200.00 EUR');
    expect(preview.body).toContain('Restaurant Payroll Pros');
    expect((await owner.req('POST', `/api/v1/exits/${exit.id}/export`)).statusCode).toBe(200);
    const letter = await owner.req('POST', `/api/v1/exits/${exit.id}/letter`, {});
    expect(letter.statusCode).toBe(200);
    expect(letter.json().steps.letter.detail.exportAttached).toBe(true);

    const zip = await owner.req('GET', `/api/v1/exits/${exit.id}/export.zip`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = unzipStore(zip.rawPayload);
    const json = JSON.parse(entries.find((e) => e.name.endsWith('.json'))!.data.toString());
    expect(json.client[0].name).toBe('Bistro Uno');
    expect(json.messages.some((m: { bodyText: string }) => m.bodyText.includes('payroll report'))).toBe(true);
    expect(entries.some((e) => e.name.endsWith('csv/requests.csv'))).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-exit-'));
    fs.writeFileSync(path.join(dir, 'x.zip'), zip.rawPayload);
    expect(execFileSync('unzip', ['-t', path.join(dir, 'x.zip')], { encoding: 'utf8' })).toContain('No errors detected');
    fs.rmSync(dir, { recursive: true, force: true });

    const done = await owner.req('POST', `/api/v1/exits/${exit.id}/complete`, { closingNote: 'Closing as we part ways.' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', openRequests: 0 });
    const client = (await owner.req('GET', `/api/v1/clients/${clientId}`)).json();
    expect(client.status).toBe('former');
    expect(client.formerReason).toMatch(/misfit/);
    const closed = (await owner.req('GET', `/api/v1/requests/${req.id}`)).json();
    expect(closed.status).toBe('closed');
    expect(closed.messages.at(-1)).toMatchObject({ direction: 'note', bodyText: 'Closing as we part ways.' });
    const ledger = (await owner.req('GET', '/api/v1/refunds')).json();
    expect(ledger.items[0]).toMatchObject({ amountMinor: 120000, currency: 'EUR', method: 'bank transfer', reference: 'TX-1', recordedByName: 'Owner' });
    const audit = (await owner.req('GET', `/api/v1/audit?entity=client&entityId=${clientId}&limit=100`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['exit.started', 'exit.refund_recorded', 'exit.referred', 'exit.exported', 'exit.letter_sent', 'exit.completed']));

    // F1: the misfit is flagged when they apply again.
    const again = (await owner.req('POST', '/api/v1/prospects', { name: 'Chef', email: 'chef@bistro-uno.example', answers: { budget: 5000, goals: 'Payroll help' } })).json();
    expect(again.misfit).toMatchObject({ by: 'email', clientName: 'Bistro Uno' });
    expect(again.fit.misfitHistory).toBe(true);
  });

  it('waives the refund only with a reason', async () => {
    const clientId = await activeClient('Cafe Due', 'boss@cafe-due.example');
    const exit = (await owner.req('POST', `/api/v1/clients/${clientId}/exit`, { reason: 'client_request' })).json();
    const bad = await owner.req('POST', `/api/v1/exits/${exit.id}/refund`, { waive: true, reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('reason');
    const ok = await owner.req('POST', `/api/v1/exits/${exit.id}/refund`, { waive: true, reason: 'client asked for credit instead' });
    expect(ok.json().steps.refund.state).toBe('waived');
    const done = (await owner.req('POST', `/api/v1/exits/${exit.id}/complete`, {})).json();
    expect(done.steps).toMatchObject({ referral: { state: 'skipped' }, letter: { state: 'skipped' }, export: { state: 'skipped' }, close: { state: 'done' } });
  });
});
