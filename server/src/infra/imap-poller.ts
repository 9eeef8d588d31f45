import { ImapFlow } from 'imapflow';

/** The slice of ImapFlow the poller uses (tests pass a fake with the same shape). */
export interface ImapLike {
  connect(): Promise<void>;
  getMailboxLock(path: string): Promise<{ release(): void }>;
  mailbox: false | { uidValidity: bigint | number; uidNext?: number };
  search(query: { uid: string }, options: { uid: true }): Promise<number[] | false>;
  fetchOne(range: string, query: { uid: true; source: true }, options: { uid: true }): Promise<{ uid: number; source?: Buffer } | false>;
  logout(): Promise<void>;
  close(): void;
}

export interface ImapAccount {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  pass: string;
}

export interface ImapCursor {
  uidValidity: string | null;
  lastUid: number;
}

export function connectImapFlow(a: ImapAccount): ImapLike {
  const client = new ImapFlow({
    host: a.host,
    port: a.port,
    secure: a.tls,
    auth: { user: a.user, pass: a.pass },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
    // Loopback servers in development have no certificate; elsewhere certificates are checked.
    tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(a.host) },
  });
  client.on('error', () => {
    /* surfaced by the failing command */
  });
  return client as unknown as ImapLike;
}

/** Wait after `failures` consecutive failures: the poll interval doubled per failure, at most 30 minutes. */
export function imapBackoffMs(failures: number, pollMs: number, maxMs = 30 * 60_000): number {
  if (failures <= 0) return pollMs;
  return Math.min(pollMs * 2 ** Math.min(failures, 20), maxMs);
}

/**
 * One poll of a folder: imports every message with a UID above the cursor, oldest first, and
 * moves the cursor after each one is stored (so an outage mid-way resumes where it stopped).
 * A changed UIDVALIDITY restarts from UID 1; re-imported messages are recognised by Message-ID.
 */
export async function pollImapFolder(
  client: ImapLike,
  folder: string,
  cursor: ImapCursor,
  store: (raw: Buffer, uid: number) => Promise<void>,
  saveCursor: (c: ImapCursor) => Promise<void>,
  maxMessages = 500,
): Promise<{ imported: number; cursor: ImapCursor }> {
  await client.connect();
  let imported = 0;
  let cur = { ...cursor };
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      if (!client.mailbox) throw new Error(`IMAP folder ${folder} could not be opened`);
      const validity = String(client.mailbox.uidValidity);
      if (cur.uidValidity !== validity) {
        cur = { uidValidity: validity, lastUid: 0 };
        await saveCursor(cur);
      }
      const uids = ((await client.search({ uid: `${cur.lastUid + 1}:*` }, { uid: true })) || [])
        .filter((u) => u > cur.lastUid)
        .sort((a, b) => a - b)
        .slice(0, maxMessages);
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (msg && msg.source) {
          await store(msg.source, uid);
          imported++;
        }
        cur = { ...cur, lastUid: uid };
        await saveCursor(cur);
      }
    } finally {
      lock.release();
    }
    await client.logout().catch(() => undefined);
  } catch (err) {
    client.close();
    throw err;
  }
  return { imported, cursor: cur };
}
