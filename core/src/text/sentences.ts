/** . ! ? or a line break (the character class [.!?\n], checked by code: this runs once per character walked). */
function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 10;
}
const ABBREVIATION = /\b(?:dr|mr|mrs|ms|st|prof|no|vs|approx|etc)$/i;

/** Whether the full stop at `i` ends an abbreviation ("Dr. Okafor") rather than a sentence. */
function abbreviationAt(text: string, i: number): boolean {
  return text[i] === '.' && ABBREVIATION.test(text.slice(Math.max(0, i - 6), i));
}

function endsAt(text: string, i: number, abbreviations: boolean): boolean {
  return isSentenceEnd(text.charCodeAt(i)) && !(abbreviations && abbreviationAt(text, i));
}

/**
 * Bounds [start, end) of the sentence around [from, to): back to just after the previous full stop,
 * question or exclamation mark or line break, forward to (not including) the next one. With
 * `abbreviations`, the full stop of "Dr." or "Mr." does not end a sentence.
 */
export function sentenceBounds(text: string, from: number, to = from, opts: { abbreviations?: boolean } = {}): [number, number] {
  const abbreviations = opts.abbreviations ?? false;
  let s = from;
  while (s > 0 && !endsAt(text, s - 1, abbreviations)) s--;
  let e = to;
  while (e < text.length && !endsAt(text, e, abbreviations)) e++;
  return [s, e];
}
