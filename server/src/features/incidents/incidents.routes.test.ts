import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, ManualClock, signupCaller, type Caller, type TestApp } from '../../test/factories.js';
import { TERMS } from '../agreements/terms.fixture.js';

let t: TestApp;
let owner: Caller;
let clientId: string;
const email = 'sam@incidents.example';
const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));

beforeAll(async () => {
  t = await makeTestApp({ clock });
  owner = await signupCaller(t.app, 'Boundaries Practice');
  clientId = (await owner.req('POST', '/api/v1/clients', { name: 'Boundary Client', domain: 'incidents.example' })).json().id;
  await owner.req('POST', '/api/v1/contacts', { name: 'Sam Client', email, clientId });
  await owner.req('POST', `/api/v1/clients/${clientId}/agreement`, { terms: TERMS });
});
afterAll(() => t?.close());

describe('boundary incidents', () => {
  it('turns every boundary signal of an inbound message into an incident with its evidence', async () => {
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'One more thing', body: 'Could you also do the website design for our new shop?', contactEmail: email })).json();
    const analysis = r.messages[0].analysis;
    expect(analysis.boundaries).toContain('out_of_scope');
    const list = (await owner.req('GET', `/api/v1/incidents?requestId=${r.id}`)).json();
    expect(list.items).toHaveLength(analysis.boundaries.length);
    const inc = list.items.find((i: { type: string }) => i.type === 'out_of_scope');
    expect(inc).toMatchObject({ clientId, clientName: 'Boundary Client', requestNumber: r.number, messageId: r.messages[0].id, source: 'analysis', occurredAt: '2026-03-02T10:00:00.000Z', dismissedAt: null });
    expect(inc.evidence.length).toBeGreaterThan(0);
    expect(inc.evidence.every((e: { label: string }) => e.label === 'boundary:out_of_scope')).toBe(true);
  });

  it('logs a manual incident and shows the client timeline with counts per type', async () => {
    const res = await owner.req('POST', '/api/v1/incidents', { clientId, type: 'personal', note: 'Asked on the call where our bookkeeper lives.', occurredAt: '2026-03-01T15:00:00Z' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ source: 'manual', createdByName: 'Owner', type: 'personal' });
    const tl = (await owner.req('GET', `/api/v1/clients/${clientId}/incidents`)).json();
    expect(tl.counts.find((c: { type: string }) => c.type === 'personal')).toEqual({ type: 'personal', active: 1, dismissed: 0 });
    expect(tl.counts.find((c: { type: string }) => c.type === 'out_of_scope').active).toBeGreaterThanOrEqual(1);
    expect(tl.items[tl.items.length - 1].note).toContain('bookkeeper');
    const bad = await owner.req('POST', '/api/v1/incidents', { clientId, type: 'rude', note: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('type');
  });

  it('keeps a dismissed incident, marks it, and counts it as a false positive of the analysis', async () => {
    const r = (await owner.req('POST', '/api/v1/requests', { subject: 'Site', body: 'Can you build us a new website design?', contactEmail: email })).json();
    const inc = (await owner.req('GET', `/api/v1/incidents?requestId=${r.id}`)).json().items.find((i: { type: string }) => i.type === 'out_of_scope');
    const d = await owner.req('POST', `/api/v1/incidents/${inc.id}/dismiss`, { reason: 'Added to scope last week' });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({ dismissReason: 'Added to scope last week', dismissedByName: 'Owner' });
    expect((await owner.req('POST', `/api/v1/incidents/${inc.id}/dismiss`, { reason: 'again' })).statusCode).toBe(409);
    expect((await owner.req('GET', `/api/v1/incidents?requestId=${r.id}`)).json().items.some((i: { id: string }) => i.id === inc.id)).toBe(false);
    expect((await owner.req('GET', `/api/v1/incidents?requestId=${r.id}&dismissed=only`)).json().items[0].id).toBe(inc.id);
    const stats = (await owner.req('GET', '/api/v1/incidents/dismissed-stats')).json();
    const oos = stats.byType.find((s: { type: string }) => s.type === 'out_of_scope');
    expect(oos).toMatchObject({ total: 2, dismissed: 1, falsePositiveRate: 0.5 });
    const audit = (await owner.req('GET', `/api/v1/audit?entity=incident&entityId=${inc.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['incident.dismissed', 'incident.logged']);
  });

  it('offers a firm-but-polite reply that quotes the agreement for the boundary type', async () => {
    const inc = (await owner.req('GET', '/api/v1/incidents?type=out_of_scope&dismissed=include')).json().items[0];
    const reply = (await owner.req('GET', `/api/v1/incidents/${inc.id}/reply`)).json();
    expect(reply).toMatchObject({ type: 'out_of_scope', templateId: null });
    expect(reply.body).toContain('Hi Sam');
    expect(reply.body).toContain('Our agreement covers: monthly bookkeeping; VAT returns. It does not include: personal tax returns; website design.');
    const custom = (await owner.req('POST', '/api/v1/templates', { name: 'Scope', boundary: 'out_of_scope', body: 'Outside scope: {{agreement.out_of_scope}}' })).json();
    const again = (await owner.req('GET', `/api/v1/incidents/${inc.id}/reply`)).json();
    expect(again).toMatchObject({ templateId: custom.id, body: 'Outside scope: personal tax returns; website design' });
  });
});
