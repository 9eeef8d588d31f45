import { AsyncLocalStorage } from 'node:async_hooks';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DomainEvent, EventType } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { events } from '../../db/schema/index.js';
import { asDate, keyset } from '../../infra/keyset.js';

export type EventRow = typeof events.$inferSelect;

export interface EmitInput {
  workspaceId: string;
  type: EventType;
  requestId?: string | null;
  clientId?: string | null;
  data?: Record<string, unknown>;
}

/** Which automation rule, acting on which event, is making the current changes. */
export interface Cause {
  eventId: string;
  ruleId: string;
  /** Depth of the event the rule is acting on. */
  depth: number;
}

/** The job that processes one event (automations, then webhook fan-out). */
export const PROCESS_EVENT_QUEUE = 'events.process';

const causeStore = new AsyncLocalStorage<Cause>();

/**
 * Runs `fn` with `cause` attached: every event emitted inside it (however deep in the services
 * it calls) records the rule and event that caused it and gets depth cause.depth + 1. This is
 * how automations cannot loop without every service having to pass a causation argument.
 */
export function withCause<T>(cause: Cause, fn: () => Promise<T>): Promise<T> {
  return causeStore.run(cause, fn);
}

/** The cause in effect (inside an automation's actions), if any. */
export const currentCause = (): Cause | undefined => causeStore.getStore();

/**
 * Records a domain event in the caller's transaction and enqueues its processing in the same
 * transaction: the event exists, and will be processed, iff the change that caused it commits.
 * Call it with the transaction of the change (never after commit).
 */
export async function emitEvent(tx: Tx, deps: Pick<Deps, 'jobs' | 'clock'>, input: EmitInput): Promise<EventRow> {
  const cause = currentCause();
  const [row] = await tx
    .insert(events)
    .values({
      workspaceId: input.workspaceId,
      type: input.type,
      requestId: input.requestId ?? null,
      clientId: input.clientId ?? null,
      data: input.data ?? {},
      depth: cause ? cause.depth + 1 : 0,
      causationEventId: cause?.eventId ?? null,
      causationRuleId: cause?.ruleId ?? null,
      createdAt: deps.clock.now(),
    })
    .returning();
  await deps.jobs.send(PROCESS_EVENT_QUEUE, { workspaceId: input.workspaceId, eventId: row!.id }, { tx, workspaceId: input.workspaceId });
  return row!;
}

export const toDomainEvent = (e: EventRow): DomainEvent => ({
  id: e.id,
  workspaceId: e.workspaceId,
  type: e.type as EventType,
  requestId: e.requestId,
  clientId: e.clientId,
  data: e.data,
  depth: e.depth,
  causationEventId: e.causationEventId,
  causationRuleId: e.causationRuleId,
  createdAt: e.createdAt.toISOString(),
});

export async function findEvent(tx: Tx, workspaceId: string, id: string): Promise<EventRow | undefined> {
  const [e] = await tx.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.id, id)));
  return e;
}

/** Events not processed yet, oldest first (the sweeper and tests use it). */
export async function unprocessedEvents(tx: Tx, workspaceId?: string, limit = 100): Promise<EventRow[]> {
  return tx
    .select()
    .from(events)
    .where(and(isNull(events.processedAt), workspaceId ? eq(events.workspaceId, workspaceId) : undefined))
    .orderBy(asc(events.createdAt), asc(events.id))
    .limit(limit);
}

export async function listEvents(tx: Tx, workspaceId: string, q: { requestId?: string; type?: string; limit: number; cursor?: string }) {
  const ks = keyset({ col: events.createdAt, id: events.id, dir: 'desc', cursor: q.cursor, decode: asDate });
  const out = await tx
    .select()
    .from(events)
    .where(
      and(
        eq(events.workspaceId, workspaceId),
        q.requestId ? eq(events.requestId, q.requestId) : undefined,
        q.type ? eq(events.type, q.type) : undefined,
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  return { items: out.slice(0, q.limit).map(toDomainEvent), nextCursor: ks.next(out, q.limit, (r) => ({ v: r.createdAt, id: r.id })) };
}
