// The JobQueue contract, run against every adapter available in this environment: the table
// queue always (PGlite, or PostgreSQL under test:pg), pg-boss when DATABASE_URL is set.
import { afterEach, describe, expect, it } from 'vitest';
import { rows, sql, type Database } from '../db/client.js';
import { openTestDatabase, waitFor, type TestDatabase } from '../test/db.js';
import type { JobQueue } from './jobs.js';
import { DbJobQueue } from './jobs-db.js';
import { PgBossQueue } from './jobs-pgboss.js';

type State = 'queued' | 'active' | 'done' | 'failed';

interface Adapter {
  name: string;
  /** Fast retries and polling so the suite runs in seconds. */
  make(database: Database): JobQueue;
  /** The unit every() accepts at its finest. */
  everyMs: number;
  jobs(database: Database, queue: string): Promise<{ id: string; state: State; lastError: string | null }[]>;
  /** Marks a queued job as claimed by a process that then died (its claim already expired). */
  crashClaim(database: Database, id: string): Promise<void>;
  /** How many periods got more than one job. */
  duplicateSlots(database: Database, queue: string): Promise<number>;
}

const quiet = () => undefined;

const tableQueue: Adapter = {
  name: 'DbJobQueue',
  make: (database) => new DbJobQueue(database.db, { pollIntervalMs: 50, retryBaseMs: 20, onError: quiet }),
  everyMs: 200,
  crashClaim: async (database, id) => {
    await database.db.execute(
      sql`UPDATE jobs SET state = 'active', attempts = attempts + 1, locked_until = now() - interval '1 second' WHERE id = ${id}`,
    );
  },
  jobs: (database, queue) =>
    rows(database.db, sql`SELECT id, state, last_error AS "lastError" FROM jobs WHERE queue = ${queue} ORDER BY created_at`),
  duplicateSlots: async (database, queue) => {
    const r = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM (SELECT singleton_key FROM jobs WHERE queue = ${queue} GROUP BY singleton_key HAVING count(*) > 1) d`,
    );
    return r[0]?.n ?? 0;
  },
};

const pgBoss: Adapter = {
  name: 'PgBossQueue',
  make: (database) =>
    new PgBossQueue({ pool: database.pool!, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, maintenanceIntervalSeconds: 1, onError: quiet }),
  everyMs: 1000,
  crashClaim: async (database, id) => {
    // pg-boss counts attempts when a job fails or expires, not when it is fetched.
    await database.db.execute(
      sql`UPDATE pgboss.job SET state = 'active', started_on = now() - interval '1 hour' WHERE id = ${id}`,
    );
  },
  jobs: (database, queue) =>
    rows(
      database.db,
      sql`SELECT id, CASE state WHEN 'created' THEN 'queued' WHEN 'retry' THEN 'queued' WHEN 'completed' THEN 'done'
                                 WHEN 'cancelled' THEN 'failed' ELSE state::text END AS state,
                 output->>'message' AS "lastError"
          FROM pgboss.job WHERE name = ${queue} ORDER BY created_on`,
    ),
  duplicateSlots: async (database, queue) => {
    const r = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM (SELECT singleton_on FROM pgboss.job WHERE name = ${queue} GROUP BY singleton_on HAVING count(*) > 1) d`,
    );
    return r[0]?.n ?? 0;
  },
};

const adapters = process.env.DATABASE_URL ? [tableQueue, pgBoss] : [tableQueue];

