import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id (algorithm 2) with OWASP's minimum memory cost; verify() reads parameters from the hash.
const ARGON = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON);
export const verifyPassword = async (stored: string, password: string) => {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
};
/** A hash computed against when the user does not exist, so login timing does not reveal accounts. */
export const DUMMY_HASH = await hashPassword('not-a-real-password-' + randomBytes(8).toString('hex'));

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
/** Session, invite and API tokens are 256-bit random: a fast hash is enough to store them. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
