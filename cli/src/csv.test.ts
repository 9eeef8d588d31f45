import { describe, expect, it } from 'vitest';
import { csvObjects, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('parses quotes, escaped quotes, commas and line breaks inside quotes, with line numbers', () => {
    const text = '\ufeffname,notes\r\n"Acme, Inc.","said ""hi""\nthen left"\nBloom,plain\n';
    const recs = parseCsv(text);
    expect(recs).toEqual([
      { line: 1, fields: ['name', 'notes'] },
      { line: 2, fields: ['Acme, Inc.', 'said "hi"\nthen left'] },
      { line: 4, fields: ['Bloom', 'plain'] },
    ]);
  });
  it('skips blank lines but keeps counting them', () => {
    expect(parseCsv('a\n\nb\n').map((r) => r.line)).toEqual([1, 3]);
  });
  it('throws with the line when a quote is never closed', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2/);
  });
  it('keys rows by a normalised header', () => {
    const { rows } = csvObjects('Name, Annual Revenue\nAcme, 1000\n');
    expect(rows[0]).toEqual({ line: 2, values: { name: 'Acme', annual_revenue: '1000' } });
  });
});
