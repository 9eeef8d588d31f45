import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError } from '../../infra/errors.js';
import { safeEqual } from './crypto.js';
import { actorFromSession, actorFromToken, SESSION_COOKIE } from './auth.service.js';
import type { Actor } from './actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Route answers without a logged-in user. */
    public?: boolean;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller (Bearer API token or session cookie) for every /api route, rejects
 * anonymous calls to non-public routes, and requires the CSRF header on cookie-authenticated
 * writes (API tokens are not sent by browsers on their own, so they need none).
 */
export function installAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const authz = req.headers.authorization;
    if (authz) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      const actor = m ? await actorFromToken(deps, m[1]!) : null;
      if (!actor) throw new AppError('unauthenticated', 'The API token is not valid or was revoked');
      req.actor = actor;
    } else {
      req.actor = await actorFromSession(deps, req.cookies[SESSION_COOKIE]);
      if (req.actor && !SAFE.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !req.actor.csrfToken || !safeEqual(sent, req.actor.csrfToken))
          throw new AppError('csrf_failed', 'Missing or wrong x-csrf-token header (reload the page)');
      }
    }
    if (!req.actor && !req.routeOptions.config.public) throw new AppError('unauthenticated', 'Log in or send an API token');
  });
}

/** The caller of a non-public route (the hook guarantees it is set). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Log in or send an API token');
  return req.actor;
}
