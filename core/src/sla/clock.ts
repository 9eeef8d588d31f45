import { addBusinessMinutes, businessMinutesElapsed, type BusinessCalendar } from './calendar.js';

/**
 * An SLA clock: a promise of `targetMinutes` business minutes that runs from a start, pauses
 * (waiting on the client) and resumes. Only running segments consume business time.
 */
export interface SlaClock {
  targetMinutes: number;
  /** Business minutes consumed by earlier, finished running segments. */
  usedMinutes: number;
  /** Start of the current running segment (epoch ms); null while paused. */
  runningSince: number | null;
}

export type SlaPhase = 'ok' | 'warning' | 'breached';

/** When to warn: at `fraction` of the target, or `beforeMinutes` before it, whichever is first. */
export interface WarningRule {
  fraction?: number;
  beforeMinutes?: number;
}

export const DEFAULT_WARNING: Required<WarningRule> = { fraction: 0.75, beforeMinutes: 0 };

/** A clock started at `atMs` with nothing used. */
export function startSlaClock(targetMinutes: number, atMs: number): SlaClock {
  return { targetMinutes, usedMinutes: 0, runningSince: atMs };
}

/** Business minutes used so far, including the running segment up to `nowMs`. */
export function slaUsedMinutes(cal: BusinessCalendar, clock: SlaClock, nowMs: number): number {
  return clock.usedMinutes + (clock.runningSince === null ? 0 : businessMinutesElapsed(cal, clock.runningSince, nowMs));
}

/** Stops the running segment at `atMs`, banking its business minutes. No-op when already paused. */
export function pauseSlaClock(cal: BusinessCalendar, clock: SlaClock, atMs: number): SlaClock {
  if (clock.runningSince === null) return clock;
  return { ...clock, usedMinutes: slaUsedMinutes(cal, clock, atMs), runningSince: null };
}

/** Starts a new running segment at `atMs`. No-op when already running. */
export function resumeSlaClock(clock: SlaClock, atMs: number): SlaClock {
  return clock.runningSince === null ? { ...clock, runningSince: atMs } : clock;
}

/** Due instant of a running clock: start of the segment + the business minutes left (null while paused). */
export function slaDueAt(cal: BusinessCalendar, clock: SlaClock): number | null {
  if (clock.runningSince === null) return null;
  return addBusinessMinutes(cal, clock.runningSince, Math.max(0, clock.targetMinutes - clock.usedMinutes));
}

/** Business-minute threshold of the warning: min(target × fraction, target − beforeMinutes), at least 0. */
export function warningThreshold(targetMinutes: number, rule: WarningRule = DEFAULT_WARNING): number {
  const byFraction = targetMinutes * (rule.fraction ?? DEFAULT_WARNING.fraction);
  const byBefore = rule.beforeMinutes && rule.beforeMinutes > 0 ? targetMinutes - rule.beforeMinutes : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(byFraction, byBefore));
}

/** Instant the warning is due for a running clock (null while paused or when already past it). */
export function slaWarningAt(cal: BusinessCalendar, clock: SlaClock, rule: WarningRule = DEFAULT_WARNING): number | null {
  if (clock.runningSince === null) return null;
  const left = warningThreshold(clock.targetMinutes, rule) - clock.usedMinutes;
  if (left <= 0) return clock.runningSince;
  return addBusinessMinutes(cal, clock.runningSince, left);
}

/** Where a clock stands at `nowMs`: used, remaining (negative when overdue) and its phase. */
export function slaStatus(cal: BusinessCalendar, clock: SlaClock, nowMs: number, rule: WarningRule = DEFAULT_WARNING) {
  const used = slaUsedMinutes(cal, clock, nowMs);
  const remaining = clock.targetMinutes - used;
  const phase: SlaPhase = remaining <= 0 ? 'breached' : used >= warningThreshold(clock.targetMinutes, rule) ? 'warning' : 'ok';
  return { usedMinutes: used, remainingMinutes: remaining, fraction: clock.targetMinutes ? used / clock.targetMinutes : 1, phase, paused: clock.runningSince === null };
}

/** Share of met targets (null when none finished): the attainment reports show. */
export function attainment(met: number, total: number): number | null {
  return total > 0 ? met / total : null;
}
