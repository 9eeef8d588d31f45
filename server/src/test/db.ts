import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';

/**
 * A migrated, empty database for one test (or one test file).
 *
 * - With DATABASE_URL (`npm run test:pg`): a fresh database `fitdesk_test_<time>_<random>` on that
 *   server, dropped again by close().
 * - Otherwise: an in-memory PGlite loaded from a migrated data dir dumped once per process
 *   (migrating a fresh PGlite costs seconds; loading the dump costs a fraction of that).
 */
export interface TestDatabase extends Database {
  /** Connection string of this database (PostgreSQL only). */
  databaseUrl?: string;
  /**
   * A second, independent handle on the same database, as another app process would have: a
   * separate pool on PostgreSQL; on PGlite the same engine (it has one connection). Closing the
   * returned handle leaves this one open.
   */
  connectAgain(): Promise<Database>;
}

const PREFIX = 'fitdesk_test_';

let template: Promise<Blob> | undefined;

/** Migrates a PGlite once per process and keeps its data dir as an uncompressed tarball. */
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    // Made once per `vitest run` by global-setup.ts; each test process then only loads it.
    const file = process.env.FITDESK_TEST_PGLITE_TEMPLATE;
    if (file && fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
    const database = await openDatabase({ memory: true });
    try {
      await migrateDatabase(database);
      return (await database.pglite!.dumpDataDir('none')) as Blob;
    } finally {
      await database.close();
    }
  })();
  template.catch(() => {
    template = undefined;
  });
  return template;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgresTestDatabase(url) : openPgliteTestDatabase();
}

async function openPgliteTestDatabase(): Promise<TestDatabase> {
  const blob = await migratedTemplate();
  const database = await openDatabase({ memory: true, loadDataDir: blob });
  return {
    ...database,
    connectAgain: async () => ({ ...database, close: async () => undefined }),
  };
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function openPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `${PREFIX}${Math.floor(Date.now() / 1000)}_${crypto.randomBytes(6).toString('hex')}`;
  // A migrated template made once per run by global-setup.ts: copying it beats migrating.
  const tpl = process.env.FITDESK_TEST_PG_TEMPLATE;
  await admin(serverUrl, (c) => c.query(tpl ? `CREATE DATABASE ${name} TEMPLATE ${tpl}` : `CREATE DATABASE ${name}`));
  const databaseUrl = withDatabaseName(serverUrl, name);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl });
    if (!tpl) await migrateDatabase(database);
  } catch (err) {
    await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
    throw err;
  }
  const extra: Database[] = [];
  let closed = false;
  return {
    ...database,
    databaseUrl,
    connectAgain: async () => {
      const again = await openDatabase({ databaseUrl });
      extra.push(again);
      return again;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.allSettled(extra.map((d) => d.close()));
      await database.close().catch(() => undefined);
      // FORCE: a handle a test forgot to close must not leave the database behind.
      await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * Forgets the cached PGlite template (the next open migrates again) and, on PostgreSQL, drops
 * test databases left behind by killed runs (older than an hour, so a parallel run is safe).
 */
export async function resetTestDatabases(): Promise<void> {
  template = undefined;
  const url = process.env.DATABASE_URL;
  if (!url) return;
  await admin(url, async (c) => {
    const res = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${PREFIX}%`]);
    const cutoff = Date.now() / 1000 - 3600;
    for (const { datname } of res.rows) {
      const created = Number(datname.slice(PREFIX.length).split('_')[0]);
      if (!/^[a-z0-9_]+$/.test(datname) || !(created < cutoff)) continue;
      await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
  });
}

/**
 * Polls `condition` until it holds, failing after a generous deadline: tests wait for a state,
 * never for a fixed time.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 25, message = 'condition' }: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
