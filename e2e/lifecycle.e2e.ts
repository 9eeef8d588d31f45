/**
 * The client lifecycle in a real browser: a prospect applies through the public form, scores
 * poor with reasons and is declined with a referral; an accepted client's health falls after
 * abusive messages, the client appears in the review queue, the owner chooses to part ways, and
 * the exit computes a full refund inside the guarantee window, sends the farewell and produces
 * the export. Run through `npm run test:e2e` (which starts a server) or with FITDESK_E2E_URL.
 */
import { type Page } from 'playwright-core';
import { BASE, createSuite, expect, waitForPath } from './harness.js';

const { test, shot, run: runSuite } = createSuite({ shotPrefix: 'lifecycle-', viewport: { width: 1280, height: 900 } });

const run = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const owner = { workspace: `Northwind Advisory ${run}`, name: 'Morgan Lee', email: `morgan.${run}@example.com`, password: 'correct horse battery' };
const poor = { name: 'Pat Quick', email: `pat.${run}@quick.example` };
const good = { name: 'Dana Smile', email: `dana@smile-${run}.example`, company: `Bright Smile Dental ${run}` };
const provider = `Career Outcomes Co ${run}`;
const ABUSE = 'You useless idiots!!! THIS IS THE WORST SERVICE I HAVE EVER PAID FOR. I will call my lawyer and do a chargeback, you morons.';


/** JSON API call with the page's session cookie and CSRF token (for setup a person would do elsewhere). */
async function apiCall(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown) {
  const session = await (await page.request.get(`${BASE}/api/v1/auth/session`)).json();
  const res = await page.request.fetch(`${BASE}${url}`, { method, data, headers: { 'x-csrf-token': session.csrfToken } });
  expect(res.ok(), `${method} ${url} → ${res.status()} ${await res.text()}`);
  return res.json();
}

let applyUrl = '';
let clientPath = '';
let clientId = '';
let requestPath = '';

test('signs up the owner', async (page) => {
  await page.goto(`${BASE}/signup`);
  await page.getByLabel('Workspace name').fill(owner.workspace);
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await waitForPath(page, /^\/inbox$/);
});

test('adds a better-suited provider to the referral directory', async (page) => {
  await page.getByRole('link', { name: 'Referral directory' }).click();
  await waitForPath(page, /^\/referrals$/);
  await page.getByLabel('Provider name').fill(provider);
  await page.getByLabel('Specialties (comma-separated)').fill('career coaching, job placement, dental practice bookkeeping');
  await page.getByLabel('Contact').fill('hello@career-outcomes.example');
  await page.getByRole('button', { name: 'Add provider' }).click();
  await page.locator('table', { hasText: provider }).waitFor();
});

test('shows the profile with a live preview and the public form link', async (page) => {
  await page.goto(`${BASE}/intake`);
  await page.getByRole('heading', { name: 'Ideal-client profile' }).waitFor();
  await page.getByLabel(/Monthly budget/).fill('300');
  await page.getByLabel(/What do you want to achieve/).fill('Please promise guaranteed results.');
  await page.getByTestId('fit-preview').getByText('Poor fit').waitFor();
  applyUrl = (await page.getByTestId('public-intake-link').getAttribute('href')) ?? '';
  expect(applyUrl.startsWith('/apply/'), `public link is ${applyUrl}`);
  await shot(page, 'profile-preview');
});

async function apply(page: Page, who: { name: string; email: string; company?: string }, a: { budget: string; industry: string; timeline: string; goals: string; referredBy?: string }) {
  await page.goto(BASE + applyUrl);
  await page.getByRole('heading', { name: /Work with/ }).waitFor();
  await page.getByLabel('Your name *').fill(who.name);
  await page.getByLabel('Email *').fill(who.email);
  if (who.company) await page.getByLabel('Company').fill(who.company);
  await page.getByLabel(/Monthly budget/).fill(a.budget);
  await page.getByLabel('Industry').selectOption(a.industry);
  await page.getByLabel('When do you want to start?').selectOption(a.timeline);
  await page.getByLabel(/What do you want to achieve/).fill(a.goals);
  await page.getByRole('button', { name: 'Send application' }).click();
  await page.getByTestId('apply-done').waitFor();
}

test('a prospect applies through the public form and scores poor with reasons', async (page) => {
  await apply(page, poor, { budget: '200', industry: 'retail', timeline: 'just exploring', goals: "I need you to promise I'll get hired within a month. Cheapest price wins." });
  await shot(page, 'apply-done');
  await page.goto(`${BASE}/prospects`);
  await page.getByRole('link', { name: poor.name }).click();
  await waitForPath(page, /^\/prospects\/[^/]+$/);
  await page.getByTestId('score-chip').getByText('Poor fit').waitFor();
  const reasons = await page.locator('.reasons li').allTextContents();
  expect(reasons.some((r) => /^−\d/.test(r) && /guaranteed/i.test(r)), `no negative "guaranteed results" reason in ${JSON.stringify(reasons)}`);
  await shot(page, 'prospect-poor');
});

