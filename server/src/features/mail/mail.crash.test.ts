import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, rows } from '../../db/client.js';
import { smtpClient, tempDir } from './mail-test-kit.js';

/**
 * Kill -9 during delivery: the app runs as a child process (web + worker + mail roles on a
 * PGlite data folder); senders deliver in a loop while it is killed; after a restart the
 * senders retry what was not acknowledged (as any MTA would) and re-send some that were.
 * Every message that got a 250 must be stored, and no message may be stored twice.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

function startApp(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    // The embedded data folder is what this test kills and reopens: never the test:pg server.
    env: { ...withoutDatabaseUrl(process.env), ...env, FITDESK_DEMO: 'off', FITDESK_LOG_LEVEL: 'warn', FITDESK_ROLES: 'web,worker,mail', HOST: '127.0.0.1', NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', () => undefined);
  children.push(child);
  return child;
}

async function waitHealthy(port: number, child: ChildProcess) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('app did not become healthy');
}

const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

describe('inbound SMTP under kill -9', () => {
  it('stores every acknowledged message exactly once across a crash and restart', async () => {
    const dataDir = tempDir('fitdesk-crash-');
    const [port, smtpPort] = [await freePort(), await freePort()];
    const env = { FITDESK_DATA_DIR: dataDir, PORT: String(port), FITDESK_SMTP_PORT: String(smtpPort), FITDESK_MAIL_SENDER_LIMIT: '100000' };
    let app = startApp(env);
    await waitHealthy(port, app);

    const signup = await fetch(`http://127.0.0.1:${port}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Crash', name: 'Owner', email: 'owner@crash.example', password: 'correct horse battery' }),
    });
    expect(signup.status).toBe(201);
    const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const mb = await fetch(`http://127.0.0.1:${port}/api/v1/mail/mailboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ address: 'in@crash.example' }),
    });
    expect(mb.status).toBe(201);

    const acked = new Set<number>();
    const attempted = new Set<number>();
    let next = 0;
    let sending = true;
    const client = smtpClient(smtpPort);
    const send = (i: number) =>
      client.send({
        from: `sender${i % 7}@clients.example`,
        to: 'in@crash.example',
        subject: `Crash test ${i}`,
        text: `Message number ${i}`,
        messageId: `<crash-${i}@clients.example>`,
        attachments: i % 5 === 0 ? [{ filename: `file-${i}.txt`, content: `attachment ${i}` }] : undefined,
      });
    const loop = async () => {
      while (sending) {
        const i = next++;
        attempted.add(i);
        try {
          const info = await send(i);
          if (/^250/.test(info.response)) acked.add(i);
        } catch {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const senders = [loop(), loop(), loop(), loop()];
    // Let some messages through, then kill while deliveries are in flight.
    const deadline = Date.now() + 60_000;
    while (acked.size < 25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    app.kill('SIGKILL');
    await exited(app);
    await new Promise((r) => setTimeout(r, 300));
    sending = false;
    await Promise.all(senders);
    const ackedBeforeCrash = acked.size;
    expect(ackedBeforeCrash).toBeGreaterThanOrEqual(25);
    expect(attempted.size).toBeGreaterThan(ackedBeforeCrash);

    app = startApp(env);
    await waitHealthy(port, app);
    // The senders' retry: everything not acknowledged, and a few that were (lost 250s look like this).
    const again = [...attempted].filter((i) => !acked.has(i)).concat([...acked].slice(0, 5));
    for (const i of again) {
      const info = await send(i);
      expect(info.response).toMatch(/^250/);
      acked.add(i);
    }
    client.close();
    app.kill('SIGTERM');
    await exited(app);

    const db = await openDatabase({ dataDir });
    try {
      const stored = await rows<{ h: string; n: number }>(
        db.db,
        sql`select message_id_header as h, count(*)::int as n from messages where message_id_header like '<crash-%' group by 1`,
      );
      const counts = new Map(stored.map((r) => [r.h, r.n]));
      for (const i of acked) expect(counts.get(`<crash-${i}@clients.example>`), `message ${i}`).toBe(1);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(counts.size).toBe(attempted.size);
      const files = await rows<{ n: number }>(db.db, sql`select count(*)::int as n from attachments`);
      expect(files[0]!.n).toBe([...attempted].filter((i) => i % 5 === 0).length);
    } finally {
      await db.close();
    }
  }, 240_000);
});
