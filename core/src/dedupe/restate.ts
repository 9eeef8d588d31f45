import { cleanedTextOf } from '../text/clean.js';
import { STOPWORDS, conceptsOfWord } from '../text/concepts.js';
import { stem } from '../text/tokens.js';
import { normaliseForFingerprint } from './index.js';

/**
 * The sender says this message repeats one sent on another channel: "logging this on the portal as
 * well as the phone call", "sending this by email as well", "(also calling the physician line)",
 * "I just emailed you", "see my email", "as I said on the phone", "re-sending what I left on your voicemail".
 */
export const RESTATE_CUE =
  /\b(?:(?:sending|logging|posting|putting|raising|submitting|emailing|texting|messaging|adding|dropping)\s+(?:this|it)\s+(?:here\s+)?(?:(?:by|on|via|through|in|to)\s+(?:the\s+)?(?:e-?mail|portal|phone|text|sms|form|voicemail|ticket\w*)\s+)?(?:as well|too)\b|(?:logged|reported|raised|left|sent)\s+(?:this\s+|it\s+)?(?:by|on|via|with)\s+(?:the\s+)?(?:phone|e-?mail|portal|voicemail|text|answering service|emergency line|out-of-hours line)\s+(?:as well|too)\b|also\s+(?:logging|posting|sending|emailing|calling|texting|raising|ringing)\b|(?:posting|logging|sending|putting)\s+(?:this\s+|it\s+)?here\s+(?:too|as well)\b|as well as (?:the|my) (?:phone call|call|e-?mail|voicemail|text)\b|i(?:'ve| have)? just (?:e-?mailed|messaged|texted|called|rang|rung|phoned|left (?:you )?a voicemail|sent (?:you |[A-Z][a-z]+ )?(?:an? )?(?:e-?mail|text|portal message|message on the portal))\b|\balso sent (?:by|via|per|on|through) (?:the )?(?:e-?mail|mail|portal|text|sms)\b|(?:following|further to) my (?:e-?mail|voicemail|message|text|call)\b(?! (?:from|of|on|last|yesterday|earlier this))|\bsame (?:(?:q|question|thing|issue|request|problem|ask) )?as (?:in )?my (?:e-?mail|voicemail|message|text|call)\b|in case (?:the )?(?:e-?mail|voicemail|message|text|portal) (?:is|was|gets) (?:slow|lost|missed)\b|(?<!\b(?:did|have|has) (?:you|u|ya|anyone|someone|somebody|anybody|they|he|she) (?:even )?)\b(?:see|per|as per|as in) (?:my|the) (?:e-?mail|voicemail|vm|text|sms|message|phone call|call|portal(?: request| message| ticket)?|form)\b(?! (?:from|of|on|last|yesterday))|\bas (?:i|we) (?:said|mentioned|explained|told (?:you|\w+)) (?:on|in|over) (?:the|my) (?:phone|e-?mail|voicemail|vm|text|sms|message|phone call|call|portal(?: request| message| ticket)?|form)|\bre-?(?:sending|posting|submitting|logging) (?:this|it|what|my|from|here|in case|the same)\b|\b(?:just |already |also )?left (?:you )?(?:a )?(?:voicemail|vm|message) (?:on|with|for)\b|(?:^|[.!?—–-]\s*|\]\s*)(?:i )?(?:just |already |also )?sent (?:you |[A-Z][a-z]+ )?(?:a |an |another )?(?:text|e-?mail|message|portal message)\b(?! (?:last|on|yesterday|earlier|two|three|a week))|\b(?:sent|emailed|texted|posted|logged) (?:this|it) (?:by|on|via) (?:the )?(?:e-?mail|text|portal|phone)(?: \w+){0,2} (?:as well|too)\b|\bfrom (?:my |the )?(?:e-?mail|voicemail|text|call)\)?:|\bcheck (?:ur|your|my) (?:e-?mail|inbox|texts?|portal|messages?|voicemail)\b|\b(?:just |also )?sent (?:you )?(?:a )?(?:portal message|message on the portal|text|e-?mail|voicemail) (?:too|as well)\b|(?:^|[.!?]\s*)(?:i )?(?:just |already )?called the (?:line|office|emergency line|out-of-hours line|physician line|doctor line|on-call(?: line)?)\b|\b(?:in|to|from|with) my (?:e-?mail|message|voicemail|text) (?:from|at|of) \d|\b(?:put|submitted|logged|lodged|filed|raised|entered|popped) (?:a |the |my )?(?:request|ticket|form|message|note) (?:in|on|into|through|via) (?:the |your )?(?:portal|form|website|app)\b|\b(?:have |'ve )?just rung (?:your|the) (?:helpdesk|office|line|desk)\b)/i;

export const NO_ANSWER_YET = /\b(?:(?:did|have) (?:you|u|ya|anyone|someone|somebody) (?:even )?(?:see|get|read|receive|hear|listen to)\b|no (?:call ?back|reply|response|answer|word)|(?:nobody|no one|no-one) (?:has |have )?(?:called|rung|rang|replied|answered|got back|picked up)|haven'?t heard|still waiting|still nothing|(?:didn'?t|hasn'?t|haven'?t) (?:called|rung|replied|got back)|not (?:had|got) a (?:reply|call ?back|response))\b/i;

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
/**
 * A retelling that does not say so ("ransom note on all screens, files renamed .lockbit. pls call")
 * is linked only when it follows within half an hour on another channel and shares at least 4
 * content words and half of the shorter message's. On the 19 tuning splits no other-channel message
 * within half an hour that is not a repeat shares half its words (the looser 4/0.45 took two).
 */
