/** Typed endpoints for escalation, transfers, automations, notifications and webhooks (types only from contracts). */
import type { z } from 'zod';
import type {
  AutomationRule,
  AutomationRuleInput as AutomationRuleInputSchema,
  AutomationRun,
  CreateWebhookBody as CreateWebhookBodySchema,
  EscalationPolicy,
  Notification,
  RequestEscalation,
  StaffTier,
  SupervisorQueue,
  Transfer,
  UpdateWebhookBody as UpdateWebhookBodySchema,
  WebhookDelivery,
  WebhookEndpoint,
} from '@fitdesk/contracts';
import { http, type Page } from '../../api';

export type AutomationRuleInput = z.input<typeof AutomationRuleInputSchema>;
export type CreateWebhookBody = z.input<typeof CreateWebhookBodySchema>;
export type UpdateWebhookBody = z.input<typeof UpdateWebhookBodySchema>;

const id = (s: string) => encodeURIComponent(s);
const { get, post, patch, del } = http;
export const escalationApi = {
  policy: (signal?: AbortSignal) => get<EscalationPolicy>('/escalation/policy', undefined, signal),
  setPolicy: (body: Partial<EscalationPolicy>) => patch<EscalationPolicy>('/escalation/policy', body),
  staff: (signal?: AbortSignal) => get<{ items: StaffTier[] }>('/escalation/staff', undefined, signal),
  setTier: (userId: string, tier: string) => post<StaffTier>(`/users/${id(userId)}/tier`, { tier }),
  queue: (signal?: AbortSignal) => get<SupervisorQueue>('/escalation/queue', undefined, signal),
  forRequest: (requestId: string, signal?: AbortSignal) => get<RequestEscalation>(`/requests/${id(requestId)}/escalation`, undefined, signal),
  escalate: (requestId: string, body: { reason: string; toTier?: string }) => post<RequestEscalation>(`/requests/${id(requestId)}/escalate`, body),
  transfer: (requestId: string, body: { note: string; toUserId?: string; toTier?: string }) => post<Transfer>(`/requests/${id(requestId)}/transfers`, body),
  accept: (transferId: string, note?: string) => post<Transfer>(`/transfers/${id(transferId)}/accept`, note ? { note } : {}),
  decline: (transferId: string, note?: string) => post<Transfer>(`/transfers/${id(transferId)}/decline`, note ? { note } : {}),
};

export const automationsApi = {
  list: (signal?: AbortSignal) => get<{ items: AutomationRule[] }>('/automations', undefined, signal),
  create: (body: AutomationRuleInput) => post<AutomationRule>('/automations', body),
  update: (ruleId: string, body: Partial<AutomationRuleInput>) => patch<AutomationRule>(`/automations/${id(ruleId)}`, body),
  remove: (ruleId: string) => del<{ ok: true }>(`/automations/${id(ruleId)}`),
  reorder: (ids: string[]) => post<{ items: AutomationRule[] }>('/automations/order', { ids }),
  presets: () => post<{ items: AutomationRule[] }>('/automations/presets/escalation', {}),
  runs: (ruleId: string, signal?: AbortSignal) => get<Page<AutomationRun>>(`/automations/${id(ruleId)}/runs`, undefined, signal),
  notifications: (signal?: AbortSignal) => get<{ items: Notification[] }>('/notifications', { unread: 'true' }, signal),
  markRead: (ids: string[]) => post<{ updated: number }>('/notifications/read', { ids }),
};

export const webhooksApi = {
  list: (signal?: AbortSignal) => get<{ items: WebhookEndpoint[] }>('/webhooks', undefined, signal),
  create: (body: CreateWebhookBody) => post<WebhookEndpoint>('/webhooks', body),
  update: (endpointId: string, body: UpdateWebhookBody) => patch<WebhookEndpoint>(`/webhooks/${id(endpointId)}`, body),
  remove: (endpointId: string) => del<{ ok: true }>(`/webhooks/${id(endpointId)}`),
  rotate: (endpointId: string) => post<WebhookEndpoint>(`/webhooks/${id(endpointId)}/rotate-secret`, {}),
  deliveries: (endpointId: string, signal?: AbortSignal) => get<Page<WebhookDelivery>>(`/webhooks/${id(endpointId)}/deliveries`, undefined, signal),
};
