// `npm start`: build the web app when its sources are newer than the build, then run the server
// (TypeScript through tsx, no separate compile step). Signals are passed on so Ctrl-C stops cleanly.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const newest = (dir) => {
  let t = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
};
const built = path.join(root, 'web/dist/index.html');
const srcTime = Math.max(newest(path.join(root, 'web/src')), newest(path.join(root, 'contracts/src')), fs.existsSync(path.join(root, 'web/index.html')) ? fs.statSync(path.join(root, 'web/index.html')).mtimeMs : 0);
if (fs.existsSync(path.join(root, 'web/index.html')) && (!fs.existsSync(built) || fs.statSync(built).mtimeMs < srcTime)) {
  console.log('Building the web app…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts'), ...process.argv.slice(2)], { cwd: process.cwd(), stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
