import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UpdateUserBody, User } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import { toUser } from '../auth/auth.service.js';
import * as users from './users.service.js';

export function usersRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const tags = ['users'];
  r.get('/api/v1/users', { schema: { tags, response: { 200: z.object({ items: z.array(User) }), ...errors } } }, async (req) => ({
    items: await users.listUsers(deps, actorOf(req)),
  }));
  r.get('/api/v1/users/:id', { schema: { tags, params: IdParams, response: { 200: User, ...errors } } }, async (req) =>
    toUser(await users.getUser(deps, actorOf(req), req.params.id)),
  );
  r.patch('/api/v1/users/:id', { schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: User, ...errors } } }, async (req) =>
    users.updateUser(deps, actorOf(req), req.params.id, req.body),
  );
}
