import type { FastifyInstance } from 'fastify';
import { BoundaryReply, ClientIncidents, DismissedStats, DismissIncidentBody, Incident, IncidentInput, IncidentListQuery, Page } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './incidents.service.js';

export function incidentsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['incidents'];
  r.get('/api/v1/incidents', { schema: { tags, summary: 'Boundary incidents, newest first', querystring: IncidentListQuery, response: { 200: Page(Incident), ...errors } } }, async (req) =>
    svc.listIncidents(deps, actorOf(req), req.query),
  );
  r.post('/api/v1/incidents', { schema: { tags, summary: 'Log an incident by hand (e.g. from a call)', body: IncidentInput, response: { 201: Incident, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createIncident(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/incidents/dismissed-stats', { schema: { tags, summary: 'Analysis incidents dismissed per type (false positives)', response: { 200: DismissedStats, ...errors } } }, async (req) =>
    svc.dismissedStats(deps, actorOf(req)),
  );
  r.get('/api/v1/incidents/:id', { schema: { tags, params: IdParams, response: { 200: Incident, ...errors } } }, async (req) => svc.getIncident(deps, actorOf(req), req.params.id));
  r.post('/api/v1/incidents/:id/dismiss', { schema: { tags, summary: 'Dismiss a false incident (kept, marked dismissed)', params: IdParams, body: DismissIncidentBody, response: { 200: Incident, ...errors } } }, async (req) =>
    svc.dismissIncident(deps, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/v1/incidents/:id/reply', { schema: { tags, summary: 'Firm-but-polite reply for the boundary, quoting the agreement', params: IdParams, response: { 200: BoundaryReply, ...errors } } }, async (req) =>
    svc.boundaryReply(deps, actorOf(req), req.params.id),
  );
  r.get('/api/v1/clients/:id/incidents', { schema: { tags, summary: "The client's incident timeline with counts per type", params: IdParams, response: { 200: ClientIncidents, ...errors } } }, async (req) =>
    svc.clientIncidents(deps, actorOf(req), req.params.id),
  );
}
