import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { InboundContext } from './requests/inbound.js';
import { onRequestChanged } from './requests/request-hooks.js';
import { agreementsRoutes } from './agreements/agreements.routes.js';
import { slaRoutes } from './sla/sla.routes.js';
import { reconcileSla } from './sla/sla.service.js';
import { registerSlaJobs } from './sla/sla.jobs.js';

/**
 * Established processes (F2, F5): agreements, SLA clocks, request types and playbooks,
 * boundary incidents and scheduled check-ins. One entry point each for routes, inbound
 * steps and jobs, so app.ts, inbound-steps.ts and jobs.ts stay one line per concern.
 */
export function processRoutes(app: FastifyInstance, deps: Deps): void {
  agreementsRoutes(app, deps);
  slaRoutes(app, deps);
}

/**
 * Inbound steps, run after 'analysis' (they read ctx.message.analysis, which may be null):
 * SLA clocks start on a new request and resume on the client's reply.
 */
export function registerProcessSteps(deps: Deps): void {
  deps.inbound.use('sla', async (ctx: InboundContext) => reconcileSla(ctx.tx, deps, ctx.workspaceId, ctx.request.id));
  onRequestChanged('sla', (tx, d, workspaceId, requestId) => reconcileSla(tx, d, workspaceId, requestId));
}

export async function registerProcessJobs(deps: Deps): Promise<void> {
  await registerSlaJobs(deps);
}
