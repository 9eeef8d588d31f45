import type { FastifyInstance } from 'fastify';
import {
  ApplyTemplateBody,
  Message,
  Page,
  PreviewTemplateBody,
  ReplyTemplate,
  ReplyTemplateInput,
  ReplyTemplatePatch,
  RequestPlaybook,
  RequestType,
  RequestTypeInput,
  RequestTypePatch,
  TemplateListQuery,
  TemplatePreview,
  TickStepBody,
} from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import { getRequestPlaybook, tickStep } from './playbook.service.js';
import * as types from './request-types.service.js';
import * as templates from './templates.service.js';

export function playbooksRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['playbooks'];
  r.get('/api/v1/request-types', { schema: { tags, summary: 'Request types with their matching rules and playbook steps', response: { 200: Page(RequestType), ...errors } } }, async (req) => ({
    items: (await types.listRequestTypes(deps.db, actorOf(req).workspaceId)).map(types.toRequestType),
    nextCursor: null,
  }));
  r.post('/api/v1/request-types', { schema: { tags, body: RequestTypeInput, response: { 201: RequestType, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await types.createRequestType(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/request-types/:id', { schema: { tags, params: IdParams, response: { 200: RequestType, ...errors } } }, async (req) =>
    types.toRequestType(await types.findRequestType(deps.db, actorOf(req).workspaceId, req.params.id)),
  );
  r.patch('/api/v1/request-types/:id', { schema: { tags, params: IdParams, body: RequestTypePatch, response: { 200: RequestType, ...errors } } }, async (req) =>
    types.updateRequestType(deps, actorOf(req), req.params.id, req.body),
  );

  r.get('/api/v1/templates', { schema: { tags, summary: 'Reply templates (macros with {{variables}})', querystring: TemplateListQuery, response: { 200: Page(ReplyTemplate), ...errors } } }, async (req) =>
    templates.listTemplates(deps, actorOf(req), req.query),
  );
  r.post('/api/v1/templates', { schema: { tags, body: ReplyTemplateInput, response: { 201: ReplyTemplate, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await templates.createTemplate(deps, actorOf(req), req.body)),
  );
  r.post('/api/v1/templates/preview', { schema: { tags, summary: 'Preview unsaved template text for a request or client', body: PreviewTemplateBody, response: { 200: TemplatePreview, ...errors } } }, async (req) =>
    templates.previewTemplate(deps, actorOf(req), null, req.body),
  );
  r.get('/api/v1/templates/:id', { schema: { tags, params: IdParams, response: { 200: ReplyTemplate, ...errors } } }, async (req) => templates.getTemplate(deps, actorOf(req), req.params.id));
  r.patch('/api/v1/templates/:id', { schema: { tags, params: IdParams, body: ReplyTemplatePatch, response: { 200: ReplyTemplate, ...errors } } }, async (req) =>
    templates.updateTemplate(deps, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/v1/templates/:id/preview', { schema: { tags, summary: 'Preview a template as it would be sent', params: IdParams, body: PreviewTemplateBody, response: { 200: TemplatePreview, ...errors } } }, async (req) =>
    templates.previewTemplate(deps, actorOf(req), req.params.id, req.body),
  );

  r.get('/api/v1/requests/:id/playbook', { schema: { tags, summary: "The request's playbook: steps to tick off and templates", params: IdParams, response: { 200: RequestPlaybook, ...errors } } }, async (req) =>
    getRequestPlaybook(deps, actorOf(req), req.params.id),
  );
  r.post('/api/v1/requests/:id/playbook/steps', { schema: { tags, summary: 'Tick or untick a playbook step', params: IdParams, body: TickStepBody, response: { 200: RequestPlaybook, ...errors } } }, async (req) =>
    tickStep(deps, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/v1/requests/:id/apply-template', { schema: { tags, summary: 'Send a template as a reply or note, rendered for the request', params: IdParams, body: ApplyTemplateBody, response: { 201: Message, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await templates.applyTemplate(deps, actorOf(req), req.params.id, req.body)),
  );
}
