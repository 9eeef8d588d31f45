#!/usr/bin/env node
// Usage: node scripts/with-postgres.mjs <command…>
//
// Runs <command> with DATABASE_URL pointing at a PostgreSQL server. If DATABASE_URL is already
// set it is used as is; otherwise a throw-away server is created from Debian's binaries
// (/usr/lib/postgresql/<version>/bin, newest version) in a temp dir on a free loopback port,
// with fsync off and trust auth, and removed again when the command ends — also on Ctrl-C,
// SIGTERM or failure. Exits with the command's exit code.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => process.stderr.write(`[with-postgres] ${msg}\n`);

const command = process.argv.slice(2);
if (command.length === 0) {
  log('usage: node scripts/with-postgres.mjs <command…>');
  process.exit(2);
}

// Let `node scripts/with-postgres.mjs vitest …` work outside npm scripts too.
const env = { ...process.env, PATH: [path.join(ROOT, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter) };

/** Runs the command with stdio inherited; resolves with its exit code. Forwards SIGINT/SIGTERM to it. */
function runCommand(extraEnv) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...env, ...extraEnv } });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      log(`cannot run ${command[0]}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 1));
    });
  });
}

function findBinDir() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')) && fs.existsSync(path.join(base, v, 'bin', 'postgres')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length === 0) {
    throw new Error(`no PostgreSQL server binaries under ${base}: install postgresql (apt-get install postgresql), or set DATABASE_URL`);
  }
  return path.join(base, versions[0], 'bin');
}

/** A loopback port nobody listens on, checked by binding it. */
async function freePort() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = 20000 + Math.floor(Math.random() * 40000);
    const free = await new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen({ port: candidate, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
    });
    if (free) return candidate;
  }
  throw new Error('no free loopback port found');
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function postgresIds() {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('running as root, but there is no "postgres" user to run the server as (apt-get install postgresql creates it)');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** argv that runs `argv` as the postgres user when we are root (initdb and postgres refuse root). */
function asServerUser(argv) {
  if (!isRoot) return argv;
  if (spawnSync('runuser', ['--help'], { stdio: 'ignore' }).status === 0) return ['runuser', '-u', 'postgres', '--', ...argv];
  const quoted = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return ['su', 'postgres', '-s', '/bin/sh', '-c', `exec ${quoted}`];
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function withTemporaryServer() {
  const bin = findBinDir();
  // The server user must reach the directory: as root, use /tmp rather than a private TMPDIR.
  const tmp = fs.mkdtempSync(path.join(isRoot ? '/tmp' : os.tmpdir(), 'fitdesk-pg-'));
  const dataDir = path.join(tmp, 'data');
  const logFile = path.join(tmp, 'postgres.log');
  let server;
  let cleaned = false;

  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      // SIGINT = PostgreSQL "fast shutdown"; the whole group, in case runuser sits in between.
      try {
        process.kill(-server.pid, 'SIGINT');
      } catch {
        /* already gone */
      }
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        try {
          process.kill(-server.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await Promise.race([exited, sleep(2_000)]);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  let interrupted = 0;
  const onSignal = (sig) => {
    interrupted = 128 + (os.constants.signals[sig] ?? 1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const bail = async () => {
    if (!interrupted) return false;
    await cleanup();
    process.exit(interrupted);
  };

  try {
    if (isRoot) {
      const { uid, gid } = postgresIds();
      fs.chownSync(tmp, uid, gid);
    }
    const init = asServerUser([
      path.join(bin, 'initdb'),
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const initRun = spawnSync(init[0], init.slice(1), { encoding: 'utf8' });
    if (initRun.status !== 0) throw new Error(`initdb failed:\n${initRun.stdout}${initRun.stderr}${initRun.error?.message ?? ''}`);
    await bail();

    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const argv = asServerUser([
        path.join(bin, 'postgres'),
        '-D',
        dataDir,
        '-c',
        `port=${port}`,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${tmp}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
      ]);
      const out = fs.openSync(logFile, 'a');
      server = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, out], detached: true });
      fs.closeSync(out);
      const ready = await waitUntilReady(bin, port, server);
      if (ready) break;
      const logText = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      // Someone took the port between the check and the bind: try another one.
      if (attempt < 3 && /could not bind|Address already in use/i.test(logText)) {
        await cleanupServerOnly(server);
        continue;
      }
      throw new Error(`PostgreSQL did not start on 127.0.0.1:${port}. Server log:\n${logText}`);
    }
    await bail();

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    log(`PostgreSQL (${path.basename(path.dirname(bin))}) at ${url}`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const code = await runCommand({ DATABASE_URL: url });
    await cleanup();
    return code;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function cleanupServerOnly(server) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  await exited;
}

async function waitUntilReady(bin, port, server) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) return false;
    const probe = spawnSync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres'], {
      stdio: 'ignore',
    });
    if (probe.status === 0) return true;
    await sleep(100);
  }
  return false;
}

try {
  if (process.env.DATABASE_URL) {
    process.exit(await runCommand({}));
  }
  process.exit(await withTemporaryServer());
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
