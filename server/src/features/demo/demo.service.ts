import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { users, workspaces } from '../../db/schema/index.js';
import { hashPassword } from '../auth/crypto.js';
import { createStarterPolicy } from '../sla/sla-policies.service.js';
import type { Actor } from '../auth/actor.js';
import { createClient } from '../clients/clients.service.js';
import { addMessage, recordInbound, updateRequest } from '../requests/requests.service.js';
import { createClientAgreement, createTemplate } from '../agreements/agreements.service.js';
import { createProvider } from '../referrals/referrals.service.js';
import { createProspect } from '../intake/intake.service.js';
import { addManualTime } from '../time/time.service.js';
import { recomputeForActor } from '../health/client-health.service.js';

export const DEMO_LOGIN = { email: 'owner@demo.fitdesk.test', password: 'fitdesk-demo' } as const;
export const DEMO_SLUG = 'demo';

/** True when no workspace exists yet (a fresh data folder or database). */
export async function isEmpty(deps: Deps): Promise<boolean> {
  const [w] = await deps.db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return !w;
}

const H = 3600_000;

/**
 * Seeds the demo workspace: a small bookkeeping and advisory practice with an owner, a
 * supervisor and an agent, a few clients and contacts, and requests with conversations.
 * Everything goes through the same services as real traffic (audit, inbound pipeline).
 */
