import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AccountOwner,
  DecideTransferBody,
  EscalateBody,
  EscalationPolicy,
  RequestEscalation,
  SetAccountOwnerBody,
  SetUserTierBody,
  StaffTier,
  SupervisorQueue,
  Transfer,
  TransferBody,
  UpdateEscalationPolicyBody,
} from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as tiers from './tiers.service.js';
import * as tr from './transfers.service.js';

export function escalationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['escalation'];
  r.get('/api/v1/escalation/policy', { schema: { tags, summary: 'The tier ladder and the acceptance time limit', response: { 200: EscalationPolicy, ...errors } } }, async (req) =>
    tiers.getPolicy(deps.db, actorOf(req).workspaceId),
  );
  r.patch('/api/v1/escalation/policy', { schema: { tags, body: UpdateEscalationPolicyBody, response: { 200: EscalationPolicy, ...errors } } }, async (req) =>
    tiers.updatePolicy(deps, actorOf(req), req.body),
  );
  r.get('/api/v1/escalation/staff', { schema: { tags, summary: 'Every user with their tier and open load', response: { 200: z.object({ items: z.array(StaffTier) }), ...errors } } }, async (req) => ({
    items: await tiers.listStaffTiers(deps, actorOf(req)),
  }));
  r.post('/api/v1/users/:id/tier', { schema: { tags, params: IdParams, body: SetUserTierBody, response: { 200: StaffTier, ...errors } } }, async (req) =>
    tiers.setUserTier(deps, actorOf(req), req.params.id, req.body.tier),
  );
  r.post('/api/v1/clients/:id/account-owner', { schema: { tags, summary: "Who gets the client's new requests first", params: IdParams, body: SetAccountOwnerBody, response: { 200: AccountOwner, ...errors } } }, async (req) =>
    tiers.setAccountOwner(deps, actorOf(req), req.params.id, req.body.userId),
  );
  r.get('/api/v1/escalation/queue', { schema: { tags, summary: 'Supervisor queue: escalations, pending and stalled transfers', response: { 200: SupervisorQueue, ...errors } } }, async (req) =>
    tr.supervisorQueue(deps, actorOf(req)),
  );
  r.get('/api/v1/requests/:id/escalation', { schema: { tags, params: IdParams, response: { 200: RequestEscalation, ...errors } } }, async (req) =>
    tr.requestEscalation(deps, actorOf(req), req.params.id),
  );
  r.post('/api/v1/requests/:id/escalate', { schema: { tags, summary: 'Escalate by hand, with a reason', params: IdParams, body: EscalateBody, response: { 200: RequestEscalation, ...errors } } }, async (req) => {
    const actor = actorOf(req);
    await tr.escalateRequest(deps, actor, req.params.id, req.body, 'manual');
    return tr.requestEscalation(deps, actor, req.params.id);
  });
  r.post('/api/v1/requests/:id/transfers', { schema: { tags, summary: 'Warm transfer with a handoff note', params: IdParams, body: TransferBody, response: { 201: Transfer, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await tr.startTransfer(deps, actorOf(req), req.params.id, req.body)),
  );
  r.get('/api/v1/transfers/:id', { schema: { tags, params: IdParams, response: { 200: Transfer, ...errors } } }, async (req) => tr.getTransfer(deps, actorOf(req), req.params.id));
  r.post('/api/v1/transfers/:id/accept', { schema: { tags, params: IdParams, body: DecideTransferBody, response: { 200: Transfer, ...errors } } }, async (req) =>
    tr.acceptTransfer(deps, actorOf(req), req.params.id, req.body.note),
  );
  r.post('/api/v1/transfers/:id/decline', { schema: { tags, summary: 'Decline: the transfer moves up a tier', params: IdParams, body: DecideTransferBody, response: { 200: Transfer, ...errors } } }, async (req) =>
    tr.declineTransfer(deps, actorOf(req), req.params.id, req.body.note),
  );
}
