/**
 * Escalation and warm transfer in a real browser: an abusive client message is escalated by
 * the ready-made automation to the supervisor tier; the supervisor sees it in the supervisor
 * queue, accepts the transfer from the request view and owns the request, answers with the
 * boundary reply that restates the agreement and sees the first-response SLA met; the rule's run log,
 * the escalation ladder and the webhooks page are shown.
 * Run through `npm run test:e2e escalation` or with FITDESK_E2E_URL pointing at a running server.
 */
import { request, type Page } from 'playwright-core';
import { BASE, createSuite, expect } from './harness.js';

const { test, shot, run: runSuite } = createSuite();


const run = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');



let csrf = '';
const ids: Record<string, string> = {};
async function call<T = Record<string, string>>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(`${BASE}/api/v1${url}`, { method, data: data as object, headers: { 'x-csrf-token': csrf } });
  expect(res.ok(), `${method} ${url} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
const tokenOf = (invite: { acceptUrl: string }) => invite.acceptUrl.split('/invite/')[1]!;
const SUBJECT = `Where is my refund ${run}`;

test('sets up an owner, an agent, a supervisor and the ready-made escalation rules (API)', async (page) => {
  const res = await page.request.post(`${BASE}/api/v1/auth/signup`, { data: { workspaceName: `Escalation Co ${run}`, name: 'Olive Owner', email: `olive.${run}@example.com`, password: 'correct horse battery' } });
  expect(res.status() === 201, `signup ${res.status()}`);
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  await call(page, 'POST', '/automations/presets/escalation', {});
  const agentInvite = await call<{ acceptUrl: string }>(page, 'POST', '/invites', { email: `andy.${run}@example.com`, role: 'agent' });
  const supInvite = await call<{ acceptUrl: string }>(page, 'POST', '/invites', { email: `sam.${run}@example.com`, role: 'supervisor' });
  const agentCtx = await request.newContext();
  const a = await agentCtx.post(`${BASE}/api/v1/auth/accept-invite`, { data: { token: tokenOf(agentInvite), name: 'Andy Agent', password: 'correct horse battery' } });
  expect(a.status() === 201, `agent accept ${a.status()}`);
  ids.agent = ((await a.json()) as { user: { id: string } }).user.id;
  await agentCtx.dispose();
  // From here on the browser is the supervisor's.
  await call(page, 'POST', '/auth/logout');
  const s = await page.request.post(`${BASE}/api/v1/auth/accept-invite`, { data: { token: tokenOf(supInvite), name: 'Sam Supervisor', password: 'correct horse battery' } });
  expect(s.status() === 201, `supervisor accept ${s.status()}`);
  csrf = ((await s.json()) as { csrfToken: string }).csrfToken;
});

test('escalates an abusive client message to the supervisor tier while the agent keeps the request', async (page) => {
  const r = await call<{ id: string }>(page, 'POST', '/requests', {
    subject: SUBJECT,
    body: 'THIS IS COMPLETELY UNACCEPTABLE!!! You people are useless and incompetent. Fix it NOW or I am calling my lawyer!!!',
    contactEmail: `kim@${run}-client.example`,
    channel: 'email',
    assigneeId: ids.agent,
  });
  ids.request = r.id;
  await page.goto(`${BASE}/supervisor`);
  await page.getByRole('heading', { name: 'Supervisor queue' }).waitFor();
  // The automation runs in the background worker: reload until the transfer shows up.
  for (let i = 0; i < 40; i++) {
    if (await page.getByRole('table', { name: 'Pending transfers' }).getByText(SUBJECT).count()) break;
    await page.waitForTimeout(500);
    await page.reload();
  }
  await page.getByRole('table', { name: 'Pending transfers' }).getByText(SUBJECT).waitFor();
  await page.getByText('Irate or abusive message').first().waitFor();
  await shot(page, 'escalation-supervisor-queue');
});

test('the supervisor accepts the transfer in the request view and owns the request', async (page) => {
  await page.goto(`${BASE}/requests/${ids.request}`);
  await page.getByTestId('owner').getByText('Andy Agent').waitFor();
  await page.getByTestId('pending-transfer').getByText('Sam Supervisor').waitFor();
  await page.getByRole('button', { name: 'Accept transfer' }).click();
  await page.getByTestId('owner').getByText('Sam Supervisor').waitFor();
  await page.getByText(/Escalated to supervisor \(automation\)/).waitFor();
  await shot(page, 'escalation-request-accepted');
  const detail = await call<{ assigneeName: string }>(page, 'GET', `/requests/${ids.request}`);
  expect(detail.assigneeName === 'Sam Supervisor', `owner is ${detail.assigneeName}`);
});

test('the supervisor replies with the abuse boundary reply and the first-response SLA shows met', async (page) => {
  // Still on the request view from the step before.
  await page.getByRole('region', { name: 'Boundaries' }).locator('li', { hasText: 'Abuse' }).getByRole('button', { name: 'Use boundary reply' }).click();
  await page.waitForFunction(() => ((document.getElementById('composer-body') as HTMLTextAreaElement | null)?.value.length ?? 0) > 40);
  const text = await page.locator('#composer-body').inputValue();
  expect(/respect|language|agreement/i.test(text), `boundary reply does not restate the ground rules: ${text.slice(0, 120)}`);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByTestId('sla-first_response').getByText(/met \(/).waitFor();
  await shot(page, 'escalation-boundary-reply-sla-met');
  const detail = await call<{ messages: Array<{ direction: string; bodyText: string }> }>(page, 'GET', `/requests/${ids.request}`);
  expect(detail.messages.some((m) => m.direction === 'outbound' && m.bodyText === text), 'the boundary reply was not sent');
});

test('shows the rule run log, the escalation ladder and the webhooks page', async (page) => {
  await page.goto(`${BASE}/automations`);
  await page.getByRole('heading', { name: 'Escalate irate or abusive messages' }).waitFor();
  await page.getByRole('button', { name: 'Show run log' }).first().click();
  await page.getByRole('list', { name: 'Run log' }).getByText('applied').first().waitFor();
  await shot(page, 'escalation-automations');
  await page.goto(`${BASE}/escalation`);
  await page.getByLabel('Tiers, lowest first').waitFor();
  await page.getByRole('cell', { name: 'Andy Agent' }).waitFor();
  await page.goto(`${BASE}/webhooks`);
  await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
});

runSuite();
