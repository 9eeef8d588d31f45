import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { AcknowledgeAgreementBody, Agreement, AgreementDiff, AgreementTemplateInput, AgreementTemplatePatch, ClientAgreement, CreateClientAgreementBody, NewAgreementVersionBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { agreementAcknowledgements, agreements, agreementTemplates, agreementVersions, contacts } from '../../db/schema/index.js';
import { AppError, invalid, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { findClient } from '../clients/clients.service.js';
import { diffTerms } from './agreement-diff.js';

type TemplateRow = typeof agreementTemplates.$inferSelect;
const toTemplate = (t: TemplateRow) => ({ id: t.id, name: t.name, description: t.description, terms: t.terms, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() });

export async function listTemplates(deps: Deps, actor: Actor) {
  const rows = await deps.db.select().from(agreementTemplates).where(eq(agreementTemplates.workspaceId, actor.workspaceId)).orderBy(asc(agreementTemplates.name));
  return { items: rows.map(toTemplate), nextCursor: null };
}

async function findTemplate(tx: Tx, workspaceId: string, id: string) {
  const [t] = await tx.select().from(agreementTemplates).where(and(eq(agreementTemplates.workspaceId, workspaceId), eq(agreementTemplates.id, id)));
  if (!t) throw notFound('Agreement template');
  return t;
}

export async function getTemplate(deps: Deps, actor: Actor, id: string) {
  return toTemplate(await findTemplate(deps.db, actor.workspaceId, id));
}

export async function createTemplate(deps: Deps, actor: Actor, input: z.output<typeof AgreementTemplateInput>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [t] = await tx.insert(agreementTemplates).values({ workspaceId: actor.workspaceId, ...input, createdAt: now, updatedAt: now }).returning();
    await audit(tx, actor, { action: 'agreement_template.created', entity: 'agreement_template', entityId: t!.id, after: { name: t!.name } });
    return toTemplate(t!);
  });
}

export async function updateTemplate(deps: Deps, actor: Actor, id: string, patch: z.output<typeof AgreementTemplatePatch>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findTemplate(tx, actor.workspaceId, id);
    const [t] = await tx
      .update(agreementTemplates)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(agreementTemplates.workspaceId, actor.workspaceId), eq(agreementTemplates.id, id)))
      .returning();
    await audit(tx, actor, { action: 'agreement_template.updated', entity: 'agreement_template', entityId: id, before: { name: before.name, terms: before.terms }, after: patch });
    return toTemplate(t!);
  });
}

async function findAgreement(tx: Tx, workspaceId: string, clientId: string, forUpdate = false) {
  const q = tx.select().from(agreements).where(and(eq(agreements.workspaceId, workspaceId), eq(agreements.clientId, clientId)));
  const [a] = forUpdate ? await q.for('update') : await q;
  return a ?? null;
}

/** The client's agreement with every version and acknowledgement. */
export async function loadClientAgreement(tx: Tx, workspaceId: string, clientId: string): Promise<z.output<typeof ClientAgreement>> {
  await findClient(tx, workspaceId, clientId);
  const a = await findAgreement(tx, workspaceId, clientId);
  if (!a) throw notFound('Agreement');
  const versions = await tx
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.workspaceId, workspaceId), eq(agreementVersions.agreementId, a.id)))
    .orderBy(asc(agreementVersions.version));
  const acks = await tx
    .select({ k: agreementAcknowledgements, contactName: contacts.name })
    .from(agreementAcknowledgements)
    .leftJoin(contacts, and(eq(contacts.workspaceId, agreementAcknowledgements.workspaceId), eq(contacts.id, agreementAcknowledgements.contactId)))
    .where(and(eq(agreementAcknowledgements.workspaceId, workspaceId), eq(agreementAcknowledgements.agreementId, a.id)))
    .orderBy(asc(agreementAcknowledgements.acknowledgedAt));
  const ackOf = (v: number) =>
    acks.filter((x) => x.k.version === v).map((x) => ({ version: v, contactId: x.k.contactId, contactName: x.contactName, acknowledgedAt: x.k.acknowledgedAt.toISOString(), via: x.k.via }));
  const cur = versions.find((v) => v.version === a.currentVersion) ?? versions[versions.length - 1]!;
  const current = { version: cur.version, terms: cur.terms, note: cur.note, createdByName: cur.createdByName, createdAt: cur.createdAt.toISOString(), acknowledgements: ackOf(cur.version) };
  return {
    id: a.id,
    clientId,
    templateId: a.templateId,
    currentVersion: a.currentVersion,
    current,
    acknowledged: current.acknowledgements.length > 0,
    versions: versions.map((v) => ({ version: v.version, note: v.note, createdAt: v.createdAt.toISOString(), acknowledged: ackOf(v.version).length > 0 })),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export async function getClientAgreement(deps: Deps, actor: Actor, clientId: string) {
  return loadClientAgreement(deps.db, actor.workspaceId, clientId);
}

/** Starts a client's agreement (version 1) from a workspace template or from full terms. */
export async function createClientAgreement(deps: Deps, actor: Actor, clientId: string, body: z.output<typeof CreateClientAgreementBody>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    await findClient(tx, actor.workspaceId, clientId);
    if (await findAgreement(tx, actor.workspaceId, clientId)) throw new AppError('conflict', 'This client already has an agreement: add a version instead');
    let terms: Agreement | undefined = body.terms;
    if (!terms && body.templateId) {
      const t = await findTemplate(tx, actor.workspaceId, body.templateId).catch(() => {
        throw invalid('templateId', 'templateId: no such agreement template');
      });
      terms = t.terms;
    }
    const now = deps.clock.now();
    const [a] = await tx
      .insert(agreements)
      .values({ workspaceId: actor.workspaceId, clientId, templateId: body.templateId ?? null, currentVersion: 1, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!a) throw new AppError('conflict', 'This client already has an agreement: add a version instead');
    await tx.insert(agreementVersions).values({ workspaceId: actor.workspaceId, agreementId: a.id, version: 1, terms: terms!, note: body.note, createdBy: actor.userId, createdByName: actor.label, createdAt: now });
    await audit(tx, actor, { action: 'agreement.created', entity: 'client', entityId: clientId, after: { agreementId: a.id, version: 1, templateId: body.templateId ?? null } });
    return loadClientAgreement(tx, actor.workspaceId, clientId);
  });
}

