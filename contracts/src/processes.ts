import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';
import { Agreement, PromiseMinutes } from './agreement.js';
import { Boundary, Evidence } from './analysis.js';
import { ClientTier } from './clients.js';
import { Channel, RequestStatus } from './requests.js';

const Name = z.string().trim().min(1).max(120);
const Slug = z.string().trim().toLowerCase().min(1).max(60).regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, - and _');
const Note = z.string().trim().max(2000);

// ── Agreements ────────────────────────────────────────────────────────────────

export const AgreementTemplateInput = z.object({ name: Name, description: Note.default(''), terms: Agreement });
export const AgreementTemplatePatch = AgreementTemplateInput.partial();
export const AgreementTemplate = z.object({ id: Id, name: z.string(), description: z.string(), terms: Agreement, createdAt: Timestamp, updatedAt: Timestamp });
export type AgreementTemplate = z.infer<typeof AgreementTemplate>;

/** A client's agreement is started from a workspace template, or from terms given in full. */
export const CreateClientAgreementBody = z
  .object({ templateId: Id.optional(), terms: Agreement.optional(), note: Note.default('') })
  .refine((b) => b.templateId || b.terms, { message: 'give templateId or terms', path: ['templateId'] });
/** A new version of the client's agreement (every version is kept). */
export const NewAgreementVersionBody = z.object({ terms: Agreement, note: Note.default('') });
export const AcknowledgeAgreementBody = z.object({
  contactId: Id,
  /** Defaults to the current version. */
  version: z.number().int().positive().optional(),
});

