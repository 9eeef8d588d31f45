/**
 * The desk in a real browser: sign up a workspace, log a request, reply, add a note, find it
 * by full-text search, and the keyboard paths. Run through `npm run test:e2e` (which starts a
 * server) or directly with FITDESK_E2E_URL pointing at a running one.
 */
import { BASE, DESKTOP, PHONE, createSuite, expect, waitForPath } from './harness.js';

const { test, shot, run: runSuite } = createSuite();


// Letters only, so the full-text parser sees one plain word.
const word = (n = 10) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const run = word(6);
const account = { workspace: `Harbor Consulting ${run}`, name: 'Robin Ellis', email: `robin.${run}@example.com`, password: 'correct horse battery' };
const subject = `Quarterly filing questions ${run}`;
const bodyWord = word();
const noteWord = word();





let requestPath = '';
let inviteUrl = '';

test('shows field errors on sign-up when the password is too short', async (page) => {
  await page.goto(`${BASE}/signup`);
  await page.getByLabel('Workspace name').fill(account.workspace);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByText('Use at least 10 characters').waitFor();
  expect((await page.getByLabel('Password').getAttribute('aria-invalid')) === 'true', 'password field is not marked invalid');
  await shot(page, 'signup-errors');
});

test('signs up a new workspace and lands in the inbox', async (page) => {
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await waitForPath(page, /^\/inbox$/);
  await page.locator('.workspace-name', { hasText: account.workspace }).waitFor();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await shot(page, 'inbox-new-workspace');
});

test('opens the New request dialog and closes it with Esc', async (page) => {
  await page.getByRole('button', { name: 'New request' }).click();
  const dialog = page.getByRole('dialog', { name: 'New request' });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});

test('creates a request from the New request dialog', async (page) => {
  await page.getByRole('button', { name: 'New request' }).click();
  const dialog = page.getByRole('dialog', { name: 'New request' });
  await dialog.waitFor();
  await dialog.getByLabel('Subject').fill(subject);
  await dialog.getByLabel('Message').fill(`Hello, we need help with the ${bodyWord} schedule before Friday.`);
  await dialog.getByLabel('Contact email').fill(`alex.${run}@client.example`);
  await dialog.getByLabel('Contact name').fill('Alex Moreno');
  await dialog.getByLabel('Priority').selectOption('high');
  await shot(page, 'new-request-dialog');
  await dialog.getByRole('button', { name: 'Create request' }).click();
  await waitForPath(page, /^\/requests\/[^/]+$/);
  requestPath = new URL(page.url()).pathname;
  await page.getByRole('heading', { name: subject }).waitFor();
  expect((await page.getByLabel('Priority').inputValue()) === 'high', 'priority was not saved as high');
  await page.locator('.message-inbound', { hasText: bodyWord }).waitFor();
});

test('replies and sets the status to waiting in the same step', async (page) => {
  await page.getByLabel('Reply to the client').fill('Thanks Alex, we are on it and will send the schedule tomorrow.');
  await page.getByRole('button', { name: 'Send & wait on client' }).click();
  await page.locator('.message-outbound', { hasText: 'we are on it' }).waitFor();
  await page.waitForFunction(() => (document.getElementById('req-status') as HTMLSelectElement | null)?.value === 'waiting', undefined, { timeout: 10_000 });
});

test('adds an internal note that is styled as a note', async (page) => {
  await page.getByRole('tab', { name: 'Internal note' }).click();
  await page.getByLabel('Internal note (only your team sees it)').fill(`Check the ${noteWord} ledger before replying again.`);
  await page.getByRole('button', { name: 'Add note' }).click();
  const note = page.locator('.message-note', { hasText: noteWord });
  await note.waitFor();
  expect((await note.getByText('Internal', { exact: true }).count()) === 1, 'note is missing its Internal badge');
  await shot(page, 'request-conversation');
});

test('changes priority from the header select immediately', async (page) => {
  await page.getByLabel('Priority').selectOption('urgent');
  await page.getByText('Priority set to Urgent').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: subject }).waitFor();
  expect((await page.getByLabel('Priority').inputValue()) === 'urgent', 'priority change did not persist');
});

