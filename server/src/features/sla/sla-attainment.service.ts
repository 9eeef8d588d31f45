import { and, eq, gte, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { attainment } from '@fitdesk/core';
import type { AttainmentQuery } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { clients, requests, slaClocks, users } from '../../db/schema/index.js';
import type { Actor } from '../auth/actor.js';

/**
 * SLA attainment per client, request type or agent: of the targets that finished (met, or
 * breached), the share met in time. Clocks started in [from, to). For reports.
 */
export async function slaAttainment(deps: Deps, actor: Actor, q: z.output<typeof AttainmentQuery>) {
  const keyCol = q.groupBy === 'client' ? requests.clientId : q.groupBy === 'type' ? requests.type : slaClocks.assigneeId;
  const labelCol = q.groupBy === 'client' ? clients.name : q.groupBy === 'type' ? requests.type : users.name;
  const met = sql<number>`count(*) filter (where ${slaClocks.status} = 'met' and ${slaClocks.breachedAt} is null)`.mapWith(Number);
  const breached = sql<number>`count(*) filter (where ${slaClocks.breachedAt} is not null)`.mapWith(Number);
  const rows = await deps.db
    .select({ key: keyCol, label: labelCol, kind: slaClocks.kind, met, breached })
    .from(slaClocks)
    .innerJoin(requests, and(eq(requests.workspaceId, slaClocks.workspaceId), eq(requests.id, slaClocks.requestId)))
    .leftJoin(clients, and(eq(clients.workspaceId, requests.workspaceId), eq(clients.id, requests.clientId)))
    .leftJoin(users, and(eq(users.workspaceId, slaClocks.workspaceId), eq(users.id, slaClocks.assigneeId)))
    .where(
      and(
        eq(slaClocks.workspaceId, actor.workspaceId),
        or(eq(slaClocks.status, 'met'), isNotNull(slaClocks.breachedAt)),
        q.kind ? eq(slaClocks.kind, q.kind) : undefined,
        q.from ? gte(slaClocks.startedAt, new Date(q.from)) : undefined,
        q.to ? lt(slaClocks.startedAt, new Date(q.to)) : undefined,
      ),
    )
    .groupBy(keyCol, labelCol, slaClocks.kind);
  return {
    groupBy: q.groupBy,
    rows: rows
      .map((r) => ({
        key: r.key ?? null,
        label: r.label ?? (q.groupBy === 'agent' ? 'Unassigned' : q.groupBy === 'type' ? 'Untyped' : 'No client'),
        kind: r.kind,
        total: r.met + r.breached,
        met: r.met,
        breached: r.breached,
        attainment: attainment(r.met, r.met + r.breached),
      }))
      .sort((a, b) => a.label.localeCompare(b.label) || a.kind.localeCompare(b.kind)),
  };
}
