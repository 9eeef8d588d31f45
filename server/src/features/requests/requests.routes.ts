import type { FastifyInstance } from 'fastify';
import { AddMessageBody, AuditEntry, AuditListQuery, CreateRequestBody, Message, Page, RequestDetail, RequestListQuery, RequestSummary, SearchQuery, SearchResult, UpdateRequestBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import { listAudit } from '../audit/audit.service.js';
import { search } from '../search/search.service.js';
import { listRequests } from './requests.list.js';
import * as svc from './requests.service.js';

export function requestsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['requests'];
  r.get('/api/v1/requests', { schema: { tags, summary: 'The inbox', querystring: RequestListQuery, response: { 200: Page(RequestSummary), ...errors } } }, async (req) =>
    listRequests(deps, actorOf(req), req.query),
  );
  r.post('/api/v1/requests', { schema: { tags, body: CreateRequestBody, response: { 201: RequestDetail, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createRequest(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/requests/:id', { schema: { tags, params: IdParams, response: { 200: RequestDetail, ...errors } } }, async (req) =>
    svc.getRequest(deps, actorOf(req), req.params.id),
  );
  r.patch('/api/v1/requests/:id', { schema: { tags, params: IdParams, body: UpdateRequestBody, response: { 200: RequestDetail, ...errors } } }, async (req) =>
    svc.updateRequest(deps, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/requests/:id/messages',
    { schema: { tags, summary: 'Reply, add an internal note, or log a client message', params: IdParams, body: AddMessageBody, response: { 201: Message, ...errors } } },
    async (req, reply) => reply.status(201).send(await svc.addMessage(deps, actorOf(req), req.params.id, req.body)),
  );
  r.get('/api/v1/search', { schema: { tags: ['search'], summary: 'Full-text search over requests and messages', querystring: SearchQuery, response: { 200: SearchResult, ...errors } } }, async (req) =>
    search(deps, actorOf(req), req.query),
  );
  r.get('/api/v1/audit', { schema: { tags: ['audit'], querystring: AuditListQuery, response: { 200: Page(AuditEntry), ...errors } } }, async (req) =>
    listAudit(deps.db, actorOf(req).workspaceId, req.query),
  );
}
