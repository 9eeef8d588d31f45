import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { EventType } from './events.js';

export const WebhookUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000);

export const CreateWebhookBody = z.object({
  url: WebhookUrl,
  description: z.string().trim().max(200).default(''),
  /** Empty: every event. */
  eventTypes: z.array(EventType).max(50).default([]),
  active: z.boolean().default(true),
});
export const UpdateWebhookBody = z
  .object({ url: WebhookUrl, description: z.string().trim().max(200), eventTypes: z.array(EventType).max(50), active: z.boolean() })
  .partial();

export const WebhookEndpoint = z.object({
  id: Id,
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(EventType),
  active: z.boolean(),
  /** The signing secret: returned when created or rotated, otherwise only its last characters. */
  secret: z.string().optional(),
  secretHint: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookDelivery = z.object({
  id: Id,
  endpointId: Id,
  eventId: Id,
  eventType: z.string(),
  attempt: z.number().int(),
  status: z.enum(['succeeded', 'failed', 'retrying']),
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  nextAttemptAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/**
 * Header on every delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed by the secret>`.
 * Receivers recompute it over the raw body and reject stale timestamps.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'fitdesk-signature';