describe.each(adapters)('$name', (adapter) => {
  let database: TestDatabase;
  const queues: JobQueue[] = [];
  const others: Database[] = [];

  async function open(): Promise<TestDatabase> {
    database = await openTestDatabase();
    return database;
  }
  function queueOn(db: Database): JobQueue {
    const q = adapter.make(db);
    queues.push(q);
    return q;
  }
  async function secondHandle(): Promise<Database> {
    const again = await database.connectAgain();
    others.push(again);
    return again;
  }

  afterEach(async () => {
    await Promise.allSettled(queues.splice(0).map((q) => q.stop()));
    await Promise.allSettled(others.splice(0).map((d) => d.close()));
    await database?.close();
  });

  it('runs a job on a new queue instance when the instance that sent it stopped before running it', async () => {
    await open();
    // Like a web-only process: it sends, never starts a worker, and goes away.
    const first = queueOn(database);
    const id = await first.send('durable', { n: 1 });
    expect(id).toEqual(expect.any(String));
    await first.stop();

    const second = queueOn(await secondHandle());
    const seen: unknown[] = [];
    await second.work('durable', async (job) => {
      seen.push(job.payload);
    });
    await second.start();
    await waitFor(async () => (await adapter.jobs(database, 'durable'))[0]?.state === 'done');
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('retries a failing job with backoff and marks it failed with the last error when attempts run out', async () => {
    await open();
    const q = queueOn(database);
    const attempts: number[] = [];
    await q.work('flaky', async (job) => {
      attempts.push(job.attempt);
      throw new Error(`boom ${job.attempt}`);
    });
    await q.start();
    await q.send('flaky', {}, { maxAttempts: 3 });
    await waitFor(async () => (await adapter.jobs(database, 'flaky'))[0]?.state === 'failed');
    expect(attempts).toEqual([1, 2, 3]);
    const [job] = await adapter.jobs(database, 'flaky');
    expect(job?.lastError).toContain('boom 3');
  });

  it('runs a job that succeeds on a retry exactly to completion', async () => {
    await open();
    const q = queueOn(database);
    let calls = 0;
    await q.work('second-time-lucky', async () => {
      calls++;
      if (calls === 1) throw new Error('transient');
    });
    await q.start();
    await q.send('second-time-lucky', {}, { maxAttempts: 3 });
    await waitFor(async () => (await adapter.jobs(database, 'second-time-lucky'))[0]?.state === 'done');
    expect(calls).toBe(2);
  });

  it('runs each job exactly once when two queue instances race on the same database', async () => {
    await open();
    const a = queueOn(database);
    const b = queueOn(await secondHandle());
    const runs = new Map<number, number>();
    const byWorker = { a: 0, b: 0 };
    const handler = (name: 'a' | 'b') => async (job: { payload: { n: number } }) => {
      runs.set(job.payload.n, (runs.get(job.payload.n) ?? 0) + 1);
      byWorker[name]++;
      await new Promise((r) => setTimeout(r, 2));
    };
    const total = 60;
    for (let n = 0; n < total; n++) await a.send('race', { n });
    await a.work('race', handler('a'), { concurrency: 4 });
    await b.work('race', handler('b'), { concurrency: 4 });
    await Promise.all([a.start(), b.start()]);
    await waitFor(async () => (await adapter.jobs(database, 'race')).every((j) => j.state === 'done'));
    expect(runs.size).toBe(total);
    expect([...runs.values()].every((c) => c === 1)).toBe(true);
    expect(byWorker.a + byWorker.b).toBe(total);
  });

  it('keeps one pending job per singleton key and accepts the key again once that job completed', async () => {
    await open();
    const q = queueOn(database);
    await q.start();
    const first = await q.send('single', { v: 1 }, { singletonKey: 'ws-1' });
    const duplicate = await q.send('single', { v: 2 }, { singletonKey: 'ws-1' });
    const otherKey = await q.send('single', { v: 3 }, { singletonKey: 'ws-2' });
    expect(first).toEqual(expect.any(String));
    expect(duplicate).toBeNull();
    expect(otherKey).toEqual(expect.any(String));

    const seen: unknown[] = [];
    await q.work('single', async (job) => {
      seen.push(job.payload);
    });
    await waitFor(async () => (await adapter.jobs(database, 'single')).every((j) => j.state === 'done'));
    expect(seen).toHaveLength(2);
    expect(await q.send('single', { v: 4 }, { singletonKey: 'ws-1' })).toEqual(expect.any(String));
  });

  it('accepts exactly one of many concurrent sends with the same singleton key from two instances', async () => {
    await open();
    const a = queueOn(database);
    const b = queueOn(await secondHandle());
    await Promise.all([a.send('warm-up', {}), b.send('warm-up', {})]);
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).send('contended', { i }, { singletonKey: 'k' })));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await adapter.jobs(database, 'contended')).toHaveLength(1);
  });

  it('enqueues nothing when the transaction that sent the job rolls back, and the job when it commits', async () => {
    await open();
    const q = queueOn(database);
    await q.start();
    await q.send('warm-up', {});
    await expect(
      database.db.transaction(async (tx) => {
        await q.send('in-tx', { n: 1 }, { tx });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await adapter.jobs(database, 'in-tx')).toHaveLength(0);

    await database.db.transaction(async (tx) => {
      await q.send('in-tx', { n: 2 }, { tx });
    });
    const seen: unknown[] = [];
    await q.work('in-tx', async (job) => {
      seen.push(job.payload);
    });
    await waitFor(async () => (await adapter.jobs(database, 'in-tx'))[0]?.state === 'done');
    expect(seen).toEqual([{ n: 2 }]);
  });

  it('enqueues one job per period when two instances schedule the same queue', async () => {
    await open();
    const a = queueOn(database);
    const b = queueOn(await secondHandle());
    let runs = 0;
    await a.work('tick', async () => {
      runs++;
    });
    await a.every('tick', adapter.everyMs);
    await b.every('tick', adapter.everyMs);
    await Promise.all([a.start(), b.start()]);
    await waitFor(() => runs >= 3, { timeoutMs: 30_000 });
    expect(await adapter.duplicateSlots(database, 'tick')).toBe(0);
  });

  it('runs a job again when the process that claimed it died and its claim expired', async () => {
    await open();
    const q = queueOn(database);
    const id = await q.send('orphan', { n: 1 });
    await adapter.crashClaim(database, id!);
    const attempts: number[] = [];
    await q.work('orphan', async (job) => {
      attempts.push(job.attempt);
    });
    await q.start();
    await waitFor(async () => (await adapter.jobs(database, 'orphan'))[0]?.state === 'done', { timeoutMs: 30_000 });
    expect(attempts).toEqual([2]);
  });

  it('waits for running handlers when stopped', async () => {
    await open();
    const q = queueOn(database);
    let finished = false;
    let started = false;
    await q.work('slow', async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    await q.start();
    await q.send('slow', {});
    await waitFor(() => started);
    await q.stop();
    expect(finished).toBe(true);
  });
});
