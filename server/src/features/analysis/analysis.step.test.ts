import { eq } from 'drizzle-orm';
import type { MessageAnalysis } from '@fitdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMS } from '../agreements/terms.fixture.js';
import { messages } from '../../db/schema/index.js';
import { makeTestApp, signupCaller, type Caller, type TestApp } from '../../test/factories.js';

let t: TestApp;
let owner: Caller;
beforeAll(async () => {
  t = await makeTestApp();
  owner = await signupCaller(t.app, 'Analysis Co');
});
afterAll(() => t?.close());

/** Creates a request as the owner and returns it as the API answers. */
const createRequest = async (fields: { subject: string; body: string; contactEmail: string; channel?: string }) => (await owner.req('POST', '/api/v1/requests', fields)).json();

/** A client with one contact and the fixture agreement, so its messages are judged against it. */
async function clientWithAgreement(name: string, domain: string, contact: string): Promise<void> {
  const client = (await owner.req('POST', '/api/v1/clients', { name, domain })).json();
  await owner.req('POST', '/api/v1/contacts', { name: contact, email: `${contact.toLowerCase()}@${domain}`, clientId: client.id });
  expect((await owner.req('POST', `/api/v1/clients/${client.id}/agreement`, { terms: TERMS })).statusCode).toBe(201);
}

