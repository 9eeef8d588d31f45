import type { FastifyInstance } from 'fastify';
import { Repair, RepairBody, RepairOutcomeBody, RepairReport, RepairView } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './repair.service.js';

export function repairRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['repair'];
  r.get('/api/v1/requests/:id/repair', { schema: { tags, summary: 'Trust signals and the repair options of a request', params: IdParams, response: { 200: RepairView, ...errors } } }, async (req) =>
    svc.repairView(deps, actorOf(req), req.params.id),
  );
  r.post('/api/v1/requests/:id/repair', { schema: { tags, summary: 'Record the repair chosen', params: IdParams, body: RepairBody, response: { 201: Repair, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.chooseRepair(deps, actorOf(req), req.params.id, req.body)),
  );
  r.post('/api/v1/repairs/:id/outcome', { schema: { tags, params: IdParams, body: RepairOutcomeBody, response: { 200: Repair, ...errors } } }, async (req) =>
    svc.recordOutcome(deps, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/v1/reports/repairs', { schema: { tags: ['reports'], summary: 'Which repairs work, by situation', response: { 200: RepairReport, ...errors } } }, async (req) => svc.repairReport(deps, actorOf(req)));
}
