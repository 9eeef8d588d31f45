import PgBoss from 'pg-boss';
import pg from 'pg';
import type { Tx } from '../db/client.js';
import type { Job, JobHandler, JobQueue, SendOptions } from './jobs.js';

export interface PgBossQueueOptions {
  /** Share the app's pool (preferred: one pool per process) … */
  pool?: pg.Pool;
  /** … or connect on its own; the pool it opens is closed by stop(). */
  connectionString?: string;
  /** PostgreSQL schema pg-boss installs its tables in. */
  schema?: string;
  /** How often each worker polls; pg-boss's minimum is 0.5. */
  pollingIntervalSeconds?: number;
  /** First retry delay; later retries back off exponentially (pg-boss retryBackoff). */
  retryDelaySeconds?: number;
  /** The visibility timeout: an active job older than this is failed over to a retry. */
  expireInSeconds?: number;
  /** How often expired jobs are failed over and old ones archived (pg-boss default 120 s). */
  maintenanceIntervalSeconds?: number;
  onError?: (err: unknown, job?: Job) => void;
}

type Executor = Pick<pg.ClientBase, 'query'>;

interface Registration {
  queue: string;
  handler: JobHandler<Record<string, unknown>>;
  concurrency: number;
}

interface Schedule {
  queue: string;
  everyMs: number;
  payload: Record<string, unknown>;
  timer?: NodeJS.Timeout;
}

const EVERY_KEY = '__every';

/**
 * The client behind a node-postgres drizzle transaction. drizzle does not expose it publicly;
 * its transaction object keeps the session (holding the checked-out PoolClient) in `session`.
 */
function clientOfTransaction(tx: Tx): pg.PoolClient | undefined {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client || typeof (client as Executor).query !== 'function') {
    throw new Error('PgBossQueue: opts.tx must be a node-postgres drizzle transaction');
  }
  // The database object itself (not a transaction) holds the pool: no transaction to join.
  if (client instanceof pg.Pool || (client as object).constructor.name.includes('Pool')) return undefined;
  return client as pg.PoolClient;
}

const bossDb = (executor: Executor): PgBoss.Db => ({
  executeSql: (text, values) => executor.query(text, values),
});

