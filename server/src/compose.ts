import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Deps } from './deps.js';
import { systemClock, type Clock } from './infra/clock.js';
import { createJobQueue } from './infra/jobs-factory.js';
import type { JobQueue } from './infra/jobs.js';
import { InboundPipeline } from './features/requests/inbound.js';
import { registerInboundSteps } from './features/inbound-steps.js';

/** Builds the Deps object (the only place that knows which adapters are in use). */
export function createDeps(database: Database, config: Config, over: { clock?: Clock; jobs?: JobQueue; log?: FastifyBaseLogger } = {}): Deps {
  const log = over.log ?? (pino({ level: config.logLevel }) as unknown as FastifyBaseLogger);
  const inbound = new InboundPipeline();
  const deps: Deps = {
    config,
    database,
    db: database.db,
    jobs: over.jobs ?? createJobQueue(database, { log }),
    clock: over.clock ?? systemClock,
    log,
    inbound,
  };
  registerInboundSteps(deps);
  return deps;
}
