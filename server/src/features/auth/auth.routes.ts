import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AcceptInviteBody, ApiToken, CreateTokenBody, Invite, InviteBody, LoginBody, Ok, Session, SignupBody } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, IdParams, typed } from '../../infra/routes.js';
import { actorOf } from './auth.plugin.js';
import * as auth from './auth.service.js';

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  const setSession = (reply: FastifyReply, s: auth.IssuedSession) => {
    reply.setCookie(auth.SESSION_COOKIE, s.cookieValue, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.cookieSecure,
      path: '/',
      maxAge: 14 * 86400,
    });
    return { user: auth.toUser(s.user), workspace: auth.toWorkspace(s.workspace), csrfToken: s.csrfToken };
  };
  const tags = ['auth'];

  r.post(
    '/api/v1/auth/signup',
    { schema: { tags, summary: 'Create a workspace and its owner', body: SignupBody, response: { 201: Session, ...errors } }, config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => reply.status(201).send(setSession(reply, await auth.signup(deps, req.body))),
  );
  r.post(
    '/api/v1/auth/login',
    {
      schema: { tags, summary: 'Log in with email and password', body: LoginBody, response: { 200: Session, ...errors } },
      config: {
        public: true,
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (req, reply) => setSession(reply, await auth.login(deps, req.body)),
  );
  r.post('/api/v1/auth/logout', { schema: { tags, response: { 200: Ok, ...errors } }, config: { public: true } }, async (req, reply) => {
    await auth.logout(deps, req.cookies[auth.SESSION_COOKIE]);
    reply.clearCookie(auth.SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
  r.get('/api/v1/auth/session', { schema: { tags, summary: 'The caller, their workspace and CSRF token', response: { 200: Session, ...errors } } }, async (req) =>
    auth.sessionView(deps, actorOf(req)),
  );
  r.post(
    '/api/v1/auth/accept-invite',
    { schema: { tags, body: AcceptInviteBody, response: { 201: Session, ...errors } }, config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => reply.status(201).send(setSession(reply, await auth.acceptInvite(deps, req.body))),
  );

  r.get('/api/v1/invites', { schema: { tags: ['users'], response: { 200: z.object({ items: z.array(Invite) }), ...errors } } }, async (req) => ({
    items: await auth.listInvites(deps, actorOf(req)),
  }));
  r.post('/api/v1/invites', { schema: { tags: ['users'], body: InviteBody, response: { 201: Invite, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await auth.createInvite(deps, actorOf(req), req.body)),
  );
  r.delete('/api/v1/invites/:id', { schema: { tags: ['users'], params: IdParams, response: { 200: Ok, ...errors } } }, async (req) => {
    await auth.revokeInvite(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  r.get('/api/v1/tokens', { schema: { tags: ['tokens'], response: { 200: z.object({ items: z.array(ApiToken) }), ...errors } } }, async (req) => ({
    items: await auth.listTokens(deps, actorOf(req)),
  }));
  r.post('/api/v1/tokens', { schema: { tags: ['tokens'], body: CreateTokenBody, response: { 201: ApiToken, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await auth.createToken(deps, actorOf(req), req.body.name)),
  );
  r.delete('/api/v1/tokens/:id', { schema: { tags: ['tokens'], params: IdParams, response: { 200: Ok, ...errors } } }, async (req) => {
    await auth.revokeToken(deps, actorOf(req), req.params.id);
    return { ok: true as const };
  });
}
