import { z } from 'zod';
import { Boundary, Tone } from './analysis.js';

// Schemas for the client lifecycle: ideal-client profile and intake (F1), client health (F8),
// trust repair (F7), exit and refunds (F9), lookalike scoring (F9). The pure scoring lives in
// @fitdesk/core (fit/, health/, exit/, lookalike/), which mirrors these shapes structurally.

const Key = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, 'use snake_case letters, digits and _');
const Label = z.string().trim().min(1).max(200);
const Phrase = z.string().trim().min(1).max(200);
const DateLike = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

// ---------------------------------------------------------------- profile + intake (F1)

/** must_have fails pull the recommendation down; red_flag subtracts points when it matches. */
export const CriterionKind = z.enum(['must_have', 'nice_to_have', 'red_flag']);
export type CriterionKind = z.infer<typeof CriterionKind>;

const CriterionBase = z.object({
  id: Key,
  /** Intake field the criterion reads; `*` on a text criterion means every free-text answer. */
  field: z.union([Key, z.literal('*')]),
  label: Label,
  kind: CriterionKind,
  /** Relative weight for must-have / nice-to-have; points subtracted for a red flag. */
  weight: z.number().min(0).max(100),
});

/** Numeric range (budget, team size); `softMargin` is the share of the bound still given partial credit. */
export const RangeCriterion = CriterionBase.extend({
  type: z.literal('range'),
  min: z.number().optional(),
  max: z.number().optional(),
  softMargin: z.number().min(0).max(5).default(0.25),
});
/** Choice (industry, service, channel, timeline): accepted options, optional partial credit per option. */
export const ChoiceCriterion = CriterionBase.extend({
  type: z.literal('choice'),
  accepted: z.array(z.string().trim().min(1).max(120)).min(1).max(100),
  partial: z.record(z.string(), z.number().min(0).max(1)).optional(),
});
/** Free text matched by meaning against any of the phrases. */
export const TextCriterion = CriterionBase.extend({
  type: z.literal('text'),
  phrases: z.array(Phrase).min(1).max(50),
});
export const Criterion = z.discriminatedUnion('type', [RangeCriterion, ChoiceCriterion, TextCriterion]);
export type Criterion = z.infer<typeof Criterion>;

export const IntakeFieldType = z.enum(['number', 'choice', 'multi_choice', 'text']);
export type IntakeFieldType = z.infer<typeof IntakeFieldType>;

/** A question on the intake form; fields referenced by criteria but not listed are derived. */
export const IntakeField = z.object({
  key: Key,
  prompt: z.string().trim().min(1).max(300),
  type: IntakeFieldType,
  options: z.array(z.string().trim().min(1).max(120)).max(100).optional(),
  unit: z.string().trim().max(20).optional(),
  required: z.boolean().optional(),
  help: z.string().max(500).optional(),
});
export type IntakeField = z.infer<typeof IntakeField>;

export const IdealClientProfile = z.object({
  name: z.string().trim().min(1).max(120),
  fields: z.array(IntakeField).max(60).default([]),
  criteria: z.array(Criterion).min(1).max(100),
});
export type IdealClientProfile = z.infer<typeof IdealClientProfile>;
export type IdealClientProfileInput = z.input<typeof IdealClientProfile>;

export const AnswerValue = z.union([z.number(), z.string().max(10000), z.array(z.string().max(200)).max(50), z.null()]);
/** Intake answers keyed by field; null / empty string / empty list count as missing. */
export const IntakeAnswers = z.record(Key, AnswerValue);
export type IntakeAnswers = z.infer<typeof IntakeAnswers>;

/** Former client offboarded as a misfit that matches the prospect (the server does the lookup). */
export const MisfitMatch = z.object({
  by: z.enum(['email', 'domain']),
  clientName: z.string().max(160).optional(),
  reason: z.string().max(2000).optional(),
  exitedAt: DateLike.optional(),
});
export type MisfitMatch = z.infer<typeof MisfitMatch>;

export const ScoreReason = z.object({
  points: z.number(),
  label: z.string(),
  criterionId: z.string().optional(),
  component: z.string().optional(),
  evidence: z.string().optional(),
});
export type ScoreReason = z.infer<typeof ScoreReason>;

export const FitBand = z.enum(['strong', 'good', 'weak', 'poor']);
export type FitBand = z.infer<typeof FitBand>;
export const FitRecommendation = z.enum(['accept', 'review', 'decline']);
export type FitRecommendation = z.infer<typeof FitRecommendation>;

export const FitResult = z.object({
  score: z.number().int().min(0).max(100),
  band: FitBand,
  recommendation: FitRecommendation,
  reasons: z.array(ScoreReason),
  missing: z.array(z.string()),
  /** Share (0–1) of must-have + nice-to-have weight whose field was answered. */
  coverage: z.number().min(0).max(1),
  misfitHistory: z.boolean(),
  failedMustHaves: z.array(z.string()),
  redFlags: z.array(z.string()),
  /** Why the recommendation differs from the band's default, in plain words. */
  recommendationReasons: z.array(z.string()),
});
export type FitResult = z.infer<typeof FitResult>;

// ---------------------------------------------------------------- health (F8)


export const HealthWeights = z.object({
  fit: z.number().min(0).max(100),
  tone: z.number().min(0).max(100),
  boundaries: z.number().min(0).max(100),
  effort: z.number().min(0).max(100),
  satisfaction: z.number().min(0).max(100),
  payments: z.number().min(0).max(100),
});
export type HealthWeights = z.infer<typeof HealthWeights>;

