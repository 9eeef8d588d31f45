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