export const AgreementAcknowledgement = z.object({
  version: z.number().int(),
  contactId: Id,
  contactName: z.string().nullable(),
  acknowledgedAt: Timestamp,
  via: z.enum(['staff', 'portal', 'api']),
});
export const AgreementVersion = z.object({
  version: z.number().int(),
  terms: Agreement,
  note: z.string(),
  createdByName: z.string().nullable(),
  createdAt: Timestamp,
  acknowledgements: z.array(AgreementAcknowledgement),
});
export type AgreementVersion = z.infer<typeof AgreementVersion>;
export const ClientAgreement = z.object({
  id: Id,
  clientId: Id,
  templateId: Id.nullable(),
  currentVersion: z.number().int(),
  current: AgreementVersion,
  /** Whether a contact of the client acknowledged the current version. */
  acknowledged: z.boolean(),
  versions: z.array(z.object({ version: z.number().int(), note: z.string(), createdAt: Timestamp, acknowledged: z.boolean() })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ClientAgreement = z.infer<typeof ClientAgreement>;
/** Versions to compare; by default the previous version against the current one. */
export const AgreementDiffQuery = z.object({ from: z.coerce.number().int().positive().optional(), to: z.coerce.number().int().positive().optional() });
export const AgreementChange = z.object({ path: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: z.unknown(), after: z.unknown() });
export const AgreementDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(AgreementChange) });
export type AgreementDiff = z.infer<typeof AgreementDiff>;

// ── SLA ───────────────────────────────────────────────────────────────────────

/** Workspace SLA policy: the fallback when a client has no agreement, or a request type's own. */
export const SlaPolicyInput = Agreement.pick({ timezone: true, hours: true, holidays: true, firstResponseMinutes: true, resolutionMinutes: true }).extend({
  name: Name,
  isDefault: z.boolean().default(false),
  /** Warn when this share of the target is used… */
  warnFraction: z.number().min(0.05).max(0.99).default(0.75),
  /** …or this many business minutes before the target, whichever comes first. */
  warnBeforeMinutes: z.number().int().min(0).max(10080).default(0),
});
export const SlaPolicyPatch = SlaPolicyInput.partial();
export const SlaPolicy = z.object({
  id: Id,
  name: z.string(),
  isDefault: z.boolean(),
  timezone: z.string(),
  hours: Agreement.shape.hours,
  holidays: z.array(z.object({ date: z.string(), name: z.string().optional() })),
  firstResponseMinutes: PromiseMinutes,
  resolutionMinutes: PromiseMinutes.nullable(),
  warnFraction: z.number(),
  warnBeforeMinutes: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const SlaKind = z.enum(['first_response', 'resolution']);
export type SlaKind = z.infer<typeof SlaKind>;
/** ok/warning/breached while the clock runs; paused while waiting on the client; met once done. */
export const SlaState = z.enum(['ok', 'warning', 'breached', 'paused', 'met']);
export type SlaState = z.infer<typeof SlaState>;
export const SlaClockView = z.object({
  kind: SlaKind,
  status: z.enum(['running', 'paused', 'met', 'cancelled']),
  state: SlaState,
  source: z.enum(['agreement', 'type_policy', 'default_policy']),
  targetMinutes: z.number().int(),
  usedMinutes: z.number(),
  remainingMinutes: z.number(),
  startedAt: Timestamp,
  dueAt: Timestamp.nullable(),
  warnedAt: Timestamp.nullable(),
  breachedAt: Timestamp.nullable(),
  metAt: Timestamp.nullable(),
  /** Met within the target (null until met or breached). */
  withinTarget: z.boolean().nullable(),
});
export type SlaClockView = z.infer<typeof SlaClockView>;
export const SlaEvent = z.object({ kind: SlaKind, event: z.string(), at: Timestamp, data: z.record(z.string(), z.unknown()) });
export const RequestSla = z.object({ requestId: Id, clocks: z.array(SlaClockView), events: z.array(SlaEvent) });
export type RequestSla = z.infer<typeof RequestSla>;

export const AttainmentQuery = z.object({
  groupBy: z.enum(['client', 'type', 'agent']).default('client'),
  kind: SlaKind.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const AttainmentRow = z.object({
  key: z.string().nullable(),
  label: z.string(),
  kind: SlaKind,
  total: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  /** met ÷ (met + breached), null when none has finished. */
  attainment: z.number().nullable(),
});
export const Attainment = z.object({ groupBy: z.enum(['client', 'type', 'agent']), rows: z.array(AttainmentRow) });

// ── Request types, playbooks, templates ────────────────────────────────────────

export const MatchRules = z.object({
  /** Words or phrases in the subject or first message (case-insensitive). */
  keywords: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
  channels: z.array(Channel).max(6).default([]),
  clientTiers: z.array(ClientTier).max(3).default([]),
  clientIds: z.array(Id).max(100).default([]),
});
export const PlaybookStepInput = z.object({ id: Slug.optional(), title: z.string().trim().min(1).max(200), description: z.string().trim().max(2000).default('') });
export const RequestTypeInput = z.object({
  key: Slug,
  name: Name,
  description: Note.default(''),
  rules: MatchRules.default({ keywords: [], channels: [], clientTiers: [], clientIds: [] }),
  steps: z.array(PlaybookStepInput).max(50).default([]),
  slaPolicyId: Id.nullable().default(null),
  /** Lower is tried first when several types match. */
  position: z.number().int().min(0).max(10000).default(100),
  active: z.boolean().default(true),
});
export const RequestTypePatch = z.object({
  key: Slug,
  name: Name,
  description: Note,
  rules: MatchRules,
  steps: z.array(PlaybookStepInput).max(50),
  slaPolicyId: Id.nullable(),
  position: z.number().int().min(0).max(10000),
  active: z.boolean(),
}).partial();
export const PlaybookStep = z.object({ id: z.string(), title: z.string(), description: z.string() });
export const RequestType = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  description: z.string(),
  rules: MatchRules,
  steps: z.array(PlaybookStep),
  slaPolicyId: Id.nullable(),
  position: z.number().int(),
  active: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type RequestType = z.infer<typeof RequestType>;

export const TemplateKind = z.enum(['reply', 'note', 'checkin']);
export const ReplyTemplateInput = z.object({
  name: Name,
  kind: TemplateKind.default('reply'),
  subject: z.string().trim().max(300).default(''),
  /** Text with {{variables}}: client.name, contact.name, contact.first_name, request.number, request.subject, agent.name, workspace.name, agreement.hours, agreement.first_response, agreement.resolution, … */
  body: z.string().min(1).max(20000),
  requestTypeId: Id.nullable().default(null),
  /** A boundary reply template (firm but polite) for this boundary type. */
  boundary: Boundary.nullable().default(null),
});
export const ReplyTemplatePatch = z.object({
  name: Name,
  kind: TemplateKind,
  subject: z.string().trim().max(300),
  body: z.string().min(1).max(20000),
  requestTypeId: Id.nullable(),
  boundary: Boundary.nullable(),
}).partial();
export const ReplyTemplate = z.object({
  id: Id,
  name: z.string(),
  kind: TemplateKind,
  subject: z.string(),
  body: z.string(),
  requestTypeId: Id.nullable(),
  boundary: Boundary.nullable(),
  variables: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ReplyTemplate = z.infer<typeof ReplyTemplate>;
export const TemplateListQuery = z.object({ requestTypeId: Id.optional(), boundary: Boundary.optional(), kind: TemplateKind.optional() });
export const PreviewTemplateBody = z.object({
  /** Unsaved text to preview; a saved template's own body when previewing by id. */
  body: z.string().min(1).max(20000).optional(),
  subject: z.string().max(300).optional(),
  requestId: Id.optional(),
  clientId: Id.optional(),
});
export const TemplatePreview = z.object({ subject: z.string(), body: z.string(), values: z.record(z.string(), z.string()), unknown: z.array(z.string()) });
export type TemplatePreview = z.infer<typeof TemplatePreview>;
export const ApplyTemplateBody = z.object({ templateId: Id, direction: z.enum(['outbound', 'note']).optional(), status: RequestStatus.optional() });

export const RequestPlaybook = z.object({
  requestId: Id,
  type: RequestType.nullable(),
  steps: z.array(PlaybookStep.extend({ done: z.boolean(), doneAt: Timestamp.nullable(), doneByName: z.string().nullable() })),
  templates: z.array(ReplyTemplate),
});
export type RequestPlaybook = z.infer<typeof RequestPlaybook>;
export const TickStepBody = z.object({ stepId: z.string().min(1).max(60), done: z.boolean().default(true) });

// ── Boundary incidents ────────────────────────────────────────────────────────

export const IncidentInput = z.object({
  clientId: Id,
  type: Boundary,
  requestId: Id.nullable().optional(),
  note: z.string().trim().min(1).max(4000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export const DismissIncidentBody = z.object({ reason: z.string().trim().min(1).max(2000) });
export const Incident = z.object({
  id: Id,
  clientId: Id.nullable(),
  clientName: z.string().nullable(),
  requestId: Id.nullable(),
  requestNumber: z.number().int().nullable(),
  messageId: Id.nullable(),
  type: Boundary,
  source: z.enum(['analysis', 'manual']),
  evidence: z.array(Evidence),
  note: z.string(),
  occurredAt: Timestamp,
  createdByName: z.string().nullable(),
  dismissedAt: Timestamp.nullable(),
  dismissedByName: z.string().nullable(),
  dismissReason: z.string().nullable(),
  createdAt: Timestamp,
});
export type Incident = z.infer<typeof Incident>;
export const IncidentListQuery = PageQuery.extend({
  clientId: Id.optional(),
  requestId: Id.optional(),
  type: Boundary.optional(),
  dismissed: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
export const IncidentCounts = z.array(z.object({ type: Boundary, active: z.number().int(), dismissed: z.number().int() }));
export const ClientIncidents = z.object({ clientId: Id, counts: IncidentCounts, items: z.array(Incident) });
export type ClientIncidents = z.infer<typeof ClientIncidents>;
/** Dismissed (false-positive) analysis incidents per type, for the analysis evaluation. */
export const DismissedStats = z.object({ byType: z.array(z.object({ type: Boundary, total: z.number().int(), dismissed: z.number().int(), falsePositiveRate: z.number().nullable() })) });
export const BoundaryReply = z.object({ incidentId: Id, type: Boundary, templateId: Id.nullable(), subject: z.string(), body: z.string() });

// ── Scheduled check-ins ───────────────────────────────────────────────────────

export const Cadence = z.enum(['weekly', 'biweekly', 'monthly', 'quarterly']);
export type Cadence = z.infer<typeof Cadence>;
export const CheckinInput = z.object({
  clientId: Id,
  /** Who the outreach goes to; the client's first contact when not given. */
  contactId: Id.nullable().default(null),
  cadence: Cadence,
  subject: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(20000),
  assigneeId: Id.nullable().default(null),
  /** First run; now when not given. */
  startAt: z.iso.datetime({ offset: true }).optional(),
  active: z.boolean().default(true),
});
export const CheckinPatch = z.object({
  contactId: Id.nullable(),
  cadence: Cadence,
  subject: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(20000),
  assigneeId: Id.nullable(),
  nextRunAt: z.iso.datetime({ offset: true }),
  active: z.boolean(),
}).partial();
export const Checkin = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string().nullable(),
  contactId: Id.nullable(),
  cadence: Cadence,
  subject: z.string(),
  body: z.string(),
  assigneeId: Id.nullable(),
  active: z.boolean(),
  nextRunAt: Timestamp,
  lastRunAt: Timestamp.nullable(),
  lastRequestId: Id.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Checkin = z.infer<typeof Checkin>;
export const CheckinListQuery = z.object({ clientId: Id.optional() });