/** Adds a version (the new current one); earlier versions stay as they were. */
export async function addAgreementVersion(deps: Deps, actor: Actor, clientId: string, body: z.output<typeof NewAgreementVersionBody>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    await findClient(tx, actor.workspaceId, clientId);
    const a = await findAgreement(tx, actor.workspaceId, clientId, true);
    if (!a) throw notFound('Agreement');
    const version = a.currentVersion + 1;
    const now = deps.clock.now();
    await tx.insert(agreementVersions).values({ workspaceId: actor.workspaceId, agreementId: a.id, version, terms: body.terms, note: body.note, createdBy: actor.userId, createdByName: actor.label, createdAt: now });
    await tx.update(agreements).set({ currentVersion: version, updatedAt: now }).where(and(eq(agreements.workspaceId, actor.workspaceId), eq(agreements.id, a.id)));
    const [prev] = await tx.select().from(agreementVersions).where(and(eq(agreementVersions.workspaceId, actor.workspaceId), eq(agreementVersions.agreementId, a.id), eq(agreementVersions.version, a.currentVersion)));
    await audit(tx, actor, { action: 'agreement.versioned', entity: 'client', entityId: clientId, before: { version: a.currentVersion }, after: { version, note: body.note, changes: prev ? diffTerms(prev.terms, body.terms) : [] } });
    return loadClientAgreement(tx, actor.workspaceId, clientId);
  });
}

export async function diffAgreementVersions(deps: Deps, actor: Actor, clientId: string, fromQ?: number, toQ?: number): Promise<AgreementDiff> {
  await findClient(deps.db, actor.workspaceId, clientId);
  const a = await findAgreement(deps.db, actor.workspaceId, clientId);
  if (!a) throw notFound('Agreement');
  const to = toQ ?? a.currentVersion;
  const from = fromQ ?? Math.max(1, to - 1);
  const rows = await deps.db
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.workspaceId, actor.workspaceId), eq(agreementVersions.agreementId, a.id), inArray(agreementVersions.version, [from, to])));
  const f = rows.find((r) => r.version === from);
  const t = rows.find((r) => r.version === to);
  if (!f) throw invalid('from', `from: no version ${from}`);
  if (!t) throw invalid('to', `to: no version ${to}`);
  return { from, to, changes: diffTerms(f.terms, t.terms) };
}

/**
 * Records that a client's contact acknowledged a version (the current one by default). The
 * client portal calls this with via 'portal'; staff logging it by hand use 'staff'.
 * Acknowledging the same version twice keeps the first timestamp.
 */
export async function acknowledgeAgreement(deps: Deps, actor: Actor, clientId: string, body: z.output<typeof AcknowledgeAgreementBody>, via: 'staff' | 'portal' | 'api' = 'staff') {
  if (via === 'staff') requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    await findClient(tx, actor.workspaceId, clientId);
    const a = await findAgreement(tx, actor.workspaceId, clientId);
    if (!a) throw notFound('Agreement');
    const version = body.version ?? a.currentVersion;
    if (version > a.currentVersion) throw invalid('version', `version: no version ${version}`);
    const [c] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.id, body.contactId)));
    if (!c || c.clientId !== clientId) throw invalid('contactId', "contactId: not a contact of this client");
    const now = deps.clock.now();
    const [row] = await tx
      .insert(agreementAcknowledgements)
      .values({ workspaceId: actor.workspaceId, agreementId: a.id, version, contactId: c.id, via, acknowledgedAt: now })
      .onConflictDoNothing()
      .returning();
    if (row) await audit(tx, actor, { action: 'agreement.acknowledged', entity: 'client', entityId: clientId, after: { version, contactId: c.id, via, acknowledgedAt: now.toISOString() } });
    return loadClientAgreement(tx, actor.workspaceId, clientId);
  });
}

/** The current terms of a client's agreement (null without one): what analysis, SLA and templates use. */
export async function currentAgreementFor(tx: Tx, workspaceId: string, clientId: string | null): Promise<Agreement | null> {
  if (!clientId) return null;
  const [row] = await tx
    .select({ terms: agreementVersions.terms })
    .from(agreements)
    .innerJoin(
      agreementVersions,
      and(eq(agreementVersions.workspaceId, agreements.workspaceId), eq(agreementVersions.agreementId, agreements.id), eq(agreementVersions.version, agreements.currentVersion)),
    )
    .where(and(eq(agreements.workspaceId, workspaceId), eq(agreements.clientId, clientId)));
  return row?.terms ?? null;
}
