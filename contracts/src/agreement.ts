import { z } from 'zod';

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'time must be HH:MM (00:00–24:00)');
/** One opening range in local time of the agreement's timezone; close > open. */
export const TimeRange = z
  .object({ open: HHMM, close: HHMM })
  .refine((r) => r.close > r.open, { message: 'close must be after open', path: ['close'] });

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA timezone');

/** Business minutes promised, keyed by priority (urgency high maps to priority high). */
export const PromiseMinutes = z.object({
  low: z.number().int().positive().max(525600),
  normal: z.number().int().positive().max(525600),
  high: z.number().int().positive().max(525600),
  urgent: z.number().int().positive().max(525600),
});
export type PromiseMinutes = z.infer<typeof PromiseMinutes>;

export const RefundPolicy = z.object({
  /** full: full refund inside the guarantee window; prorated: unused share after it; none. */
  kind: z.enum(['full_then_prorated', 'full_then_none', 'prorated', 'none']),
  guaranteeDays: z.number().int().min(0).max(3650).default(0),
  description: z.string().max(2000).default(''),
});
export type RefundPolicy = z.infer<typeof RefundPolicy>;

/**
 * A client's service agreement: when the business answers, how fast, what is and is not
 * included, and the ground rules. The analysis engine judges messages against it.
 */
export const Agreement = z.object({
  timezone: TimeZone,
  /** Opening ranges per weekday; a missing or empty day is closed. */
  hours: z.partialRecord(Weekday, z.array(TimeRange).max(6)),
  /** Closed days (YYYY-MM-DD, local to the timezone). */
  holidays: z.array(z.object({ date: z.iso.date(), name: z.string().max(120).optional() })).max(400).default([]),
  /** Categories answered around the clock, e.g. "outage", "security incident". */
  aroundTheClock: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
  channels: z.array(z.enum(['email', 'portal', 'form', 'api', 'phone', 'sms'])).default(['email', 'portal']),
  firstResponseMinutes: PromiseMinutes,
  resolutionMinutes: PromiseMinutes.optional(),
  inScope: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  outOfScope: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  groundRules: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  refundPolicy: RefundPolicy.optional(),
});
export type Agreement = z.infer<typeof Agreement>;
export type AgreementInput = z.input<typeof Agreement>;
