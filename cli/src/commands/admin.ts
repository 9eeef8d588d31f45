import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '@fitdesk/server/src/config.js';
import { openDatabase } from '@fitdesk/server/src/db/client.js';
import { dataDirHolder } from '@fitdesk/server/src/db/lock.js';
import { migrateDatabase } from '@fitdesk/server/src/db/migrate.js';
import { exportWorkspace } from '@fitdesk/server/src/features/export/export.service.js';
import { DEMO_LOGIN, seedDemo } from '@fitdesk/server/src/features/demo/demo.service.js';
import { CliError, openTarget, pickWorkspace, type Flags } from '../target.js';

const config = () => loadConfig({ ...process.env, FITDESK_LOG_LEVEL: 'warn' });

function refuseIfServing(action: string) {
  const c = config();
  if (c.databaseUrl) return;
  const pid = dataDirHolder(c.dataDir);
  if (pid) throw new CliError(`The fitdesk server (pid ${pid}) is using ${c.dataDir}. Stop it before you ${action}.`);
}

export async function migrateCommand(out: NodeJS.WritableStream = process.stdout): Promise<number> {
  refuseIfServing('migrate (it migrates itself at start-up)');
  const c = config();
  const database = await openDatabase({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  out.write(`Database is up to date (${c.databaseUrl ? 'PostgreSQL' : c.dataDir}).\n`);
  return 0;
}

export async function demoCommand(flags: Flags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const target = await openTarget(flags, { write: true });
  if (target.kind === 'remote') throw new CliError('Seeding the demo needs direct database access: stop the server first (it seeds the demo itself on a fresh data folder).');
  try {
    await seedDemo(target.deps);
  } finally {
    await target.close();
  }
  out.write(`Demo workspace ready. Log in as ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}\n`);
  return 0;
}

export async function exportCommand(flags: Flags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const target = await openTarget(flags, { write: false });
  let data: unknown;
  if (target.kind === 'remote') data = await target.call('GET', '/api/v1/export');
  else {
    try {
      data = await exportWorkspace(target.deps, await pickWorkspace(target.deps, flags));
    } finally {
      await target.close();
    }
  }
  const json = JSON.stringify(data, null, 2);
  if (flags.out) {
    fs.writeFileSync(String(flags.out), json);
    out.write(`Wrote ${String(flags.out)} (${(json.length / 1024).toFixed(0)} KB)\n`);
  } else out.write(json + '\n');
  return 0;
}

/** Backup: the embedded data folder as a PGlite tarball, or pg_dump of a PostgreSQL database. */
export async function backupCommand(flags: Flags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const c = config();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (c.databaseUrl) {
    const file = String(flags.out ?? `fitdesk-backup-${stamp}.sql`);
    try {
      execFileSync('pg_dump', ['--no-owner', '--format=plain', '--file', file, c.databaseUrl], { stdio: ['ignore', 'inherit', 'inherit'] });
    } catch (e) {
      throw new CliError(`pg_dump failed (is postgresql-client installed?): ${(e as Error).message}`);
    }
    out.write(`Wrote ${file}\n`);
    return 0;
  }
  refuseIfServing('back up the data folder (a copy taken while it is written can be inconsistent)');
  const file = String(flags.out ?? `fitdesk-backup-${stamp}.tar.gz`);
  const database = await openDatabase({ dataDir: c.dataDir });
  try {
    const blob = (await database.pglite!.dumpDataDir('gzip')) as Blob;
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await database.close();
  }
  out.write(`Wrote ${file} (${(fs.statSync(file).size / 1024).toFixed(0)} KB)\n`);
  return 0;
}

/** Restore replaces the data: the previous embedded folder is kept beside it, never deleted. */
export async function restoreCommand(file: string | undefined, flags: Flags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (!file || !fs.existsSync(file)) throw new CliError('Usage: fitdesk restore BACKUP_FILE (a file made by `fitdesk backup`)');
  const c = config();
  if (c.databaseUrl) {
    if (!flags.yes) throw new CliError('Restoring into PostgreSQL replays the dump into DATABASE_URL; the database should be empty. Re-run with --yes to go ahead.');
    execFileSync('psql', ['--single-transaction', '--set', 'ON_ERROR_STOP=1', '--file', file, c.databaseUrl], { stdio: ['ignore', 'inherit', 'inherit'] });
    out.write('Restored.\n');
    return 0;
  }
  refuseIfServing('restore');
  const pgdata = path.join(c.dataDir, 'pgdata');
  let kept: string | null = null;
  if (fs.existsSync(pgdata)) {
    kept = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(pgdata, kept);
  }
  try {
    const buf = fs.readFileSync(file);
    const database = await openDatabase({ dataDir: c.dataDir, loadDataDir: new Blob([buf]) });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
  } catch (e) {
    fs.rmSync(pgdata, { recursive: true, force: true });
    if (kept) fs.renameSync(kept, pgdata);
    throw new CliError(`Restore failed, previous data kept in place: ${(e as Error).message}`);
  }
  out.write(`Restored ${file} into ${c.dataDir}.${kept ? ` The previous data is in ${kept}.` : ''}\n`);
  return 0;
}
