import type { Evidence } from '@fitdesk/contracts';

export interface Segment {
  text: string;
  /** The evidence covering this piece of text; empty for plain text. */
  evidence: Evidence[];
}

/**
 * Splits `text` at every evidence boundary so overlapping spans can be marked without nesting.
 * Offsets outside the text are clamped; empty or inverted spans are ignored.
 */
export function segmentsOf(text: string, evidence: readonly Evidence[]): Segment[] {
  const spans = evidence
    .map((e) => ({ e, start: Math.max(0, Math.min(text.length, e.start)), end: Math.max(0, Math.min(text.length, e.end)) }))
    .filter((s) => s.end > s.start);
  if (!spans.length) return [{ text, evidence: [] }];
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    if (to <= from) continue;
    const covering = spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.e);
    const last = out[out.length - 1];
    // Merge neighbours with the same evidence so a plain run stays one text node.
    if (last && sameEvidence(last.evidence, covering)) last.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), evidence: covering });
  }
  return out;
}

function sameEvidence(a: Evidence[], b: Evidence[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}
