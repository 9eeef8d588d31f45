import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '@fitdesk/server/src/config.js';
import { openDatabase, type Database } from '@fitdesk/server/src/db/client.js';
import { dataDirHolder } from '@fitdesk/server/src/db/lock.js';
import { migrateDatabase } from '@fitdesk/server/src/db/migrate.js';
import { createDeps } from '@fitdesk/server/src/compose.js';
import type { Deps } from '@fitdesk/server/src/deps.js';
import { workspaces } from '@fitdesk/server/src/db/schema/index.js';
import { systemActor, type Actor } from '@fitdesk/server/src/features/auth/actor.js';

/** An error the user can act on: printed as a message, not a stack. */
export class CliError extends Error {
  override name = 'CliError';
}
export const isCliError = (e: unknown): e is CliError => e instanceof Error && e.name === 'CliError';

export interface Flags {
  [k: string]: string | boolean | undefined;
}

/** The API of a running server, used when it holds the data folder. */
export interface RemoteTarget {
  kind: 'remote';
  url: string;
  token: string;
  call<T>(method: string, p: string, body?: unknown): Promise<T>;
}

export interface LocalTarget {
  kind: 'local';
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

export function serverInfoFile(dataDir: string) {
  return path.join(dataDir, 'server.json');
}

/**
 * Where a writing command should go. PostgreSQL is safe to share, so we connect directly.
 * An embedded data folder held by a running server is not: then we use that server's API
 * (with an API token), or refuse with instructions instead of risking lost writes.
 */
export async function openTarget(flags: Flags, opts: { write: boolean }): Promise<LocalTarget | RemoteTarget> {
  const config = loadConfig({ ...process.env, FITDESK_LOG_LEVEL: 'warn', ...(flags['data-dir'] ? { FITDESK_DATA_DIR: String(flags['data-dir']) } : {}) });
  const serverUrl = (flags.server as string | undefined) ?? process.env.FITDESK_SERVER_URL;
  const token = (flags.token as string | undefined) ?? process.env.FITDESK_TOKEN;
  if (serverUrl) return remote(serverUrl, token);
  if (!config.databaseUrl) {
    const holder = dataDirHolder(config.dataDir);
    if (holder) {
      let url = `http://localhost:${config.port}`;
      try {
        url = JSON.parse(fs.readFileSync(serverInfoFile(config.dataDir), 'utf8')).url ?? url;
      } catch {
        /* older server: default URL */
      }
      if (token) return remote(url, token);
      throw new CliError(
        `The fitdesk server (pid ${holder}) is using the data folder ${config.dataDir}, and opening it twice would lose writes.\n` +
          `${opts.write ? 'Send this through the running server' : 'Read it through the running server'}: create an API token in Settings → API tokens, then\n` +
          `  FITDESK_TOKEN=<token> npx fitdesk ${process.argv.slice(2).join(' ')}   (server: ${url})\n` +
          `or stop the server first.`,
      );
    }
  }
  return local(config);
}

async function local(config: Config): Promise<LocalTarget> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  await migrateDatabase(database);
  const deps = createDeps(database, { ...config, roles: new Set() });
  return { kind: 'local', deps, database, close: () => database.close() };
}

function remote(url: string, token: string | undefined): RemoteTarget {
  if (!token) throw new CliError('Talking to a server needs an API token: pass --token or set FITDESK_TOKEN (Settings → API tokens).');
  const base = url.replace(/\/+$/, '');
  return {
    kind: 'remote',
    url: base,
    token,
    async call<T>(method: string, p: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(base + p, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body !== undefined ? JSON.stringify(body) : undefined,
        });
      } catch (e) {
        throw new CliError(`Cannot reach the fitdesk server at ${base}: ${(e as Error).message}`);
      }
      const text = await res.text();
      const json = text ? JSON.parse(text) : null;
      if (!res.ok) throw new CliError(`Server answered ${res.status}: ${json?.error?.message ?? text}${json?.error?.field ? ` (field ${json.error.field})` : ''}`);
      return json as T;
    },
  };
}

/** The workspace a local command acts on: --workspace SLUG, or the only one there is. */
export async function pickWorkspace(deps: Deps, flags: Flags): Promise<Actor> {
  const all = await deps.db.select({ id: workspaces.id, slug: workspaces.slug }).from(workspaces);
  const slug = flags.workspace as string | undefined;
  const w = slug ? all.find((x) => x.slug === slug) : all.length === 1 ? all[0] : undefined;
  if (!w) {
    if (!all.length) throw new CliError('There is no workspace yet: run `npx fitdesk demo` or sign up in the web app.');
    throw new CliError(`${slug ? `No workspace "${slug}". ` : ''}Pick one with --workspace: ${all.map((x) => x.slug).join(', ')}`);
  }
  return systemActor(w.id, 'cli');
}
