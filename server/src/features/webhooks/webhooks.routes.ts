import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateWebhookBody, Ok, Page, PageQuery, UpdateWebhookBody, WebhookDelivery, WebhookEndpoint } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './webhooks.service.js';

export function webhooksRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['webhooks'];
  r.get('/api/v1/webhooks', { schema: { tags, response: { 200: z.object({ items: z.array(WebhookEndpoint) }), ...errors } } }, async (req) => svc.listEndpoints(deps, actorOf(req)));
  r.post('/api/v1/webhooks', { schema: { tags, summary: 'Add an endpoint; the response carries its signing secret', body: CreateWebhookBody, response: { 201: WebhookEndpoint, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createEndpoint(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/webhooks/:id', { schema: { tags, params: IdParams, response: { 200: WebhookEndpoint, ...errors } } }, async (req) => svc.getEndpoint(deps, actorOf(req), req.params.id));
  r.patch('/api/v1/webhooks/:id', { schema: { tags, params: IdParams, body: UpdateWebhookBody, response: { 200: WebhookEndpoint, ...errors } } }, async (req) =>
    svc.updateEndpoint(deps, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/v1/webhooks/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors } } }, async (req) => svc.deleteEndpoint(deps, actorOf(req), req.params.id));
  r.post('/api/v1/webhooks/:id/rotate-secret', { schema: { tags, params: IdParams, response: { 200: WebhookEndpoint, ...errors } } }, async (req) => svc.rotateSecret(deps, actorOf(req), req.params.id));
  r.get('/api/v1/webhooks/:id/deliveries', { schema: { tags, summary: "The endpoint's delivery log (one row per attempt)", params: IdParams, querystring: PageQuery, response: { 200: Page(WebhookDelivery), ...errors } } }, async (req) =>
    svc.listDeliveries(deps, actorOf(req), req.params.id, req.query),
  );
}
