import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, AutomationRule, AutomationRuleInput, AutomationRulePatch, AutomationRun, EscalationPresetBody, Notification, Ok, Page, PageQuery, ReorderAutomationsBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './automations.service.js';

export function automationsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['automations'];
  const List = z.object({ items: z.array(AutomationRule) });
  r.get('/api/v1/automations', { schema: { tags, summary: 'Rules in evaluation order', response: { 200: List, ...errors } } }, async (req) => svc.listRules(deps, actorOf(req)));
  r.post('/api/v1/automations', { schema: { tags, summary: 'when (event) + if (conditions) + then (actions)', body: AutomationRuleInput, response: { 201: AutomationRule, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createRule(deps, actorOf(req), req.body)),
  );
  r.post('/api/v1/automations/order', { schema: { tags, body: ReorderAutomationsBody, response: { 200: List, ...errors } } }, async (req) => svc.reorderRules(deps, actorOf(req), req.body.ids));
  r.post('/api/v1/automations/presets/escalation', { schema: { tags, summary: 'Add the escalation rules: irate/abusive tone, SLA breach, repeat contacts', body: EscalationPresetBody, response: { 201: List, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createEscalationPresets(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/automations/:id', { schema: { tags, params: IdParams, response: { 200: AutomationRule, ...errors } } }, async (req) => svc.getRule(deps, actorOf(req), req.params.id));
  r.patch('/api/v1/automations/:id', { schema: { tags, params: IdParams, body: AutomationRulePatch, response: { 200: AutomationRule, ...errors } } }, async (req) =>
    svc.updateRule(deps, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/v1/automations/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors } } }, async (req) => svc.deleteRule(deps, actorOf(req), req.params.id));
  r.get('/api/v1/automations/:id/runs', { schema: { tags, summary: "The rule's run log", params: IdParams, querystring: PageQuery, response: { 200: Page(AutomationRun), ...errors } } }, async (req) =>
    svc.listRuns(deps, actorOf(req), req.params.id, req.query),
  );
  r.get('/api/v1/notifications', { schema: { tags: ['notifications'], querystring: z.object({ unread: z.enum(['true', 'false']).default('false') }), response: { 200: z.object({ items: z.array(Notification) }), ...errors } } }, async (req) =>
    svc.listNotifications(deps, actorOf(req), req.query.unread === 'true'),
  );
  r.post('/api/v1/notifications/read', { schema: { tags: ['notifications'], summary: 'Mark your notifications read', body: z.object({ ids: z.array(Id).min(1).max(200) }), response: { 200: z.object({ updated: z.number().int() }), ...errors } } }, async (req) =>
    svc.markNotificationsRead(deps, actorOf(req), req.body.ids),
  );
}
