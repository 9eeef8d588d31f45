import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';

/**
 * Runs once per `vitest run`: migrates one template database (a PGlite dump file, or a
 * PostgreSQL template database under test:pg) that every test database is then copied from.
 * Migrating costs seconds; copying a fraction of a second.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `fitdesk_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    await migrateDatabase(database);
    await database.close();
    process.env.FITDESK_TEST_PG_TEMPLATE = name;
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    };
  }
  const database = await openDatabase({ memory: true });
  await migrateDatabase(database);
  const blob = (await database.pglite!.dumpDataDir('none')) as Blob;
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-tpl-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  process.env.FITDESK_TEST_PGLITE_TEMPLATE = file;
  return async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
