import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { blobs } from '../db/schema/index.js';

/**
 * Where attachment bytes live. The embedded default keeps them in the database (one backup,
 * one transaction with the message); a file-system or object-store adapter can take over by
 * implementing the same three calls.
 */
export interface BlobStorage {
  /** Stores the bytes (inside `tx` when the adapter is transactional) and returns their key. */
  put(tx: Tx, workspaceId: string, data: Buffer): Promise<string>;
  get(tx: Tx, workspaceId: string, key: string): Promise<Buffer | null>;
  delete(tx: Tx, workspaceId: string, key: string): Promise<void>;
}

/** Blobs in the `blobs` table (bytea), keyed by content hash so identical files are stored once. */
export const databaseBlobStorage: BlobStorage = {
  async put(tx, workspaceId, data) {
    const key = 'sha256:' + crypto.createHash('sha256').update(data).digest('hex');
    await tx.insert(blobs).values({ workspaceId, key, data }).onConflictDoNothing();
    return key;
  },
  async get(tx, workspaceId, key) {
    const [b] = await tx.select({ data: blobs.data }).from(blobs).where(and(eq(blobs.workspaceId, workspaceId), eq(blobs.key, key)));
    return b?.data ?? null;
  },
  async delete(tx, workspaceId, key) {
    await tx.delete(blobs).where(and(eq(blobs.workspaceId, workspaceId), eq(blobs.key, key)));
  },
};
