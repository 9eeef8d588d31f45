import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { typed } from '../../infra/routes.js';

export const Health = z.object({ ok: z.boolean(), database: z.enum(['pglite', 'postgres']), roles: z.array(z.string()) });

export function healthRoutes(app: FastifyInstance, deps: Deps): void {
  typed(app).get('/api/health', { schema: { tags: ['health'], response: { 200: Health, 503: Health } }, config: { public: true } }, async (_req, reply) => {
    let ok = true;
    try {
      await deps.db.execute(sql`select 1`);
    } catch {
      ok = false;
    }
    return reply.status(ok ? 200 : 503).send({ ok, database: deps.database.kind, roles: [...deps.config.roles] });
  });
}