/**
 * The JobQueue on pg-boss 10 (PostgreSQL only). Mapping of the port:
 * - send → boss.send with retryLimit = maxAttempts − 1, exponential backoff, startAfter = runAt.
 *   With opts.tx the INSERT runs on the caller's transaction (pg-boss's per-call `db` option).
 * - singletonKey → pg-boss's own singleton policies do not mean "one queued-or-active job per key"
 *   on a standard queue, so send takes a transaction-scoped advisory lock on (queue, key), looks
 *   for a created/retry/active job with that key and inserts only if there is none — inside the
 *   caller's transaction when given, so the lock is held until it commits.
 * - work → one pg-boss worker per unit of concurrency, batchSize 1.
 * - every → a small timer per schedule calling sendThrottled with singletonSeconds = the period:
 *   pg-boss's throttle index (name, singleton_on, key) allows one job per period across all
 *   processes, completed ones included. Periods are whole seconds (rounded up, at least 1 s).
 *   boss.schedule() needs cron and minute granularity, hence not used.
 * - workspaceId is not stored (pg-boss has no column for it).
 */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly knownQueues = new Map<string, Promise<void>>();
  private installed: Promise<void> | undefined;
  private readonly registrations: Registration[] = [];
  private readonly schedules: Schedule[] = [];
  private readonly schema: string;
  private started = false;

  constructor(private readonly opts: PgBossQueueOptions) {
    if (opts.pool) {
      this.pool = opts.pool;
      this.ownsPool = false;
    } else if (opts.connectionString) {
      this.pool = new pg.Pool({ connectionString: opts.connectionString, max: 5 });
      this.pool.on('error', () => undefined);
      this.ownsPool = true;
    } else {
      throw new Error('PgBossQueue needs a pool or a connectionString');
    }
    this.schema = opts.schema ?? 'pgboss';
    this.boss = new PgBoss({
      db: bossDb(this.pool),
      schema: this.schema,
      // No cron schedules are used (see every()); skip the clock-skew monitor they need.
      schedule: false,
      ...(opts.pollingIntervalSeconds !== undefined ? { pollingIntervalSeconds: opts.pollingIntervalSeconds } : {}),
      ...(opts.maintenanceIntervalSeconds !== undefined ? { maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds } : {}),
    });
    this.boss.on('error', (err) => this.report(err));
  }

  async send<P extends Record<string, unknown>>(queue: string, payload: P, opts: SendOptions = {}): Promise<string | null> {
    const txClient = opts.tx ? clientOfTransaction(opts.tx) : undefined;
    if (txClient) await this.ensureQueueIn(queue, txClient);
    else await this.ensureQueue(queue);
    const options: PgBoss.SendOptions = {
      retryLimit: Math.max(0, (opts.maxAttempts ?? 5) - 1),
      retryDelay: this.opts.retryDelaySeconds ?? 1,
      retryBackoff: true,
      ...(this.opts.expireInSeconds !== undefined ? { expireInSeconds: this.opts.expireInSeconds } : {}),
      ...(opts.runAt ? { startAfter: opts.runAt } : {}),
    };
    const client = txClient;
    if (!opts.singletonKey) {
      return this.boss.send(queue, payload, client ? { ...options, db: bossDb(client) } : options);
    }
    const key = opts.singletonKey;
    const sendSingleton = async (c: Executor): Promise<string | null> => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.schema}:${queue}:${key}`]);
      const pending = await c.query(
        `SELECT 1 FROM ${this.schema}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
        [queue, key],
      );
      if (pending.rowCount) return null;
      return this.boss.send(queue, payload, { ...options, singletonKey: key, db: bossDb(c) });
    };
    if (client) return sendSingleton(client);
    const own = await this.pool.connect();
    try {
      await own.query('BEGIN');
      const id = await sendSingleton(own);
      await own.query('COMMIT');
      return id;
    } catch (err) {
      await own.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      own.release();
    }
  }

  async work<P extends Record<string, unknown>>(queue: string, handler: JobHandler<P>, opts: { concurrency?: number } = {}): Promise<void> {
    const reg: Registration = {
      queue,
      handler: handler as JobHandler<Record<string, unknown>>,
      concurrency: Math.max(1, Math.floor(opts.concurrency ?? 1)),
    };
    this.registrations.push(reg);
    if (this.started) await this.register(reg);
  }

  async every(queue: string, everyMs: number, payload: Record<string, unknown> = {}): Promise<void> {
    if (!(everyMs >= 1)) throw new Error('everyMs must be at least 1');
    const s: Schedule = { queue, everyMs, payload };
    this.schedules.push(s);
    if (this.started) await this.startSchedule(s);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
    for (const reg of this.registrations) await this.register(reg);
    for (const s of this.schedules) await this.startSchedule(s);
  }

  /** Stops polling and scheduling and waits (up to 30 s, pg-boss's default) for running handlers. */
  async stop(): Promise<void> {
    for (const s of this.schedules) clearInterval(s.timer);
    if (this.started) {
      this.started = false;
      await this.boss.stop({ graceful: true, wait: true }).catch((err: unknown) => this.report(err));
    }
    if (this.ownsPool) await this.pool.end();
  }

  /**
   * send() must work before start() (as on the table queue, whose table the app migration
   * creates), so the pg-boss schema is installed on first use. pg-boss's construction script
   * takes an advisory lock; a process that loses the race finds the schema installed.
   */
  private ensureInstalled(): Promise<void> {
    this.installed ??= (async () => {
      if (await this.boss.isInstalled()) return;
      try {
        await this.pool.query(PgBoss.getConstructionPlans(this.schema));
      } catch (err) {
        if (!(await this.boss.isInstalled())) throw err;
      }
    })();
    this.installed.catch(() => {
      this.installed = undefined;
    });
    return this.installed;
  }

  private ensureQueue(queue: string): Promise<void> {
    let p = this.knownQueues.get(queue);
    if (!p) {
      p = this.ensureInstalled().then(() => this.createQueue(queue));
      p.catch(() => this.knownQueues.delete(queue));
      this.knownQueues.set(queue, p);
    }
    return p;
  }

  /**
   * A queue first used inside a caller's transaction is created on that transaction's
   * connection: creating it on another connection attaches a partition to the job table, which
   * waits for the caller's transaction if it already sent a job — and the caller waits for us.
   * If the caller rolls back, the queue is gone too, so it is remembered only once seen committed.
   */
  private async ensureQueueIn(queue: string, client: pg.PoolClient): Promise<void> {
    if (this.knownQueues.has(queue)) return this.knownQueues.get(queue);
    await this.ensureInstalled();
    if (await this.boss.getQueue(queue)) {
      this.knownQueues.set(queue, Promise.resolve());
      return;
    }
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.schema}:create_queue`]);
    const exists = await client.query(`SELECT 1 FROM ${this.schema}.queue WHERE name = $1`, [queue]);
    if (!exists.rowCount) await client.query(`SELECT ${this.schema}.create_queue($1, $2)`, [queue, { policy: 'standard' }]);
  }

  /**
   * pg-boss's create_queue (insert the queue row, create and attach its partition) deadlocks when
   * two processes create the same queue at once, so creation is serialized by an advisory lock.
   */
  private async createQueue(queue: string): Promise<void> {
    if (await this.boss.getQueue(queue)) return;
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.schema}:create_queue`]);
      await c.query(`SELECT ${this.schema}.create_queue($1, $2)`, [queue, { policy: 'standard' }]);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  private async register(reg: Registration): Promise<void> {
    await this.ensureQueue(reg.queue);
    const workOptions = {
      batchSize: 1,
      includeMetadata: true as const,
      ...(this.opts.pollingIntervalSeconds !== undefined ? { pollingIntervalSeconds: this.opts.pollingIntervalSeconds } : {}),
    };
    for (let i = 0; i < reg.concurrency; i++) {
      await this.boss.work<Record<string, unknown>>(reg.queue, workOptions, async (jobs) => {
        for (const j of jobs) {
          const job: Job = { id: j.id, queue: j.name, payload: j.data, attempt: j.retryCount + 1 };
          try {
            await reg.handler(job);
          } catch (err) {
            this.report(err, job);
            throw err;
          }
        }
      });
    }
  }

  private async startSchedule(s: Schedule): Promise<void> {
    await this.ensureQueue(s.queue);
    const seconds = Math.max(1, Math.ceil(s.everyMs / 1000));
    const enqueue = () => {
      this.boss
        .sendThrottled(s.queue, s.payload, { retryLimit: 4, retryBackoff: true }, seconds, EVERY_KEY)
        .catch((err: unknown) => this.report(err));
    };
    enqueue();
    s.timer = setInterval(enqueue, Math.max(250, Math.floor((seconds * 1000) / 4)));
    s.timer.unref();
  }

  private report(err: unknown, job?: Job): void {
    try {
      if (this.opts.onError) this.opts.onError(err, job);
      else console.error(`[jobs] ${job ? `${job.queue} ${job.id} attempt ${job.attempt}` : 'pg-boss'}:`, err);
    } catch {
      /* a broken error hook must not stop the queue */
    }
  }
}
