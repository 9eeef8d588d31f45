import type { FastifyInstance } from 'fastify';
import { Attainment, AttainmentQuery, Page, RequestSla, SlaPolicy, SlaPolicyInput, SlaPolicyPatch } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import { slaAttainment } from './sla-attainment.service.js';
import * as policies from './sla-policies.service.js';
import { getRequestSla } from './sla.service.js';

export function slaRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['sla'];
  r.get('/api/v1/sla-policies', { schema: { tags, response: { 200: Page(SlaPolicy), ...errors } } }, async (req) => policies.listPolicies(deps, actorOf(req)));
  r.post('/api/v1/sla-policies', { schema: { tags, body: SlaPolicyInput, response: { 201: SlaPolicy, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await policies.createPolicy(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/sla-policies/:id', { schema: { tags, params: IdParams, response: { 200: SlaPolicy, ...errors } } }, async (req) => policies.getPolicy(deps, actorOf(req), req.params.id));
  r.patch('/api/v1/sla-policies/:id', { schema: { tags, params: IdParams, body: SlaPolicyPatch, response: { 200: SlaPolicy, ...errors } } }, async (req) =>
    policies.updatePolicy(deps, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/v1/requests/:id/sla', { schema: { tags, summary: "A request's SLA clocks and their events", params: IdParams, response: { 200: RequestSla, ...errors } } }, async (req) =>
    getRequestSla(deps, actorOf(req), req.params.id),
  );
  r.get('/api/v1/sla/attainment', { schema: { tags, summary: 'Share of SLA targets met, per client, type or agent', querystring: AttainmentQuery, response: { 200: Attainment, ...errors } } }, async (req) =>
    slaAttainment(deps, actorOf(req), req.query),
  );
}