describe('analysis on inbound messages', () => {
  it('stores the analysis with evidence and raises priority when a client is irate', async () => {
    const r = await createRequest({
      subject: 'Still no refund',
      body: 'THIS IS THE THIRD TIME I AM ASKING FOR MY REFUND!!! If this is not fixed today I will dispute the charge with my bank and leave a review.',
      contactEmail: 'angry@client.example',
    });
    expect(r.tone).toMatch(/irate|abusive/);
    expect(r.priority).toBe('high');
    const m = r.messages[0];
    expect(m.analysis.shouting).toBe(true);
    expect(m.analysis.evidence.length).toBeGreaterThan(0);
    const e = m.analysis.evidence.find((x: { end: number }) => x.end > 0);
    expect(m.analysis.cleanedText.slice(e.start, e.end)).toBe(e.text);
    const audit = (await owner.req('GET', `/api/v1/audit?entity=request&entityId=${r.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('request.priority_raised');
  });

  it('keeps a calm message calm and normal priority', async () => {
    const r = await createRequest({ subject: 'Statements', body: 'Hi, could you send the March statements when you have a moment? Thanks!', contactEmail: 'calm@client.example' });
    expect(r.tone).toBe('calm');
    expect(r.priority).toBe('normal');
    expect(r.messages[0].analysis.shouting).toBe(false);
  });

  it('links a re-sent complaint to the original and not a different request from the same client', async () => {
    const text = 'Hello, the invoice you sent for February charges us twice for the monthly bookkeeping retainer and the payroll add-on. Please correct it and send a new invoice.';
    const first = await createRequest({ subject: 'Invoice', body: text, contactEmail: 'dup@repeat.example' });
    const again = await createRequest({
      subject: 'Fwd: Invoice',
      body: `Hello,\nthe invoice you sent for February charges us twice for the monthly\nbookkeeping retainer and the payroll add-on. Please correct it and send a new invoice. xk7q9z\n\nSent from my iPhone`,
      contactEmail: 'dup@repeat.example',
      channel: 'portal',
    });
    expect(again.messages[0].duplicateOfMessageId).toBe(first.messages[0].id);
    const other = await createRequest({ subject: 'Invoice', body: 'Separate question: can we move the February invoice to net 30 payment terms going forward from next month?', contactEmail: 'dup@repeat.example' });
    expect(other.messages[0].duplicateOfMessageId).toBeNull();
  });

  it('links a short retelling on another channel that says it repeats the last message', async () => {
    const first = await createRequest({
      subject: 'No heat',
      body: 'This is Amy Chen at 318 North Ocotillo. Our furnace made a burning smell and shut itself off an hour ago. It is forty-five degrees in the house and we have family over.',
      contactEmail: 'amy@ocotillo.example',
      channel: 'phone',
    });
    const retold = await createRequest({ subject: 'Furnace', body: 'Called the emergency line, also logging here: furnace gave off a burning smell and shut off, no heat. 318 N Ocotillo.', contactEmail: 'amy@ocotillo.example', channel: 'portal' });
    expect(retold.messages[0].duplicateOfMessageId).toBe(first.messages[0].id);
  });

  it('links a voicemail that retells an email, says why and where the original is, and not a follow-up with news', async () => {
    const first = await createRequest({
      subject: 'Direct deposit',
      body: 'Hi Dana,\n\nKendra Lowe’s direct deposit did not arrive this morning; everyone else on payroll was paid. Could you check what happened with her payment?\n\nMarcy\nHollis Family Dental',
      contactEmail: 'marcy@hollis.example',
    });
    const retold = await createRequest({
      subject: 'Voicemail',
      body: '[Voicemail transcript] Hi, Marcy from Hollis Family Dental. I emailed a while ago, figured I would call too since it is payday. Kendra’s direct deposit never came through this morning, everybody else got paid. Can someone look at her payment and call me back?',
      contactEmail: 'marcy@hollis.example',
      channel: 'phone',
    });
    expect(retold.messages[0].duplicateOfMessageId).toBe(first.messages[0].id);
    // Why it was linked, and where the original lives (another request: the client wrote again on another channel).
    // (minutes apart, the same words on another channel; hours apart, the learned check: see the CLI tests)
    expect(retold.messages[0].analysis.evidence).toContainEqual(expect.objectContaining({ label: 'duplicate', rule: 'restated_on_another_channel:same_words_moments_later', text: first.messages[0].id }));
    expect(retold.messages[0].duplicateOfRequest).toEqual({ id: first.id, number: first.number });
    const news = await createRequest({
      subject: 'Direct deposit update',
      body: 'Update: the bank says Kendra’s routing number on file is missing a digit, and she has now given us the right one. Do you need a new form from her or can you fix it?',
      contactEmail: 'marcy@hollis.example',
    });
    expect(news.messages[0].duplicateOfMessageId).toBeNull();
  });

  it('keeps a repeat of an out-of-scope ask out of scope, with the original ask as evidence', async () => {
    await clientWithAgreement('Scope Co', 'scope.example', 'Sam');
    const first = await createRequest({ subject: 'My own return', body: 'Hi, while you have our books open, could you also prepare my own 1040 for this year? Happy to pay extra for it.', contactEmail: 'sam@scope.example' });
    expect(first.messages[0].analysis.boundaries).toContain('out_of_scope');
    const again = await createRequest({ subject: 'Return', body: 'see my email re this year, happy to pay extra if you can prepare it', contactEmail: 'sam@scope.example', channel: 'portal' });
    expect(again.messages[0].duplicateOfMessageId).toBe(first.messages[0].id);
    expect(again.messages[0].analysis.boundaries).toContain('out_of_scope');
    // Out of scope by its own words (the scorer reads "prepare it … this year" as the excluded return), or else by its original's ask.
    const scope = again.messages[0].analysis.evidence.filter((e: { label: string; rule: string }) => e.label === 'boundary:out_of_scope');
    if (!scope.some((e: { rule: string }) => e.rule !== 'repeat_of_original')) expect(scope).toContainEqual({ label: 'boundary:out_of_scope', rule: 'repeat_of_original', text: 'own 1040', start: 0, end: 0 });
  });

  it('judges a copy of the same words, pasted minutes later, by the decision stored for its original', async () => {
    await clientWithAgreement('Copy Co', 'copy.example', 'Cas');
    const body = 'I need the corrected payroll register within the next 30 minutes, the bank cut-off is at 3.';
    const first = await createRequest({ subject: 'Register', body, contactEmail: 'cas@copy.example' });
    expect(first.messages[0].analysis.boundaries).toContain('pressure');
    const again = await createRequest({ subject: 'Register', body: `@team ${body}`, contactEmail: 'cas@copy.example', channel: 'portal' });
    expect(again.messages[0].duplicateOfMessageId).toBe(first.messages[0].id);
    expect(again.messages[0].analysis.boundaries).toContain('pressure');
    // The stored decision is what a copy follows, not a fresh reading of the original: with the
    // original stored as not pressing, a second copy (whose own words would say pressure) is not either.
    const stored = first.messages[0].analysis as MessageAnalysis;
    await t.database.db
      .update(messages)
      .set({ analysis: { ...stored, boundaries: stored.boundaries.filter((b) => b !== 'pressure'), evidence: stored.evidence.filter((e) => e.label !== 'boundary:pressure') } })
      .where(eq(messages.id, first.messages[0].id));
    const third = await createRequest({ subject: 'Register', body: `Fwd: ${body}`, contactEmail: 'cas@copy.example', channel: 'portal' });
    expect(third.messages[0].duplicateOfMessageId).toBe(first.messages[0].id);
    expect(third.messages[0].analysis.boundaries).not.toContain('pressure');
  });

  it('filters the inbox by tone', async () => {
    const res = (await owner.req('GET', '/api/v1/requests?tone=calm&status=any')).json();
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((x: { tone: string }) => x.tone === 'calm')).toBe(true);
  });
});
