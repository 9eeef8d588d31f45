import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ManualTimeBody, TimerBody, TimeSummary } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './time.service.js';

export function timeRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['time'];
  r.get('/api/v1/requests/:id/time', { schema: { tags, summary: 'Staff time on a request', params: IdParams, response: { 200: TimeSummary, ...errors } } }, async (req) =>
    svc.listTime(deps, actorOf(req), req.params.id),
  );
  r.post('/api/v1/requests/:id/time', { schema: { tags, summary: 'Log minutes by hand', params: IdParams, body: ManualTimeBody, response: { 201: TimeSummary, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.addManualTime(deps, actorOf(req), req.params.id, req.body)),
  );
  r.post('/api/v1/requests/:id/time/start', { schema: { tags, params: IdParams, body: TimerBody, response: { 200: TimeSummary, ...errors } } }, async (req) =>
    svc.startTimer(deps, actorOf(req), req.params.id, req.body.note ?? ''),
  );
  r.post('/api/v1/requests/:id/time/stop', { schema: { tags, params: IdParams, body: TimerBody, response: { 200: TimeSummary, ...errors } } }, async (req) =>
    svc.stopTimer(deps, actorOf(req), req.params.id, req.body.note),
  );
  r.delete('/api/v1/time-entries/:id', { schema: { tags, params: IdParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } }, async (req) =>
    svc.deleteTime(deps, actorOf(req), req.params.id),
  );
}
