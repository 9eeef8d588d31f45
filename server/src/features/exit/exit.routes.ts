import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Exit, ExitCompleteBody, ExitLetterBody, ExitReferralBody, ExitRefundBody, LetterPreview, RefundEntry, StartExitBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './exit.service.js';

export function exitRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['exit'];
  r.post('/api/v1/clients/:id/exit', { schema: { tags, summary: 'Start (or resume) the exit workflow for a client', params: IdParams, body: StartExitBody, response: { 200: Exit, 201: Exit, ...errors } } }, async (req, reply) => {
    const { exit, resumed } = await svc.startExit(deps, actorOf(req), req.params.id, req.body);
    return reply.status(resumed ? 200 : 201).send(exit);
  });
  r.get('/api/v1/clients/:id/exits', { schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(Exit) }), ...errors } } }, async (req) => svc.exitsOfClient(deps, actorOf(req), req.params.id));
  r.get('/api/v1/exits/:id', { schema: { tags, params: IdParams, response: { 200: Exit, ...errors } } }, async (req) => svc.getExit(deps, actorOf(req), req.params.id));
  r.post('/api/v1/exits/:id/refund', { schema: { tags, summary: 'Record the refund in the ledger, or waive it with a reason', params: IdParams, body: ExitRefundBody, response: { 200: Exit, ...errors } } }, async (req) =>
    svc.recordRefund(deps, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/v1/exits/:id/referral', { schema: { tags, params: IdParams, body: ExitReferralBody, response: { 200: Exit, ...errors } } }, async (req) =>
    svc.chooseReferral(deps, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/v1/exits/:id/letter', { schema: { tags, summary: 'Preview the farewell letter', params: IdParams, response: { 200: LetterPreview, ...errors } } }, async (req) =>
    svc.previewLetter(deps, actorOf(req), req.params.id),
  );
  r.post('/api/v1/exits/:id/letter', { schema: { tags, summary: 'Send the farewell letter', params: IdParams, body: ExitLetterBody, response: { 200: Exit, ...errors } } }, async (req) =>
    svc.sendLetter(deps, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/v1/exits/:id/export', { schema: { tags, summary: "Produce the export of the client's data (JSON + CSV, zip)", params: IdParams, response: { 200: Exit, ...errors } } }, async (req) =>
    svc.produceExport(deps, actorOf(req), req.params.id),
  );
  r.get('/api/v1/exits/:id/export.zip', { schema: { tags, summary: 'Download the export archive', params: IdParams, response: { ...errors } } }, async (req, reply) => {
    const { zip, filename } = await svc.downloadExport(deps, actorOf(req), req.params.id);
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${filename}"`).send(zip as never);
  });
  r.post('/api/v1/exits/:id/complete', { schema: { tags, summary: 'Close open requests and mark the client former', params: IdParams, body: ExitCompleteBody, response: { 200: Exit, ...errors } } }, async (req) =>
    svc.completeExit(deps, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/v1/refunds', { schema: { tags, summary: 'The refund ledger', response: { 200: z.object({ items: z.array(RefundEntry) }), ...errors } } }, async (req) => svc.listRefunds(deps, actorOf(req)));
}