export const HealthInputs = z.object({
  now: z.iso.datetime({ offset: true }),
  fit: z.number().min(0).max(100).optional(),
  tones: z.array(z.object({ at: z.iso.datetime({ offset: true }), tone: Tone })).max(10000).optional(),
  incidents: z.array(z.object({ at: z.iso.datetime({ offset: true }), type: Boundary })).max(10000).optional(),
  effort: z
    .object({
      staffMinutes: z.number().min(0),
      revenueMinor: z.number().int().min(0),
      /** Workspace median of staff minutes per major currency unit of revenue. */
      workspaceMedianRatio: z.number().positive(),
    })
    .optional(),
  csat: z.array(z.object({ at: z.iso.datetime({ offset: true }), score: z.number().int().min(1).max(5) })).max(10000).optional(),
  payments: z.object({ refunds: z.number().int().min(0), disputes: z.number().int().min(0), latePayments: z.number().int().min(0).default(0) }).optional(),
  previousScore: z.number().min(0).max(100).optional(),
  weights: HealthWeights.partial().optional(),
});
export type HealthInputs = z.infer<typeof HealthInputs>;

export const HealthBand = z.enum(['healthy', 'watch', 'at_risk']);
export const HealthRecommendation = z.enum(['keep', 'coach', 'escalate', 'part_ways']);
export const HealthComponentName = z.enum(['fit', 'tone', 'boundaries', 'effort', 'satisfaction', 'payments']);

export const HealthResult = z.object({
  score: z.number().int().min(0).max(100),
  band: HealthBand,
  trend: z.object({ delta: z.number(), direction: z.enum(['improving', 'stable', 'declining']) }).nullable(),
  recommendation: HealthRecommendation,
  components: z.array(
    z.object({ name: HealthComponentName, score: z.number(), weight: z.number(), contribution: z.number(), detail: z.string() }),
  ),
  skipped: z.array(HealthComponentName),
  reasons: z.array(ScoreReason),
  recommendationReasons: z.array(z.string()),
});
export type HealthResult = z.infer<typeof HealthResult>;

// ---------------------------------------------------------------- trust repair (F7)

export const RepairOption = z.enum(['clarify', 'listen', 'escalate', 'refer_out', 'part_ways']);
export type RepairOption = z.infer<typeof RepairOption>;
export const RepairOutcome = z.enum(['resolved', 'still_unhappy', 'client_left']);
export const RepairSituation = z.enum(['irate', 'abuse', 'repeat_contact', 'service_complaint', 'mixed']);

export const RepairRecord = z.object({ choice: RepairOption, situation: RepairSituation, outcome: RepairOutcome });
export type RepairRecord = z.infer<typeof RepairRecord>;

export const TrustResult = z.object({
  compromised: z.boolean(),
  level: z.enum(['ok', 'strained', 'compromised']),
  situation: RepairSituation.nullable(),
  points: z.number(),
  reasons: z.array(ScoreReason),
  options: z.array(z.object({ option: RepairOption, priority: z.number(), why: z.string() })),
  suggested: RepairOption.nullable(),
});
export type TrustResult = z.infer<typeof TrustResult>;

// ---------------------------------------------------------------- exit (F9)

export const ExitReason = z.enum([
  'misfit',
  'abusive',
  'non_payment',
  'scope_mismatch',
  'client_request',
  'completed',
  'moved_to_referral',
  'other',
]);
export type ExitReason = z.infer<typeof ExitReason>;

const MinorUnits = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code like USD');

export const RefundInput = z.object({
  policy: z.object({
    kind: z.enum(['full_then_prorated', 'full_then_none', 'prorated', 'none']),
    guaranteeDays: z.number().int().min(0).max(3650).default(0),
  }),
  startDate: DateLike,
  exitDate: DateLike,
  /** Amount paid for the current period, integer minor units (cents). */
  paidAmount: MinorUnits,
  periodStart: DateLike.optional(),
  periodEnd: DateLike.optional(),
  currency: Currency,
});
export type RefundInput = z.infer<typeof RefundInput>;

export const RefundResult = z.object({
  amount: MinorUnits,
  currency: Currency,
  rule: z.enum(['full_guarantee', 'prorated', 'none', 'needs_review']),
  reasons: z.array(z.string()),
});
export type RefundResult = z.infer<typeof RefundResult>;

export const ExitRequest = z.object({
  reason: ExitReason,
  note: z.string().max(4000).default(''),
  refund: RefundInput.omit({ policy: true }).partial({ startDate: true }).optional(),
  referralNeeds: z.union([z.string().max(4000), z.array(z.string().max(200)).max(30)]).optional(),
});
export type ExitRequest = z.infer<typeof ExitRequest>;

export const DirectoryProvider = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(160),
  specialties: z.array(z.string().trim().min(1).max(120)).max(50),
});
export type DirectoryProvider = z.infer<typeof DirectoryProvider>;

export const ReferralSuggestion = z.object({
  id: z.string(),
  name: z.string(),
  score: z.number().min(0).max(100),
  reasons: z.array(z.string()),
});
export type ReferralSuggestion = z.infer<typeof ReferralSuggestion>;

// ---------------------------------------------------------------- lookalike (F9)

export const LookalikeResult = z.object({
  score: z.number().int().min(0).max(100),
  nearest: z.array(z.object({ index: z.number().int(), id: z.string().optional(), similarity: z.number(), reasons: z.array(z.string()) })),
  reasons: z.array(z.string()),
});
export type LookalikeResult = z.infer<typeof LookalikeResult>;
