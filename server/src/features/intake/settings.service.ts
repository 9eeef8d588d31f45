import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { HEALTH_DEFAULT_WEIGHTS } from '@fitdesk/core';
import { IdealClientProfile, type LifecycleSettings, type LifecycleSettingsPatch, RefundPolicy } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { lifecycleSettings, workspaces } from '../../db/schema/index.js';
import { notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';

/** Letters a workspace starts with; every `{{variable}}` is listed in contracts' LetterTemplate doc. */
export const DEFAULT_TEMPLATES: LifecycleSettings['templates'] = {
  decline: {
    subject: 'Your enquiry to {{workspace_name}}',
    body:
      'Dear {{contact_name}},\n\nThank you for telling us about {{client_name}} and what you need. We have read your answers carefully, and we do not think we are the right fit to serve you well: we would rather say so now than fall short later.\n\n{{referrals}}\n\nWe wish you every success.\n\nKind regards,\n{{workspace_name}}',
  },
  farewell: {
    subject: 'Closing our engagement with {{client_name}}',
    body:
      'Dear {{contact_name}},\n\nAfter careful thought we have decided to end our engagement with {{client_name}}. Thank you for the time we worked together.\n\n{{refund}}\n\n{{referrals}}\n\nA copy of everything we hold about your account is attached to this request for your records. Any open requests have been closed with a note.\n\nWith best wishes,\n{{workspace_name}}',
  },
  clarify: {
    subject: 'Re: {{issue}}',
    body:
      'Dear {{contact_name}},\n\nI want to make sure we understand each other. As I understand it, the issue is: {{issue}}.\n\nHere is what our agreement covers:\n{{agreement}}\n\nIf I have misunderstood anything, please tell me and we will put it right.\n\nKind regards,\n{{workspace_name}}',
  },
};

export const DEFAULT_REFUND_POLICY = RefundPolicy.parse({ kind: 'full_then_prorated', guaranteeDays: 30, description: 'Full refund within 30 days, prorated after.' });

/** A starting profile so a new workspace's intake form works before the owner tunes it. */
export const DEFAULT_PROFILE: IdealClientProfile = IdealClientProfile.parse({
  name: 'Ideal client',
  fields: [
    { key: 'budget', prompt: 'Monthly budget', type: 'number', unit: 'USD', required: true },
    { key: 'industry', prompt: 'Industry', type: 'choice', options: ['professional services', 'healthcare', 'retail', 'technology', 'other'] },
    { key: 'timeline', prompt: 'When do you want to start?', type: 'choice', options: ['this month', 'next quarter', 'just exploring'] },
    { key: 'goals', prompt: 'What do you want to achieve with us?', type: 'text', required: true },
  ],
  criteria: [
    { id: 'budget_range', field: 'budget', label: 'Budget within range', kind: 'must_have', weight: 30, type: 'range', min: 1000, max: 20000 },
    { id: 'industry_fit', field: 'industry', label: 'Industry we know', kind: 'nice_to_have', weight: 15, type: 'choice', accepted: ['professional services', 'healthcare'], partial: { technology: 0.5 } },
    { id: 'timeline_soon', field: 'timeline', label: 'Ready to start', kind: 'nice_to_have', weight: 10, type: 'choice', accepted: ['this month'], partial: { 'next quarter': 0.6 } },
    { id: 'goals_ongoing', field: 'goals', label: 'Wants ongoing support', kind: 'nice_to_have', weight: 20, type: 'text', phrases: ['ongoing monthly support', 'long term partner', 'keep our books in order'] },
    { id: 'guaranteed', field: '*', label: 'wants guaranteed results', kind: 'red_flag', weight: 30, type: 'text', phrases: ['guaranteed results', 'promise results'] },
    { id: 'cheapest', field: '*', label: 'shopping on price alone', kind: 'red_flag', weight: 15, type: 'text', phrases: ['cheapest price', 'lowest price'] },
  ],
});

type Row = typeof lifecycleSettings.$inferSelect;

export async function settingsRow(tx: Tx, workspaceId: string): Promise<Row> {
  const [row] = await tx.select().from(lifecycleSettings).where(eq(lifecycleSettings.workspaceId, workspaceId));
  if (row) return row;
  const [made] = await tx.insert(lifecycleSettings).values({ workspaceId }).onConflictDoNothing().returning();
  if (made) return made;
  const [again] = await tx.select().from(lifecycleSettings).where(eq(lifecycleSettings.workspaceId, workspaceId));
  return again!;
}

export function toSettings(row: Row): LifecycleSettings {
  const t = row.templates ?? {};
  return {
    healthWeights: { ...HEALTH_DEFAULT_WEIGHTS, ...(row.healthWeights ?? {}) },
    reviewEveryDays: row.reviewEveryDays,
    lastReviewAt: row.lastReviewAt?.toISOString() ?? null,
    refundPolicy: row.refundPolicy ? RefundPolicy.parse(row.refundPolicy) : DEFAULT_REFUND_POLICY,
    templates: { decline: t.decline ?? DEFAULT_TEMPLATES.decline, farewell: t.farewell ?? DEFAULT_TEMPLATES.farewell, clarify: t.clarify ?? DEFAULT_TEMPLATES.clarify },
  };
}

/** The workspace's profile (the default one until the owner saves theirs). */
export function profileOf(row: Row): IdealClientProfile {
  const parsed = row.profile ? IdealClientProfile.safeParse(row.profile) : null;
  return parsed?.success ? parsed.data : DEFAULT_PROFILE;
}

export async function getSettings(deps: Deps, actor: Actor): Promise<LifecycleSettings> {
  return toSettings(await settingsRow(deps.db, actor.workspaceId));
}

export async function updateSettings(deps: Deps, actor: Actor, patch: z.output<typeof LifecycleSettingsPatch>): Promise<LifecycleSettings> {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const before = toSettings(await settingsRow(tx, actor.workspaceId));
    const set: Partial<Row> = { updatedAt: deps.clock.now() };
    if (patch.healthWeights) set.healthWeights = { ...before.healthWeights, ...patch.healthWeights };
    if (patch.reviewEveryDays !== undefined) set.reviewEveryDays = patch.reviewEveryDays;
    if (patch.refundPolicy) set.refundPolicy = patch.refundPolicy;
    if (patch.templates) set.templates = { ...before.templates, ...patch.templates };
    const [row] = await tx.update(lifecycleSettings).set(set).where(eq(lifecycleSettings.workspaceId, actor.workspaceId)).returning();
    const after = toSettings(row!);
    await audit(tx, actor, { action: 'lifecycle.settings_updated', entity: 'workspace', entityId: actor.workspaceId, before, after });
    return after;
  });
}

export async function saveProfile(deps: Deps, actor: Actor, profile: IdealClientProfile): Promise<IdealClientProfile> {
  requireRole(actor, 'owner');
  return deps.db.transaction(async (tx) => {
    const row = await settingsRow(tx, actor.workspaceId);
    await tx.update(lifecycleSettings).set({ profile: profile as unknown as Record<string, unknown>, updatedAt: deps.clock.now() }).where(eq(lifecycleSettings.workspaceId, actor.workspaceId));
    await audit(tx, actor, { action: 'intake.profile_saved', entity: 'workspace', entityId: actor.workspaceId, before: row.profile, after: profile });
    return profile;
  });
}

export async function workspaceBySlug(tx: Tx, slug: string) {
  const [w] = await tx.select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.slug, slug));
  if (!w) throw notFound('Intake form');
  return w;
}

export async function workspaceName(tx: Tx, workspaceId: string): Promise<string> {
  const [w] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.name ?? '';
}

/** Fills `{{name}}` placeholders; unknown names are left visible so a typo in a template shows. */
export function renderTemplate(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (m, k: string) => (k in vars ? vars[k]! : m)).replace(/\n{3,}/g, '\n\n').trim();
}
