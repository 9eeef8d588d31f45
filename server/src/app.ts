import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './deps.js';
import { installErrorHandler } from './infra/http.js';
import { installIdempotency } from './infra/idempotency.js';
import { installAuth } from './features/auth/auth.plugin.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { usersRoutes } from './features/users/users.routes.js';
import { clientsRoutes } from './features/clients/clients.routes.js';
import { requestsRoutes } from './features/requests/requests.routes.js';
import { healthRoutes } from './features/health/health.routes.js';
import { exportRoutes } from './features/export/export.routes.js';
import { lifecycleRoutes } from './features/intake/lifecycle-routes.js';
import { eventsRoutes } from './features/events/events.routes.js';
import { escalationRoutes } from './features/escalation/escalation.routes.js';
import { automationsRoutes } from './features/automations/automations.routes.js';
import { webhooksRoutes } from './features/webhooks/webhooks.routes.js';
import { mailRoutes } from './features/mail/mail.routes.js';
import { processRoutes } from './features/processes.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppOptions {
  /** Serve the built web app (off in API tests). */
  web?: boolean;
  logger?: boolean | object;
}

/** Builds the HTTP app without listening (tests drive it with inject()). */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    // One JSON line per request drowns the console; errors are still logged by the error handler.
    disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace',
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'fitdesk API', version: '1', description: 'Client-service desk: requests, clients, contacts, search. Authenticate with a session cookie (web app) or `Authorization: Bearer fd_…` (API tokens from Settings → API tokens).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'fitdesk_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app, deps);
  installIdempotency(app, deps);

  healthRoutes(app, deps);
  authRoutes(app, deps);
  usersRoutes(app, deps);
  clientsRoutes(app, deps);
  requestsRoutes(app, deps);
  exportRoutes(app, deps);
  lifecycleRoutes(app, deps);
  eventsRoutes(app, deps);
  escalationRoutes(app, deps);
  automationsRoutes(app, deps);
  webhooksRoutes(app, deps);
  mailRoutes(app, deps);
  processRoutes(app, deps);

  if (opts.web !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
    // Read per request (it is small) so a rebuilt web app is served without a restart.
    const index = () => fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      const rel = decodeURIComponent(req.url.split('?')[0]!).replace(/^\/+/, '');
      const file = path.join(WEB_DIST, rel);
      if (rel && file.startsWith(WEB_DIST + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(rel);
      if (rel.startsWith('api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index());
    });
  } else if (opts.web !== false) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html').send('<h1>fitdesk</h1><p>The web app is not built yet: run <code>npm run build</code>. The API is at <a href="/api/docs">/api/docs</a>.</p>'),
    );
  }
  return app;
}
