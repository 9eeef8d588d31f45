import { CliError, isCliError, type Flags } from './target.js';

const HELP = `fitdesk — client-service desk

Usage: npx fitdesk <command> [options]

  serve [--roles web,worker,mail]     start the server (same as npm start)
  db migrate                          apply database migrations
  demo                                create the demo workspace
  import clients FILE.csv             import clients (validates every row first)
        [--workspace SLUG] [--dry-run]
  export [--workspace SLUG] [--out FILE]   everything a workspace holds, as JSON
  backup [--out FILE]                 back up the data folder or PostgreSQL database
  restore FILE [--yes]                restore a backup
  analyze [--agreements FILE.json] [FILE.jsonl]   analyse messages (JSON lines in and out)

Storage: the embedded database in ./data (FITDESK_DATA_DIR), or PostgreSQL with DATABASE_URL.
While the server holds the data folder, writing commands go through its API:
set FITDESK_TOKEN (Settings → API tokens) and optionally --server URL.
`;

/** Splits argv into positional words and --flags (--k v, --k=v, --bool). */
export function parseArgs(argv: string[]): { words: string[]; flags: Flags } {
  const words: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split(/=(.*)/s);
      const next = argv[i + 1];
      if (v !== undefined) flags[k!] = v;
      else if (next !== undefined && !next.startsWith('--') && !['dry-run', 'yes', 'help'].includes(k!)) {
        flags[k!] = next;
        i++;
      } else flags[k!] = true;
    } else words.push(a);
  }
  return { words, flags };
}

/** Runs one CLI invocation and returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const { words, flags } = parseArgs(argv);
  const [cmd, sub, arg] = words;
  try {
    switch (cmd) {
      case 'serve': {
        if (flags.roles) process.env.FITDESK_ROLES = String(flags.roles);
        if (flags.port) process.env.PORT = String(flags.port);
        const { main } = await import('@fitdesk/server/src/main.js');
        await main();
        return new Promise<number>(() => undefined); // runs until a signal stops it
      }
      case 'db':
        if (sub !== 'migrate') break;
        return await (await import('./commands/admin.js')).migrateCommand();
      case 'migrate':
        return await (await import('./commands/admin.js')).migrateCommand();
      case 'demo':
        return await (await import('./commands/admin.js')).demoCommand(flags);
      case 'import':
        if (sub !== 'clients') throw new CliError('Usage: fitdesk import clients FILE.csv');
        return await (await import('./commands/import.js')).importClientsCommand(arg, flags);
      case 'export':
        return await (await import('./commands/admin.js')).exportCommand(flags);
      case 'backup':
        return await (await import('./commands/admin.js')).backupCommand(flags);
      case 'restore':
        return await (await import('./commands/admin.js')).restoreCommand(sub, flags);
      case 'analyze': {
        const { analyzeCommand } = await import('./commands/analyze.js');
        // Piped into `head` or a closed reader: stop quietly, as other line tools do, rather than crash on EPIPE.
        process.stdout.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code === 'EPIPE') process.exit(0);
          throw e;
        });
        return await analyzeCommand(argv.slice(1), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
      }
      case undefined:
      case 'help':
        process.stdout.write(HELP);
        return 0;
    }
    process.stderr.write(`Unknown command: ${words.join(' ')}\n\n${HELP}`);
    return 2;
  } catch (e) {
    if (isCliError(e)) {
      process.stderr.write(`\n✖ ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
