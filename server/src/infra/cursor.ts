import { AppError } from './errors.js';

/** Opaque cursors: base64url JSON of the last row's sort key; tampered cursors are a 400, not a 500. */
export function encodeCursor(v: Record<string, string | number | null>): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, keys: K[]): Record<K, string> {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const k of keys) if (typeof v[k] !== 'string' && typeof v[k] !== 'number' && v[k] !== null) throw new Error(k);
    if ('t' in v && typeof v.t === 'string' && Number.isNaN(Date.parse(v.t))) throw new Error('t');
    if ('id' in v && typeof v.id === 'string' && !/^[0-9a-f-]{36}$/i.test(v.id)) throw new Error('id');
    return v as Record<K, string>;
  } catch {
    throw new AppError('validation_failed', 'cursor is not valid (use nextCursor from a previous page)', 'cursor');
  }
}
