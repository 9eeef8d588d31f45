import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { idempotencyKeys } from '../db/schema/index.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { workspaceId: string; principal: string; key: string } | null;
  }
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Idempotency-Key on POST: the first response (2xx or 4xx) is stored and replayed for a retry
 * with the same key and body; a different body under the same key, or a retry while the first
 * is still running, is a 409. A 5xx frees the key so the client can retry.
 */
export function installIdempotency(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (req: FastifyRequest, reply) => {
    if (req.method !== 'POST' || !req.url.startsWith('/api/v1/')) return;
    const key = req.headers['idempotency-key'];
    if (key === undefined || !req.actor) return;
    if (typeof key !== 'string' || !KEY.test(key)) throw new AppError('validation_failed', 'Idempotency-Key must be 1–200 visible ASCII characters', 'Idempotency-Key');
    const principal = req.actor.userId ?? req.actor.label;
    const path = req.url.split('?')[0]!;
    const requestHash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex');
    const where = and(eq(idempotencyKeys.workspaceId, req.actor.workspaceId), eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key));
    const inserted = await deps.db
      .insert(idempotencyKeys)
      .values({ workspaceId: req.actor.workspaceId, principal, key, method: req.method, path, requestHash })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) {
      const [prev] = await deps.db.select().from(idempotencyKeys).where(where);
      if (!prev) throw new AppError('conflict', 'Idempotency-Key is being reused; retry', 'Idempotency-Key');
      if (prev.requestHash !== requestHash || prev.path !== path)
        throw new AppError('conflict', 'This Idempotency-Key was used with a different request', 'Idempotency-Key');
      if (prev.statusCode === null) throw new AppError('conflict', 'A request with this Idempotency-Key is still in progress', 'Idempotency-Key');
      reply.header('idempotent-replayed', 'true');
      return reply.status(prev.statusCode).type('application/json; charset=utf-8').send(JSON.stringify(prev.response));
    }
    req.idempotency = { workspaceId: req.actor.workspaceId, principal, key };
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    const where = and(eq(idempotencyKeys.workspaceId, idem.workspaceId), eq(idempotencyKeys.principal, idem.principal), eq(idempotencyKeys.key, idem.key));
    if (reply.statusCode >= 500 || reply.statusCode === 429) {
      await deps.db.delete(idempotencyKeys).where(where);
    } else {
      let body: unknown = null;
      try {
        body = typeof payload === 'string' ? JSON.parse(payload) : null;
      } catch {
        body = null;
      }
      await deps.db.update(idempotencyKeys).set({ statusCode: reply.statusCode, response: body as object }).where(where);
    }
    return payload;
  });
}
