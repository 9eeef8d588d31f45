import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts stored credentials (SMTP/IMAP passwords) with AES-256-GCM. The key comes from
 * FITDESK_SECRET_KEY (any string of 16+ characters, stretched with SHA-256) or, without it, from
 * `secret.key` in the data folder, generated on first use. Several app processes sharing one
 * PostgreSQL must share FITDESK_SECRET_KEY.
 */
export interface SecretBox {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

const PREFIX = 'v1:';

export function secretBoxFromKey(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    encrypt(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
    },
    decrypt(ciphertext) {
      if (!ciphertext.startsWith(PREFIX)) throw new Error('unknown secret format');
      const buf = Buffer.from(ciphertext.slice(PREFIX.length), 'base64');
      if (buf.length < 28) throw new Error('secret is truncated');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Reads (or creates, mode 0600) the data folder's key file. */
export function keyFromFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    // Another process won the race: use its key.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    throw e;
  }
}

const cache = new Map<string, SecretBox>();

/** The box for this configuration: the environment key if set, else the data folder's key file. */
export function secretBox(config: { secretKey: string | undefined; dataDir: string }): SecretBox {
  const id = config.secretKey ? `env:${config.secretKey}` : `file:${config.dataDir}`;
  let box = cache.get(id);
  if (!box) {
    const key = config.secretKey ? crypto.createHash('sha256').update(config.secretKey).digest() : keyFromFile(config.dataDir);
    box = secretBoxFromKey(key);
    cache.set(id, box);
  }
  return box;
}
