#!/usr/bin/env node
// Browser end-to-end run: build the web app, start the server on a free port with a throw-away
// data folder, wait for /api/health, run every e2e/*.e2e.ts, then stop the server and clean up.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const e2eDir = path.join(root, 'e2e');
const only = process.argv.slice(2);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early (code ${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs / 1000}s`);
}

async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!done) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(2000)]);
  }
}

function findChromium() {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(p)) {
    console.error(`Chromium not found at ${p}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

async function main() {
  findChromium();
  const files = fs
    .readdirSync(e2eDir)
    .filter((f) => f.endsWith('.e2e.ts'))
    .filter((f) => !only.length || only.some((o) => f.includes(o)))
    .sort();
  if (!files.length) {
    console.error('no e2e/*.e2e.ts files to run');
    return 1;
  }

  console.log('› building the web app');
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-e2e-data-'));
  const base = `http://127.0.0.1:${port}`;
  const serverLog = [];
  let server;
  const cleanup = async () => {
    await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      void cleanup().then(() => process.exit(130));
    });
  }

  try {
    console.log(`› starting the server on ${base} (data in ${dataDir})`);
    server = spawn('npx', ['tsx', 'server/src/main.ts'], {
      cwd: root,
      detached: true, // own process group, so the whole tree (npx → tsx → node) stops together
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FITDESK_DATA_DIR: dataDir, FITDESK_SMTP_PORT: '0', FITDESK_PUBLIC_URL: base },
    });
    const keep = (chunk) => {
      serverLog.push(chunk.toString());
      if (serverLog.length > 400) serverLog.splice(0, serverLog.length - 400);
    };
    server.stdout.on('data', keep);
    server.stderr.on('data', keep);

    try {
      await waitForHealth(`${base}/api/health`, server, 120_000);
    } catch (e) {
      console.error(`server did not become healthy: ${e.message}\n--- server output ---\n${serverLog.join('')}`);
      console.log('0 passed, 1 failed');
      return 1;
    }

    let passed = 0;
    let failed = 0;
    let code = 0;
    for (const f of files) {
      console.log(`› ${f}`);
      const res = spawnSync('npx', ['tsx', path.join('e2e', f)], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, FITDESK_E2E_URL: base },
        timeout: 10 * 60_000,
      });
      process.stdout.write(res.stdout ?? '');
      const m = /(\d+) passed, (\d+) failed\s*$/.exec(res.stdout ?? '');
      if (m) {
        passed += Number(m[1]);
        failed += Number(m[2]);
      } else failed += 1;
      if (res.status !== 0) code = 1;
    }
    if (code !== 0 && process.env.FITDESK_E2E_SERVER_LOG !== '0') {
      console.log(`--- last server output ---\n${serverLog.join('').split('\n').slice(-60).join('\n')}`);
    }
    if (files.length > 1) console.log(`${passed} passed, ${failed} failed`);
    return code;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
