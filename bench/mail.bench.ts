import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type Database } from '../server/src/db/client.js';
import { migrateDatabase } from '../server/src/db/migrate.js';
import { createDeps } from '../server/src/compose.js';
import { mailboxes, users, workspaces } from '../server/src/db/schema/index.js';
import { startMailRole } from '../server/src/features/mail/mail.role.js';
import { stats } from './data.js';

/**
 * Inbound email end to end: nodemailer → our SMTP server → raw row committed → parsed, threaded,
 * request + message + analysis committed → 250. Measured one message at a time (latency) and
 * with parallel SMTP connections (throughput), beside a plain-SQL baseline that writes the same
 * two rows (raw message, message) per message in a transaction of its own.
 */
const N = Number(process.env.BENCH_MAIL_MESSAGES ?? 400);
const PARALLEL = Number(process.env.BENCH_MAIL_PARALLEL ?? 8);

async function fresh(kind: 'pglite' | 'postgres'): Promise<{ database: Database; dataDir: string; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-bench-mail-'));
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir });
    await migrateDatabase(database);
    return { database, dataDir, drop: async () => { await database.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `fitdesk_bench_mail_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  await migrateDatabase(database);
  return {
    database,
    dataDir,
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const body = (i: number) =>
  `Hello,\n\nOur invoice ${i} shows the wrong total again. Could you check it before Friday's payroll run?\n\nThanks,\nClient ${i % 50}`;

async function benchKind(kind: 'pglite' | 'postgres') {
  const db = await fresh(kind);
  const config = loadConfig({ FITDESK_LOG_LEVEL: process.env.BENCH_LOG ?? 'silent', FITDESK_ROLES: '', FITDESK_SMTP_PORT: '0', FITDESK_DATA_DIR: db.dataDir, FITDESK_MAIL_SENDER_LIMIT: '1000000' });
  const deps = createDeps(db.database, config);
  const [ws] = await deps.db.insert(workspaces).values({ name: 'Bench', slug: `bench-${crypto.randomUUID().slice(0, 8)}` }).returning();
  await deps.db.insert(users).values({ workspaceId: ws!.id, email: 'owner@bench.example', name: 'Owner', role: 'owner' });
  await deps.db.insert(mailboxes).values({ workspaceId: ws!.id, address: 'bench.example', fromAddress: 'support@bench.example' });
  const role = await startMailRole(deps, { imap: false });
  const port = role.smtp!.port;
  const mail = (i: number) => ({ from: `client${i % 50}@c${i % 50}.example`, to: 'support@bench.example', subject: `Invoice ${i} total is wrong`, text: body(i), messageId: `<bench-${kind}-${i}@c.example>` });

  // Latency: one message at a time on a kept-open connection.
  const one = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: 1, maxMessages: Infinity, ignoreTLS: true });
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    await one.sendMail(mail(i));
    lat.push(performance.now() - s);
  }
  const serialMs = performance.now() - t0;
  one.close();

  // Throughput: PARALLEL connections.
  const many = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: PARALLEL, maxMessages: Infinity, ignoreTLS: true });
  const t1 = performance.now();
  await Promise.all(Array.from({ length: N }, (_, k) => many.sendMail(mail(N + k))));
  const parallelMs = performance.now() - t1;
  many.close();
  await role.stop();

  // Baseline: the same two rows per message with plain INSERTs, one transaction per message.
  const raw = Buffer.from(`Subject: x\r\n\r\n${body(0)}`);
  const requestId = crypto.randomUUID();
  const t2 = performance.now();
  for (let i = 0; i < N; i++) {
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`insert into raw_messages (workspace_id, source, dedupe_key, size, raw, status) values (${ws!.id}::uuid, 'smtp', ${`base-${i}`}, ${raw.length}, ${raw}, 'stored')`);
      await tx.execute(sql`insert into messages (workspace_id, request_id, direction, channel, body_text, message_id_header, sent_at) values (${ws!.id}::uuid, ${requestId}::uuid, 'inbound', 'email', ${body(i)}, ${`<base-${i}@x>`}, now())`);
    });
  }
  const baseMs = performance.now() - t2;
  const stored = (await deps.db.execute(sql`select count(*)::int as n from raw_messages where workspace_id = ${ws!.id}::uuid and status = 'stored' and source = 'smtp' and dedupe_key like '<bench-%'`)) as unknown as { rows: Array<{ n: number }> };
  await db.drop();
  const perSec = (count: number, ms: number) => Math.round((count / ms) * 1000 * 10) / 10;
  return {
    database: kind,
    messages: N,
    stored_via_smtp: stored.rows[0]?.n ?? null,
    smtp_serial: { messages_per_s: perSec(N, serialMs), ...stats(lat) },
    smtp_parallel: { connections: PARALLEL, messages_per_s: perSec(N, parallelMs) },
    plain_insert_baseline: { messages_per_s: perSec(N, baseMs) },
    note: 'per message: SMTP session + raw commit + parse + thread + request/contact/message/audit/analysis commit, then 250',
  };
}

export async function benchMail(): Promise<object> {
  const out: object[] = [await benchKind('pglite')];
  if (process.env.DATABASE_URL) out.push(await benchKind('postgres'));
  return out;
}
