import type { StrippedPart } from '../text/clean.js';
import { stem } from '../text/tokens.js';
import { fnv1a } from '../text/hash.js';

/** MinHash signature length (hash functions). */
export const SIGNATURE_SIZE = 64;
/** LSH bands × rows = SIGNATURE_SIZE; a pair at similarity s becomes a candidate with probability 1-(1-s^ROWS)^BANDS (0.98 at s=0.35). */
export const BANDS = 32;
export const ROWS = SIGNATURE_SIZE / BANDS;
/** Estimated Jaccard similarity at or above which a message repeats an earlier one. */
export const DUPLICATE_THRESHOLD = 0.32;
/** Character shingle length over normalised text. */
export const SHINGLE_CHARS = 4;
/**
 * How far back a repeat's original may lie. Across the 48 tuning splits, every same-words link to a
 * message more than a week older was wrong (0 of 12: a monthly request, a formulaic note, a new
 * episode of an old problem), while 9 of 12 between three and seven days were right.
 */
export const REPEAT_WINDOW_MS = 7 * 86400_000;
/** Fewer shingles than this and a text is too short to call a repeat ("Any update?"). */
export const MIN_SHINGLES = 24;

/** MinHash fingerprint: signature plus LSH band keys (for an indexed DB column). */
export interface Fingerprint {
  signature: number[];
  bands: string[];
  /** Number of distinct shingles; tiny texts are never duplicates. */
  shingles: number;
}

const SEEDS = new Uint32Array(SIGNATURE_SIZE);
{
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    SEEDS[i] = x;
  }
}


function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const NOISE = /\[#?[a-z]{1,6}[- ]?\d+\]|\b(?:re|fw|fwd):|https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+/gi;
const TOKEN = /[a-z0-9]+(?:'[a-z]+)?/g;

function isJunk(tok: string): boolean {
  if (tok.length > 20) return true;
  if (tok.length >= 4 && !/[aeiouy]/.test(tok) && !/^\d+$/.test(tok)) return true;
  if (/[a-z]/.test(tok) && /\d/.test(tok) && tok.length >= 7) return true;
  return false;
}

const NUMBER_WORDS: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twenty: '20', thirty: '30' };

/** Normalised tokens used for shingling: lower-cased, stemmed, number words as digits, tags/URLs/emails and junk tokens removed. */
export function normaliseForFingerprint(text: string): string[] {
  const t = text.toLowerCase().replace(/[’']/g, "'").replace(NOISE, ' ').replace(/(\d),(\d)/g, '$1$2');
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(t)) !== null) {
    const w = m[0];
    if (isJunk(w)) continue;
    out.push(NUMBER_WORDS[w] ?? stem(w));
  }
  return out;
}

/** MinHash over 4-character shingles of normalised text (robust to re-wrapping, light rewording and junk), with 32 LSH band keys "band:hash". */
export function fingerprint(text: string): Fingerprint {
  const norm = normaliseForFingerprint(text).join(' ');
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_CHARS <= norm.length; i++) {
    // FNV-1a over the window in place; cheaper than slicing a string per shingle.
    shingles.add(fnv1a(norm, i, i + SHINGLE_CHARS) >>> 0);
  }
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const h of shingles) {
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = fmix(h ^ SEEDS[k]!);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  const bands: string[] = [];
  for (let b = 0; b < BANDS; b++) bands.push(`${b}:${bandHash(sig, b, 0).toString(36)}`);
  return { signature: sig, bands, shingles: shingles.size };
}

function bandHash(sig: ArrayLike<number>, band: number, salt: number): number {
  let h = (0x811c9dc5 ^ salt ^ Math.imul(band + 1, 0x9e3779b1)) >>> 0;
  for (let r = 0; r < ROWS; r++) {
    h = Math.imul(h ^ (sig[band * ROWS + r] ?? 0), 0x01000193);
    h = fmix(h);
  }
  return h >>> 0;
}

/** Estimated Jaccard similarity: share of equal MinHash positions. */
export function estimateSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let eq = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) eq++;
  return eq / n;
}

/**
 * In-memory LSH index of fingerprints per key (client). Typed-array hash table: band hash →
 * chain of fingerprint slots, so a lookup touches only the candidates sharing a band.
 */
export class DuplicateIndex {
  private ids: string[] = [];
  private keys: number[] = [];
  /** When each fingerprint's message was sent (ms; NaN when not given). */
  private times: number[] = [];
  private sigs = new Uint32Array(1024 * SIGNATURE_SIZE);
  private heads: Int32Array;
  private mask: number;
  private entryKey = new Uint32Array(1 << 14);
  private entrySlot = new Int32Array(1 << 14);
  private entryNext = new Int32Array(1 << 14);
  private entries = 0;
  private readonly threshold: number;

