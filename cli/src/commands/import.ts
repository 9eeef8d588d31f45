import fs from 'node:fs';
import { ClientCsvRow } from '@fitdesk/contracts';
import { importClients } from '@fitdesk/server/src/features/clients/clients.import.js';
import { csvObjects } from '../csv.js';
import { progressBar } from '../progress.js';
import { CliError, openTarget, pickWorkspace, type Flags } from '../target.js';

const KNOWN = new Set(Object.keys(ClientCsvRow.shape));

/**
 * `fitdesk import clients FILE.csv`: validates every row, reports each bad row by line and
 * field, and imports the good ones in one transaction (all or nothing).
 */
export async function importClientsCommand(file: string | undefined, flags: Flags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (!file) throw new CliError('Usage: fitdesk import clients FILE.csv [--workspace SLUG] [--dry-run]');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const { header, rows } = csvObjects(text);
  if (!header.includes('name')) throw new CliError(`${file}: the header row needs a "name" column (columns: ${[...KNOWN].join(', ')})`);
  const unknown = header.filter((h) => h && !KNOWN.has(h));
  if (unknown.length) out.write(`Ignoring unknown columns: ${unknown.join(', ')}\n`);
  const good: Array<{ line: number; row: ClientCsvRow }> = [];
  const bad: Array<{ line: number; field: string; message: string }> = [];
  for (const { line, values } of rows) {
    if (values.__extra) {
      bad.push({ line, field: '(row)', message: `has ${values.__extra} more fields than the header` });
      continue;
    }
    const parsed = ClientCsvRow.safeParse(values);
    if (parsed.success) good.push({ line, row: parsed.data });
    else for (const issue of parsed.error.issues) bad.push({ line, field: issue.path.join('.') || '(row)', message: issue.message });
  }
  for (const b of bad) out.write(`line ${b.line}: ${b.field}: ${b.message}\n`);
  const badLines = new Set(bad.map((b) => b.line)).size;
  out.write(`${rows.length} rows read: ${good.length} valid, ${badLines} with errors${badLines ? ' (listed above, not imported)' : ''}\n`);
  if (!good.length || flags['dry-run']) return badLines ? 1 : 0;

  const target = await openTarget(flags, { write: true });
  const bar = progressBar('Importing');
  let result;
  if (target.kind === 'remote') {
    bar.update(0, good.length);
    result = await target.call<{ created: number; contactsCreated: number; skipped: Array<{ line: number; reason: string }> }>('POST', '/api/v1/clients/import', { rows: good });
    bar.update(good.length, good.length);
  } else {
    try {
      const actor = await pickWorkspace(target.deps, flags);
      result = await importClients(target.deps, actor, good, (d, t) => bar.update(d, t));
    } finally {
      await target.close();
    }
  }
  for (const s of result.skipped) out.write(`line ${s.line}: ${s.reason}\n`);
  out.write(`Imported ${result.created} clients and ${result.contactsCreated} contacts.\n`);
  return badLines ? 1 : 0;
}
