import { rows, sql, type Db, type Tx } from '../db/client.js';
import type { Job, JobHandler, JobQueue, SendOptions } from './jobs.js';

export interface DbJobQueueOptions {
  /** How often an idle worker looks for due jobs. send() in this process wakes it at once. */
  pollIntervalMs?: number;
  /**
   * How long a claimed job stays invisible to other workers. A running handler renews it (every
   * third of the timeout), so only a job whose process died or stalled becomes due again.
   */
  visibilityTimeoutMs?: number;
  /** Retry n waits min(retryBaseMs * 2^(n-1), retryMaxMs). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Completed jobs are deleted after this long (failed ones are kept for inspection). */
  doneRetentionMs?: number;
  /** Called when a handler throws or the loop hits a database error; never throws itself. */
  onError?: (err: unknown, job?: Job) => void;
}

interface Worker {
  handler: JobHandler<Record<string, unknown>>;
  concurrency: number;
  running: number;
}

interface Schedule {
  queue: string;
  everyMs: number;
  payload: Record<string, unknown>;
  /** Epoch ms at which the next slot must be enqueued. */
  nextCheckAt: number;
}

interface ClaimedRow {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

const DEFAULTS = {
  pollIntervalMs: 250,
  visibilityTimeoutMs: 60_000,
  retryBaseMs: 1_000,
  retryMaxMs: 3_600_000,
  doneRetentionMs: 7 * 24 * 3_600_000,
};

const msInterval = (ms: number) => sql`(${ms}::double precision * interval '1 millisecond')`;

function errorText(err: unknown): string {
  if (err instanceof Error) return (err.stack ?? `${err.name}: ${err.message}`).slice(0, 4000);
  return String(err).slice(0, 4000);
}

/**
 * The JobQueue on the `jobs` table: plain SQL that behaves the same on PGlite and PostgreSQL.
 *
 * Claiming is one UPDATE over a `FOR UPDATE SKIP LOCKED` sub-select, so any number of workers
 * (in this process or others sharing a PostgreSQL) each get a different job. Every state change
 * after the claim is fenced on (id, attempts): a worker whose claim expired and was taken over
 * cannot overwrite the newer attempt's outcome. Delivery is at-least-once: a handler that outlives
 * a lost claim (process stalled past the visibility timeout) may run again, so handlers must be
 * idempotent — as with pg-boss.
 */
export class DbJobQueue implements JobQueue {
  private readonly opts: typeof DEFAULTS & Pick<DbJobQueueOptions, 'onError'>;
  private readonly workers = new Map<string, Worker>();
  private readonly schedules: Schedule[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private woken = false;
  private wakeSleeper: (() => void) | undefined;
  private lastReapAt = 0;
  private lastPurgeAt = 0;

  constructor(
    private readonly db: Db,
    opts: DbJobQueueOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...stripUndefined(opts) };
  }

  async send<P extends Record<string, unknown>>(queue: string, payload: P, opts: SendOptions = {}): Promise<string | null> {
    const exec: Tx = opts.tx ?? this.db;
    const runAt = opts.runAt ? sql`${opts.runAt.toISOString()}::timestamptz` : sql`now()`;
    // No conflict target: the only unique index a new row can hit is jobs_singleton (partial).
    const inserted = await rows<{ id: string }>(
      exec,
      sql`INSERT INTO jobs (queue, payload, workspace_id, max_attempts, run_at, singleton_key)
          VALUES (${queue}, ${JSON.stringify(payload)}::jsonb, ${opts.workspaceId ?? null}::uuid,
                  ${opts.maxAttempts ?? 5}::int, ${runAt}, ${opts.singletonKey ?? null}::text)
          ON CONFLICT DO NOTHING
          RETURNING id`,
    );
    const id = inserted[0]?.id ?? null;
    // Inside a caller's transaction the row is invisible until commit; the next poll finds it.
    if (id && !opts.tx) this.wake();
    return id;
  }

  async work<P extends Record<string, unknown>>(queue: string, handler: JobHandler<P>, opts: { concurrency?: number } = {}): Promise<void> {
    if (this.workers.has(queue)) throw new Error(`A handler is already registered for queue ${queue}`);
    const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
    this.workers.set(queue, { handler: handler as JobHandler<Record<string, unknown>>, concurrency, running: 0 });
    this.wake();
  }

  /**
   * Enqueues `queue` once per `everyMs` slot (slots aligned to the epoch). The job for the next
   * slot is inserted ahead of time with singleton key `every:<ms>:<slot>`; the insert is skipped
   * when any row with that key exists (also a completed one), and the jobs_singleton index stops
   * two processes inserting the same slot at the same moment.
   */
  async every(queue: string, everyMs: number, payload: Record<string, unknown> = {}): Promise<void> {
    if (!(everyMs >= 1)) throw new Error('everyMs must be at least 1');
    this.schedules.push({ queue, everyMs: Math.floor(everyMs), payload, nextCheckAt: 0 });
    this.wake();
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.runLoop();
  }

