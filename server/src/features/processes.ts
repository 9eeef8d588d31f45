import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { agreementsRoutes } from './agreements/agreements.routes.js';

/**
 * Established processes (F2, F5): agreements, SLA clocks, request types and playbooks,
 * boundary incidents and scheduled check-ins. One entry point each for routes, inbound
 * steps and jobs, so app.ts, inbound-steps.ts and jobs.ts stay one line per concern.
 */
export function processRoutes(app: FastifyInstance, deps: Deps): void {
  agreementsRoutes(app, deps);
}
