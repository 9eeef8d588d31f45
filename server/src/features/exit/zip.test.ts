import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, toCsv, unzipStore, zipStore } from './zip.js';

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('zip writer', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('round-trips entries with UTF-8 names', () => {
    const zip = zipStore([{ name: 'client.json', data: '{"a":1}' }, { name: 'données/é.csv', data: 'x,y\r\n' }], new Date('2026-05-04T10:20:30Z'));
    const back = unzipStore(zip);
    expect(back.map((e) => e.name)).toEqual(['client.json', 'données/é.csv']);
    expect(back[0]!.data.toString()).toBe('{"a":1}');
  });

  it.skipIf(!hasUnzip)('writes an archive that unzip -t accepts and extracts byte for byte', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-zip-'));
    try {
      const big = Buffer.alloc(200_000, 7);
      const file = path.join(dir, 'export.zip');
      fs.writeFileSync(file, zipStore([{ name: 'a.json', data: '{"hello":"world"}' }, { name: 'b/c.csv', data: toCsv([{ x: 'a,b', y: '"q"' }]) }, { name: 'big.bin', data: big }, { name: 'empty.txt', data: '' }]));
      const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(out).toContain('No errors detected');
      execFileSync('unzip', ['-q', file, '-d', path.join(dir, 'x')]);
      expect(fs.readFileSync(path.join(dir, 'x', 'b', 'c.csv'), 'utf8')).toBe('x,y\r\n"a,b","""q"""\r\n');
      expect(fs.readFileSync(path.join(dir, 'x', 'big.bin')).equals(big)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('neutralises spreadsheet formulas in CSV cells', () => {
    expect(toCsv([{ a: '=SUM(A1)', b: null, c: { d: 1 } }])).toBe('a,b,c\r\n\'=SUM(A1),,"{""d"":1}"\r\n');
  });
});
