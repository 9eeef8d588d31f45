import { z } from 'zod';
import {
  Currency,
  ExitReason,
  FitResult,
  HealthRecommendation,
  HealthResult,
  HealthWeights,
  IdealClientProfile,
  IntakeAnswers,
  LookalikeResult,
  MisfitMatch,
  RefundResult,
  RepairOption,
  RepairOutcome,
  RepairSituation,
  TrustResult,
  ReferralSuggestion,
} from './lifecycle.js';
import { RefundPolicy } from './agreement.js';

// HTTP shapes of the client lifecycle (intake, health, review, repair, exit, growth). The
// scoring schemas they carry live in lifecycle.ts.

const Iso = z.iso.datetime({ offset: true });
const Email = z.email('enter a valid email address').max(254).transform((s) => s.toLowerCase());
const Note = z.string().trim().max(4000);
const MinorUnits = z.number().int().min(0).max(2_000_000_000);

// ---------------------------------------------------------------- templates + settings

/** Letter templates use {{variables}}: client_name, contact_name, workspace_name, referrals, reason, refund, agreement, issue. */
export const LetterTemplate = z.object({ subject: z.string().trim().min(1).max(300), body: z.string().trim().min(1).max(20000) });
export type LetterTemplate = z.infer<typeof LetterTemplate>;
export const LetterKind = z.enum(['decline', 'farewell', 'clarify']);
export type LetterKind = z.infer<typeof LetterKind>;

export const LifecycleSettings = z.object({
  healthWeights: HealthWeights,
  reviewEveryDays: z.number().int().min(1).max(365),
  lastReviewAt: Iso.nullable(),
  refundPolicy: RefundPolicy,
  templates: z.object({ decline: LetterTemplate, farewell: LetterTemplate, clarify: LetterTemplate }),
});
export type LifecycleSettings = z.infer<typeof LifecycleSettings>;
export const LifecycleSettingsPatch = z.object({
  healthWeights: HealthWeights.partial().optional(),
  reviewEveryDays: z.number().int().min(1).max(365).optional(),
  refundPolicy: RefundPolicy.optional(),
  templates: z.object({ decline: LetterTemplate, farewell: LetterTemplate, clarify: LetterTemplate }).partial().optional(),
});

// ---------------------------------------------------------------- intake (F1)

export const IntakeQuestion = z.object({
  key: z.string(),
  prompt: z.string(),
  type: z.enum(['number', 'choice', 'multi_choice', 'text']),
  options: z.array(z.string()).optional(),
  unit: z.string().optional(),
  required: z.boolean(),
  help: z.string().optional(),
  criteria: z.array(z.string()),
});
export const ProfileView = z.object({ profile: IdealClientProfile.nullable(), questions: z.array(IntakeQuestion), publicUrl: z.string() });
export const PreviewBody = z.object({ answers: IntakeAnswers, profile: IdealClientProfile.optional() });
export const PreviewResult = z.object({ fit: FitResult, lookalike: LookalikeResult.nullable() });

export const PublicIntakeForm = z.object({ workspaceName: z.string(), questions: z.array(IntakeQuestion) });
export const PublicIntakeBody = z.object({
  name: z.string().trim().min(1).max(160),
  email: Email,
  company: z.string().trim().max(160).optional(),
  referredBy: z.string().trim().max(200).optional(),
  answers: IntakeAnswers,
  /** Honeypot: people never see this field; anything in it marks the submission as spam. */
  website: z.string().max(500).optional(),
});
export const PublicIntakeAck = z.object({ ok: z.literal(true), message: z.string() });
export const SlugParams = z.object({ slug: z.string().trim().min(1).max(80).regex(/^[a-z0-9-]+$/, 'unknown workspace') });

