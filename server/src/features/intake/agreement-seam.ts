import { and, eq } from 'drizzle-orm';
import { RefundPolicy, type Agreement } from '@fitdesk/contracts';
import type { Tx } from '../../db/client.js';
import { agreementTemplates, agreements, agreementVersions } from '../../db/schema/index.js';
import { invalid } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { currentAgreementFor } from '../agreements/agreements.service.js';
import type { Actor } from '../auth/actor.js';

// Seam to the agreements feature. Reading goes through agreements.service; creating an accepted
// prospect's agreement happens here because it must share the accept transaction (the service's
// createClientAgreement opens its own), with the same rules: one agreement per client, version 1
// holds the template's terms.

/** The client's current agreement terms, or null (the agreements feature's reading). */
export async function currentAgreement(tx: Tx, workspaceId: string, clientId: string): Promise<Agreement | null> {
  return currentAgreementFor(tx, workspaceId, clientId);
}

/** The refund policy that governs an exit: the client's agreement's, else the workspace default. */
export async function refundPolicyFor(tx: Tx, workspaceId: string, clientId: string, fallback: RefundPolicy): Promise<{ policy: RefundPolicy; source: 'agreement' | 'workspace_default' }> {
  const terms = await currentAgreement(tx, workspaceId, clientId);
  const parsed = terms?.refundPolicy ? RefundPolicy.safeParse(terms.refundPolicy) : null;
  return parsed?.success ? { policy: parsed.data, source: 'agreement' } : { policy: fallback, source: 'workspace_default' };
}

/** Gives a newly accepted client an agreement from a template (no-op when it already has one). */
export async function agreementFromTemplate(tx: Tx, actor: Actor, clientId: string, templateId: string, now: Date): Promise<string> {
  const [tpl] = await tx.select().from(agreementTemplates).where(and(eq(agreementTemplates.workspaceId, actor.workspaceId), eq(agreementTemplates.id, templateId)));
  if (!tpl) throw invalid('agreementTemplateId', 'agreementTemplateId: no such agreement template');
  const [existing] = await tx.select().from(agreements).where(and(eq(agreements.workspaceId, actor.workspaceId), eq(agreements.clientId, clientId)));
  if (existing) return existing.id;
  const [a] = await tx.insert(agreements).values({ workspaceId: actor.workspaceId, clientId, templateId, currentVersion: 1, createdAt: now, updatedAt: now }).returning();
  await tx.insert(agreementVersions).values({ workspaceId: actor.workspaceId, agreementId: a!.id, version: 1, terms: tpl.terms, note: `from template ${tpl.name}`, createdBy: actor.userId, createdByName: actor.label, createdAt: now });
  await audit(tx, actor, { action: 'agreement.created', entity: 'client', entityId: clientId, after: { agreementId: a!.id, templateId, version: 1 } });
  return a!.id;
}

/** Agreement lines for letters ("what our agreement covers"). */
export function agreementSummary(terms: Agreement | null): string {
  if (!terms) return '- the services we agreed when we started working together';
  const lines: string[] = [];
  for (const s of terms.inScope) lines.push(`- in scope: ${s}`);
  for (const s of terms.outOfScope) lines.push(`- not included: ${s}`);
  for (const s of terms.groundRules) lines.push(`- ${s}`);
  lines.push(`- first response within ${Math.round(terms.firstResponseMinutes.normal / 60)} business hour(s) for normal requests`);
  return lines.join('\n');
}
