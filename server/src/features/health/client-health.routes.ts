import type { FastifyInstance } from 'fastify';
import { BookView, ClientHealthView, ClientLifecycle, ClientLifecyclePatch } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './client-health.service.js';

export function clientHealthRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['health'];
  r.get('/api/v1/clients/:id/health', { schema: { tags, summary: 'Client health: breakdown, history, decisions, referrals', params: IdParams, response: { 200: ClientHealthView, ...errors } } }, async (req) =>
    svc.clientHealth(deps, actorOf(req), req.params.id),
  );
  r.post('/api/v1/clients/:id/health/recompute', { schema: { tags, params: IdParams, response: { 200: ClientHealthView, ...errors } } }, async (req) =>
    svc.recomputeForActor(deps, actorOf(req), req.params.id),
  );
  r.patch('/api/v1/clients/:id/lifecycle', { schema: { tags, summary: 'Revenue, payments, start date and who referred the client', params: IdParams, body: ClientLifecyclePatch, response: { 200: ClientLifecycle, ...errors } } }, async (req) =>
    svc.updateLifecycle(deps, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/v1/reports/effort-value', { schema: { tags: ['reports'], summary: 'Effort vs value of every active client', response: { 200: BookView, ...errors } } }, async (req) =>
    svc.bookOfClients(deps, actorOf(req)),
  );
}
