import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMS } from './terms.fixture.js';
import { inviteCaller, makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';

let t: TestApp;
let owner: Caller;


beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Agreements Co');
});
afterAll(() => t?.close());

async function clientWithContact(name: string) {
  const client = (await owner.req('POST', '/api/v1/clients', { name, domain: `${name.toLowerCase().replace(/\W/g, '')}.example` })).json();
  const contact = (await owner.req('POST', '/api/v1/contacts', { name: 'Pat', email: `pat@${client.domain}`, clientId: client.id })).json();
  return { client, contact };
}

describe('agreements API', () => {
  it('creates a client agreement from a workspace template and shows it unacknowledged', async () => {
    const tpl = await owner.req('POST', '/api/v1/agreement-templates', { name: 'Standard bookkeeping', terms: TERMS });
    expect(tpl.statusCode).toBe(201);
    expect(tpl.json().terms.aroundTheClock).toEqual([]);
    const { client } = await clientWithContact('Acme Ltd');
    const res = await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { templateId: tpl.json().id, note: 'Signed at kick-off' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ clientId: client.id, templateId: tpl.json().id, currentVersion: 1, acknowledged: false, current: { version: 1, note: 'Signed at kick-off', terms: { timezone: 'Europe/London' } } });
    const again = await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { templateId: tpl.json().id });
    expect(again.statusCode).toBe(409);
  });

  it('keeps every version and returns the diff between two when the agreement is edited', async () => {
    const { client } = await clientWithContact('Versioned Co');
    await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { terms: TERMS });
    const v2 = await owner.req('POST', `/api/v1/clients/${client.id}/agreement/versions`, {
      terms: { ...TERMS, outOfScope: ['personal tax returns', 'website design', 'payroll'], firstResponseMinutes: { ...TERMS.firstResponseMinutes, urgent: 30 } },
      note: 'Payroll moved out of scope',
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().currentVersion).toBe(2);
    expect(v2.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const d = await owner.req('GET', `/api/v1/clients/${client.id}/agreement/diff?from=1&to=2`);
    expect(d.statusCode).toBe(200);
    expect(d.json().changes).toEqual(
      expect.arrayContaining([
        { path: 'outOfScope', kind: 'added', before: null, after: 'payroll' },
        { path: 'firstResponseMinutes.urgent', kind: 'changed', before: 60, after: 30 },
      ]),
    );
    expect(d.json().changes).toHaveLength(2);
    const bad = await owner.req('GET', `/api/v1/clients/${client.id}/agreement/diff?from=1&to=9`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('to');
    const audit = (await owner.req('GET', `/api/v1/audit?entity=client&entityId=${client.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['agreement.created', 'agreement.versioned']));
  });

  it('records who acknowledged which version and when, and needs a new acknowledgement after a new version', async () => {
    const { client, contact } = await clientWithContact('Ack Co');
    await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { terms: TERMS });
    const ack = await owner.req('POST', `/api/v1/clients/${client.id}/agreement/acknowledgements`, { contactId: contact.id });
    expect(ack.statusCode).toBe(201);
    expect(ack.json().acknowledged).toBe(true);
    expect(ack.json().current.acknowledgements[0]).toMatchObject({ version: 1, contactId: contact.id, contactName: 'Pat', via: 'staff' });
    const v2 = (await owner.req('POST', `/api/v1/clients/${client.id}/agreement/versions`, { terms: { ...TERMS, groundRules: [] } })).json();
    expect(v2.acknowledged).toBe(false);
    expect(v2.versions).toEqual([expect.objectContaining({ version: 1, acknowledged: true }), expect.objectContaining({ version: 2, acknowledged: false })]);
  });

  it('rejects an acknowledgement by a contact of another client, naming the field', async () => {
    const { client } = await clientWithContact('Strict Co');
    const { contact: other } = await clientWithContact('Other Co');
    await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { terms: TERMS });
    const res = await owner.req('POST', `/api/v1/clients/${client.id}/agreement/acknowledgements`, { contactId: other.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('contactId');
  });

  it('answers 400 naming the field when the terms are invalid', async () => {
    const { client } = await clientWithContact('Invalid Co');
    const tz = await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { terms: { ...TERMS, timezone: 'Mars/Olympus' } });
    expect(tz.statusCode).toBe(400);
    expect(tz.json().error.field).toContain('timezone');
    const hours = await owner.req('POST', '/api/v1/agreement-templates', { name: 'x', terms: { ...TERMS, hours: { mon: [{ open: '17:00', close: '09:00' }] } } });
    expect(hours.statusCode).toBe(400);
    const none = await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error.field).toBe('templateId');
  });

  it('forbids agents from changing agreements but lets them read', async () => {
    const { client } = await clientWithContact('Roles Co');
    await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { terms: TERMS });
    const agent = await inviteCaller(t.app, owner, 'agent');
    expect((await agent.req('POST', `/api/v1/clients/${client.id}/agreement/versions`, { terms: TERMS })).statusCode).toBe(403);
    expect((await agent.req('GET', `/api/v1/clients/${client.id}/agreement`)).statusCode).toBe(200);
  });
});