test('finds the request by full-text search with "/" and highlights the match', async (page) => {
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search requests' });
  await page.waitForFunction(() => document.activeElement?.id === 'global-search');
  await search.fill(noteWord);
  await search.press('Enter');
  await waitForPath(page, /^\/inbox$/);
  const hit = page.locator('.search-hit', { hasText: subject });
  await hit.waitFor();
  const marked = (await hit.locator('.snippet mark').allTextContents()).map((t) => t.toLowerCase());
  expect(marked.some((t) => t.includes(noteWord)), `snippet does not mark "${noteWord}" (got ${JSON.stringify(marked)})`);
  await shot(page, 'search-results');
  await hit.click();
  await waitForPath(page, /^\/requests\//);
  expect(new URL(page.url()).pathname === requestPath, 'search hit opened another request');
});

test('opens a request from the inbox with j and Enter, and focuses the reply with r', async (page) => {
  await page.goto(`${BASE}/inbox`);
  await page.locator('.request-row', { hasText: subject }).waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await waitForPath(page, /^\/requests\//);
  await page.getByRole('heading', { name: subject }).waitFor();
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.activeElement?.id === 'composer-body');
});

test('creates a client and adds a contact', async (page) => {
  await page.getByRole('link', { name: 'Clients' }).click();
  await waitForPath(page, /^\/clients$/);
  await page.getByRole('button', { name: 'New client' }).click();
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByLabel('Name', { exact: true }).fill(`Moreno Family Office ${run}`);
  await dialog.getByLabel('Domain').fill('not a domain');
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await dialog.getByText('Use a domain like example.com').waitFor();
  await dialog.getByLabel('Domain').fill(`moreno-${run}.example`);
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await waitForPath(page, /^\/clients\/[^/]+$/);
  await page.getByRole('heading', { name: `Moreno Family Office ${run}` }).waitFor();
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contact = page.getByRole('dialog', { name: 'Add contact' });
  await contact.getByLabel('Name').fill('Jordan Moreno');
  await contact.getByLabel('Email').fill(`jordan.${run}@client.example`);
  await contact.getByRole('button', { name: 'Add contact' }).click();
  await page.locator('.contact-list', { hasText: 'Jordan Moreno' }).waitFor();
  await shot(page, 'client-page');
});

test('creates an API token and shows the secret once', async (page) => {
  await page.goto(`${BASE}/settings/tokens`);
  await page.getByLabel('Token name').fill('E2E sync');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByTestId('token-secret');
  await secret.waitFor();
  expect(((await secret.textContent()) ?? '').length >= 16, 'token secret looks empty');
  await page.locator('table', { hasText: 'E2E sync' }).waitFor();
  await shot(page, 'settings-tokens');
});

test('invites a teammate and shows the accept link', async (page) => {
  await page.goto(`${BASE}/settings/users`);
  await page.getByLabel('Email', { exact: true }).fill(`casey.${run}@example.com`);
  await page.getByLabel('Role', { exact: true }).selectOption('agent');
  await page.getByRole('button', { name: 'Send invite' }).click();
  const link = page.getByTestId('invite-link');
  await link.waitFor();
  inviteUrl = (await link.textContent()) ?? '';
  expect(inviteUrl.includes('/invite/'), 'accept link does not point at /invite/');
  await shot(page, 'settings-users');
});

test('works at phone width with a collapsible sidebar', async (page) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${BASE}/inbox`);
  await page.locator('.request-row', { hasText: subject }).waitFor();
  expect(!(await page.getByRole('link', { name: 'Clients' }).isVisible()), 'sidebar should be hidden on a phone');
  await shot(page, 'phone-inbox');
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('link', { name: 'Clients' }).waitFor({ state: 'visible' });
  await page.waitForTimeout(300); // let the drawer finish sliding in
  await shot(page, 'phone-nav');
  await page.getByRole('link', { name: 'Clients' }).click();
  await waitForPath(page, /^\/clients$/);
  await page.goto(BASE + requestPath);
  await page.getByRole('heading', { name: subject }).waitFor();
  await shot(page, 'phone-request');
  await page.setViewportSize(DESKTOP);
});

test('logs out and back in', async (page) => {
  await page.goto(`${BASE}/inbox`);
  await page.getByRole('button', { name: account.name }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await waitForPath(page, /^\/login$/);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('wrong password!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: /password|email|sign/i }).first().waitFor();
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForPath(page, /^\/inbox$/);
  await page.locator('.workspace-name', { hasText: account.workspace }).waitFor();
});

test('accepts the invite as the new teammate', async (page) => {
  // The link carries the server's public URL; open the same path on the server under test.
  await page.goto(BASE + new URL(inviteUrl, BASE).pathname);
  await page.getByRole('heading', { name: 'Join your team' }).waitFor();
  await page.getByLabel('Your name').fill('Casey Nguyen');
  await page.getByLabel('Password').fill('another long password');
  await page.getByRole('button', { name: 'Join workspace' }).click();
  await waitForPath(page, /^\/inbox$/);
  await page.locator('.workspace-name', { hasText: account.workspace }).waitFor();
  await page.getByRole('button', { name: 'Casey Nguyen' }).waitFor();
  await page.locator('.request-row', { hasText: subject }).waitFor();
});

test('links a re-sent request to its original in the other request, saying why', async (page) => {
  await page.goto(`${BASE}/inbox`);
  await page.getByRole('button', { name: 'New request' }).click();
  const dialog = page.getByRole('dialog', { name: 'New request' });
  await dialog.waitFor();
  await dialog.getByLabel('Subject').fill(`Fwd: ${subject}`);
  await dialog.getByLabel('Message').fill(`Hello,\nwe need help with the ${bodyWord}\nschedule before Friday.\n\nSent from my phone`);
  await dialog.getByLabel('Contact email').fill(`alex.${run}@client.example`);
  await dialog.getByRole('button', { name: 'Create request' }).click();
  await waitForPath(page, /^\/requests\/[^/]+$/);
  const note = page.locator('.duplicate-note');
  await note.waitFor();
  const text = (await note.textContent()) ?? '';
  expect(/Repeat of an earlier message in #\d+ — the same text sent again \(\d+% alike\)\./.test(text), `unexpected repeat note: ${text}`);
  await shot(page, 'repeat-note');
  await note.getByRole('link').click();
  await waitForPath(page, new RegExp(`^${requestPath}$`));
  await page.locator('.message-highlight', { hasText: bodyWord }).waitFor();
});

runSuite();
