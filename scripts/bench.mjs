// `npm run bench`: with Debian's PostgreSQL installed (and no DATABASE_URL), measure on a
// throwaway server as well as on PGlite; otherwise PGlite only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const hasPg = fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').length > 0;
const cmd = ['tsx', 'bench/run.ts'];
const args = !process.env.DATABASE_URL && hasPg && process.env.BENCH_PG !== '0' ? ['scripts/with-postgres.mjs', 'npx', ...cmd] : null;
const r = args ? spawnSync(process.execPath, args, { stdio: 'inherit' }) : spawnSync('npx', cmd, { stdio: 'inherit' });
process.exit(r.status ?? 1);
