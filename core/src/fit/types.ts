// Structural mirrors of @fitdesk/contracts lifecycle schemas (core must not import contracts).

export type CriterionKind = 'must_have' | 'nice_to_have' | 'red_flag';

interface CriterionBase {
  id: string;
  /** Intake field; `*` on a text criterion means every free-text answer. */
  field: string;
  label: string;
  kind: CriterionKind;
  /** Relative weight for must-have / nice-to-have; points subtracted for a red flag. */
  weight: number;
}
export interface RangeCriterion extends CriterionBase {
  type: 'range';
  min?: number;
  max?: number;
  /** Share of the bound that still earns partial credit (default 0.25). */
  softMargin?: number;
}
export interface ChoiceCriterion extends CriterionBase {
  type: 'choice';
  accepted: string[];
  partial?: Record<string, number>;
}
export interface TextCriterion extends CriterionBase {
  type: 'text';
  phrases: string[];
}
export type Criterion = RangeCriterion | ChoiceCriterion | TextCriterion;

export type IntakeFieldType = 'number' | 'choice' | 'multi_choice' | 'text';
export interface IntakeField {
  key: string;
  prompt: string;
  type: IntakeFieldType;
  options?: string[];
  unit?: string;
  required?: boolean;
  help?: string;
}

export interface IdealClientProfile {
  name: string;
  fields?: IntakeField[];
  criteria: Criterion[];
}

export type AnswerValue = number | string | string[] | null | undefined;
export type IntakeAnswers = Record<string, AnswerValue>;

export interface MisfitMatch {
  by: 'email' | 'domain';
  clientName?: string;
  reason?: string;
  exitedAt?: string;
}

/** One signed contribution to a score, with the words that triggered it when there are any. */
export interface ScoreReason {
  points: number;
  label: string;
  criterionId?: string;
  component?: string;
  evidence?: string;
}

export type FitBand = 'strong' | 'good' | 'weak' | 'poor';
export type FitRecommendation = 'accept' | 'review' | 'decline';

export interface FitResult {
  score: number;
  band: FitBand;
  recommendation: FitRecommendation;
  reasons: ScoreReason[];
  missing: string[];
  coverage: number;
  misfitHistory: boolean;
  failedMustHaves: string[];
  redFlags: string[];
  recommendationReasons: string[];
}
