import { cleanMessage } from '../text/clean.js';
import { STOPWORDS } from '../text/concepts.js';
import { normaliseForFingerprint } from './index.js';

/**
 * The sender says this message repeats one sent on another channel: "logging this on the portal as
 * well as the phone call", "sending this by email as well", "(also calling the physician line)",
 * "I just emailed you".
 */
export const RESTATE_CUE =
  /\b(?:(?:sending|logging|posting|putting|raising|submitting|emailing|texting|messaging|adding|dropping)\s+(?:this|it)\s+(?:here\s+)?(?:(?:by|on|via|through|in|to)\s+(?:the\s+)?(?:e-?mail|portal|phone|text|sms|form|voicemail|ticket\w*)\s+)?(?:as well|too)\b|(?:logged|reported|raised|left|sent)\s+(?:this\s+|it\s+)?(?:by|on|via|with)\s+(?:the\s+)?(?:phone|e-?mail|portal|voicemail|text|answering service|emergency line|out-of-hours line)\s+(?:as well|too)\b|also\s+(?:logging|posting|sending|emailing|calling|texting|raising|ringing)\b|(?:posting|logging|sending|putting)\s+(?:this\s+|it\s+)?here\s+(?:too|as well)\b|as well as (?:the|my) (?:phone call|call|e-?mail|voicemail|text)\b|i(?:'ve| have)? just (?:e-?mailed|messaged|texted|called|rang|phoned|left (?:you )?a voicemail)\b|(?:same as|following|further to) my (?:e-?mail|voicemail|message|text|call)\b(?! (?:from|of|on|last|yesterday|earlier this))|in case (?:the )?(?:e-?mail|voicemail|message|text|portal) (?:is|was|gets) (?:slow|lost|missed)\b)/i;

/** What a restatement check needs of an earlier message of the same sender. */
export interface RestateCandidate {
  id: string;
  sentAt: string;
  text: string;
  channel?: string;
  direction: 'inbound' | 'outbound';
}

/** "Also logging here" points at what the sender has just sent: their latest message, if it is this recent. */
const RESTATE_WINDOW_MS = 12 * 3600_000;
/** Share of the shorter message's content words the two must have in common. */
const MIN_OVERLAP = 0.3;

function contentWords(text: string): Set<string> {
  return new Set(normaliseForFingerprint(text).filter((w) => (w.length >= 3 || /^\d+$/.test(w)) && !STOPWORDS.has(w)));
}

/**
 * A message that says it repeats what the sender just sent on another channel, and shares enough of
 * its content words with that latest message: its id, or null. Short condensed retellings
 * ("temp 103.8, shaking, hurts to breathe") share too few character shingles for the fingerprint.
 */
export function restatementOf(text: string, channel: string | undefined, sentAtMs: number, history: readonly RestateCandidate[]): { id: string; overlap: number; cue: string } | null {
  const cue = RESTATE_CUE.exec(text);
  if (!cue || !Number.isFinite(sentAtMs)) return null;
  const own = contentWords(text);
  if (own.size < 3) return null;
  let latest: RestateCandidate | null = null;
  for (const h of history) {
    const at = Date.parse(h.sentAt);
    if (h.direction === 'inbound' && at <= sentAtMs && (!latest || at >= Date.parse(latest.sentAt))) latest = h;
  }
  if (!latest || sentAtMs - Date.parse(latest.sentAt) > RESTATE_WINDOW_MS) return null;
  if (channel && latest.channel && channel === latest.channel) return null;
  const theirs = contentWords(cleanMessage(latest.text).text);
  let shared = 0;
  for (const w of own) if (theirs.has(w)) shared++;
  const overlap = shared / Math.max(1, Math.min(own.size, theirs.size));
  const best = shared >= 3 && overlap >= MIN_OVERLAP ? { id: latest.id, overlap } : null;
  return best ? { id: best.id, overlap: Math.round(best.overlap * 1000) / 1000, cue: cue[0] } : null;
}
