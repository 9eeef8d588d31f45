/**
 * Established processes in a real browser: a client's agreement from a template and its
 * acknowledgement, the SLA timer and playbook on a request (tick a step, preview and send a
 * template, first response met), boundary incidents on the client page, and the settings pages.
 * Run through `npm run test:e2e processes` or with FITDESK_E2E_URL pointing at a running server.
 */
import { type Page } from 'playwright-core';
import { BASE, createSuite, expect } from './harness.js';

const { test, shot, run: runSuite } = createSuite();


const run = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const domain = `${run}-client.example`;



let csrf = '';
const ids: Record<string, string> = {};
async function call<T = Record<string, string>>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(`${BASE}/api/v1${url}`, { method, data: data as object, headers: { 'x-csrf-token': csrf } });
  expect(res.ok(), `${method} ${url} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
const TERMS = {
  timezone: 'UTC',
  hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]])),
  firstResponseMinutes: { low: 1440, normal: 1440, high: 240, urgent: 60 },
  resolutionMinutes: { low: 4320, normal: 2880, high: 1440, urgent: 480 },
  inScope: ['monthly bookkeeping'],
  outOfScope: ['website design'],
  groundRules: ['We answer by email within our promised times.'],
};

test('sets up an agreement template, a client, a request type with a template (API)', async (page) => {
  const res = await page.request.post(`${BASE}/api/v1/auth/signup`, { data: { workspaceName: `Process Co ${run}`, name: 'Pat Owner', email: `pat.${run}@example.com`, password: 'correct horse battery' } });
  expect(res.status() === 201, `signup ${res.status()}`);
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  ids.template = (await call(page, 'POST', '/agreement-templates', { name: 'Standard retainer', terms: TERMS })).id!;
  ids.client = (await call(page, 'POST', '/clients', { name: `Northwind ${run}`, domain })).id!;
  await call(page, 'POST', '/contacts', { name: 'Jamie Doe', email: `jamie@${domain}`, clientId: ids.client });
  const type = await call(page, 'POST', '/request-types', { key: 'bookkeeping', name: 'Bookkeeping question', rules: { keywords: ['ledger'] }, steps: [{ title: 'Open the ledger' }, { title: 'Answer' }] });
  await call(page, 'POST', '/templates', { name: 'Ledger answer', requestTypeId: type.id, body: 'Hi {{contact.first_name}}, we are on it; we reply within {{agreement.first_response}}.' });
});

test('creates the client agreement from the template and records its acknowledgement', async (page) => {
  await page.goto(`${BASE}/clients/${ids.client}`);
  await page.getByRole('heading', { name: 'Service agreement' }).waitFor();
  await page.getByLabel('Agreement template').selectOption({ label: 'Standard retainer' });
  await page.getByRole('button', { name: 'Create agreement' }).click();
  await page.getByTestId('agreement-ack').getByText('Not acknowledged').waitFor();
  await page.getByLabel('Acknowledged by').selectOption({ label: 'Jamie Doe' });
  await page.getByRole('button', { name: 'Record acknowledgement' }).click();
  await page.getByTestId('agreement-ack').getByText(/Acknowledged by Jamie Doe/).waitFor();
  await shot(page, 'processes-client-agreement');
});

test('types a new request, runs its playbook and meets the first-response SLA with a template', async (page) => {
  const r = await call<{ id: string; type: string }>(page, 'POST', '/requests', { subject: 'Ledger question', body: 'Could you check the ledger for March?', contactEmail: `jamie@${domain}`, channel: 'email' });
  expect(r.type === 'bookkeeping', `typed as ${r.type}`);
  await page.goto(`${BASE}/requests/${r.id}`);
  await page.getByTestId('sla-first_response').getByText('ok').waitFor();
  await page.getByRole('checkbox', { name: 'Open the ledger' }).check();
  await page.getByText('Pat Owner ·').waitFor();
  await page.getByLabel('Reply template').selectOption({ label: 'Ledger answer' });
  await page.getByText('Hi Jamie, we are on it; we reply within 1 business day.').waitFor();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByTestId('sla-first_response').getByText('met').first().waitFor();
  await shot(page, 'processes-request-sla');
});

test('sorts the inbox by time to SLA breach and shows the time left on each row', async (page) => {
  await call(page, 'POST', '/requests', { subject: 'Urgent ledger fix', body: 'Please fix the ledger totals.', contactEmail: `jamie@${domain}`, priority: 'urgent' });
  await page.goto(`${BASE}/inbox`);
  await page.getByLabel('Sort').selectOption('slaDueAt');
  await page.waitForURL(/sort=slaDueAt/);
  const first = page.locator('.col-subject .subject').first();
  await first.getByText('Urgent ledger fix').waitFor();
  await page.locator('.sla-badge').first().getByText(/^SLA /).waitFor();
});

test('shows boundary incidents on the client timeline with counts, and logs one by hand', async (page) => {
  await call(page, 'POST', '/requests', { subject: 'Extra', body: 'Could you also do the website design for our new shop?', contactEmail: `jamie@${domain}` });
  await page.goto(`${BASE}/clients/${ids.client}`);
  await page.getByRole('heading', { name: 'Boundary incidents' }).waitFor();
  await page.getByText('from analysis').first().waitFor();
  await page.getByLabel('Incident type').selectOption('personal');
  await page.getByLabel('What happened').fill('Asked for our home phone numbers on a call');
  await page.getByRole('button', { name: 'Log incident' }).click();
  await page.getByText('Asked for our home phone numbers on a call').waitFor();
  await shot(page, 'processes-client-incidents');
});

test('opens the playbooks, SLA, agreements and incidents pages', async (page) => {
  for (const [p, heading] of [['/playbooks', 'Playbooks'], ['/sla', 'SLA'], ['/agreements', 'Agreements'], ['/incidents', 'Incidents']] as const) {
    await page.goto(`${BASE}${p}`);
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  }
  await page.goto(`${BASE}/sla`);
  await page.getByRole('cell', { name: `Northwind ${run}` }).first().waitFor();
});

runSuite();
