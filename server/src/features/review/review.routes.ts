import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ReviewDecisionBody, ReviewItem, ReviewListQuery, ReviewRunResult } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './review.service.js';

export function reviewRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['review'];
  r.get('/api/v1/review-queue', { schema: { tags, summary: "The owner's review queue", querystring: ReviewListQuery, response: { 200: z.object({ items: z.array(ReviewItem) }), ...errors } } }, async (req) =>
    svc.listQueue(deps, actorOf(req), req.query),
  );
  r.post('/api/v1/review-queue/run', { schema: { tags, summary: 'Recompute health and queue at-risk and falling clients now', response: { 200: ReviewRunResult, ...errors } } }, async (req) =>
    svc.runReviewNow(deps, actorOf(req)),
  );
  r.post('/api/v1/review-queue/:id/decision', { schema: { tags, params: IdParams, body: ReviewDecisionBody, response: { 200: ReviewItem, ...errors } } }, async (req) =>
    svc.decide(deps, actorOf(req), req.params.id, req.body),
  );
}