  /** Stops claiming and scheduling, then waits for the handlers already running. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    this.loop = undefined;
  }

  private wake(): void {
    this.woken = true;
    this.wakeSleeper?.();
  }

  private async sleep(ms: number): Promise<void> {
    if (this.woken) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeSleeper = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeSleeper = undefined;
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      try {
        await this.tick();
      } catch (err) {
        this.report(err);
      }
      if (this.stopping) break;
      await this.sleep(this.opts.pollIntervalMs);
    }
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    if (now - this.lastReapAt >= Math.min(1_000, this.opts.visibilityTimeoutMs / 2)) {
      this.lastReapAt = now;
      await this.requeueExpired();
    }
    if (now - this.lastPurgeAt >= 60_000) {
      this.lastPurgeAt = now;
      await this.db.execute(
        sql`DELETE FROM jobs WHERE state = 'done' AND completed_at < now() - ${msInterval(this.opts.doneRetentionMs)}`,
      );
    }
    for (const s of this.schedules) {
      if (now >= s.nextCheckAt) await this.scheduleNextSlot(s, now);
    }
    while (!this.stopping) {
      const free = [...this.workers].filter(([, w]) => w.running < w.concurrency).map(([q]) => q);
      if (free.length === 0) return;
      const job = await this.claim(free);
      if (!job) return;
      this.dispatch(job);
    }
  }

  private async scheduleNextSlot(s: Schedule, now: number): Promise<void> {
    const slot = Math.floor(now / s.everyMs) + 1;
    const key = `every:${s.everyMs}:${slot}`;
    const runAt = new Date(slot * s.everyMs).toISOString();
    await this.db.execute(
      sql`INSERT INTO jobs (queue, payload, run_at, singleton_key)
          SELECT ${s.queue}, ${JSON.stringify(s.payload)}::jsonb, ${runAt}::timestamptz, ${key}::text
          WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE queue = ${s.queue} AND singleton_key = ${key})
          ON CONFLICT DO NOTHING`,
    );
    // When that slot begins, enqueue the one after it.
    s.nextCheckAt = slot * s.everyMs;
  }

  /** A job whose claim expired (its process died or stalled) is due again, or failed if out of attempts. */
  private async requeueExpired(): Promise<void> {
    await this.db.execute(
      sql`UPDATE jobs SET
            state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
            completed_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
            last_error = 'visibility timeout expired: the worker stopped or lost its claim',
            locked_until = NULL,
            run_at = now()
          WHERE state = 'active' AND locked_until < now()`,
    );
  }

  private async claim(queues: string[]): Promise<ClaimedRow | undefined> {
    const list = sql.join(
      queues.map((q) => sql`${q}`),
      sql`, `,
    );
    const claimed = await rows<ClaimedRow>(
      this.db,
      sql`UPDATE jobs SET state = 'active', attempts = attempts + 1,
                          locked_until = now() + ${msInterval(this.opts.visibilityTimeoutMs)}
          WHERE id = (
            SELECT id FROM jobs
            WHERE state = 'queued' AND run_at <= now() AND queue = ANY(ARRAY[${list}]::text[])
            ORDER BY run_at
            FOR UPDATE SKIP LOCKED
            LIMIT 1
          ) AND state = 'queued'
          RETURNING id, queue, payload, attempts, max_attempts`,
    );
    return claimed[0];
  }

  private dispatch(row: ClaimedRow): void {
    const worker = this.workers.get(row.queue);
    if (!worker) return;
    worker.running++;
    const p = this.execute(worker, row).finally(() => {
      worker.running--;
      this.inFlight.delete(p);
      this.wake();
    });
    this.inFlight.add(p);
  }

  private async execute(worker: Worker, row: ClaimedRow): Promise<void> {
    const job: Job = { id: row.id, queue: row.queue, payload: row.payload, attempt: row.attempts };
    const fence = sql`id = ${row.id}::uuid AND state = 'active' AND attempts = ${row.attempts}::int`;
    const renew = setInterval(() => {
      this.db
        .execute(sql`UPDATE jobs SET locked_until = now() + ${msInterval(this.opts.visibilityTimeoutMs)} WHERE ${fence}`)
        .catch((err: unknown) => this.report(err, job));
    }, Math.max(10, Math.floor(this.opts.visibilityTimeoutMs / 3)));
    renew.unref();
    try {
      let failure: unknown;
      let failed = false;
      try {
        await worker.handler(job);
      } catch (err) {
        failed = true;
        failure = err;
      }
      clearInterval(renew);
      if (!failed) {
        await this.db.execute(
          sql`UPDATE jobs SET state = 'done', completed_at = now(), locked_until = NULL, last_error = NULL WHERE ${fence}`,
        );
        return;
      }
      this.report(failure, job);
      const message = errorText(failure);
      if (row.attempts >= row.max_attempts) {
        await this.db.execute(
          sql`UPDATE jobs SET state = 'failed', completed_at = now(), locked_until = NULL, last_error = ${message} WHERE ${fence}`,
        );
      } else {
        const delay = Math.min(this.opts.retryBaseMs * 2 ** (row.attempts - 1), this.opts.retryMaxMs);
        await this.db.execute(
          sql`UPDATE jobs SET state = 'queued', run_at = now() + ${msInterval(delay)}, locked_until = NULL,
                              last_error = ${message}
              WHERE ${fence}`,
        );
      }
    } catch (err) {
      // Recording the outcome failed (database gone?): the claim expires and the job runs again.
      this.report(err, job);
    } finally {
      clearInterval(renew);
    }
  }

  private report(err: unknown, job?: Job): void {
    try {
      if (this.opts.onError) this.opts.onError(err, job);
      else console.error(`[jobs] ${job ? `${job.queue} ${job.id} attempt ${job.attempt}` : 'queue loop'}:`, err);
    } catch {
      /* a broken error hook must not stop the queue */
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