export async function seedDemo(deps: Deps): Promise<{ workspaceId: string }> {
  const existing = await deps.db.select().from(workspaces).where(eq(workspaces.slug, DEMO_SLUG));
  if (existing[0]) return { workspaceId: existing[0].id };
  const hash = await hashPassword(DEMO_LOGIN.password);
  const [ws] = await deps.db.insert(workspaces).values({ name: 'Northwind Bookkeeping (demo)', slug: DEMO_SLUG }).returning();
  const wsId = ws!.id;
  await createStarterPolicy(deps.db, wsId, 'America/New_York');
  const mk = async (email: string, name: string, role: 'owner' | 'supervisor' | 'agent') =>
    (await deps.db.insert(users).values({ workspaceId: wsId, email, name, role, passwordHash: hash }).returning())[0]!;
  const owner = await mk(DEMO_LOGIN.email, 'Olivia Owner', 'owner');
  const sup = await mk('supervisor@demo.fitdesk.test', 'Sam Supervisor', 'supervisor');
  const agent = await mk('agent@demo.fitdesk.test', 'Alex Agent', 'agent');
  const actor: Actor = { workspaceId: wsId, userId: owner.id, role: 'owner', label: 'demo seed', via: 'system' };
  const agentActor: Actor = { workspaceId: wsId, userId: agent.id, role: 'agent', label: agent.name, via: 'system' };
  const supActor: Actor = { workspaceId: wsId, userId: sup.id, role: 'supervisor', label: sup.name, via: 'system' };

  const acme = await createClient(deps, actor, { name: 'Acme Dental Group', kind: 'organisation', domain: 'acmedental.example', status: 'active', tier: 'premium', region: 'US-East', annualRevenue: 48000, tags: ['payroll', 'monthly-close'], notes: 'Three practices; payroll every other Friday.' });
  const bloom = await createClient(deps, actor, { name: 'Bloom Florist', kind: 'organisation', domain: 'bloomflorist.example', status: 'active', tier: 'standard', region: 'US-East', annualRevenue: 9600, tags: ['quarterly'], notes: '' });
  const kim = await createClient(deps, actor, { name: 'Dana Kim', kind: 'individual', domain: null, status: 'active', tier: 'standard', region: 'US-West', annualRevenue: 3200, tags: ['sole-proprietor'], notes: 'Freelance photographer.' });
  await createClient(deps, actor, { name: 'Harbor Logistics', kind: 'organisation', domain: 'harborlogistics.example', status: 'prospect', tier: 'enterprise', region: 'US-East', annualRevenue: null, tags: [], notes: 'Intake call booked.' });

  // The practice's standard agreement, so analysis judges hours and scope and SLAs have promises.
  const template = await createTemplate(deps, actor, {
    name: 'Monthly bookkeeping',
    description: 'Books, payroll and quarterly filings for small businesses.',
    terms: {
      timezone: 'America/New_York',
      hours: { mon: [{ open: '09:00', close: '17:30' }], tue: [{ open: '09:00', close: '17:30' }], wed: [{ open: '09:00', close: '17:30' }], thu: [{ open: '09:00', close: '17:30' }], fri: [{ open: '09:00', close: '16:00' }] },
      holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, { date: '2027-01-01', name: "New Year's Day" }],
      aroundTheClock: ['payroll failure'],
      channels: ['email', 'portal', 'phone'],
      firstResponseMinutes: { low: 960, normal: 480, high: 240, urgent: 60 },
      resolutionMinutes: { low: 4800, normal: 2400, high: 960, urgent: 480 },
      inScope: ['monthly bookkeeping', 'payroll runs', 'quarterly sales tax filings', 'year-end statements'],
      outOfScope: ['personal or family tax returns', 'legal advice', 'investment advice'],
      groundRules: ['We answer within one business day; urgent payroll issues within an hour.', 'Please send documents through the portal, not by text message.', 'We treat each other with respect.'],
      refundPolicy: { kind: 'full_then_prorated', guaranteeDays: 30, description: 'Full refund within 30 days of starting; after that, the unused part of the current month.' },
    },
  });
  for (const c of [acme, bloom, kim]) await createClientAgreement(deps, actor, c.id, { templateId: template.id, note: 'Signed at onboarding' });
  await createProvider(deps, actor, { name: 'Harbor Tax & Family Returns', specialties: ['personal tax returns', 'family tax returns', 'estate filings'], contact: 'hello@harbortax.example', notes: 'Takes our referrals for personal returns.' });
  await createProvider(deps, actor, { name: 'Greenline Legal', specialties: ['small business legal advice', 'contracts', 'employment law'], contact: 'intake@greenline.example', notes: '' });
  await createProspect(deps, actor, { name: 'Priya Shah', email: 'priya@shahclinic.example', company: 'Shah Family Clinic', referredBy: 'Acme Dental Group', answers: { budget: 2500, industry: 'healthcare', timeline: 'this month', goals: 'We want a long term partner to keep our books in order and run payroll every month.' } });
  await createProspect(deps, actor, { name: 'Rick Vance', email: 'rick@quickflip.example', company: 'QuickFlip Ventures', answers: { budget: 300, industry: 'other', timeline: 'just exploring', goals: 'Need the cheapest price possible and you have to promise results for our investors.' } });

  const now = deps.clock.now().getTime();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * H);
  const conv = async (
    c: { clientId: string; email: string; name: string },
    subject: string,
    first: { body: string; hoursAgo: number },
    follow: Array<{ by: 'client' | 'agent' | 'note'; body: string; status?: 'waiting' | 'resolved'; hoursAgo: number }> = [],
    patch: { priority?: 'low' | 'normal' | 'high' | 'urgent'; assigneeId?: string; tags?: string[] } = {},
  ) => {
    const { requestId } = await recordInbound(deps, actor, { subject, body: first.body, channel: 'email', sentAt: at(first.hoursAgo), clientId: c.clientId, contactEmail: c.email, contactName: c.name });
    if (Object.keys(patch).length) await updateRequest(deps, actor, requestId, patch);
    for (const f of follow) {
      // Replies happened in the past too: give the services a clock set to that moment.
      const then = { ...deps, clock: { now: () => at(f.hoursAgo) } };
      if (f.by === 'client') await recordInbound(then, actor, { subject, body: f.body, channel: 'email', requestId, contactEmail: c.email, sentAt: at(f.hoursAgo) });
      else await addMessage(then, f.by === 'note' ? supActor : agentActor, requestId, { direction: f.by === 'note' ? 'note' : 'outbound', body: f.body, status: f.status });
    }
    return requestId;
  };
  const maria = { clientId: acme.id, email: 'maria@acmedental.example', name: 'Maria Lopez' };
  const tom = { clientId: bloom.id, email: 'tom@bloomflorist.example', name: 'Tom Baker' };
  const dana = { clientId: kim.id, email: 'dana.kim@mail.example', name: 'Dana Kim' };

  const payroll = await conv(maria, 'Payroll run failed for the Elm Street office', { body: 'Hi team,\n\nThe payroll run for our Elm Street office failed this morning and 14 staff are due to be paid tomorrow. Can someone look at it today?\n\nThanks,\nMaria', hoursAgo: 3 }, [], { priority: 'urgent', assigneeId: agent.id, tags: ['payroll'] });
  await conv(maria, 'Question about the October close', { body: 'Hello, when will the October statements be ready? No rush, just planning our board meeting.', hoursAgo: 30 }, [
    { by: 'agent', body: 'Hi Maria, the October close will be ready by the 12th. I will send the statements as soon as they are reviewed.', status: 'waiting', hoursAgo: 26 },
  ]);
  await conv(tom, 'Sales tax filing for Q3', { body: 'Hi, did the Q3 sales tax filing go through? I got a letter from the state and I am a bit worried about it.', hoursAgo: 50 }, [
    { by: 'note', body: 'Filing confirmation is in the shared drive; the letter is probably the standard reminder.', hoursAgo: 47 },
    { by: 'agent', body: 'Hi Tom, the Q3 filing was accepted on the 28th (confirmation attached). The letter is the standard reminder; nothing to do.', status: 'resolved', hoursAgo: 46 },
  ]);
  await conv(tom, 'THIS IS THE THIRD TIME I AM ASKING', { body: 'I have asked three times now about the duplicate vendor payment. Nobody answers. This is ridiculous!!! If it is not fixed today I am disputing your invoice.', hoursAgo: 5 }, [], { priority: 'high' });
  await conv(dana, 'Receipts for last quarter', { body: 'Hey! Uploaded my receipts to the portal folder. Let me know if anything is missing. Thanks so much!', hoursAgo: 72 }, [
    { by: 'agent', body: 'Thanks Dana, all there. We will have your quarterly estimate ready next week.', status: 'resolved', hoursAgo: 70 },
  ]);
  const partner = await conv(dana, 'Can you also look at my partner’s return?', { body: 'Hi, quick one: could you also do my partner’s personal tax return this year? Happy to pay extra.', hoursAgo: 20 });
  await addManualTime(deps, agentActor, partner, { minutes: 15, note: 'Read and checked the agreement' });
  await addManualTime(deps, agentActor, payroll, { minutes: 95, note: 'Traced the failed payroll run' });
  for (const c of [acme, bloom, kim]) await recomputeForActor(deps, actor, c.id);
  return { workspaceId: wsId };
}
