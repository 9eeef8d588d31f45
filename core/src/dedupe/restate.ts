import { cleanMessage } from '../text/clean.js';
import { STOPWORDS } from '../text/concepts.js';
import { normaliseForFingerprint } from './index.js';

/**
 * The sender says this message repeats one sent on another channel: "logging this on the portal as
 * well as the phone call", "sending this by email as well", "(also calling the physician line)",
 * "I just emailed you".
 */
export const RESTATE_CUE =
  /\b(?:(?:sending|logging|posting|putting|raising|submitting|emailing|texting|messaging|adding|dropping)\s+(?:this|it)\s+(?:here\s+)?(?:(?:by|on|via|through|in|to)\s+(?:the\s+)?(?:e-?mail|portal|phone|text|sms|form|voicemail|ticket\w*)\s+)?(?:as well|too)\b|(?:logged|reported|raised|left|sent)\s+(?:this\s+|it\s+)?(?:by|on|via|with)\s+(?:the\s+)?(?:phone|e-?mail|portal|voicemail|text|answering service|emergency line|out-of-hours line)\s+(?:as well|too)\b|also\s+(?:logging|posting|sending|emailing|calling|texting|raising|ringing)\b|(?:posting|logging|sending|putting)\s+(?:this\s+|it\s+)?here\s+(?:too|as well)\b|as well as (?:the|my) (?:phone call|call|e-?mail|voicemail|text)\b|i(?:'ve| have)? just (?:e-?mailed|messaged|texted|called|rang|phoned|left (?:you )?a voicemail)\b|(?:same as|following|further to) my (?:e-?mail|voicemail|message|text|call)\b(?! (?:from|of|on|last|yesterday|earlier this))|in case (?:the )?(?:e-?mail|voicemail|message|text|portal) (?:is|was|gets) (?:slow|lost|missed)\b|(?<!\b(?:did|have|has) (?:you|u|ya|anyone|someone|somebody|anybody|they|he|she) (?:even )?)\b(?:see|per|as per|as in) (?:my|the) (?:e-?mail|voicemail|vm|text|sms|message|phone call|call|portal(?: request| message| ticket)?|form)\b(?! (?:from|of|on|last|yesterday))|\bas (?:i|we) (?:said|mentioned|explained|told (?:you|\w+)) (?:on|in|over) (?:the|my) (?:phone|e-?mail|voicemail|vm|text|sms|message|phone call|call|portal(?: request| message| ticket)?|form)|\bre-?(?:sending|posting|submitting|logging) (?:this|it|what|my|from|here|in case|the same)\b|\b(?:just |already |also )?left (?:you )?(?:a )?(?:voicemail|vm|message) (?:on|with|for)\b|(?:^|[.!?—–-]\s*|\]\s*)(?:i )?(?:just |already |also )?sent (?:you )?(?:a |an )?(?:text|e-?mail|message)\b(?! (?:last|on|about|yesterday|earlier|two|three|a week))|\b(?:sent|emailed|texted|posted|logged) (?:this|it) (?:by|on|via) (?:the )?(?:e-?mail|text|portal|phone)(?: \w+){0,2} (?:as well|too)\b|\bfrom (?:my |the )?(?:e-?mail|voicemail|text|call)\)?:)/i;

/** What a restatement check needs of an earlier message of the same sender. */
export interface RestateCandidate {
  id: string;
  sentAt: string;
  text: string;
  channel?: string;
  direction: 'inbound' | 'outbound';
}

/** "Also logging here", "sent this by email yesterday as well": what the sender sent on another channel this recently. */
const RESTATE_WINDOW_MS = 24 * 3600_000;
/** Share of the shorter message's content words the two must have in common. */
const MIN_OVERLAP = 0.3;

/** The channel a cue names ("see my email" → email), if it names one. */
function channelNamed(cue: string): string | null {
  const m = /\b(e-?mail|voicemail|vm|phone|call|text|sms|portal|form)\b/i.exec(cue);
  if (!m) return null;
  const w = m[1]!.toLowerCase();
  return w.startsWith('e') ? 'email' : w === 'voicemail' || w === 'vm' || w === 'phone' || w === 'call' ? 'phone' : w === 'text' || w === 'sms' ? 'sms' : w;
}

function contentWords(text: string): Set<string> {
  return new Set(normaliseForFingerprint(text).filter((w) => (w.length >= 3 || /^\d+$/.test(w)) && !STOPWORDS.has(w)));
}

/**
 * A message that says it repeats what the sender just sent on another channel, and shares enough of
 * its content words with that latest message: its id, or null. Short condensed retellings
 * ("temp 103.8, shaking, hurts to breathe") share too few character shingles for the fingerprint.
 */
export function restatementOf(text: string, channel: string | undefined, sentAtMs: number, history: readonly RestateCandidate[], subject = ''): { id: string; overlap: number; cue: string } | null {
  const cue = RESTATE_CUE.exec(text) ?? (subject ? RESTATE_CUE.exec(subject) : null);
  if (!cue || !Number.isFinite(sentAtMs)) return null;
  const own = contentWords(text);
  if (own.size < 3) return null;
  // The sender's recent messages on other channels, latest first: the one sharing the most of this one's words.
  const named = channelNamed(cue[0]);
  let best: { id: string; overlap: number; rank: number } | null = null;
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    const at = Date.parse(h.sentAt);
    if (h.direction !== 'inbound' || at > sentAtMs || sentAtMs - at > RESTATE_WINDOW_MS) continue;
    if (channel && h.channel && channel === h.channel) continue;
    const theirs = contentWords(cleanMessage(h.text).text);
    let shared = 0;
    for (const w of own) if (theirs.has(w)) shared++;
    const overlap = shared / Math.max(1, Math.min(own.size, theirs.size));
    if (shared < 3 || overlap < MIN_OVERLAP) continue;
    // "See my email": the message on the channel the sender names comes first.
    const rank = overlap + (named && h.channel === named ? 1 : 0);
    if (!best || rank > best.rank) best = { id: h.id, overlap, rank };
  }
  return best ? { id: best.id, overlap: Math.round(best.overlap * 1000) / 1000, cue: cue[0] } : null;
}
