import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestPlaybook, TickStepBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { replyTemplates, requestSteps } from '../../db/schema/index.js';
import { invalid, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { findRequestTypeByKey, toRequestType } from './request-types.service.js';
import { findRequest } from './template-render.js';
import { toTemplate } from './templates.service.js';

/** A request's playbook: its type's ordered steps with who ticked which, and the type's templates. */
export async function getRequestPlaybook(deps: Deps, actor: Actor, requestId: string): Promise<RequestPlaybook> {
  const r = await findRequest(deps.db, actor.workspaceId, requestId);
  if (!r) throw notFound('Request');
  const type = await findRequestTypeByKey(deps.db, actor.workspaceId, r.type);
  const ticks = await deps.db.select().from(requestSteps).where(and(eq(requestSteps.workspaceId, actor.workspaceId), eq(requestSteps.requestId, requestId)));
  const templates = type
    ? await deps.db.select().from(replyTemplates).where(and(eq(replyTemplates.workspaceId, actor.workspaceId), eq(replyTemplates.requestTypeId, type.id)))
    : [];
  return {
    requestId,
    type: type ? toRequestType(type) : null,
    steps: (type?.steps ?? []).map((s) => {
      const t = ticks.find((x) => x.stepId === s.id);
      return { ...s, done: !!t, doneAt: t?.doneAt.toISOString() ?? null, doneByName: t?.doneByName ?? null };
    }),
    templates: templates.map(toTemplate),
  };
}

/** Ticks (or unticks) a playbook step; the audit log records who did which step. */
export async function tickStep(deps: Deps, actor: Actor, requestId: string, body: z.output<typeof TickStepBody>) {
  requireRole(actor, 'agent');
  await deps.db.transaction(async (tx) => {
    const r = await findRequest(tx, actor.workspaceId, requestId);
    if (!r) throw notFound('Request');
    const type = await findRequestTypeByKey(tx, actor.workspaceId, r.type);
    const step = type?.steps.find((s) => s.id === body.stepId);
    if (!step) throw invalid('stepId', "stepId: not a step of this request's playbook");
    const where = and(eq(requestSteps.workspaceId, actor.workspaceId), eq(requestSteps.requestId, requestId), eq(requestSteps.stepId, step.id));
    if (body.done) {
      const [row] = await tx
        .insert(requestSteps)
        .values({ workspaceId: actor.workspaceId, requestId, stepId: step.id, doneBy: actor.userId, doneByName: actor.label, doneAt: deps.clock.now() })
        .onConflictDoNothing()
        .returning();
      if (row) await audit(tx, actor, { action: 'playbook.step_done', entity: 'request', entityId: requestId, after: { stepId: step.id, title: step.title, type: type!.key } });
    } else {
      const gone = await tx.delete(requestSteps).where(where).returning();
      if (gone.length) await audit(tx, actor, { action: 'playbook.step_undone', entity: 'request', entityId: requestId, before: { stepId: step.id, title: step.title, doneBy: gone[0]!.doneByName } });
    }
  });
  return getRequestPlaybook(deps, actor, requestId);
}