  /** `expected` sizes the bucket table (power of two ≥ expected × bands). */
  constructor(opts: { expected?: number; threshold?: number } = {}) {
    const want = Math.max(1 << 12, (opts.expected ?? 10_000) * BANDS);
    let size = 1;
    while (size < want && size < 1 << 26) size <<= 1;
    this.heads = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.threshold = opts.threshold ?? DUPLICATE_THRESHOLD;
  }

  /** Number of fingerprints stored. */
  get size(): number {
    return this.ids.length;
  }

  /** Stores a fingerprint under a key (e.g. the client), with when its message was sent (ms) when known. */
  add(id: string, key: string, fp: Pick<Fingerprint, 'signature'> & { shingles?: number }, sentAtMs = Number.NaN): void {
    const slot = this.ids.length;
    this.ids.push(id);
    this.times.push(sentAtMs);
    const kh = fnv1a(key) >>> 0;
    this.keys.push(kh);
    if ((slot + 1) * SIGNATURE_SIZE > this.sigs.length) {
      const grown = new Uint32Array(this.sigs.length * 2);
      grown.set(this.sigs);
      this.sigs = grown;
    }
    this.sigs.set(fp.signature, slot * SIGNATURE_SIZE);
    if (fp.shingles !== undefined && fp.shingles < MIN_SHINGLES) return;
    for (let b = 0; b < BANDS; b++) this.insert(bandHash(fp.signature, b, kh), slot);
  }

  private insert(h: number, slot: number): void {
    if (this.entries >= this.entryKey.length) {
      const n = this.entryKey.length * 2;
      const k = new Uint32Array(n);
      k.set(this.entryKey);
      const s = new Int32Array(n);
      s.set(this.entrySlot);
      const x = new Int32Array(n);
      x.set(this.entryNext);
      this.entryKey = k;
      this.entrySlot = s;
      this.entryNext = x;
    }
    const e = this.entries++;
    const bucket = h & this.mask;
    this.entryKey[e] = h;
    this.entrySlot[e] = slot;
    this.entryNext[e] = this.heads[bucket]!;
    this.heads[bucket] = e;
  }

  /**
   * The most similar earlier fingerprint under the same key at or above the threshold, or null. With
   * `notBeforeMs`, fingerprints of messages sent before it are passed over (see `REPEAT_WINDOW_MS`).
   */
  findDuplicate(key: string, fp: Pick<Fingerprint, 'signature'> & { shingles?: number }, notBeforeMs = -Infinity): { id: string; similarity: number } | null {
    if (fp.shingles !== undefined && fp.shingles < MIN_SHINGLES) return null;
    const kh = fnv1a(key) >>> 0;
    let best = -1;
    let bestSim = 0;
    const seen = new Set<number>();
    for (let b = 0; b < BANDS; b++) {
      const h = bandHash(fp.signature, b, kh);
      for (let e = this.heads[h & this.mask]!; e !== -1; e = this.entryNext[e]!) {
        if (this.entryKey[e] !== h) continue;
        const slot = this.entrySlot[e]!;
        if (seen.has(slot) || this.keys[slot] !== kh) continue;
        seen.add(slot);
        if (this.times[slot]! < notBeforeMs) continue;
        const sim = estimateSimilarity(fp.signature, this.sigs.subarray(slot * SIGNATURE_SIZE, (slot + 1) * SIGNATURE_SIZE));
        if (sim > bestSim || (sim === bestSim && slot < best)) {
          bestSim = sim;
          best = slot;
        }
      }
    }
    if (best < 0 || bestSim < this.threshold) return null;
    return { id: this.ids[best]!, similarity: bestSim };
  }
}

/** Below this many words of its own, a message that quotes or forwards earlier text is judged by that text too. */
const SHORT_NOTE_WORDS = 12;

/**
 * The text a message is fingerprinted by for repeat detection: its own cleaned text, plus, when it
 * is only a short note on top of a forward or quote ("forwarding since your billing address never
 * answers", "copied from my email so it's in the portal too"), the forwarded or quoted text.
 */
export function repeatText(cleanedText: string, stripped: readonly StrippedPart[]): string {
  const own = cleanedText.trim();
  const words = own ? own.split(/\s+/).length : 0;
  if (words >= SHORT_NOTE_WORDS) return cleanedText;
  const quoted = stripped
    .filter((p) => p.kind === 'quote')
    .map((p) => p.text.replace(/^[ \t]*>+[ \t]?/gm, '').replace(/^.*\b(?:wrote|schrieb|a écrit|escribió):\s*$/gim, '').replace(/^(?:from|sent|to|cc|subject|date|von|gesendet|an|betreff):.*$/gim, ''))
    .join('\n')
    .trim();
  return quoted ? `${own}\n${quoted}` : cleanedText;
}
