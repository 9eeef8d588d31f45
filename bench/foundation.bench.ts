import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, rows, type Database } from '../server/src/db/client.js';
import { migrateDatabase } from '../server/src/db/migrate.js';
import { createDeps } from '../server/src/compose.js';
import type { Deps } from '../server/src/deps.js';
import { contacts, users, workspaces } from '../server/src/db/schema/index.js';
import { systemActor } from '../server/src/features/auth/actor.js';
import { addMessage, recordInbound } from '../server/src/features/requests/requests.service.js';
import { listRequests } from '../server/src/features/requests/requests.list.js';
import { search } from '../server/src/features/search/search.service.js';
import { generate, SEARCH_TERMS, stats } from './data.js';

const CONTACTS = 2000;

async function freshDatabase(kind: 'pglite' | 'postgres', label: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fitdesk-bench-${label}-`));
    const database = await openDatabase({ dataDir: dir });
    await migrateDatabase(database);
    return { database, drop: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `fitdesk_bench_${label}_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  await migrateDatabase(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function setupWorkspace(deps: Deps) {
  const [w] = await deps.db.insert(workspaces).values({ name: 'Bench', slug: `bench-${Date.now()}` }).returning();
  // Every open request needs an owner: a small team to route to.
  await deps.db.insert(users).values(['Ann', 'Ben', 'Cy'].map((name, i) => ({ workspaceId: w!.id, email: `agent${i}@bench.example`, name, role: i === 0 ? ('owner' as const) : ('agent' as const) })));
  const ids: string[] = [];
  for (let i = 0; i < CONTACTS; i += 500) {
    const batch = await deps.db
      .insert(contacts)
      .values(Array.from({ length: Math.min(500, CONTACTS - i) }, (_, j) => ({ workspaceId: w!.id, name: `Contact ${i + j}`, email: `c${i + j}@bench.example` })))
      .returning({ id: contacts.id });
    ids.push(...batch.map((b) => b.id));
  }
  return { workspaceId: w!.id, contactIds: ids };
}

/** Every request through the service layer: a transaction per message with audit and the inbound pipeline. */
async function loadViaServices(deps: Deps, n: number, progress: (i: number) => void) {
  const { workspaceId, contactIds } = await setupWorkspace(deps);
  const actor = systemActor(workspaceId, 'bench');
  const now = Date.now();
  const t0 = performance.now();
  let i = 0;
  for (const g of generate(n, CONTACTS)) {
    const start = new Date(now - g.startMinutesAgo * 60_000);
    const m = g.messages;
    const { requestId } = await recordInbound(deps, actor, { subject: g.subject, body: m[0]!.body, channel: 'email', priority: g.priority, contactId: contactIds[g.contact]!, sentAt: start });
    await addMessage(deps, actor, requestId, { direction: 'outbound', body: m[1]!.body, status: g.status === 'new' ? undefined : g.status });
    if (m[2]!.direction === 'inbound') await recordInbound(deps, actor, { subject: g.subject, body: m[2]!.body, channel: 'email', requestId, contactId: contactIds[g.contact]! });
    else await addMessage(deps, actor, requestId, { direction: 'note', body: m[2]!.body });
    if (++i % 1000 === 0) progress(i);
  }
  return { workspaceId, ms: performance.now() - t0 };
}

/** The same rows with plain multi-row INSERTs, 500 requests (1,500 messages) per transaction. */
async function loadViaPlainSql(deps: Deps, n: number) {
  const { workspaceId, contactIds } = await setupWorkspace(deps);
  const now = Date.now();
  const t0 = performance.now();
  let number = 1000;
  let batch: ReturnType<typeof generate> extends Generator<infer G> ? G[] : never = [];
  const flush = async () => {
    if (!batch.length) return;
    await deps.db.transaction(async (tx) => {
      const reqValues = batch.map((g) => {
        const start = new Date(now - g.startMinutesAgo * 60_000);
        const last = new Date(start.getTime() + g.messages[2]!.minutesAfter * 60_000);
        return sql`(${workspaceId}::uuid, ${number++}, ${g.subject}, ${g.status}, ${g.priority}, 'email', ${contactIds[g.contact]!}::uuid, 3, ${last.toISOString()}::timestamptz, ${start.toISOString()}::timestamptz)`;
      });
      const ids = await rows<{ id: string }>(
        tx,
        sql`insert into requests (workspace_id, number, subject, status, priority, channel, contact_id, message_count, last_message_at, created_at) values ${sql.join(reqValues, sql`, `)} returning id`,
      );
      const msgValues = batch.flatMap((g, k) => {
        const start = now - g.startMinutesAgo * 60_000;
        return g.messages.map(
          (m) => sql`(${workspaceId}::uuid, ${ids[k]!.id}::uuid, ${m.direction}, 'email', ${m.body}, ${new Date(start + m.minutesAfter * 60_000).toISOString()}::timestamptz)`,
        );
      });
      await tx.execute(sql`insert into messages (workspace_id, request_id, direction, channel, body_text, sent_at) values ${sql.join(msgValues, sql`, `)}`);
    });
    batch = [];
  };
  for (const g of generate(n, CONTACTS)) {
    batch.push(g);
    if (batch.length === 500) await flush();
  }
  await flush();
  return { workspaceId, ms: performance.now() - t0 };
}

async function measureQueries(deps: Deps, workspaceId: string) {
  const actor = systemActor(workspaceId, 'bench');
  const inboxFirst: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await listRequests(deps, actor, { status: 'active', sort: '-lastMessageAt', limit: 50 });
    inboxFirst.push(performance.now() - t);
  }
  const deep: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (; pages < 100; pages++) {
    const t = performance.now();
    const page = await listRequests(deps, actor, { status: 'active', sort: '-lastMessageAt', limit: 50, cursor });
    deep.push(performance.now() - t);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const rawInbox: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await deps.db.execute(sql`select * from requests where workspace_id = ${workspaceId} and status in ('new','open','waiting') order by last_message_at desc, id desc limit 51`);
    rawInbox.push(performance.now() - t);
  }
  const searchTimes: Record<string, number[]> = {};
  const all: number[] = [];
  const hitsPerTerm: Record<string, number> = {};
  for (const term of SEARCH_TERMS) {
    searchTimes[term] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await search(deps, actor, { q: term, limit: 20, status: 'any' });
      const ms = performance.now() - t;
      searchTimes[term]!.push(ms);
      all.push(ms);
      hitsPerTerm[term] = r.items.length;
    }
  }
  return {
    inbox_first_page: stats(inboxFirst),
    inbox_first_page_raw_sql: stats(rawInbox),
    inbox_deep_pages: { ...stats(deep), pages_walked: pages + 1 },
    search_all_terms: stats(all),
    search_by_term: Object.fromEntries(Object.entries(searchTimes).map(([k, v]) => [k, { ...stats(v), hits: hitsPerTerm[k] }])),
  };
}

