import type { FastifyInstance } from 'fastify';
import { DomainEvent, EventType, Id, Page, PageQuery } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import { requireRole } from '../auth/actor.js';
import { listEvents } from './events.service.js';

const EventListQuery = PageQuery.extend({ requestId: Id.optional(), type: EventType.optional() });

export function eventsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  r.get(
    '/api/v1/events',
    { schema: { tags: ['events'], summary: 'Domain events, newest first (what automations and webhooks see)', querystring: EventListQuery, response: { 200: Page(DomainEvent), ...errors } } },
    async (req) => {
      const actor = actorOf(req);
      requireRole(actor, 'agent');
      return listEvents(deps.db, actor.workspaceId, req.query);
    },
  );
}
