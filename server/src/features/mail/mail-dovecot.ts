import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from './mail-test-kit.js';

export const DOVECOT = '/usr/sbin/dovecot';
export const hasDovecot = () => fs.existsSync(DOVECOT);

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

export interface Dovecot {
  port: number;
  user: string;
  pass: string;
  stop(): void;
}

/**
 * A throw-away Dovecot IMAP server on a free loopback port (Debian's dovecot-imapd), with one
 * user whose password is in a passwd file. Runs as root (mail owned by nobody) or as the current user.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = tempDir('fitdesk-dovecot-');
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : process.getuid!();
  const gid = root ? 65534 : process.getgid!();
  for (const d of ['run', 'state', 'home']) fs.mkdirSync(path.join(dir, d));
  if (root) fs.chownSync(path.join(dir, 'home'), uid, gid);
  const user = 'desk@imap.example';
  const pass = 'imap-secret';
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${pass}\n`);
  const conf = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
${root ? '' : `default_login_user = ${process.env.USER ?? 'nobody'}\ndefault_internal_user = ${process.env.USER ?? 'nobody'}`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), conf);
  execFileSync(DOVECOT, ['-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore', timeout: 10_000 });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`dovecot did not start: ${fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    user,
    pass,
    stop: () => {
      try {
        const pid = Number(fs.readFileSync(path.join(dir, 'run', 'master.pid'), 'utf8').trim());
        if (pid > 0) process.kill(pid, 'SIGTERM');
      } catch {
        /* already stopped */
      }
    },
  };
}
