import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { DataDirLockedError } from './db/lock.js';
import { migrateDatabase } from './db/migrate.js';
import { createDeps } from './compose.js';
import { buildApp } from './app.js';
import { DEMO_LOGIN, isEmpty, seedDemo } from './features/demo/demo.service.js';
import { startRoles } from './roles.js';

/** Composition root: config → database → migrations → deps → roles (web, worker, mail) → listen. */
export async function main(): Promise<void> {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`\n  ✖ ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  await migrateDatabase(database);
  const deps = createDeps(database, config);
  const seeded = config.demo && (await isEmpty(deps));
  if (seeded) await seedDemo(deps);
  const stopRoles = await startRoles(deps);
  const app = config.roles.has('web') ? await buildApp(deps) : null;
  if (app) await app.listen({ port: config.port, host: config.host });
  // Tell CLI commands where the server that holds this data folder answers.
  const infoFile = config.databaseUrl ? null : path.join(config.dataDir, 'server.json');
  if (infoFile && app) fs.writeFileSync(infoFile, JSON.stringify({ pid: process.pid, url: config.publicUrl }));

  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`\n  fitdesk is running${app ? ` at ${config.publicUrl}` : ''}  ·  storage: ${where}  ·  roles: ${[...config.roles].join(', ')}`);
  if (app) {
    console.log(`  API docs: ${config.publicUrl}/api/docs`);
    if (config.demo) console.log(`  Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}${seeded ? '  (demo workspace created)' : ''}`);
  }
  console.log('');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal }, 'shutting down');
    await app?.close().catch(() => undefined);
    await stopRoles().catch(() => undefined);
    await database.close().catch(() => undefined);
    if (infoFile) fs.rmSync(infoFile, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
