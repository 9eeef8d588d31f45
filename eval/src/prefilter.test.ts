import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Boundary from '../../core/src/boundaries/cues.js';
import * as Urgency from '../../core/src/analyze/urgency.js';
import { cleanMessage } from '../../core/src/text/clean.js';
import { candidateStarts, hasMatch, startMatcher, startOpenings as startKeys } from '../../core/src/text/prefilter.js';
import * as Tone from '../../core/src/tone/cues.js';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');

/**
 * Lets the test worker answer its runner between slices of a long loop over every labelled message: a
 * loop that holds the event loop for a minute makes vitest's worker RPC time out under load.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every labelled message body, cleaned as the engine sees it, plus the raw bodies (quotes and all). */
function corpus(): string[] {
  const texts: string[] = [];
  for (const f of fs.readdirSync(DATA).filter((n) => n.startsWith('messages.') && n.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(DATA, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const body = String((JSON.parse(line) as { body: string }).body);
      texts.push(body, cleanMessage(body).text);
    }
  }
  return texts;
}

function allCueRegexes(): Array<{ name: string; re: RegExp }> {
  const out: Array<{ name: string; re: RegExp }> = [];
  for (const mod of [Tone, Urgency, Boundary] as Array<Record<string, unknown>>) {
    for (const [name, v] of Object.entries(mod)) {
      if (!Array.isArray(v)) continue;
      for (const c of v as Array<{ rule?: string; re?: RegExp }>) if (c?.re instanceof RegExp) out.push({ name: `${name}.${c.rule}`, re: c.re });
    }
  }
  return out;
}

describe('cue prefilter', () => {
  it('reads the openings of most cues', () => {
    const cues = allCueRegexes();
    const known = cues.filter((c) => startKeys(c.re) !== null).length;
    expect(cues.length).toBeGreaterThan(40);
    expect(known / cues.length).toBeGreaterThan(0.8);
  });

  it('reads where every cue can start but the one that cannot say (a cue read nowhere is tried at every position)', () => {
    expect(allCueRegexes().filter((c) => startMatcher(c.re) === null).map((c) => c.name)).toEqual(['FRUSTRATION_CUES.double_question']);
  });

  it('reads simple alternations exactly', () => {
    expect([...startKeys(/\b(?:fed up|tired of|i(?:'m| am) done)/gi)!].sort()).toEqual(['fed ', 'i am', "i'm ", 'tire']);
    expect(startKeys(/\b\w+ up/gi)).toBeNull();
    expect(startKeys(/(?:^|\s)\?\?/gi)).toBeNull();
  });

  it('never skips a cue that matches: every match in every labelled message starts with one of its openings', async () => {
    const texts = corpus();
    let matches = 0;
    for (const { name, re } of allCueRegexes()) {
      await breathe();
      const keys = startKeys(re);
      if (!keys) continue;
      const matcher = startMatcher(re)!;
      const probe = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
      for (const text of texts) {
        probe.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = probe.exec(text)) !== null) {
          if (m[0].length === 0) {
            probe.lastIndex++;
            continue;
          }
          matches++;
          const opening = text.slice(m.index, m.index + 4).toLowerCase();
          const ok = [1, 2, 3, 4].some((k) => keys.has(text.slice(m!.index, m!.index + k).toLowerCase()));
          if (!ok) throw new Error(`${name} matched "${m[0]}" starting "${opening}", not among its openings`);
          if (!(candidateStarts(text, matcher.id) ?? []).includes(m.index)) throw new Error(`${name} matched "${m[0]}" but the filter would skip it`);
        }
      }
    }
    expect(matches).toBeGreaterThan(500);
  });
});

describe('text openings', () => {
  it('does let a cue run exactly when one of its openings begins a word of the text', () => {
    const re = /\b(?:fed up|tired of|i(?:'m| am) done)/gi;
    expect(hasMatch(re, "Honestly I'm done with this.")).toBe(true);
    expect(hasMatch(re, 'We are FED UP.')).toBe(true);
    expect(candidateStarts('Thanks, that works for us.', startMatcher(re)!.id)).toBeUndefined();
    // A regex whose starts cannot be read is scanned in full.
    expect(startMatcher(/(?:^|\s)\?\?/gi)).toBeNull();
    expect(hasMatch(/(?:^|\s)\?\?/gi, 'anything ??')).toBe(true);
    // An apostrophe right after a word is an opening too ("the network's down").
    expect(hasMatch(/\b(?:'s|is) down/gi, "the network's down")).toBe(true);
    // A path opening with a run of letters is tried only at words followed by what must come next.
    const possessive = /\b(?:(?:dr\.? )?[A-Z][a-z]+(?:'s|’s) (?:home|cell)|is \w+ single)/gi;
    const id = startMatcher(possessive)!.id;
    expect(candidateStarts("Dana's home number and Dr Lee's cell, please", id)).toEqual([0, 23, 26]);
    expect(candidateStarts('Please call Dana at home.', id)).toBeUndefined();
    expect(hasMatch(possessive, "What is Dana's home address?")).toBe(true);
    expect(hasMatch(possessive, 'Is he single?')).toBe(true);
  });
});

describe('findCues with candidate positions', () => {
  it('finds exactly the hits a full scan of every labelled message finds', async () => {
    const { findCues } = await import('../../core/src/tone/cues.js');
    const lists: Array<{ rule: string; re: RegExp; weight: number }[]> = [];
    for (const mod of [Tone, Urgency, Boundary] as Array<Record<string, unknown>>) {
      for (const v of Object.values(mod)) if (Array.isArray(v) && v.every((c) => c?.re instanceof RegExp)) lists.push(v as { rule: string; re: RegExp; weight: number }[]);
    }
    const scan = (text: string, cues: { rule: string; re: RegExp }[]) => {
      const out: string[] = [];
      for (const c of cues) {
        const re = new RegExp(c.re.source, c.re.flags);
        let m: RegExpExecArray | null;
        while ((m = re.exec(text)) !== null) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          const start = m.index + (m[0].length - m[0].trimStart().length);
          out.push(`${c.rule}@${start}`);
        }
      }
      return out.sort();
    };
    let compared = 0;
    let n = 0;
    for (const text of corpus()) {
      if (++n % 200 === 0) await breathe();
      for (const cues of lists) {
        const got = findCues(text, cues, []).map((h) => `${h.rule}@${h.start}`).sort();
        expect(got).toEqual(scan(text, cues));
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