test('declines the poor prospect with a courteous letter naming the provider', async (page) => {
  await page.getByLabel(new RegExp(provider)).check();
  await page.waitForFunction((name) => (document.getElementById('decline-letter') as HTMLTextAreaElement | null)?.value.includes(name) ?? false, provider, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Decline and send letter' }).click();
  await page.getByTestId('prospect-status').getByText('declined').waitFor();
  await page.getByRole('link', { name: 'Open the decline letter' }).click();
  await page.locator('.message-outbound', { hasText: provider }).waitFor();
});

test('accepts a strong prospect as a client with a paid first period', async (page) => {
  await apply(page, good, { budget: '5000', industry: 'healthcare', timeline: 'this month', goals: 'We want a long term partner for ongoing monthly support of our practice.' });
  await page.goto(`${BASE}/prospects`);
  await page.getByRole('link', { name: `${good.name} · ${good.company}` }).click();
  await page.getByTestId('score-chip').getByText(/Strong fit|Good fit/).waitFor();
  await page.getByLabel(/Amount paid/).fill('1200');
  await page.getByRole('button', { name: 'Accept as client' }).click();
  await waitForPath(page, /^\/clients\/[^/]+$/);
  clientPath = new URL(page.url()).pathname;
  clientId = clientPath.split('/')[2]!;
  await page.getByRole('heading', { name: good.company }).waitFor();
});

test('the client turns abusive: messages, time logged on the request, trust repair offered', async (page) => {
  // Two calm, profitable clients make the workspace median meaningful for effort vs value.
  for (const n of ['Calm One', 'Calm Two']) {
    const c = await apiCall(page, 'POST', '/api/v1/clients', { name: `${n} ${run}`, domain: `${n.replace(' ', '-').toLowerCase()}-${run}.example` });
    await apiCall(page, 'PATCH', `/api/v1/clients/${c.id}/lifecycle`, { revenueMinor: 900000 });
    const r = await apiCall(page, 'POST', '/api/v1/requests', { subject: 'Thanks', body: 'Thank you, all good.', contactEmail: `x@${n.replace(' ', '-').toLowerCase()}-${run}.example` });
    await apiCall(page, 'POST', `/api/v1/requests/${r.id}/time`, { minutes: 30 });
  }
  const req = await apiCall(page, 'POST', '/api/v1/requests', { subject: 'Where is my report', body: ABUSE, contactEmail: good.email, channel: 'email' });
  expect(req.clientId === clientId, 'the abusive request is not linked to the client');
  for (let i = 0; i < 2; i++) await apiCall(page, 'POST', `/api/v1/requests/${req.id}/messages`, { direction: 'inbound', body: `${ABUSE} Again (${i + 1})!!!` });
  requestPath = `/requests/${req.id}`;
  await page.goto(BASE + requestPath);
  await page.getByRole('heading', { name: 'Trust repair' }).waitFor();
  await page.getByLabel('Minutes').fill('600');
  await page.getByRole('button', { name: 'Log minutes' }).click();
  await page.getByTestId('time-total').getByText('10 h 0 min logged').waitFor();
  await shot(page, 'request-repair-time');
});

test('the client health falls to at risk', async (page) => {
  await page.goto(BASE + clientPath);
  await page.getByRole('button', { name: 'Recompute' }).click();
  await page.getByTestId('health-score').getByText('At risk').waitFor();
  await shot(page, 'client-health');
});

test('appears in the review queue and the owner chooses to part ways', async (page) => {
  await page.getByRole('link', { name: 'Review queue' }).click();
  await waitForPath(page, /^\/review$/);
  await page.getByRole('button', { name: 'Run review now' }).click();
  const card = page.getByRole('region', { name: `Review of ${good.company}` });
  await card.waitFor();
  expect((await card.getByTestId('review-recommendation').textContent()) === 'Part ways', 'recommendation is not part ways');
  await shot(page, 'review-queue');
  await card.getByLabel('Decision note').fill('Abuse after the agreement was restated');
  await card.getByRole('button', { name: 'Part ways' }).click();
  await card.getByTestId('review-decision').getByText('Part ways').waitFor();
  await card.getByRole('button', { name: 'Start exit' }).click();
  await waitForPath(page, /^\/exits\/[^/]+$/);
});

test('the exit computes a full refund inside the guarantee window and records it', async (page) => {
  const sug = page.getByTestId('refund-suggestion');
  await sug.getByText('1,200.00 USD').waitFor();
  expect(((await sug.textContent()) ?? '').includes('full guarantee'), 'refund is not the full guarantee rule');
  await page.getByLabel('Method').fill('bank transfer');
  await page.getByLabel('Reference').fill(`RF-${run}`);
  await page.getByRole('button', { name: 'Record refund' }).click();
  await page.getByTestId('refund-result').getByText('Refunded 1,200.00 USD by bank transfer').waitFor();
});

test('refers, sends the farewell letter and produces the export', async (page) => {
  await page.getByLabel(new RegExp(provider)).check();
  await page.getByRole('button', { name: 'Refer', exact: true }).click();
  await page.getByText(`Referred to ${provider}`).waitFor();
  await page.waitForFunction(() => (document.getElementById('farewell') as HTMLTextAreaElement | null)?.value.includes('1200.00 USD') ?? false, undefined, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Produce export' }).click();
  const link = page.getByTestId('export-link');
  await link.waitFor();
  await page.getByRole('button', { name: 'Send farewell letter' }).click();
  await page.getByText(`Sent to ${good.email}`).waitFor();
  const zip = await page.request.get(BASE + ((await link.getAttribute('href')) ?? ''));
  expect(zip.ok(), `export download → ${zip.status()}`);
  const body = await zip.body();
  expect(body.subarray(0, 2).toString() === 'PK', 'the export is not a zip');
  expect(body.includes(Buffer.from(good.company)), 'the export does not contain the client');
  await shot(page, 'exit-wizard');
});

test('completes the exit: open requests closed, client former', async (page) => {
  await page.getByRole('button', { name: 'Complete exit' }).click();
  await page.getByTestId('exit-complete').waitFor();
  await page.goto(BASE + clientPath);
  await page.locator('.badge', { hasText: /former/i }).first().waitFor();
  await page.goto(BASE + requestPath);
  await page.waitForFunction(() => (document.getElementById('req-status') as HTMLSelectElement | null)?.value === 'closed', undefined, { timeout: 10_000 });
  await shot(page, 'exit-done');
});

runSuite();
