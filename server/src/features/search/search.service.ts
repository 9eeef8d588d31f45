import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { SearchQuery } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { rows } from '../../db/client.js';
import { decodeCursor, encodeCursor } from '../../infra/cursor.js';
import type { Actor } from '../auth/actor.js';

// Sentinels ts_headline wraps matches in; the text is HTML-escaped afterwards and they become <mark>.
/** How many of the most recent matching messages are ranked for one search. */
export const RANK_CAP = 2000;

const START = '\u0002';
const STOP = '\u0003';
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const toSnippet = (s: string) =>
  escapeHtml(s.replace(/[\u0000\u0001\u0004-\u0008]/g, ''))
    .split(START)
    .join('<mark>')
    .split(STOP)
    .join('</mark>');

interface Hit {
  request_id: string;
  message_id: string | null;
  rank: number;
  number: number;
  subject: string;
  status: string;
  client_name: string | null;
  last_message_at: Date | string;
}

/**
 * Full-text search over request subjects and message bodies (tsvector + GIN), best match per
 * request, ranked (subject hits count double), keyset-paginated by rank; snippets are
 * computed only for the returned page because ts_headline is the expensive part.
 */
export async function search(deps: Deps, actor: Actor, q: z.output<typeof SearchQuery>) {
  const cur = q.cursor ? decodeCursor(q.cursor, ['v', 'id']) : null;
  const statusFilter =
    q.status === 'any' ? sql`true` : q.status === 'active' ? sql`r.status in ('new','open','waiting')` : sql`r.status = ${q.status}`;
  const after = cur ? sql`(b.rank < ${Number(cur.v)} or (b.rank = ${Number(cur.v)} and b.request_id < ${cur.id}::uuid))` : sql`true`;
  const hits = await rows<Hit>(
    deps.db,
    sql`
    with q as (select websearch_to_tsquery('english', ${q.q}) as tsq),
    -- Rank only the most recent matches: ts_rank over every message containing a common word
    -- is what makes such searches slow, and in a desk the recent conversations are the ones
    -- people look for. Rare words have fewer matches than the cap and are ranked in full.
    mhits as (
      select m.request_id, m.id as message_id, m.search
        from messages m, q where m.workspace_id = ${actor.workspaceId} and m.search @@ q.tsq
       order by m.sent_at desc
       limit ${RANK_CAP}
    ),
    hits as (
      select h.request_id, h.message_id, ts_rank(h.search, q.tsq)::float8 as rank from mhits h, q
      union all
      select s.id, null::uuid, (2 * ts_rank(s.search, q.tsq))::float8
        from (select r.id, r.search from requests r, q where r.workspace_id = ${actor.workspaceId} and r.search @@ q.tsq
               order by r.last_message_at desc limit ${RANK_CAP}) s, q
    ),
    b as (select distinct on (request_id) request_id, message_id, rank from hits order by request_id, rank desc)
    select b.request_id, b.message_id, round(b.rank::numeric, 6)::float8 as rank, r.number, r.subject, r.status, c.name as client_name, r.last_message_at
      from b
      join requests r on r.workspace_id = ${actor.workspaceId} and r.id = b.request_id
      left join clients c on c.workspace_id = r.workspace_id and c.id = r.client_id
     where ${statusFilter} and ${after}
     order by round(b.rank::numeric, 6) desc, b.request_id desc
     limit ${q.limit + 1}`,
  );
  const page = hits.slice(0, q.limit);
  const snippets = new Map<string, string>();
  if (page.length) {
    const opts = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
    const msgIds = page.map((h) => h.message_id).filter((x): x is string => !!x);
    const reqIds = page.filter((h) => !h.message_id).map((h) => h.request_id);
    const heads = await rows<{ id: string; h: string }>(
      deps.db,
      sql`
      with q as (select websearch_to_tsquery('english', ${q.q}) as tsq)
      select m.id::text as id, ts_headline('english', left(m.body_text, 20000), q.tsq, ${opts}) as h
        from messages m, q where m.workspace_id = ${actor.workspaceId} and m.id in (${msgIds.length ? sql.join(msgIds.map((i) => sql`${i}::uuid`), sql`, `) : sql`null::uuid`})
      union all
      select r.id::text, ts_headline('english', r.subject, q.tsq, ${opts})
        from requests r, q where r.workspace_id = ${actor.workspaceId} and r.id in (${reqIds.length ? sql.join(reqIds.map((i) => sql`${i}::uuid`), sql`, `) : sql`null::uuid`})`,
    );
    for (const h of heads) snippets.set(h.id, toSnippet(h.h));
  }
  const last = page[page.length - 1];
  return {
    items: page.map((h) => ({
      requestId: h.request_id,
      number: h.number,
      subject: h.subject,
      status: h.status as 'new',
      clientName: h.client_name,
      rank: h.rank,
      snippet: snippets.get(h.message_id ?? h.request_id) ?? escapeHtml(h.subject),
      matchedMessageId: h.message_id,
      lastMessageAt: new Date(h.last_message_at).toISOString(),
    })),
    nextCursor: hits.length > q.limit && last ? encodeCursor({ v: last.rank, id: last.request_id }) : null,
  };
}