/**
 * The foundation benchmark on one database kind. The same generated rows are loaded with plain
 * multi-row INSERTs (n requests) and through the service layer (`serviceN` requests: a
 * transaction per message with audit and the whole inbound pipeline); the inbox and search are
 * then measured through the services at full size, beside raw SQL of the same query.
 */
export async function benchFoundation(kind: 'pglite' | 'postgres', n: number, serviceN: number, log: (s: string) => void) {
  const config = loadConfig({ FITDESK_LOG_LEVEL: 'silent', FITDESK_ROLES: '' });
  const svc = await freshDatabase(kind, 'service');
  const svcDeps = createDeps(svc.database, config);
  log(`[${kind}] service-layer insert of ${serviceN} requests…`);
  const s = await loadViaServices(svcDeps, serviceN, (i) => i % 1000 === 0 && log(`[${kind}]   ${i}`));
  await svc.drop();

  const plain = await freshDatabase(kind, 'plain');
  const deps = createDeps(plain.database, config);
  log(`[${kind}] plain SQL insert of ${n} requests…`);
  const p = await loadViaPlainSql(deps, n);
  log(`[${kind}] queries at ${n} requests…`);
  const q = await measureQueries(deps, p.workspaceId);
  await plain.drop();
  const perSec = (count: number, ms: number) => Math.round((count / ms) * 1000);
  const perRequestMs = { plain: p.ms / n, service: s.ms / serviceN };
  return {
    database: kind,
    requests: n,
    messages: n * 3,
    insert: {
      plain_sql: { requests: n, seconds: Math.round(p.ms) / 1000, requests_per_s: perSec(n, p.ms), messages_per_s: perSec(3 * n, p.ms) },
      service_layer: { requests: serviceN, seconds: Math.round(s.ms) / 1000, requests_per_s: perSec(serviceN, s.ms), messages_per_s: perSec(3 * serviceN, s.ms) },
      service_over_plain_per_request_ratio: Math.round((perRequestMs.service / perRequestMs.plain) * 10) / 10,
    },
    ...q,
    inbox_service_over_raw_p50_ratio: Math.round((q.inbox_first_page.p50_ms / q.inbox_first_page_raw_sql.p50_ms) * 100) / 100,
  };
}
