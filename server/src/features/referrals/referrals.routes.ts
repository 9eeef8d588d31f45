import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Provider, ProviderInput, ProviderPatch, SuggestBody, SuggestResult } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './referrals.service.js';

export function referralsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['referrals'];
  r.get('/api/v1/referral-providers', { schema: { tags, summary: 'The referral directory', response: { 200: z.object({ items: z.array(Provider) }), ...errors } } }, async (req) =>
    svc.listProviders(deps, actorOf(req)),
  );
  r.post('/api/v1/referral-providers', { schema: { tags, body: ProviderInput, response: { 201: Provider, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createProvider(deps, actorOf(req), req.body)),
  );
  r.post('/api/v1/referral-providers/suggest', { schema: { tags, summary: 'Providers ranked for needs', body: SuggestBody, response: { 200: SuggestResult, ...errors } } }, async (req) =>
    svc.suggestProviders(deps, actorOf(req), req.body.needs),
  );
  r.get('/api/v1/referral-providers/:id', { schema: { tags, params: IdParams, response: { 200: Provider, ...errors } } }, async (req) => svc.getProvider(deps, actorOf(req), req.params.id));
  r.patch('/api/v1/referral-providers/:id', { schema: { tags, params: IdParams, body: ProviderPatch, response: { 200: Provider, ...errors } } }, async (req) =>
    svc.updateProvider(deps, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/v1/referral-providers/:id', { schema: { tags, params: IdParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } }, async (req) =>
    svc.deleteProvider(deps, actorOf(req), req.params.id),
  );
}
