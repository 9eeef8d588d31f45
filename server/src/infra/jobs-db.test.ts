// Behaviour specific to the table queue; the shared contract is in jobs.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, rows, sql, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { openTestDatabase, waitFor, type TestDatabase } from '../test/db.js';
import { DbJobQueue } from './jobs-db.js';

const quiet = () => undefined;

async function jobRow(database: Database, id: string) {
  const [row] = await rows<{ state: string; attempts: number; last_error: string | null; run_at: Date; workspace_id: string | null }>(
    database.db,
    sql`SELECT state, attempts, last_error, run_at, workspace_id FROM jobs WHERE id = ${id}`,
  );
  return row;
}

describe('DbJobQueue', () => {
  let database: TestDatabase | undefined;
  const queues: DbJobQueue[] = [];
  const make = (db: Database, opts: ConstructorParameters<typeof DbJobQueue>[1] = {}) => {
    const q = new DbJobQueue(db.db, { pollIntervalMs: 50, retryBaseMs: 20, onError: quiet, ...opts });
    queues.push(q);
    return q;
  };

  afterEach(async () => {
    await Promise.allSettled(queues.splice(0).map((q) => q.stop()));
    await database?.close();
    database = undefined;
  });

  it('marks an orphaned job failed when its expired claim was the last attempt', async () => {
    database = await openTestDatabase();
    const q = make(database);
    const id = (await q.send('orphan', {}, { maxAttempts: 1 }))!;
    await database.db.execute(
      sql`UPDATE jobs SET state = 'active', attempts = 1, locked_until = now() - interval '1 second' WHERE id = ${id}`,
    );
    let ran = false;
    await q.work('orphan', async () => {
      ran = true;
    });
    await q.start();
    await waitFor(async () => (await jobRow(database!, id))?.state === 'failed');
    expect(ran).toBe(false);
    expect((await jobRow(database, id))?.last_error).toMatch(/visibility timeout/);
  });

  it('keeps a handler that outlives the visibility timeout from running twice by renewing its claim', async () => {
    database = await openTestDatabase();
    const a = make(database, { visibilityTimeoutMs: 300 });
    const b = make(await database.connectAgain(), { visibilityTimeoutMs: 300 });
    let runs = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const handler = async () => {
      runs++;
      await released;
    };
    await a.work('long', handler);
    await b.work('long', handler);
    const id = (await a.send('long', {}))!;
    await Promise.all([a.start(), b.start()]);
    await waitFor(() => runs === 1);
    // Hold the job for several timeouts; the renewals keep it claimed.
    const heldUntil = Date.now() + 1_500;
    await waitFor(async () => Date.now() > heldUntil && (await jobRow(database!, id))?.state === 'active', { intervalMs: 100 });
    release();
    await waitFor(async () => (await jobRow(database!, id))?.state === 'done');
    expect(runs).toBe(1);
  });

  it('ignores the outcome from a worker whose claim was taken over by a newer attempt', async () => {
    database = await openTestDatabase();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const stale = make(database, { visibilityTimeoutMs: 60_000 });
    let staleStarted = false;
    await stale.work('fenced', async () => {
      staleStarted = true;
      await released;
      throw new Error('stale worker failed late');
    });
    const id = (await stale.send('fenced', {}))!;
    await stale.start();
    await waitFor(() => staleStarted);
    // The stale worker's process "stalls"; its claim expires and another worker finishes attempt 2.
    await database.db.execute(sql`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = ${id}`);
    const fresh = make(database);
    await fresh.work('fenced', async (job) => {
      if (job.attempt !== 2) throw new Error(`unexpected attempt ${job.attempt}`);
    });
    await fresh.start();
    await waitFor(async () => (await jobRow(database!, id))?.state === 'done');
    // Now the stale handler fails: it must not turn the finished job back into a retry.
    release();
    await stale.stop();
    expect(await jobRow(database, id)).toMatchObject({ state: 'done', attempts: 2, last_error: null });
  });

  it('schedules the first retry one base delay after the failure', async () => {
    database = await openTestDatabase();
    const q = make(database, { retryBaseMs: 60_000 });
    await q.work('slow-retry', async () => {
      throw new Error('nope');
    });
    const id = (await q.send('slow-retry', {}))!;
    await q.start();
    await waitFor(async () => (await jobRow(database!, id))?.attempts === 1 && (await jobRow(database!, id))?.state === 'queued');
    const [{ delay } = { delay: 0 }] = await rows<{ delay: number }>(
      database.db,
      sql`SELECT extract(epoch FROM run_at - now())::float8 AS delay FROM jobs WHERE id = ${id}`,
    );
    expect(delay).toBeGreaterThan(50);
    expect(delay).toBeLessThanOrEqual(60);
  });

  it('does not run a job before its runAt and records its workspace', async () => {
    database = await openTestDatabase();
    const q = make(database);
    const ran: string[] = [];
    await q.work('later', async (job) => {
      ran.push(String(job.payload.when));
    });
    const workspaceId = '00000000-0000-4000-8000-000000000001';
    const id = (await q.send('later', { when: 'in an hour' }, { runAt: new Date(Date.now() + 3_600_000), workspaceId }))!;
    await q.send('later', { when: 'now' });
    await q.start();
    // Once the due job ran, the loop has looked at the queue: the later one must still wait.
    await waitFor(() => ran.length === 1);
    expect(ran).toEqual(['now']);
    expect(await jobRow(database, id)).toMatchObject({ state: 'queued', attempts: 0, workspace_id: workspaceId });
  });

  it('runs a job sent before a restart of the embedded database in its data folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-jobs-'));
    try {
      const before = await openDatabase({ dataDir: dir });
      try {
        await migrateDatabase(before);
        await new DbJobQueue(before.db).send('after-restart', { n: 7 });
      } finally {
        await before.close();
      }
      const after = await openDatabase({ dataDir: dir });
      try {
        const q = new DbJobQueue(after.db, { pollIntervalMs: 50, onError: quiet });
        const seen: unknown[] = [];
        await q.work('after-restart', async (job) => {
          seen.push(job.payload);
        });
        await q.start();
        await waitFor(() => seen.length === 1);
        await q.stop();
        expect(seen).toEqual([{ n: 7 }]);
      } finally {
        await after.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
