import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from './analyze.js';

const agreement = {
  timezone: 'America/New_York',
  hours: { mon: [{ open: '09:00', close: '17:30' }], tue: [{ open: '09:00', close: '17:30' }], wed: [{ open: '09:00', close: '17:30' }], thu: [{ open: '09:00', close: '17:30' }], fri: [{ open: '09:00', close: '17:30' }] },
  holidays: [{ date: '2026-01-19', name: 'MLK Day' }],
  firstResponseMinutes: { low: 1440, normal: 480, high: 120, urgent: 60 },
  outOfScope: ['personal or family tax returns'],
  inScope: ['monthly bookkeeping'],
};

async function run(lines: unknown[], args: string[] = []) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  stdin.end(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  const code = await analyzeCommand(args, { stdin, stdout, stderr });
  return { code, err, rows: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function agreementsFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-analyze-'));
  const file = path.join(dir, 'agreements.json');
  fs.writeFileSync(file, JSON.stringify({ books: agreement }));
  return file;
}

describe('fitdesk analyze', () => {
  it('does write one labelled line per message when reading stdin', async () => {
    const { code, rows } = await run([
      { id: 'm1', sent_at: '2026-01-06T10:00:00-05:00', channel: 'email', body: 'Hi, attached are the December statements. Thanks!' },
      { id: 'm2', sent_at: '2026-01-06T11:00:00-05:00', channel: 'sms', body: 'You people are f***ing useless. LEARN TO READ!!!' },
    ]);
    expect(code).toBe(0);
    expect(rows.map((r) => r.id)).toEqual(['m1', 'm2']);
    expect(rows[0]).toMatchObject({ tone: 'calm', shouting: false, duplicate_of: null, boundaries: [] });
    expect(rows[1]).toMatchObject({ tone: 'abusive', shouting: true });
    expect(rows[1]!.boundaries).toContain('abuse');
    expect(Array.isArray(rows[1]!.evidence)).toBe(true);
  });

  it('does link a repeat to the first message when the same client sends it again', async () => {
    const body = 'The reception scanner is still saving into the old Admin folder. I raised this two weeks ago and was told it was fixed.';
    const { rows } = await run([
      { id: 'a', sent_at: '2026-02-24T09:10:00Z', channel: 'portal', client: 'c1', body },
      { id: 'b', sent_at: '2026-02-24T09:40:00Z', channel: 'email', client: 'c1', body: `FW: ${body.replace('. I', '.\nI')}\n\n--\nAmira` },
      { id: 'c', sent_at: '2026-02-24T09:45:00Z', channel: 'email', client: 'c2', body },
    ]);
    expect(rows[1]!.duplicate_of).toBe('a');
    expect(rows[2]!.duplicate_of).toBeNull();
  });

  it('does judge off-hours and scope when an agreement file is given', async () => {
    const { rows } = await run(
      [{ id: 'x', sent_at: '2026-01-19T15:00:00Z', channel: 'email', agreement: 'books', body: "Could you also do my wife's tax return this year?" }],
      ['--agreements', agreementsFile()],
    );
    expect(rows[0]!.boundaries).toEqual(expect.arrayContaining(['out_of_scope', 'off_hours']));
  });

  it('does keep a repeat of an out-of-scope ask out of scope, quoting the original ask', async () => {
    const { rows } = await run(
      [
        { id: 'o1', sent_at: '2026-03-02T10:00:00-05:00', channel: 'email', agreement: 'books', client: 'c3', body: 'Hi Sam, while you have our books open, could you also prepare my own 1040 for this year? Happy to pay extra for it.' },
        { id: 'o2', sent_at: '2026-03-02T10:20:00-05:00', channel: 'sms', agreement: 'books', client: 'c3', body: 'see my email re this year, happy to pay extra if you can prepare it' },
        { id: 'o3', sent_at: '2026-03-02T10:25:00-05:00', channel: 'sms', agreement: 'books', client: 'c4', body: 'see my email re this year, happy to pay extra if you can prepare it' },
      ],
      ['--agreements', agreementsFile()],
    );
    expect(rows[1]).toMatchObject({ duplicate_of: 'o1', boundaries: ['out_of_scope'] });
    expect(rows[1]!.evidence).toContainEqual({ label: 'boundary:out_of_scope', rule: 'repeat_of_original', text: 'own 1040', start: 0, end: 0 });
    // The same words from a client who asked nothing before are not out of scope.
    expect(rows[2]).toMatchObject({ duplicate_of: null, boundaries: [] });
  });

  it('does link a repeat told the next morning in other words, saying how it was found', async () => {
    const { rows } = await run([
      { id: 'r1', sent_at: '2026-02-04T22:10:00-05:00', channel: 'email', client: 'c5', body: 'Hi Dana,\n\nThe 1099 you sent for our sub Travis Kuhn is wrong. It shows $41,000 but we paid him $29,600 for the year. He needs a corrected 1099 before he files. We paid him by check in four installments, the last one in November; the stubs are attached so you can see the totals line up with our ledger.\n\nKevin Brennan' },
      { id: 'r2', sent_at: '2026-02-05T08:31:00-05:00', channel: 'phone', client: 'c5', body: '[Voicemail transcript] Yeah it’s Kevin from Brennan. I emailed last night about Travis Kuhn’s 1099, wrong amount, forty-one thousand on it, we paid him twenty-nine six. Need a corrected form. Call me.' },
      { id: 'r3', sent_at: '2026-02-06T10:00:00-05:00', channel: 'email', client: 'c5', body: 'Update on the Travis Kuhn 1099: his accountant now says he also needs a W-9 from us on file. Do you have our signed W-9, or should I send a new one?' },
    ]);
    expect(rows[1]!.duplicate_of).toBe('r1');
    expect(rows[1]!.evidence).toContainEqual(expect.objectContaining({ label: 'duplicate', rule: 'learned_repeat', text: 'r1' }));
    expect(rows[2]!.duplicate_of).toBeNull();
  });

  it('does write an error line and carry on when a line is bad', async () => {
    const { code, rows } = await run([
      'not json',
      { id: 'n1', sent_at: 'yesterday', channel: 'email', body: 'hi' },
      { id: 'n2', sent_at: '2026-01-06T10:00:00Z', channel: 'fax', body: 'hi' },
      { id: 'n3', sent_at: '2026-01-06T10:00:00Z', channel: 'email', body: 'hi', agreement: 'missing' },
      { id: 'ok', sent_at: '2026-01-06T10:00:00Z', channel: 'email', body: 'All good, thanks.' },
    ]);
    expect(code).toBe(1);
    expect(rows[0]).toMatchObject({ error: { code: 'invalid_json' } });
    expect(rows[1]).toMatchObject({ id: 'n1', error: { field: 'sent_at' } });
    expect(rows[2]).toMatchObject({ id: 'n2', error: { field: 'channel' } });
    expect(rows[3]).toMatchObject({ id: 'n3', error: { code: 'unknown_agreement', field: 'agreement' } });
    expect(rows[4]).toMatchObject({ id: 'ok', tone: 'calm' });
  });

  it('does refuse to start when the agreements file is invalid', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-analyze-'));
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ k: { ...agreement, timezone: 'Mars/Olympus' } }));
    const { code, err } = await run([], ['--agreements', file]);
    expect(code).toBe(2);
    expect(err).toContain('timezone');
  });

  it('does stop quietly when its reader goes away (piped into head)', async () => {
    const bin = fileURLToPath(new URL('../../bin/fitdesk.mjs', import.meta.url));
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `m${i}`, sent_at: '2026-01-06T10:00:00Z', channel: 'email', body: `Message ${i}: could you check the invoice?` })).join('\n');
    const child = spawn(process.execPath, [bin, 'analyze'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    // The CLI may exit before it has read all of its input: writing the rest then fails with EPIPE here.
    child.stdin.on('error', () => {});
    child.stdin.end(lines);
    // Read the first line, then close the pipe, as `| head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  }, 60_000);
});
