import { describe, expect, it } from 'vitest';
import { imapBackoffMs, pollImapFolder, type ImapCursor, type ImapLike } from './imap-poller.js';

/** An ImapFlow-shaped fake: a folder of (uid → source) with a UIDVALIDITY, optionally failing on a uid. */
function fakeImap(folder: { validity: number; messages: Map<number, string> }, failOnUid?: number): ImapLike & { loggedOut: boolean } {
  return {
    loggedOut: false,
    mailbox: false,
    async connect() {},
    async getMailboxLock() {
      this.mailbox = { uidValidity: BigInt(folder.validity) };
      return { release() {} };
    },
    async search(q: { uid: string }) {
      const from = Number(q.uid.split(':')[0]);
      const uids = [...folder.messages.keys()].sort((a, b) => a - b);
      const hit = uids.filter((u) => u >= from);
      // Like a real server, "n:*" returns the highest uid even when it is below n.
      return hit.length ? hit : uids.slice(-1);
    },
    async fetchOne(range: string) {
      const uid = Number(range);
      if (uid === failOnUid) throw new Error('connection reset');
      const s = folder.messages.get(uid);
      return s ? { uid, source: Buffer.from(s) } : false;
    },
    async logout() {
      this.loggedOut = true;
    },
    close() {},
  };
}

describe('IMAP poller', () => {
  it('imports only UIDs above the cursor and saves the cursor after each message', async () => {
    const folder = { validity: 7, messages: new Map([[1, 'a'], [2, 'b'], [5, 'c']]) };
    const stored: number[] = [];
    const saved: ImapCursor[] = [];
    const res = await pollImapFolder(fakeImap(folder), 'INBOX', { uidValidity: '7', lastUid: 1 }, async (_raw, uid) => void stored.push(uid), async (c) => void saved.push(c));
    expect(stored).toEqual([2, 5]);
    expect(res.cursor).toEqual({ uidValidity: '7', lastUid: 5 });
    expect(saved.at(-1)).toEqual({ uidValidity: '7', lastUid: 5 });
    const again = await pollImapFolder(fakeImap(folder), 'INBOX', res.cursor, async (_raw, uid) => void stored.push(uid), async () => undefined);
    expect(again.imported).toBe(0);
  });

  it('starts over when UIDVALIDITY changes', async () => {
    const folder = { validity: 9, messages: new Map([[1, 'a'], [2, 'b']]) };
    const stored: number[] = [];
    const res = await pollImapFolder(fakeImap(folder), 'INBOX', { uidValidity: '7', lastUid: 40 }, async (_r, uid) => void stored.push(uid), async () => undefined);
    expect(stored).toEqual([1, 2]);
    expect(res.cursor).toEqual({ uidValidity: '9', lastUid: 2 });
  });

  it('stops at a failure with the cursor on the last stored message, so the next poll resumes there', async () => {
    const folder = { validity: 1, messages: new Map([[1, 'a'], [2, 'b'], [3, 'c']]) };
    let cursor: ImapCursor = { uidValidity: '1', lastUid: 0 };
    const stored: number[] = [];
    await expect(
      pollImapFolder(fakeImap(folder, 2), 'INBOX', cursor, async (_r, uid) => void stored.push(uid), async (c) => void (cursor = c)),
    ).rejects.toThrow('connection reset');
    expect(cursor.lastUid).toBe(1);
    await pollImapFolder(fakeImap(folder), 'INBOX', cursor, async (_r, uid) => void stored.push(uid), async (c) => void (cursor = c));
    expect(stored).toEqual([1, 2, 3]);
  });

  it('does not advance past a message it could not store', async () => {
    const folder = { validity: 1, messages: new Map([[1, 'a'], [2, 'b']]) };
    let cursor: ImapCursor = { uidValidity: '1', lastUid: 0 };
    await expect(
      pollImapFolder(fakeImap(folder), 'INBOX', cursor, async (_r, uid) => {
        if (uid === 2) throw new Error('database down');
      }, async (c) => void (cursor = c)),
    ).rejects.toThrow('database down');
    expect(cursor.lastUid).toBe(1);
  });

  it('backs off exponentially up to a ceiling', () => {
    expect(imapBackoffMs(0, 60_000)).toBe(60_000);
    expect(imapBackoffMs(1, 60_000)).toBe(120_000);
    expect(imapBackoffMs(3, 60_000)).toBe(480_000);
    expect(imapBackoffMs(50, 60_000)).toBe(30 * 60_000);
  });
});
