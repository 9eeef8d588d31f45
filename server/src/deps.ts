import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { Clock } from './infra/clock.js';
import type { JobQueue } from './infra/jobs.js';
import type { InboundPipeline } from './features/requests/inbound.js';

/** Everything a feature may use, built once by main.ts (or a test) and passed down explicitly. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  jobs: JobQueue;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Steps run on every inbound client message (analysis, repeat-contact detection, …). */
  inbound: InboundPipeline;
}
