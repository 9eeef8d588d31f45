/** One difference between two versions of an agreement's terms. */
export interface TermChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Field-by-field differences: objects recurse by key; lists compare as sets (an item added to
 * out-of-scope shows as one "added" change, not a shifted list); everything else by value.
 */
export function diffTerms(before: unknown, after: unknown, path = ''): TermChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in before) || before[k] === undefined) return after[k] === undefined ? [] : [{ path: p, kind: 'added' as const, before: null, after: after[k] }];
      if (!(k in after) || after[k] === undefined) return [{ path: p, kind: 'removed' as const, before: before[k], after: null }];
      return diffTerms(before[k], after[k], p);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const b = new Set(before.map((x) => JSON.stringify(x)));
    const a = new Set(after.map((x) => JSON.stringify(x)));
    const out: TermChange[] = [];
    for (const x of before) if (!a.has(JSON.stringify(x))) out.push({ path, kind: 'removed', before: x, after: null });
    for (const x of after) if (!b.has(JSON.stringify(x))) out.push({ path, kind: 'added', before: null, after: x });
    return out.length ? out : [{ path, kind: 'changed', before, after }]; // same items, new order
  }
  return [{ path, kind: 'changed', before: before ?? null, after: after ?? null }];
}
