import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '@fitdesk/contracts';
import { z } from 'zod';

/** The Fastify instance with zod schemas as the type provider: routes get typed params/body/reply. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** Error responses every authenticated route may give, declared so the OpenAPI document lists them. */
export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody } as const;

export const IdParams = z.object({ id: z.uuid() });
