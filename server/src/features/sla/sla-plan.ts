import { and, eq } from 'drizzle-orm';
import { ALWAYS_OPEN, type BusinessCalendar } from '@fitdesk/core';
import type { Priority } from '@fitdesk/contracts';
import type { Tx } from '../../db/client.js';
import { requestTypes, slaPolicies, type requests } from '../../db/schema/index.js';
import { currentAgreementFor } from '../agreements/agreements.service.js';

type RequestRow = typeof requests.$inferSelect;
export type SlaSource = 'agreement' | 'type_policy' | 'default_policy';

/** What a request is promised: the calendar the clocks run in and the targets for its priority. */
export interface SlaPlan {
  source: SlaSource;
  calendar: BusinessCalendar;
  firstResponseMinutes: number;
  resolutionMinutes: number | null;
  warnFraction: number;
  warnBeforeMinutes: number;
}

type PolicyRow = typeof slaPolicies.$inferSelect;

async function typePolicy(tx: Tx, workspaceId: string, typeKey: string | null): Promise<PolicyRow | null> {
  if (!typeKey) return null;
  const [row] = await tx
    .select({ p: slaPolicies })
    .from(requestTypes)
    .innerJoin(slaPolicies, and(eq(slaPolicies.workspaceId, requestTypes.workspaceId), eq(slaPolicies.id, requestTypes.slaPolicyId)))
    .where(and(eq(requestTypes.workspaceId, workspaceId), eq(requestTypes.key, typeKey)));
  return row?.p ?? null;
}

async function defaultPolicy(tx: Tx, workspaceId: string): Promise<PolicyRow | null> {
  const [p] = await tx.select().from(slaPolicies).where(and(eq(slaPolicies.workspaceId, workspaceId), eq(slaPolicies.isDefault, true)));
  return p ?? null;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/**
 * The client's agreement decides first (its hours, holidays and per-priority promises; a type
 * listed as around-the-clock runs 24/7 in its timezone); without one, the request type's SLA
 * policy, then the workspace default policy. Null when nothing promises anything.
 */
export async function planFor(tx: Tx, workspaceId: string, request: Pick<RequestRow, 'clientId' | 'type' | 'priority'>, priority: Priority = request.priority): Promise<SlaPlan | null> {
  const agreement = await currentAgreementFor(tx, workspaceId, request.clientId);
  const typeP = await typePolicy(tx, workspaceId, request.type);
  const defP = typeP ? null : await defaultPolicy(tx, workspaceId);
  const policy = typeP ?? defP;
  if (agreement) {
    const roundTheClock = request.type != null && (agreement.aroundTheClock ?? []).some((c) => norm(c) === norm(request.type!));
    return {
      source: 'agreement',
      calendar: roundTheClock ? ALWAYS_OPEN(agreement.timezone) : { timezone: agreement.timezone, hours: agreement.hours, holidays: agreement.holidays },
      firstResponseMinutes: agreement.firstResponseMinutes[priority],
      resolutionMinutes: agreement.resolutionMinutes?.[priority] ?? policy?.resolutionMinutes?.[priority] ?? null,
      warnFraction: policy?.warnFraction ?? 0.75,
      warnBeforeMinutes: policy?.warnBeforeMinutes ?? 0,
    };
  }
  if (!policy) return null;
  return {
    source: typeP ? 'type_policy' : 'default_policy',
    calendar: { timezone: policy.timezone, hours: policy.hours, holidays: policy.holidays },
    firstResponseMinutes: policy.firstResponseMinutes[priority],
    resolutionMinutes: policy.resolutionMinutes?.[priority] ?? null,
    warnFraction: policy.warnFraction,
    warnBeforeMinutes: policy.warnBeforeMinutes,
  };
}
