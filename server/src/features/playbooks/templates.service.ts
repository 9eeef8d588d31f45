import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ApplyTemplateBody, PreviewTemplateBody, ReplyTemplateInput, ReplyTemplatePatch, TemplateListQuery } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { replyTemplates, requestTypes } from '../../db/schema/index.js';
import { invalid, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { findClient } from '../clients/clients.service.js';
import { addMessage } from '../requests/requests.service.js';
import { findRequest, renderTemplate, templateContext, templateVariables } from './template-render.js';

type Row = typeof replyTemplates.$inferSelect;
export const toTemplate = (t: Row) => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  subject: t.subject,
  body: t.body,
  requestTypeId: t.requestTypeId,
  boundary: t.boundary,
  variables: templateVariables(`${t.subject}\n${t.body}`),
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export async function listTemplates(deps: Deps, actor: Actor, q: z.output<typeof TemplateListQuery>) {
  const rows = await deps.db
    .select()
    .from(replyTemplates)
    .where(
      and(
        eq(replyTemplates.workspaceId, actor.workspaceId),
        q.requestTypeId ? eq(replyTemplates.requestTypeId, q.requestTypeId) : undefined,
        q.boundary ? eq(replyTemplates.boundary, q.boundary) : undefined,
        q.kind ? eq(replyTemplates.kind, q.kind) : undefined,
      ),
    )
    .orderBy(asc(replyTemplates.name));
  return { items: rows.map(toTemplate), nextCursor: null };
}

export async function findTemplate(tx: Tx, workspaceId: string, id: string) {
  const [t] = await tx.select().from(replyTemplates).where(and(eq(replyTemplates.workspaceId, workspaceId), eq(replyTemplates.id, id)));
  if (!t) throw notFound('Template');
  return t;
}

async function assertType(tx: Tx, workspaceId: string, id: string | null | undefined) {
  if (!id) return;
  const [t] = await tx.select({ id: requestTypes.id }).from(requestTypes).where(and(eq(requestTypes.workspaceId, workspaceId), eq(requestTypes.id, id)));
  if (!t) throw invalid('requestTypeId', 'requestTypeId: no such request type');
}

export async function getTemplate(deps: Deps, actor: Actor, id: string) {
  return toTemplate(await findTemplate(deps.db, actor.workspaceId, id));
}

export async function createTemplate(deps: Deps, actor: Actor, input: z.output<typeof ReplyTemplateInput>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    await assertType(tx, actor.workspaceId, input.requestTypeId);
    const now = deps.clock.now();
    const [t] = await tx.insert(replyTemplates).values({ workspaceId: actor.workspaceId, ...input, createdAt: now, updatedAt: now }).returning();
    await audit(tx, actor, { action: 'template.created', entity: 'template', entityId: t!.id, after: input });
    return toTemplate(t!);
  });
}

export async function updateTemplate(deps: Deps, actor: Actor, id: string, patch: z.output<typeof ReplyTemplatePatch>) {
  requireRole(actor, 'supervisor');
  return deps.db.transaction(async (tx) => {
    const before = await findTemplate(tx, actor.workspaceId, id);
    await assertType(tx, actor.workspaceId, patch.requestTypeId);
    const [t] = await tx
      .update(replyTemplates)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(replyTemplates.workspaceId, actor.workspaceId), eq(replyTemplates.id, id)))
      .returning();
    await audit(tx, actor, { action: 'template.updated', entity: 'template', entityId: id, before: toTemplate(before), after: patch });
    return toTemplate(t!);
  });
}

/** Renders a template (saved or given) for a request or client, as it would be sent. */
export async function previewTemplate(deps: Deps, actor: Actor, id: string | null, body: z.output<typeof PreviewTemplateBody>) {
  const saved = id ? await findTemplate(deps.db, actor.workspaceId, id) : null;
  const text = body.body ?? saved?.body;
  if (!text) throw invalid('body', 'body: give the text to preview');
  if (body.requestId && !(await findRequest(deps.db, actor.workspaceId, body.requestId))) throw invalid('requestId', 'requestId: no such request');
  if (body.clientId) await findClient(deps.db, actor.workspaceId, body.clientId).catch(() => {
    throw invalid('clientId', 'clientId: no such client');
  });
  const values = await templateContext(deps.db, actor.workspaceId, { requestId: body.requestId, clientId: body.clientId, agentName: actor.label });
  const b = renderTemplate(text, values);
  const s = renderTemplate(body.subject ?? saved?.subject ?? '', values);
  return { subject: s.text, body: b.text, values, unknown: [...new Set([...s.unknown, ...b.unknown])] };
}

/** Sends a template as a reply (or adds it as a note) on a request, rendered for that request. */
export async function applyTemplate(deps: Deps, actor: Actor, requestId: string, body: z.output<typeof ApplyTemplateBody>) {
  requireRole(actor, 'agent');
  if (!(await findRequest(deps.db, actor.workspaceId, requestId))) throw notFound('Request');
  const t = await findTemplate(deps.db, actor.workspaceId, body.templateId).catch(() => {
    throw invalid('templateId', 'templateId: no such template');
  });
  const preview = await previewTemplate(deps, actor, t.id, { requestId });
  const direction = body.direction ?? (t.kind === 'note' ? 'note' : 'outbound');
  const msg = await addMessage(deps, actor, requestId, { direction, body: preview.body, status: body.status });
  await deps.db.transaction((tx) => audit(tx, actor, { action: 'template.applied', entity: 'request', entityId: requestId, after: { templateId: t.id, name: t.name, messageId: msg.id } }));
  return msg;
}
