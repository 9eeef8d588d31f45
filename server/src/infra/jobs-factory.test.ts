import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test/db.js';
import { DbJobQueue } from './jobs-db.js';
import { createJobQueue, jobQueueKind } from './jobs-factory.js';
import { PgBossQueue } from './jobs-pgboss.js';

describe('jobQueueKind', () => {
  it('uses pg-boss on PostgreSQL unless FITDESK_JOBS=db', () => {
    expect(jobQueueKind({ kind: 'postgres' }, {})).toBe('pgboss');
    expect(jobQueueKind({ kind: 'postgres' }, { FITDESK_JOBS: 'db' })).toBe('db');
    expect(jobQueueKind({ kind: 'postgres' }, { FITDESK_JOBS: 'pgboss' })).toBe('pgboss');
  });

  it('uses the table queue on PGlite and refuses FITDESK_JOBS=pgboss there', () => {
    expect(jobQueueKind({ kind: 'pglite' }, {})).toBe('db');
    expect(jobQueueKind({ kind: 'pglite' }, { FITDESK_JOBS: 'db' })).toBe('db');
    expect(() => jobQueueKind({ kind: 'pglite' }, { FITDESK_JOBS: 'pgboss' })).toThrow(/needs PostgreSQL/);
  });

  it('names the variable when FITDESK_JOBS has an unknown value', () => {
    expect(() => jobQueueKind({ kind: 'postgres' }, { FITDESK_JOBS: 'redis' })).toThrow(/FITDESK_JOBS=redis/);
  });
});

describe('createJobQueue', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('builds the adapter that fits the database', async () => {
    database = await openTestDatabase();
    const queue = createJobQueue(database, { env: {} });
    expect(queue).toBeInstanceOf(database.kind === 'postgres' ? PgBossQueue : DbJobQueue);
    expect(createJobQueue(database, { env: { FITDESK_JOBS: 'db' } })).toBeInstanceOf(DbJobQueue);
  });
});