const UNSAID_WINDOW_MS = 30 * 60_000;
/**
 * A retelling in other words ("Furnace runs but only blows cold air. Inside temp 56F" after "the
 * heater has been blowing cold air all evening, 56 inside"): within 20 minutes on another channel,
 * sharing at least 6 word stems or concepts and a quarter of the shorter message's, and saying
 * nothing that makes it a follow-up (still, now, worse, again, an update, a question about silence).
 * On 21 tuning splits this linked 22 more repeats from 10 writers and 3 non-repeats.
 */
const REWORDED_WINDOW_MS = 20 * 60_000;
const REWORDED_MIN_SHARED = 6;
const REWORDED_MIN_OVERLAP = 0.25;
export const FOLLOW_UP_WORDS = /\b(?:still|now|update|updated|worse|again|also|another|any news|anyone|hello|yet|since|just now|follow(?:ing)? up|chas\w*|no (?:reply|response|answer|word)|nobody|no one|waiting|further|additional|one more|forgot|p\.?s\.?|btw|actually|turns out|instead|correction|sorry)\b|\?\?/i;
const UNSAID_MIN_SHARED = 4;
const UNSAID_MIN_OVERLAP = 0.5;

/** The channel a cue names ("see my email" → email), if it names one. */
export function channelNamed(cue: string): string | null {
  const m = /\b(e-?mail|voicemail|vm|phone|call|text|sms|portal|form)\b/i.exec(cue);
  if (!m) return null;
  const w = m[1]!.toLowerCase();
  return w.startsWith('e') ? 'email' : w === 'voicemail' || w === 'vm' || w === 'phone' || w === 'call' ? 'phone' : w === 'text' || w === 'sms' ? 'sms' : w;
}

export function contentWords(text: string): Set<string> {
  return contentWordsOf(normaliseForFingerprint(text));
}

/** The content words among normalised tokens: three letters or more (or a number), not a stop word. */
export function contentWordsOf(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((w) => (w.length >= 3 || /^\d+$/.test(w)) && !STOPWORDS.has(w)));
}

/** Content words as stems, plus the concepts they name ("heater", "furnace" → hvac): what a retelling in other words keeps. */
export function meaningUnits(words: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const s = stem(w);
    out.add(s);
    for (const c of conceptsOfWord(w, s)) out.add(`#${c}`);
  }
  return out;
}

/**
 * The earlier message this one retells on another channel, or null: one the sender says they are
 * repeating ("see my email", a cue) that shares enough content words, or, without a cue, a close
 * retelling moments later. Short condensed retellings ("temp 103.8, shaking, hurts to breathe") share
 * too few character shingles for the fingerprint.
 */
export function restatementOf(text: string, channel: string | undefined, sentAtMs: number, history: readonly RestateCandidate[], subject?: string): { id: string; overlap: number; cue: string } | null {
  // "Called the doctor line 15 min ago, no callback": a chase about the silence, not a retelling.
  if (!Number.isFinite(sentAtMs)) return null;
  // A complaint that nobody answered retells only an earlier complaint that nobody answered.
  const chase = NO_ANSWER_YET.test(text);
  const cue = RESTATE_CUE.exec(text) ?? (subject ? RESTATE_CUE.exec(subject) : null);
  const own = contentWords(text);
  if (own.size < 3) return null;
  const reworded = !cue && !FOLLOW_UP_WORDS.test(text) ? meaningUnits(own) : null;
  // The sender's recent messages on other channels, latest first: the one sharing the most of this one's words.
  const named = cue ? channelNamed(cue[0]) : null;
  let best: { id: string; overlap: number; rank: number; cue: string } | null = null;
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    const at = Date.parse(h.sentAt);
    if (h.direction !== 'inbound' || at > sentAtMs || sentAtMs - at > RESTATE_WINDOW_MS) continue;
    if (channel && h.channel && channel === h.channel) continue;
    const theirText = cleanedTextOf(h);
    if (chase && !NO_ANSWER_YET.test(theirText)) continue;
    const theirs = contentWords(theirText);
    let shared = 0;
    for (const w of own) if (theirs.has(w)) shared++;
    const overlap = shared / Math.max(1, Math.min(own.size, theirs.size));
    // Without a cue, only a close retelling moments later on another channel: most of the words, within half an hour.
    let said = cue ? cue[0] : sentAtMs - at <= UNSAID_WINDOW_MS && shared >= UNSAID_MIN_SHARED && overlap >= UNSAID_MIN_OVERLAP ? 'same_words_moments_later' : null;
    let measured = overlap;
    if (said && (shared < 3 || overlap < MIN_OVERLAP)) said = null;
    if (!said && reworded && sentAtMs - at <= REWORDED_WINDOW_MS) {
      const theirUnits = meaningUnits(theirs);
      let sharedUnits = 0;
      for (const u of reworded) if (theirUnits.has(u)) sharedUnits++;
      const unitOverlap = sharedUnits / Math.max(1, Math.min(reworded.size, theirUnits.size));
      if (sharedUnits >= REWORDED_MIN_SHARED && unitOverlap >= REWORDED_MIN_OVERLAP) {
        said = 'same_matter_in_other_words';
        measured = unitOverlap;
      }
    }
    if (!said) continue;
    // "See my email": the message on the channel the sender names comes first.
    const rank = measured + (named && h.channel === named ? 1 : 0);
    if (!best || rank > best.rank) best = { id: h.id, overlap: measured, rank, cue: said };
  }
  return best ? { id: best.id, overlap: Math.round(best.overlap * 1000) / 1000, cue: best.cue } : null;
}
