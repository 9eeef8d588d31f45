import type { FastifyInstance } from 'fastify';
import {
  AcknowledgeAgreementBody,
  AgreementDiff,
  AgreementDiffQuery,
  AgreementTemplate,
  AgreementTemplateInput,
  AgreementTemplatePatch,
  ClientAgreement,
  CreateClientAgreementBody,
  NewAgreementVersionBody,
  Page,
} from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './agreements.service.js';

export function agreementsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['agreements'];
  r.get('/api/v1/agreement-templates', { schema: { tags, summary: 'Workspace agreement templates', response: { 200: Page(AgreementTemplate), ...errors } } }, async (req) =>
    svc.listTemplates(deps, actorOf(req)),
  );
  r.post('/api/v1/agreement-templates', { schema: { tags, body: AgreementTemplateInput, response: { 201: AgreementTemplate, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createTemplate(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/agreement-templates/:id', { schema: { tags, params: IdParams, response: { 200: AgreementTemplate, ...errors } } }, async (req) =>
    svc.getTemplate(deps, actorOf(req), req.params.id),
  );
  r.patch('/api/v1/agreement-templates/:id', { schema: { tags, params: IdParams, body: AgreementTemplatePatch, response: { 200: AgreementTemplate, ...errors } } }, async (req) =>
    svc.updateTemplate(deps, actorOf(req), req.params.id, req.body),
  );

  r.get('/api/v1/clients/:id/agreement', { schema: { tags, summary: "The client's agreement: current version, every version, acknowledgements", params: IdParams, response: { 200: ClientAgreement, ...errors } } }, async (req) =>
    svc.getClientAgreement(deps, actorOf(req), req.params.id),
  );
  r.post('/api/v1/clients/:id/agreement', { schema: { tags, summary: "Start the client's agreement from a template", params: IdParams, body: CreateClientAgreementBody, response: { 201: ClientAgreement, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createClientAgreement(deps, actorOf(req), req.params.id, req.body)),
  );
  r.post('/api/v1/clients/:id/agreement/versions', { schema: { tags, summary: 'Add a version (earlier ones are kept)', params: IdParams, body: NewAgreementVersionBody, response: { 201: ClientAgreement, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.addAgreementVersion(deps, actorOf(req), req.params.id, req.body)),
  );
  r.get('/api/v1/clients/:id/agreement/diff', { schema: { tags, summary: 'Differences between two versions', params: IdParams, querystring: AgreementDiffQuery, response: { 200: AgreementDiff, ...errors } } }, async (req) =>
    svc.diffAgreementVersions(deps, actorOf(req), req.params.id, req.query.from, req.query.to),
  );
  r.post(
    '/api/v1/clients/:id/agreement/acknowledgements',
    { schema: { tags, summary: "Record a contact's acknowledgement of a version", params: IdParams, body: AcknowledgeAgreementBody, response: { 201: ClientAgreement, ...errors } } },
    async (req, reply) => reply.status(201).send(await svc.acknowledgeAgreement(deps, actorOf(req), req.params.id, req.body, actorOf(req).via === 'token' ? 'api' : 'staff')),
  );
}
