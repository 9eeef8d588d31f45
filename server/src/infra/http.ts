import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody } from '@fitdesk/contracts';
import { AppError } from './errors.js';

const fieldOf = (path: ReadonlyArray<PropertyKey> | undefined) => (path && path.length ? path.map(String).join('.') : undefined);

/** One error handler: every failure becomes `{error:{code,message,field?}}`; 5xx details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const send = (status: number, body: ErrorBody) => reply.status(status).send(body);
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error(err);
      return send(err.status, { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = err.validationContext ?? 'body';
      const issuePath = (first?.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path;
      const field = fieldOf(issuePath) ?? (first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : undefined);
      const message = first?.message ?? 'Invalid input';
      return send(400, {
        error: { code: 'validation_failed', message: field ? `${field}: ${message}` : `${where}: ${message}`, field: field ?? where },
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause }, 'response did not match its schema');
      return send(500, { error: { code: 'internal', message: 'Internal error' } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return send(413, { error: { code: 'payload_too_large', message: 'Request body is too large' } });
    if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return send(415, { error: { code: 'unsupported_media_type', message: 'Send JSON (content-type: application/json)' } });
    if (status === 429) return send(429, { error: { code: 'rate_limited', message: err.message || 'Too many requests' } });
    if (status >= 400 && status < 500)
      return send(400, { error: { code: 'validation_failed', message: err.message || 'Bad request', field: 'body' } });
    // Postgres errors that are really bad input (invalid uuid/number text, value too long) are 400s.
    const pgCode = (err as unknown as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
    if (pgCode === '22P02' || pgCode === '22001' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008')
      return send(400, { error: { code: 'validation_failed', message: 'A value has the wrong format' } });
    if (pgCode === '23505') return send(409, { error: { code: 'conflict', message: 'That already exists' } });
    req.log.error(err);
    return send(500, { error: { code: 'internal', message: 'Internal error' } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } } satisfies ErrorBody);
  });
}
