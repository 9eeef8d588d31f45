import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFromFile, secretBox } from './secrets.js';

describe('secrets', () => {
  it('round-trips with AES-256-GCM, uses a fresh IV each time and rejects tampering', () => {
    const box = secretBox({ secretKey: 'a-long-enough-secret-key', dataDir: '/nonexistent' });
    const a = box.encrypt('p@ss');
    expect(a).not.toContain('p@ss');
    expect(box.encrypt('p@ss')).not.toBe(a);
    expect(box.decrypt(a)).toBe('p@ss');
    const raw = Buffer.from(a.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.decrypt('v1:' + raw.toString('base64'))).toThrow();
    expect(() => secretBox({ secretKey: 'another-key-entirely!', dataDir: '/x' }).decrypt(a)).toThrow();
  });

  it('generates a key file in the data folder on first use (mode 0600) and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitdesk-key-'));
    const k1 = keyFromFile(dir);
    expect(k1).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(keyFromFile(dir).equals(k1)).toBe(true);
    const box = secretBox({ secretKey: undefined, dataDir: dir });
    expect(box.decrypt(box.encrypt('x'))).toBe('x');
  });
});
