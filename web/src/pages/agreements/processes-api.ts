/** Typed endpoints for agreements, SLA, playbooks, incidents and check-ins (types only from contracts). */
import type { z } from 'zod';
import type {
  AgreementDiff,
  AgreementInput,
  AgreementTemplate,
  Attainment as AttainmentSchema,
  Checkin,
  CheckinInput as CheckinInputSchema,
  CheckinPatch as CheckinPatchSchema,
  ClientAgreement,
  ClientIncidents,
  DismissedStats as DismissedStatsSchema,
  Incident,
  IncidentInput as IncidentInputSchema,
  Message,
  ReplyTemplate,
  ReplyTemplateInput as ReplyTemplateInputSchema,
  RequestPlaybook,
  RequestSla,
  RequestStatus,
  RequestType,
  RequestTypeInput as RequestTypeInputSchema,
  SlaPolicy,
  SlaPolicyInput as SlaPolicyInputSchema,
  TemplatePreview,
  BoundaryReply as BoundaryReplySchema,
} from '@fitdesk/contracts';
import { http, type Page } from '../../api';

export type Attainment = z.infer<typeof AttainmentSchema>;
export type DismissedStats = z.infer<typeof DismissedStatsSchema>;
export type BoundaryReply = z.infer<typeof BoundaryReplySchema>;
export type CheckinInput = z.input<typeof CheckinInputSchema>;
export type CheckinPatch = z.input<typeof CheckinPatchSchema>;
export type IncidentInput = z.input<typeof IncidentInputSchema>;
export type ReplyTemplateInput = z.input<typeof ReplyTemplateInputSchema>;
export type RequestTypeInput = z.input<typeof RequestTypeInputSchema>;
export type SlaPolicyInput = z.input<typeof SlaPolicyInputSchema>;

const id = (s: string) => encodeURIComponent(s);
const { get, post, patch } = http;

export const processesApi = {
  agreementTemplates: {
    list: (signal?: AbortSignal) => get<Page<AgreementTemplate>>('/agreement-templates', undefined, signal),
    create: (body: { name: string; description?: string; terms: AgreementInput }) => post<AgreementTemplate>('/agreement-templates', body),
    update: (tid: string, body: { name?: string; description?: string; terms?: AgreementInput }) => patch<AgreementTemplate>(`/agreement-templates/${id(tid)}`, body),
  },
  agreements: {
    get: (clientId: string, signal?: AbortSignal) => get<ClientAgreement>(`/clients/${id(clientId)}/agreement`, undefined, signal),
    create: (clientId: string, body: { templateId?: string; terms?: AgreementInput; note?: string }) => post<ClientAgreement>(`/clients/${id(clientId)}/agreement`, body),
    addVersion: (clientId: string, body: { terms: AgreementInput; note?: string }) => post<ClientAgreement>(`/clients/${id(clientId)}/agreement/versions`, body),
    diff: (clientId: string, from: number, to: number, signal?: AbortSignal) => get<AgreementDiff>(`/clients/${id(clientId)}/agreement/diff`, { from, to }, signal),
    acknowledge: (clientId: string, contactId: string) => post<ClientAgreement>(`/clients/${id(clientId)}/agreement/acknowledgements`, { contactId }),
  },
  sla: {
    policies: (signal?: AbortSignal) => get<Page<SlaPolicy>>('/sla-policies', undefined, signal),
    createPolicy: (body: SlaPolicyInput) => post<SlaPolicy>('/sla-policies', body),
    updatePolicy: (pid: string, body: Partial<SlaPolicyInput>) => patch<SlaPolicy>(`/sla-policies/${id(pid)}`, body),
    request: (requestId: string, signal?: AbortSignal) => get<RequestSla>(`/requests/${id(requestId)}/sla`, undefined, signal),
    attainment: (query: { groupBy: 'client' | 'type' | 'agent'; kind?: string }, signal?: AbortSignal) => get<Attainment>('/sla/attainment', query, signal),
  },
  types: {
    list: (signal?: AbortSignal) => get<Page<RequestType>>('/request-types', undefined, signal),
    create: (body: RequestTypeInput) => post<RequestType>('/request-types', body),
    update: (tid: string, body: Partial<RequestTypeInput>) => patch<RequestType>(`/request-types/${id(tid)}`, body),
  },
  templates: {
    list: (query: { requestTypeId?: string; boundary?: string; kind?: string } = {}, signal?: AbortSignal) => get<Page<ReplyTemplate>>('/templates', query, signal),
    create: (body: ReplyTemplateInput) => post<ReplyTemplate>('/templates', body),
    update: (tid: string, body: Partial<ReplyTemplateInput>) => patch<ReplyTemplate>(`/templates/${id(tid)}`, body),
    preview: (tid: string | null, body: { body?: string; subject?: string; requestId?: string; clientId?: string }) =>
      post<TemplatePreview>(tid ? `/templates/${id(tid)}/preview` : '/templates/preview', body),
    apply: (requestId: string, body: { templateId: string; direction?: 'outbound' | 'note'; status?: RequestStatus }) => post<Message>(`/requests/${id(requestId)}/apply-template`, body),
  },
  playbook: {
    get: (requestId: string, signal?: AbortSignal) => get<RequestPlaybook>(`/requests/${id(requestId)}/playbook`, undefined, signal),
    tick: (requestId: string, stepId: string, done: boolean) => post<RequestPlaybook>(`/requests/${id(requestId)}/playbook/steps`, { stepId, done }),
  },
  incidents: {
    list: (query: { clientId?: string; requestId?: string; type?: string; dismissed?: 'exclude' | 'include' | 'only'; limit?: number; cursor?: string }, signal?: AbortSignal) =>
      get<Page<Incident>>('/incidents', query, signal),
    create: (body: IncidentInput) => post<Incident>('/incidents', body),
    dismiss: (iid: string, reason: string) => post<Incident>(`/incidents/${id(iid)}/dismiss`, { reason }),
    reply: (iid: string, signal?: AbortSignal) => get<BoundaryReply>(`/incidents/${id(iid)}/reply`, undefined, signal),
    forClient: (clientId: string, signal?: AbortSignal) => get<ClientIncidents>(`/clients/${id(clientId)}/incidents`, undefined, signal),
    dismissedStats: (signal?: AbortSignal) => get<DismissedStats>('/incidents/dismissed-stats', undefined, signal),
  },
  checkins: {
    list: (query: { clientId?: string }, signal?: AbortSignal) => get<Page<Checkin>>('/checkins', query, signal),
    create: (body: CheckinInput) => post<Checkin>('/checkins', body),
    update: (cid: string, body: CheckinPatch) => patch<Checkin>(`/checkins/${id(cid)}`, body),
    run: (cid: string) => post<{ requestId: string }>(`/checkins/${id(cid)}/run`),
  },
};

/** Minutes as a short duration: 45m, 3h 10m, 2d 4h. */
export function shortDuration(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${m}m`;
  if (m < 1440) return `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}`;
  return `${Math.floor(m / 1440)}d${Math.floor((m % 1440) / 60) ? ` ${Math.floor((m % 1440) / 60)}h` : ''}`;
}
