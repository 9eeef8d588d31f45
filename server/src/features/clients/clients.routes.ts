import type { FastifyInstance } from 'fastify';
import { Client, ClientInput, ClientListQuery, ClientPatch, Contact, ContactInput, ContactListQuery, ContactPatch, Page } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import * as svc from './clients.service.js';

export function clientsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  r.get('/api/v1/clients', { schema: { tags: ['clients'], querystring: ClientListQuery, response: { 200: Page(Client), ...errors } } }, async (req) =>
    svc.listClients(deps, actorOf(req), req.query),
  );
  r.post('/api/v1/clients', { schema: { tags: ['clients'], body: ClientInput, response: { 201: Client, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createClient(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/clients/:id', { schema: { tags: ['clients'], params: IdParams, response: { 200: Client, ...errors } } }, async (req) =>
    svc.getClient(deps, actorOf(req), req.params.id),
  );
  r.patch('/api/v1/clients/:id', { schema: { tags: ['clients'], params: IdParams, body: ClientPatch, response: { 200: Client, ...errors } } }, async (req) =>
    svc.updateClient(deps, actorOf(req), req.params.id, req.body),
  );

  r.get('/api/v1/contacts', { schema: { tags: ['contacts'], querystring: ContactListQuery, response: { 200: Page(Contact), ...errors } } }, async (req) =>
    svc.listContacts(deps, actorOf(req), req.query),
  );
  r.post('/api/v1/contacts', { schema: { tags: ['contacts'], body: ContactInput, response: { 201: Contact, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createContact(deps, actorOf(req), req.body)),
  );
  r.get('/api/v1/contacts/:id', { schema: { tags: ['contacts'], params: IdParams, response: { 200: Contact, ...errors } } }, async (req) =>
    svc.getContact(deps, actorOf(req), req.params.id),
  );
  r.patch('/api/v1/contacts/:id', { schema: { tags: ['contacts'], params: IdParams, body: ContactPatch, response: { 200: Contact, ...errors } } }, async (req) =>
    svc.updateContact(deps, actorOf(req), req.params.id, req.body),
  );
}
