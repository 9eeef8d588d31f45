import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@fitdesk/server/src/db/client.js';
import { DataDirLockedError } from '@fitdesk/server/src/db/lock.js';
import { importClientsCommand } from './commands/import.js';
import { exportCommand } from './commands/admin.js';
import { parseArgs } from './main.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-cli-'));
const sink = () => {
  let text = '';
  return { stream: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream, text: () => text };
};

beforeAll(() => {
  process.env.FITDESK_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('fitdesk CLI', () => {
  it('parses flags in both --k v and --k=v forms', () => {
    expect(parseArgs(['import', 'clients', 'a.csv', '--workspace', 'demo', '--dry-run', '--out=x.json'])).toEqual({
      words: ['import', 'clients', 'a.csv'],
      flags: { workspace: 'demo', 'dry-run': true, out: 'x.json' },
    });
  });

  it('imports the valid rows in one go and reports each bad row by line and field', async () => {
    const csv = path.join(dir, 'clients.csv');
    fs.writeFileSync(
      csv,
      'name,domain,tier,annual_revenue,tags,contact_name,contact_email\n' +
        'Acme,acme.example,premium,"12,000",a;b,Ann,ann@acme.example\n' +
        ',bad domain,gold,x,,,\n' +
        '"Beta, LLC",beta.example,,500,,,\n',
    );
    // the demo seed runs on an empty data folder only through `fitdesk demo`; create a workspace first
    const { demoCommand } = await import('./commands/admin.js');
    const demoOut = sink();
    await demoCommand({}, demoOut.stream);
    const out = sink();
    const code = await importClientsCommand(csv, { workspace: 'demo' }, out.stream);
    expect(code).toBe(1); // there were bad rows
    expect(out.text()).toContain('line 3: name:');
    expect(out.text()).toContain('line 3: tier:');
    expect(out.text()).toContain('line 3: annual_revenue: must be a number');
    expect(out.text()).toContain('Imported 2 clients and 1 contacts.');
    const exp = sink();
    const file = path.join(dir, 'export.json');
    await exportCommand({ workspace: 'demo', out: file }, exp.stream);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    const names = data.clients.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Acme', 'Beta, LLC']));
    expect(data.clients.find((c: { name: string }) => c.name === 'Acme')).toMatchObject({ annualRevenue: 12000, tags: ['a', 'b'], tier: 'premium' });
    expect(JSON.stringify(data)).not.toContain('passwordHash');
  }, 120_000);

  it('refuses to open a data folder another process holds, and the CLI says how to go through the server', async () => {
    const held = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
      const csv = path.join(dir, 'one.csv');
      fs.writeFileSync(csv, 'name\nGamma\n');
      await expect(importClientsCommand(csv, {}, sink().stream)).rejects.toThrow(/FITDESK_TOKEN/);
    } finally {
      await held.close();
    }
  }, 120_000);
});