export const ProspectInput = PublicIntakeBody.omit({ website: true });
export const ProspectStatus = z.enum(['new', 'accepted', 'declined']);
export const Prospect = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  company: z.string().nullable(),
  source: z.enum(['form', 'api']),
  answers: IntakeAnswers,
  fitScore: z.number().int(),
  fitBand: z.string(),
  recommendation: z.string(),
  fit: FitResult,
  lookalikeScore: z.number().int().nullable(),
  lookalike: LookalikeResult.nullable(),
  misfit: MisfitMatch.nullable(),
  referredByClientId: z.string().nullable(),
  referredByName: z.string().nullable(),
  referredByText: z.string().nullable(),
  status: ProspectStatus,
  clientId: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: Iso.nullable(),
  letterRequestId: z.string().nullable(),
  createdAt: Iso,
});
export type Prospect = z.infer<typeof Prospect>;
export const ProspectListQuery = z.object({
  status: ProspectStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const AcceptProspectBody = z.object({
  note: Note.optional(),
  agreementTemplateId: z.uuid().optional(),
  revenueMinor: MinorUnits.optional(),
  paidAmountMinor: MinorUnits.optional(),
  currency: Currency.optional(),
});
export const DeclineProspectBody = z.object({
  note: Note.optional(),
  providerIds: z.array(z.uuid()).max(10).default([]),
  subject: z.string().trim().min(1).max(300).optional(),
  body: z.string().trim().min(1).max(20000).optional(),
});
export const LetterPreview = z.object({ subject: z.string(), body: z.string(), to: z.string().nullable() });
export const AcceptResult = z.object({ prospect: Prospect, clientId: z.string(), agreementId: z.string().nullable() });

// ---------------------------------------------------------------- referral directory (F9)

export const ProviderInput = z.object({
  name: z.string().trim().min(1).max(160),
  specialties: z.array(z.string().trim().min(1).max(120)).min(1).max(50),
  contact: z.string().trim().max(500).default(''),
  notes: z.string().trim().max(4000).default(''),
});
export const ProviderPatch = ProviderInput.partial();
export const Provider = z.object({ id: z.string(), name: z.string(), specialties: z.array(z.string()), contact: z.string(), notes: z.string(), createdAt: Iso });
export type Provider = z.infer<typeof Provider>;
export const SuggestBody = z.object({ needs: z.union([z.string().trim().min(1).max(4000), z.array(z.string().trim().min(1).max(200)).min(1).max(30)]) });
export const SuggestResult = z.object({ items: z.array(ReferralSuggestion.extend({ provider: Provider })) });

// ---------------------------------------------------------------- time tracking

export const TimeEntry = z.object({
  id: z.string(),
  requestId: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  source: z.enum(['timer', 'manual']),
  startedAt: Iso,
  endedAt: Iso.nullable(),
  minutes: z.number().int().nullable(),
  note: z.string(),
});
export const TimeSummary = z.object({ items: z.array(TimeEntry), totalMinutes: z.number().int(), running: TimeEntry.nullable() });
export const ManualTimeBody = z.object({ minutes: z.number().int().min(1).max(24 * 60), note: Note.default(''), at: Iso.optional() });
export const TimerBody = z.object({ note: Note.optional() });

// ---------------------------------------------------------------- health + review (F8)

export const ClientLifecycle = z.object({
  clientId: z.string(),
  fitScore: z.number().int().nullable(),
  answers: IntakeAnswers.nullable(),
  startedAt: Iso.nullable(),
  currency: z.string(),
  revenueMinor: z.number().int().nullable(),
  paidAmountMinor: z.number().int().nullable(),
  periodStart: Iso.nullable(),
  periodEnd: Iso.nullable(),
  disputes: z.number().int(),
  latePayments: z.number().int(),
  referredByClientId: z.string().nullable(),
  referredByNote: z.string().nullable(),
  exitReason: z.string().nullable(),
  exitedAt: Iso.nullable(),
});
export type ClientLifecycle = z.infer<typeof ClientLifecycle>;
export const ClientLifecyclePatch = z.object({
  fitScore: z.number().int().min(0).max(100).nullable().optional(),
  startedAt: Iso.nullable().optional(),
  currency: Currency.optional(),
  revenueMinor: MinorUnits.nullable().optional(),
  paidAmountMinor: MinorUnits.nullable().optional(),
  periodStart: Iso.nullable().optional(),
  periodEnd: Iso.nullable().optional(),
  disputes: z.number().int().min(0).max(1000).optional(),
  latePayments: z.number().int().min(0).max(1000).optional(),
  referredByClientId: z.uuid().nullable().optional(),
  referredByNote: z.string().trim().max(500).nullable().optional(),
});

export const HealthPoint = z.object({ at: Iso, score: z.number().int(), band: z.string() });
export const ReviewDecision = z.enum(['keep', 'coach', 'escalate', 'part_ways']);
export const ReviewItem = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string().nullable(),
  why: z.enum(['at_risk', 'falling']),
  score: z.number().int(),
  band: z.string(),
  recommendation: HealthRecommendation,
  health: HealthResult,
  incidents: z.number().int(),
  staffMinutes: z.number(),
  revenueMinor: z.number().int().nullable(),
  status: z.enum(['open', 'decided']),
  decision: ReviewDecision.nullable(),
  note: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: Iso.nullable(),
  createdAt: Iso,
});
export type ReviewItem = z.infer<typeof ReviewItem>;
export const ClientHealthView = z.object({
  clientId: z.string(),
  current: HealthResult.nullable(),
  computedAt: Iso.nullable(),
  history: z.array(HealthPoint),
  lifecycle: ClientLifecycle,
  staffMinutes: z.number(),
  incidents: z.number().int(),
  decisions: z.array(ReviewItem),
  referrals: z.array(z.object({ clientId: z.string(), name: z.string(), fitScore: z.number().int().nullable(), status: z.string() })),
  referredByName: z.string().nullable(),
});
export type ClientHealthView = z.infer<typeof ClientHealthView>;
export const BookPoint = z.object({
  clientId: z.string(),
  name: z.string(),
  staffMinutes: z.number(),
  revenueMinor: z.number().int().nullable(),
  score: z.number().int().nullable(),
  band: z.string().nullable(),
});
export const BookView = z.object({ items: z.array(BookPoint), medianRatio: z.number().nullable() });
export const ReviewListQuery = z.object({ status: z.enum(['open', 'decided', 'any']).default('open'), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const ReviewDecisionBody = z.object({ decision: ReviewDecision, note: Note.default('') });
export const ReviewRunResult = z.object({ added: z.number().int(), items: z.array(ReviewItem) });

// ---------------------------------------------------------------- trust repair (F7)

export const Repair = z.object({
  id: z.string(),
  requestId: z.string(),
  clientId: z.string().nullable(),
  situation: z.string(),
  choice: RepairOption,
  note: z.string(),
  callAt: Iso.nullable(),
  messageId: z.string().nullable(),
  outcome: RepairOutcome.nullable(),
  outcomeNote: z.string().nullable(),
  createdAt: Iso,
  outcomeAt: Iso.nullable(),
});
export type Repair = z.infer<typeof Repair>;
export const RepairView = z.object({ trust: TrustResult, repairs: z.array(Repair), clarifyDraft: z.string() });
export const RepairBody = z.object({
  choice: RepairOption,
  note: Note.default(''),
  /** listen: the agreed call time. */
  callAt: Iso.optional(),
  /** clarify: the message to send (defaults to the workspace's clarify template). */
  message: z.string().trim().min(1).max(20000).optional(),
});
export const RepairOutcomeBody = z.object({ outcome: RepairOutcome, note: Note.default('') });
export const RepairReport = z.object({
  rows: z.array(
    z.object({
      choice: RepairOption,
      situation: RepairSituation,
      n: z.number().int(),
      resolved: z.number().int(),
      still_unhappy: z.number().int(),
      client_left: z.number().int(),
      resolvedRate: z.number(),
      stillUnhappyRate: z.number(),
      clientLeftRate: z.number(),
      resolvedLowerBound: z.number(),
    }),
  ),
  bestBySituation: z.record(z.string(), RepairOption),
  open: z.number().int(),
});

// ---------------------------------------------------------------- exit (F9)

export const ExitStepState = z.enum(['pending', 'done', 'waived', 'skipped']);
export const Exit = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string().nullable(),
  reason: ExitReason,
  note: z.string(),
  status: z.enum(['in_progress', 'completed']),
  steps: z.object({
    refund: z.object({ state: ExitStepState, detail: z.record(z.string(), z.unknown()) }),
    referral: z.object({ state: ExitStepState, detail: z.record(z.string(), z.unknown()) }),
    letter: z.object({ state: ExitStepState, detail: z.record(z.string(), z.unknown()) }),
    export: z.object({ state: ExitStepState, detail: z.record(z.string(), z.unknown()) }),
    close: z.object({ state: ExitStepState, detail: z.record(z.string(), z.unknown()) }),
  }),
  refundSuggestion: RefundResult.nullable(),
  referralSuggestions: z.array(ReferralSuggestion),
  openRequests: z.number().int(),
  createdAt: Iso,
  completedAt: Iso.nullable(),
});
export type Exit = z.infer<typeof Exit>;
export const StartExitBody = z.object({ reason: ExitReason, note: Note.default('') });
export const ExitRefundBody = z.union([
  z.object({
    waive: z.literal(true),
    reason: z.string().trim().min(3, 'say why the refund is waived').max(2000),
  }),
  z.object({
    waive: z.literal(false).optional(),
    /** Defaults to the computed amount; a different amount needs overrideReason. */
    amountMinor: MinorUnits.optional(),
    currency: Currency.optional(),
    method: z.string().trim().min(1).max(60),
    reference: z.string().trim().max(200).default(''),
    overrideReason: z.string().trim().min(3).max(2000).optional(),
  }),
]);
export const ExitReferralBody = z.object({ providerIds: z.array(z.uuid()).max(10), note: Note.default('') });
export const ExitLetterBody = z.object({ subject: z.string().trim().min(1).max(300).optional(), body: z.string().trim().min(1).max(20000).optional() });
export const ExitCompleteBody = z.object({ closingNote: z.string().trim().min(1).max(4000).optional() });
export const RefundEntry = z.object({
  id: z.string(),
  clientId: z.string(),
  exitId: z.string().nullable(),
  amountMinor: z.number().int(),
  currency: z.string(),
  method: z.string(),
  reference: z.string(),
  computedMinor: z.number().int().nullable(),
  rule: z.string().nullable(),
  overrideReason: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: Iso,
});

// ---------------------------------------------------------------- growth (F9)

export const ReferralReport = z.object({
  items: z.array(
    z.object({
      clientId: z.string(),
      name: z.string(),
      healthScore: z.number().int().nullable(),
      referred: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['client', 'prospect']), fitScore: z.number().int().nullable(), status: z.string() })),
      referredCount: z.number().int(),
      meanReferredFit: z.number().nullable(),
    }),
  ),
});
