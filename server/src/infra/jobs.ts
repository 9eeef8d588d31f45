import type { Tx } from '../db/client.js';

export interface Job<P = Record<string, unknown>> {
  id: string;
  queue: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
}

export interface SendOptions {
  /** Run no earlier than this. */
  runAt?: Date;
  /** At most one queued-or-active job per (queue, key). */
  singletonKey?: string;
  maxAttempts?: number;
  workspaceId?: string;
  /** Enqueue inside the caller's transaction, so the job exists iff the change committed. */
  tx?: Tx;
}

export type JobHandler<P = Record<string, unknown>> = (job: Job<P>) => Promise<void>;

/**
 * The port every background job goes through. Semantics of every adapter: jobs are durable
 * rows, a failing job is retried with backoff up to maxAttempts, and each job runs once at a
 * time across all processes sharing the database.
 */
export interface JobQueue {
  send<P extends Record<string, unknown>>(queue: string, payload: P, opts?: SendOptions): Promise<string | null>;
  work<P extends Record<string, unknown>>(queue: string, handler: JobHandler<P>, opts?: { concurrency?: number }): Promise<void>;
  /** Enqueue `queue` every `everyMs` (one instance across processes). */
  every(queue: string, everyMs: number, payload?: Record<string, unknown>): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
