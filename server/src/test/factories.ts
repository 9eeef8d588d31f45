import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { createDeps } from '../compose.js';
import { buildApp } from '../app.js';
import type { Deps } from '../deps.js';
import { ManualClock, type Clock } from '../infra/clock.js';
import { openTestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

/** A full app on a fresh migrated database (PGlite, or PostgreSQL under test:pg), driven by inject(). */
export async function makeTestApp(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({ FITDESK_LOG_LEVEL: 'silent', FITDESK_ROLES: 'web', ...opts.env });
  const deps = createDeps(database, config, { clock: opts.clock });
  const app = await buildApp(deps, { web: false });
  await app.ready();
  return {
    app,
    deps,
    database,
    close: async () => {
      await app.close();
      await deps.jobs.stop().catch(() => undefined);
      await database.close();
    },
  };
}

export interface Caller {
  workspaceId: string;
  userId: string;
  email: string;
  cookie: string;
  csrf: string;
  /** inject() with this user's session cookie and CSRF header. */
  req(method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

let seq = 0;
/** Signs up a new workspace and returns a caller logged in as its owner. */
export async function signupCaller(app: FastifyInstance, name = 'Test Practice'): Promise<Caller> {
  const email = `owner${++seq}-${Math.floor(performance.now() * 1000)}@test.example`;
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { workspaceName: name, name: 'Owner', email, password: 'correct horse battery' } });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  return callerFrom(app, res, email);
}

export function callerFrom(app: FastifyInstance, res: LightMyRequestResponse, email: string): Caller {
  const body = res.json() as { user: { id: string; workspaceId: string }; csrfToken: string };
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  const cookie = raw.split(';')[0]!;
  return {
    workspaceId: body.user.workspaceId,
    userId: body.user.id,
    email,
    cookie,
    csrf: body.csrfToken,
    req: (method, url, payload, headers = {}) =>
      app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie, 'x-csrf-token': body.csrfToken, ...headers } }),
  };
}

/** Logs in an invited user of the caller's workspace with the given role. */
export async function inviteCaller(app: FastifyInstance, owner: Caller, role: 'owner' | 'supervisor' | 'agent' | 'viewer'): Promise<Caller> {
  const email = `${role}${++seq}@test.example`;
  const inv = await owner.req('POST', '/api/v1/invites', { email, role });
  if (inv.statusCode !== 201) throw new Error(`invite failed: ${inv.body}`);
  const token = (inv.json() as { acceptUrl: string }).acceptUrl.split('/invite/')[1]!;
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/accept-invite', payload: { token, name: `${role} user`, password: 'correct horse battery' } });
  if (res.statusCode !== 201) throw new Error(`accept failed: ${res.body}`);
  return callerFrom(app, res, email);
}

export { ManualClock };
