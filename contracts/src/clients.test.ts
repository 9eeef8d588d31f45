import { describe, expect, it } from 'vitest';
import { ClientCsvRow } from './clients.js';

describe('ClientCsvRow', () => {
  it('accepts its own output again when the CLI sends parsed rows to a server', () => {
    const once = ClientCsvRow.parse({ name: 'Gamma', annual_revenue: '', tags: 'a; b', domain: '' });
    expect(once).toMatchObject({ annual_revenue: null, tags: ['a', 'b'], domain: null, status: 'active', tier: 'standard' });
    expect(ClientCsvRow.parse(once)).toEqual(once);
    expect(ClientCsvRow.parse({ name: 'Acme', annual_revenue: '12,000' }).annual_revenue).toBe(12000);
  });
  it('names the field when a number is not one', () => {
    const r = ClientCsvRow.safeParse({ name: 'X', annual_revenue: 'lots' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['annual_revenue']);
  });
});
