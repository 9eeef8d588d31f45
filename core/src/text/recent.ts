/**
 * Memoises a pure function of a text for the last few texts it saw. One analysis asks for the same
 * derived form of the same message several times (out-of-scope and around-the-clock matching, each
 * cue list); a handful of entries covers that without growing with the number of messages.
 */
export function rememberRecent<T>(compute: (text: string) => T, size = 4): (text: string) => T {
  const recent: Array<[string, T]> = [];
  return (text) => {
    for (const [t, v] of recent) if (t === text) return v;
    const v = compute(text);
    recent.unshift([text, v]);
    if (recent.length > size) recent.pop();
    return v;
  };
}

/**
 * Memoises a pure function by key, forgetting everything once `limit` keys are held. For per-word
 * work (stems, token forms, lexicon lookups): message vocabulary repeats, so each word is worked out
 * once, and the cap keeps a long-running server from growing without bound.
 */
export function memoize<K, V>(compute: (key: K) => V, limit = 100_000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, v);
    }
    return v;
  };
}
