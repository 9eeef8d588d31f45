import { and, arrayContains, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestListQuery } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { requests } from '../../db/schema/index.js';
import { asDate, keyset } from '../../infra/keyset.js';
import type { Actor } from '../auth/actor.js';
import { summaryQuery, toSummary } from './requests.repo.js';

// Requests without a running SLA sort after every due one (time-to-breach order).
const NO_DUE = new Date('9999-12-31T00:00:00Z');
const slaDue = sql<Date>`coalesce(${requests.slaDueAt}, ${NO_DUE.toISOString()}::timestamptz)`;
const priorityRank = sql<number>`(case ${requests.priority} when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end)`;

/** The inbox: requests filtered, sorted and keyset-paginated, always scoped to the workspace. */
export async function listRequests(deps: Deps, actor: Actor, q: z.output<typeof RequestListQuery>) {
  const field = q.sort.replace('-', '');
  const dir = q.sort.startsWith('-') ? 'desc' : 'asc';
  const col =
    field === 'createdAt' ? requests.createdAt : field === 'number' ? requests.number : field === 'priority' ? priorityRank : field === 'slaDueAt' ? slaDue : requests.lastMessageAt;
  const isDate = field === 'createdAt' || field === 'lastMessageAt' || field === 'slaDueAt';
  const ks = keyset({ col: col as never, id: requests.id, dir, cursor: q.cursor, decode: isDate ? asDate : (v) => Number(v) });
  const status: SQL | undefined =
    q.status === 'any' ? undefined : q.status === 'active' ? inArray(requests.status, ['new', 'open', 'waiting']) : eq(requests.status, q.status);
  const assigneeId = q.assigneeId === 'me' ? actor.userId : q.assigneeId;
  const rowsOut = await summaryQuery(deps.db)
    .where(
      and(
        eq(requests.workspaceId, actor.workspaceId),
        status,
        q.priority ? eq(requests.priority, q.priority) : undefined,
        q.channel ? eq(requests.channel, q.channel) : undefined,
        assigneeId === 'none' || assigneeId === null ? isNull(requests.assigneeId) : assigneeId ? eq(requests.assigneeId, assigneeId) : undefined,
        q.clientId ? eq(requests.clientId, q.clientId) : undefined,
        q.contactId ? eq(requests.contactId, q.contactId) : undefined,
        q.tag ? arrayContains(requests.tags, [q.tag]) : undefined,
        q.tone ? eq(requests.tone, q.tone) : undefined,
        q.urgency ? eq(requests.urgency, q.urgency) : undefined,
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  const keyOf = (r: (typeof rowsOut)[number]) => {
    const v =
      field === 'slaDueAt' ? (r.r.slaDueAt ?? NO_DUE) : field === 'createdAt' ? r.r.createdAt : field === 'number' ? r.r.number : field === 'priority' ? ({ urgent: 3, high: 2, normal: 1, low: 0 } as const)[r.r.priority] : r.r.lastMessageAt;
    return { v, id: r.r.id };
  };
  return { items: rowsOut.slice(0, q.limit).map(toSummary), nextCursor: ks.next(rowsOut, q.limit, keyOf) };
}
