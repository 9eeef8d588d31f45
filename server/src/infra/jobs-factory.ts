import type { Database } from '../db/client.js';
import type { Job, JobQueue } from './jobs.js';
import { DbJobQueue, type DbJobQueueOptions } from './jobs-db.js';
import { PgBossQueue, type PgBossQueueOptions } from './jobs-pgboss.js';

export type JobQueueKind = 'pgboss' | 'db';

/** The part of a pino/Fastify logger the queues use. */
export interface JobLog {
  error(obj: object, msg?: string): void;
}

export interface CreateJobQueueOptions {
  log?: JobLog;
  /** Read for FITDESK_JOBS (`db` | `pgboss`); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  db?: Omit<DbJobQueueOptions, 'onError'>;
  pgBoss?: Omit<PgBossQueueOptions, 'pool' | 'connectionString' | 'onError'>;
}

/**
 * pg-boss on PostgreSQL, the table queue on PGlite (see docs/adr/0001-job-queue.md).
 * FITDESK_JOBS=db forces the table queue on PostgreSQL too; FITDESK_JOBS=pgboss on PGlite is an error.
 */
export function jobQueueKind(database: Pick<Database, 'kind'>, env: NodeJS.ProcessEnv = process.env): JobQueueKind {
  const wanted = env.FITDESK_JOBS?.trim().toLowerCase() || undefined;
  if (wanted !== undefined && wanted !== 'db' && wanted !== 'pgboss') {
    throw new Error(`Invalid FITDESK_JOBS=${env.FITDESK_JOBS}: use "db" or "pgboss"`);
  }
  if (database.kind === 'pglite') {
    if (wanted === 'pgboss') throw new Error('FITDESK_JOBS=pgboss needs PostgreSQL (set DATABASE_URL)');
    return 'db';
  }
  return wanted ?? 'pgboss';
}

export function createJobQueue(database: Database, opts: CreateJobQueueOptions = {}): JobQueue {
  const onError = (err: unknown, job?: Job) => {
    if (!opts.log) {
      console.error('[jobs]', job ? `${job.queue} ${job.id} attempt ${job.attempt}:` : '', err);
      return;
    }
    opts.log.error({ err, ...(job ? { queue: job.queue, jobId: job.id, attempt: job.attempt } : {}) }, job ? 'job failed' : 'job queue error');
  };
  if (jobQueueKind(database, opts.env) === 'pgboss') {
    if (!database.pool) throw new Error('PostgreSQL database without a pool');
    return new PgBossQueue({ ...opts.pgBoss, pool: database.pool, onError });
  }
  return new DbJobQueue(database.db, { ...opts.db, onError });
}
