import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { InboundContext } from './requests/inbound.js';
import { onRequestChanged } from './requests/request-hooks.js';
import { agreementsRoutes } from './agreements/agreements.routes.js';
import { checkinsRoutes } from './checkins/checkins.routes.js';
import { registerCheckinJobs } from './checkins/checkins.jobs.js';
import { incidentsRoutes } from './incidents/incidents.routes.js';
import { boundaryIncidentsStep } from './incidents/incidents.service.js';
import { playbooksRoutes } from './playbooks/playbooks.routes.js';
import { typeRequestStep } from './playbooks/request-types.service.js';
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
  playbooksRoutes(app, deps);
  incidentsRoutes(app, deps);
  checkinsRoutes(app, deps);
}

/**
 * Inbound steps, run after 'analysis' (they read ctx.message.analysis, which may be null):
 * a new request is typed by rules (its type picks the playbook and may pick the SLA policy),
 * SLA clocks start on a new request and resume on the client's reply, and every boundary
 * signal becomes an incident. Staff changes reach the SLA clocks through the request hook.
 */
export function registerProcessSteps(deps: Deps): void {
  deps.inbound.use('request-type', typeRequestStep());
  deps.inbound.use('sla', async (ctx: InboundContext) => reconcileSla(ctx.tx, deps, ctx.workspaceId, ctx.request.id));
  deps.inbound.use('incidents', boundaryIncidentsStep(deps));
  onRequestChanged('sla', (tx, d, workspaceId, requestId) => reconcileSla(tx, d, workspaceId, requestId));
}

export async function registerProcessJobs(deps: Deps): Promise<void> {
  await registerSlaJobs(deps);
  await registerCheckinJobs(deps);
}
