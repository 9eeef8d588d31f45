import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Checkin, CheckinInput, CheckinListQuery, CheckinPatch, Page } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './checkins.service.js';

export function checkinsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['checkins'];
  r.get('/api/v1/checkins', { schema: { tags, summary: 'Scheduled proactive check-ins', querystring: CheckinListQuery, response: { 200: Page(Checkin), ...errors } } }, async (req) =>
    svc.listCheckins(deps, actorOf(req), req.query),
  );
  r.post('/api/v1/checkins', { schema: { tags, summary: 'Schedule check-ins for a client', body: CheckinInput, response: { 201: Checkin, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createCheckin(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/checkins/:id', { schema: { tags, params: IdParams, response: { 200: Checkin, ...errors } } }, async (req) => svc.getCheckin(deps, actorOf(req), req.params.id));
  r.patch('/api/v1/checkins/:id', { schema: { tags, params: IdParams, body: CheckinPatch, response: { 200: Checkin, ...errors } } }, async (req) =>
    svc.updateCheckin(deps, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/v1/checkins/:id/run', { schema: { tags, summary: 'Open the check-in request now', params: IdParams, response: { 201: z.object({ requestId: z.uuid() }), ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.runCheckinNow(deps, actorOf(req), req.params.id)),
  );
}
