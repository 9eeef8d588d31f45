import { DAY_MS, type Instant, toMs } from '../health/time.js';

export type RefundPolicyKind = 'full_then_prorated' | 'full_then_none' | 'prorated' | 'none';

/** Structural mirror of contracts' RefundPolicy (description is not needed to compute). */
export interface RefundPolicyLike {
  kind: RefundPolicyKind;
  guaranteeDays?: number;
}

export interface RefundInput {
  policy: RefundPolicyLike;
  startDate: Instant;
  exitDate: Instant;
  /** Amount paid for the current period, integer minor units (cents). */
  paidAmount: number;
  periodStart?: Instant;
  /** End of the paid period, exclusive (a June period is 2026-06-01 → 2026-07-01). */
  periodEnd?: Instant;
  currency: string;
}

export interface RefundResult {
  amount: number;
  currency: string;
  rule: 'full_guarantee' | 'prorated' | 'none' | 'needs_review';
  reasons: string[];
}

/** UTC calendar day number of an instant (days since 1970-01-01). */
function dayOf(t: Instant): number {
  return Math.floor(toMs(t) / DAY_MS);
}

/** paid × num / den rounded half up, in exact integer arithmetic (no float drift). */
export function prorate(paid: number, num: number, den: number): number {
  if (den <= 0) throw new RangeError('denominator must be positive');
  const p = BigInt(paid);
  const n = BigInt(num);
  const d = BigInt(den);
  return Number((2n * p * n + d) / (2n * d));
}

function money(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}

/**
 * Refund on exit from the agreement's policy: the full paid amount when the exit falls within
 * `guaranteeDays` calendar days of the start (full_then_*), else the unused share of the current
 * paid period, round(paid × unusedDays / periodDays) half up in integer minor units (prorated
 * kinds), else nothing. Days are UTC calendar days; the period end is exclusive.
 */
export function computeRefund(input: RefundInput): RefundResult {
  const { policy, paidAmount, currency } = input;
  if (!Number.isSafeInteger(paidAmount) || paidAmount < 0) throw new RangeError('paidAmount must be a non-negative integer of minor units');
  const reasons: string[] = [];
  const out = (rule: RefundResult['rule'], amount: number): RefundResult => ({ amount, currency, rule, reasons });
  const start = dayOf(input.startDate);
  const exit = dayOf(input.exitDate);
  if (!Number.isFinite(start) || !Number.isFinite(exit)) {
    reasons.push('start or exit date is not a valid date');
    return out('needs_review', 0);
  }
  if (exit < start) {
    reasons.push('exit date is before the start date');
    return out('needs_review', 0);
  }
  const guaranteeDays = policy.guaranteeDays ?? 0;
  const daysIn = exit - start;

  if (policy.kind === 'none') {
    reasons.push('the agreement has no refund policy');
    return out('none', 0);
  }
  if ((policy.kind === 'full_then_prorated' || policy.kind === 'full_then_none') && guaranteeDays > 0) {
    if (daysIn <= guaranteeDays) {
      reasons.push(`exit on day ${daysIn} is within the ${guaranteeDays}-day guarantee: full refund of ${money(paidAmount, currency)}`);
      return out('full_guarantee', paidAmount);
    }
    reasons.push(`exit on day ${daysIn} is after the ${guaranteeDays}-day guarantee`);
  }
  if (policy.kind === 'full_then_none') {
    reasons.push('the policy gives no refund after the guarantee window');
    return out('none', 0);
  }
  // prorated and full_then_prorated after the window
  if (input.periodStart === undefined || input.periodEnd === undefined) {
    reasons.push('no current paid period given: cannot prorate, review by hand');
    return out('needs_review', 0);
  }
  const ps = dayOf(input.periodStart);
  const pe = dayOf(input.periodEnd);
  if (!Number.isFinite(ps) || !Number.isFinite(pe) || pe <= ps) {
    reasons.push('the paid period is empty or invalid');
    return out('needs_review', 0);
  }
  const periodDays = pe - ps;
  const used = Math.min(periodDays, Math.max(0, exit - ps));
  const unused = periodDays - used;
  const amount = prorate(paidAmount, unused, periodDays);
  reasons.push(`${unused} of ${periodDays} paid days unused: ${money(paidAmount, currency)} × ${unused}/${periodDays} = ${money(amount, currency)}`);
  return out('prorated', amount);
}
