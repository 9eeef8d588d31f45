import { allMatches, firstMatch, hasMatch } from '../text/prefilter.js';
import { sentenceBounds } from '../text/sentences.js';
import { type CueHit, type QuoteSpan, findCues } from '../tone/cues.js';
import { STOPWORDS } from '../text/concepts.js';
import { type PreparedText, compilePhraseSet, matchPreparedSet, prepareText } from '../text/phrase-match.js';
import { DEADLINE_EXPR, DEMAND_VERB, FOLLOW_UP, PERSONAL_CUES, REFERRAL_ASK, ULTIMATUM_CUES } from './cues.js';
import { type AgreementLike, businessMinutesBetween, isOpenAt, localTime } from './hours.js';
import { estimateSimilarity, fingerprint, normaliseForFingerprint, DUPLICATE_THRESHOLD } from '../dedupe/index.js';

export * from './hours.js';
export * from './cues.js';

export type BoundaryKind = 'personal' | 'out_of_scope' | 'pressure' | 'abuse' | 'off_hours';
/** The order boundaries are listed in an analysis. */
export const BOUNDARY_ORDER: readonly BoundaryKind[] = ['personal', 'out_of_scope', 'pressure', 'abuse', 'off_hours'];
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** One earlier message of the same client (oldest first). */
export interface HistoryItem {
  id: string;
  sentAt: string;
  text: string;
  direction: 'inbound' | 'outbound';
  /** email | portal | form | api | phone | sms, where known (a repeat on another channel). */
  channel?: string;
  /**
   * What the analysis of this earlier message decided, where it was analysed: its final urgency and
   * the around-the-clock category it was given cover for (null: none). Without them the rules read
   * the earlier text again, and miss what only the learned scorer found.
   */
  urgency?: 'low' | 'normal' | 'high';
  aroundTheClock?: string | null;
  /** The earlier message this one was found to repeat, where known: a repeat is linked to its original, not to another copy. */
  duplicateOf?: string | null;
  /** The subject it came under, where known (a thread's repeats keep it: "RE: August books"). */
  subject?: string;
}

/** The client's messages since the last reply to them (the latest outbound message), up to `sentAtMs`, oldest first. */
export function unanswered(history: readonly HistoryItem[], sentAtMs: number): HistoryItem[] {
  let lastReply = -Infinity;
  for (const h of history) {
    const t = Date.parse(h.sentAt);
    if (h.direction === 'outbound' && t <= sentAtMs && t > lastReply) lastReply = t;
  }
  return history.filter((h) => {
    const t = Date.parse(h.sentAt);
    return h.direction === 'inbound' && t > lastReply && t <= sentAtMs;
  });
}

/** A boundary signal with the evidence behind it. */
export interface BoundaryHit {
  boundary: BoundaryKind;
  rule: string;
  text: string;
  start: number;
  end: number;
  weight?: number;
}

/** Personal-boundary cues: probes, watching, gifts for priority, staff's family, favours. */
export function personalHits(text: string, reported: QuoteSpan[]): CueHit[] {
  const hits = findCues(text, PERSONAL_CUES, reported, true);
  if (!hits.some((h) => h.rule === 'personal_gift_for_priority')) {
    // A perk anywhere in the message plus a request to be served before others.
    // Both must be found; the rarer, cheaper priority ask is looked for first.
    const prio = firstMatch(PRIORITY, text);
    const perk = prio ? PERK.exec(text) : null;
    if (perk && prio) {
      const start = Math.min(perk.index, prio.index);
      const end = Math.max(perk.index + perk[0].length, prio.index + prio[0].length);
      hits.push({ rule: 'personal_gift_for_priority', text: text.slice(start, end), start, end, weight: 3 });
    }
  }
  return hits;
}

const PERK = /\b(?:a case of|riesling|chardonnay|prosecco|bourbon|scotch|a little something)\b|(?:[$£€]\d[\d,]*(?: \w+)? (?:card|voucher|gift card|tip|bonus)|in it for (?:you|her|him|them))|\b(?:arrangement|bouquet|sponsor (?:him|her|them)|(?:big |nice |good )?discount|cookies|bake (?:him|her|you)|lake house|beach house|(?:our|my) (?:boat|cabin|villa|chalet)|free (?:\w+ ){0,2}(?:access|subscription|membership|licen[cs]e|account)|gift|gifts|present|necklace|bracelet|bottle|wine|champagne|whiske?y|tickets?|tour|trip|holiday|as (?:our|my) guest|free (?:\w+ )?(?:trip|tour|stay|night|meal|dinner|session|tickets?|product|box)|membership|golf|(?:dinner|lunch|drinks) on (?:me|us)|voucher|gift card|treat|on the house|bonus|tip|cash|hamper|basket|flowers|chocolates|spa day|weekend at)\b/i;
const PRIORITY = /\b(?:before the rest of (?:your|the) (?:queue|list|clients)|(?:does|do|fixes|fix|sees|see|looks? at) (?:my|our|me|us) (?:\w+ ){0,3}first|bump (?:our|my|the) (?:[\w-]+ ){0,4}up (?:the )?(?:list|queue)|up the (?:list|queue)|(?:done|seen to|looked at|handled|finished|sorted|look at [^.?!]{0,40}) (?:first|before (?:the others|anyone else|everyone else|your other (?:clients|customers)|other clients))|before (?:the others|anyone else|everyone else|your other (?:clients|customers))(?: in (?:your|the) queue)?|ahead of (?:the|your|everyone|other)|top of (?:the|your) (?:pile|list|queue)|front of the (?:line|queue)|jump the (?:queue|line)|skip the (?:queue|line)|squeeze (?:me|us) in|priorit(?:y|ise|ize)|first in (?:the )?(?:line|queue)|put (?:us|me|ours|mine) first|bump (?:us|me) up|move (?:us|me) up)\b/i;

/** Whether the sentences of a match [start, end) ask for work (recording where a later ask was found). */
function asksForWork(prepared: PreparedText, laterAsk: Map<string, [number, number]>, start: number, end: number): boolean {
  const [s, e] = sentenceSpan(prepared.text, start, end);
  if (ASKS_FOR_WORK.test(prepared.text.slice(s, e))) return true;
  // "My brother-in-law was arrested last night. Could one of your attorneys represent him?"
  // "…got arrested last night. He's got a hearing at one today. Can you guys represent him?" — the ask may
  // come up to three sentences after the matter it is about.
  let from = e;
  for (let k = 0; k < 3 && from < prepared.text.length; k++) {
    const [, e2] = sentenceSpan(prepared.text, from, from);
    const next = prepared.text.slice(from, e2);
    // Beyond the next sentence the ask must point back at the matter ("Can you guys represent him?");
    // "Separately, can you update our employee handbook?" is a new request.
    if (ASKS_FOR_WORK.test(next.replace(/\?/g, '')) && !REFERRAL_ASK.test(next) && (k === 0 || BACK_REFERENCE.test(next))) {
      laterAsk.set(`${start}:${end}`, [from, e2]);
      return true;
    }
    if (e2 <= from) break;
    from = e2;
  }
  // "Could Dr. Patel call in more of my metformin? I'm down to three pills."
  if (s > 0) {
    const [ps] = sentenceSpan(prepared.text, s - 1, s - 1);
    return /\?\s*$/.test(prepared.text.slice(ps, s)) && ASKS_FOR_WORK.test(prepared.text.slice(ps, s).replace(/\?/g, ''));
  }
  return false;
}

/** Out-of-scope: best meaning match against agreement.outOfScope, unless an inScope phrase matches at least as well. */
export function outOfScopeHit(prepared: PreparedText, agreement: AgreementLike): BoundaryHit | null {
  // Where the ask for a match was found when it is in a later sentence (checked against in-scope work below).
  const laterAsk = new Map<string, [number, number]>();
  let best: { phrase: string; m: NonNullable<ReturnType<typeof matchPreparedSet>> } | null = null;
  for (const phrase of agreement.outOfScope ?? []) {
    // Only a request for work can be out of scope: the sentences of the match must ask for something.
    const m = matchPreparedSet(prepared, compilePhraseSet(phrase), undefined, (start, end) => asksForWork(prepared, laterAsk, start, end));
    if (m && (!best || m.score > best.m.score)) best = { phrase, m };
  }
  if (!best) return null;
  // Asking for a name or a referral ("can you recommend someone for our personal returns?"), or saying
  // the work is not theirs ("I know you don't do X"), is not asking for the work.
  const [bs, be] = sentenceSpan(prepared.text, best.m.start, best.m.end);
  if (REFERRAL_ASK.test(prepared.text.slice(bs, be)) || (hasMatch(REFERRAL_ASK, prepared.text) && hasMatch(NOT_THEIRS, prepared.text))) return null;
  if (NOT_THEIRS.test(prepared.text.slice(bs, be))) return null;
  // "We'll go to the print shop directly. Can you prepare print-ready PDFs?": the later ask is for in-scope work.
  const ask = laterAsk.get(`${best.m.start}:${best.m.end}`);
  // "…my wife's iPad is very slow. Can your engineer fix it?": an ask that points back at the matter is about it.
  if (ask && !/\b(?:fix|repair|look at|have a look at|sort|do|handle|take care of|set up|check)\s+(?:it|them|that one|hers|his)\b/i.test(prepared.text.slice(ask[0], ask[1]))) {
    const askText = prepareText(prepared.text.slice(ask[0], ask[1]));
    for (const phrase of agreement.inScope ?? []) if (matchPreparedSet(askText, compilePhraseSet(phrase))) return null;
  }
  // An in-scope phrase that matches as well wins only where it is about the same sentences.
  for (const phrase of agreement.inScope ?? []) {
    const m = matchPreparedSet(prepared, compilePhraseSet(phrase));
    if (m && m.score >= best.m.score && m.start < be && m.end > bs) return null;
  }
  return { boundary: 'out_of_scope', rule: `out_of_scope:${best.phrase}`, text: best.m.matched, start: best.m.start, end: best.m.end, weight: best.m.score };
}

/** The sentence around [start, end) with its closing punctuation ("Dr." does not end it). */
function sentenceSpan(text: string, start: number, end: number): [number, number] {
  const [s, bound] = sentenceBounds(text, start, end, { abbreviations: true });
  let e = bound;
  while (e < text.length && /[.!?\n]/.test(text[e] ?? '')) e++;
  return [s, e];
}

const ASKS_FOR_WORK = /\?|\b(?:know|wondering|asks?|asking|see) (?:if|whether) (?:you|your \w+|someone|somebody|one of you) (?:can|could|would|will|do|does)\b|\b(?:can|could|would|will) (?:u|ya)\b|^\s*need (?:a|an|my|some|the|more|to)\b|^\W*(?:(?:and |so |just |please |now )*)(?:sue|send|file|draft|write|fix|set up|call in|represent|prepare|book|order|translate|design|build|redo|refill|renew|submit|apply|negotiate|list|sell|evict)\b|\b(?:take (?:that|them|those|it|this) on|any chance (?:you|your)|is (?:that|this) something (?:you|your)|(?:can|could|would|will) (?:dr|doctor|someone|somebody|anyone|one of (?:you|your)|he|she|they)\b|can you|could you|would you|will you|can your|could your|would your|please|i need|we need|i want|we want|i'?d like|we'?d like|want you to|need you to|help (?:us|me)|take (?:this|it) on|handle|add (?:our|my|her|him|them)|do (?:ours|mine|it|this|that|one)|set (?:it|this) up|schedule it|sort (?:it|this) out|represent|negotiate|prepare|put together|file (?:it|this|them)|order|run (?:a|an|the)|manage|build|make|get (?:on|her|him|it|us|me))\b/i;
// Phrase stopwords plus the greetings and auxiliaries every message has.
const TOPIC_STOP = new Set([...STOPWORDS, ...'hi hello hey thanks thank please can could would us was were been have has had do does did so just also get got will yes again still there here what when who how why'.split(' ')]);
/** Content words (stems) of a text, for telling whether two messages are about the same matter. */
function contentWords(text: string): Set<string> {
  return new Set(normaliseForFingerprint(text).filter((w) => w.length > 2 && !TOPIC_STOP.has(w) && !/^\d+$/.test(w)));
}
/** Same matter: at least four content words shared, and 40% of the smaller message's. */
function sharesTopic(a: Set<string>, b: Set<string>): boolean {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared >= 4 && shared / Math.max(1, Math.min(a.size, b.size)) >= 0.4;
}
/** A sentence that refers back to something said before ("represent him", "take that on", "file it"). */
const BACK_REFERENCE = /\b(?:him|her|them|it|this|that|these|those|one|too|as well|also)\b/i;
const RESEND = /\b(?:re-?send(?:ing)?|sending (?:this|it) (?:again|as well|here too|by \w+ too)|(?:uploading|posting|copying|adding) (?:this |it )?(?:here|to the portal) (?:as well|too)|forwarding (?:this |it )?(?:to|in case))\b[^.!?\n]*/gi;
const NOT_THEIRS = /\b(?:i|we) (?:know|understand|realise|realize|get|gather) (?:that )?(?:(?!(?:she|he|they|my|our|her|his)\b)[\w']+ ){1,3}(?:don'?t|doesn'?t|do not|does not|aren'?t|isn'?t|are not|is not) (?:something (?:you|your \w+) (?:do|manage|handle|offer|cover)|part of (?:your|the)|(?:look after|manage|handle|cover|do|offer|take on)\b)|\b(?:i|we) (?:know|understand|realise|realize|get|gather) (?:that )?(?:you|your (?:\w+ )?(?:office|firm|team|practice))? ?(?:don'?t|doesn'?t|do not|does not|can'?t|cannot|won'?t) (?:do|handle|offer|cover|take|list|write|provide)|(?:isn'?t|is not|not) (?:something )?(?:you (?:do|offer|handle|cover)|your (?:area|department|thing|remit))|(?:not|isn'?t) your area|i(?:'m| am) not asking you to\b/i;
const PAST_ONLY = /\b(?:was|were|had been)\b[^.!?\n]{0,40}\b(?:for (?:an?|about|around|\d+)|earlier|this morning|yesterday|over lunch)\b/i;

/** An emergency denied or supposed: "unless it's an emergency", "if this wasn't an emergency", "non-emergency". */
const NOT_AN_EMERGENCY = /\b(?:(?:not|never|n't|n’t|unless (?:it'?s|it is|there'?s|there is)|if (?:it|this|that) (?:was|is|were)(?:n'?t| not)?|whether (?:it|this|that) (?:was|is)) (?:really |actually |truly )?(?:an? |any )?emergenc(?:y|ies)|non-?emergenc(?:y|ies)|no emergenc(?:y|ies))\b/gi;
/** Spaces in place of a match, so offsets into the text stay as they were. */
const blankOut = (m: string) => ' '.repeat(m.length);

/** Which around-the-clock category (e.g. "outage") a text is about, if any (ignores outages described as over). */
export function aroundTheClockMatch(text: string, agreement: AgreementLike): { category: string; start: number; end: number; matched: string } | null {
  const cats = agreement.aroundTheClock ?? [];
  if (cats.length === 0 || !text) return null;
  // "Anything over $500 needs my approval unless it's an emergency": an emergency denied or supposed is none.
  const prepared = prepareText(text.replace(NOT_AN_EMERGENCY, blankOut));
  for (const category of cats) {
    const m = matchPreparedSet(prepared, compilePhraseSet(category), 0.55);
    if (!m) continue;
    const sentence = text.slice(...sentenceBounds(text, m.start, m.end));
    if (PAST_ONLY.test(sentence) && !/\b(?:still|again|now|currently)\b/i.test(sentence)) continue;
    return { category, start: m.start, end: m.end, matched: m.matched };
  }
  return null;
}

/** Off-hours: sent outside the agreement's hours (its timezone, DST-correct, holidays closed) and not an around-the-clock matter. */
export function offHoursHit(sentAtMs: number, agreement: AgreementLike, covered: boolean): BoundaryHit | null {
  const { open, local, holiday } = isOpenAt(agreement, sentAtMs);
  if (open || covered) return null;
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, '0');
  const mm = String(Math.floor(local.minutes % 60)).padStart(2, '0');
  const why = holiday ? `holiday ${holiday}` : `${local.weekday} ${hh}:${mm} ${agreement.timezone}`;
  return { boundary: 'off_hours', rule: `off_hours:${why}`, text: '', start: 0, end: 0 };
}

const PAST_BEFORE = /\b(?:sent|emailed|wrote|called|rang|mailed|submitted|signed|received|got|came|arrived|was|were|happened|started|paid|filed|delivered|did|had|posted|last|since)\s+(?:it |this |them |that |you |over |in )?$/i;
const DAY_AFTER = /^\s*(?:on\s+)?(tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const TIME_AFTER = /^\s*,?\s*(?:at\s+|by\s+)?(\d{1,2}(?::\d\d)?\s*(?:am|pm|o'?clock)|\d{1,2}:\d\d|noon|midday|lunch(?:time)?|morning|first thing)\b/i;
/**
 * A time the sender named, for "before then" to point back at: "I'm meeting the bank at 9 tomorrow morning",
 * "Flight is Monday 6am", "they need my answer by Monday 5pm".
 */
const NAMED_TIME = /\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today)(?:\s+(?:morning|afternoon|evening))?(?:,?\s+(?:at\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm)\b)?|(?:at|by|before|until)\s+\d{1,2}(?::\d\d)?(?:\s*(?:am|pm)\b(?:\s+(?:tomorrow|today|tonight))?|\s+(?:tomorrow|today|tonight|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))(?:\s+(?:morning|afternoon|evening))?|\d{1,2}(?::\d\d)?\s*(?:am|pm)\b(?:\s+(?:tomorrow|today|tonight))?)/gi;

/**
 * The last time named before `end` in the text ("before then" points back at it); null when none. A plain
 * scan: this runs only for "then", and a prefix of the message would only crowd the prefilter's recent texts.
 */
function namedTimeBefore(text: string, end: number): string | null {
  const before = text.slice(0, end);
  let last: string | null = null;
  NAMED_TIME.lastIndex = 0;
  for (let m = NAMED_TIME.exec(before); m !== null; m = NAMED_TIME.exec(before)) last = m[0];
  return last;
}

const WEEKDAY_INDEX: Record<string, number> = { monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6 };
const LOCAL_WEEKDAY: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, 'a couple of': 2, 'a few': 3 };

const MONTH_AFTER_DAY = /^(?:st|nd|rd|th)?\s*(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
const MONTH_INDEX = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Minutes from now (wall clock) until the end of a calendar day ("6 February"), in the agreement's local time; the next such day when this year's has passed. */
export function minutesUntilDate(day: number, month: string, agreement: AgreementLike, sentAtMs: number): number | null {
  const m = MONTH_INDEX.indexOf(month.slice(0, 3).toLowerCase());
  if (m < 0 || day < 1 || day > 31) return null;
  const local = localTime(sentAtMs, agreement.timezone);
  const [y, mo, d] = local.date.split('-').map(Number) as [number, number, number];
  const today = Date.UTC(y, mo - 1, d);
  let target = Date.UTC(y, m, day);
  if (target < today) target = Date.UTC(y + 1, m, day);
  return Math.round((target - today) / 60000) + 1440 - local.minutes;
}

/** Minutes after local midnight of a clock time ("by 5" during the day means 5 pm). */
function clockMinutes(h: number, m: number, pm: boolean | null): number {
  let hh = h % 12;
  if (pm === true) hh += 12;
  else if (pm === null && h < 8) hh += 12;
  return hh * 60 + m;
}

/** Minutes from now (wall clock) until a deadline expression, in the agreement's local time; null when unknown. */
export function minutesUntilDeadline(expr: string, agreement: AgreementLike, sentAtMs: number): number | null {
  const e = expr.toLowerCase().trim();
  if (/now|immediately|this (?:minute|instant|second)|right away|straight away/.test(e)) return 0;
  if (/within the hour|next hour/.test(e)) return 60;
  if (/midnight/.test(e)) return Math.max(0, 1440 - localTime(sentAtMs, agreement.timezone).minutes);
  if (/half (?:an )?hour/.test(e)) return 30;
  const rel = /(?:within|in) (?:the next )?(an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty-five|forty|\d+|a couple of|a few) ?(minutes?|mins?|hours?|hrs?)/.exec(e);
  if (rel) {
    const n = NUMBER_WORDS[rel[1]!] ?? Number(rel[1]);
    return /^h/.test(rel[2]!) ? n * 60 : n;
  }
  const local = localTime(sentAtMs, agreement.timezone);
  const now = local.minutes;
  let day = 0;
  let at: number | null = null;
  if (/tomorrow/.test(e)) day = 1;
  if (/end of (?:this|the) week/.test(e)) return ((LOCAL_WEEKDAY.fri! - LOCAL_WEEKDAY[local.weekday]! + 7) % 7) * 1440 + 1440 - now;
  const wd = /(monday|tuesday|wednesday|thursday|friday|saturday|sunday)/.exec(e);
  if (wd) {
    day = (WEEKDAY_INDEX[wd[1]!]! - LOCAL_WEEKDAY[local.weekday]! + 7) % 7;
    at = 1440;
  }
  const hm = /(\d{1,2})(?::(\d\d))?\s*(am|pm|o'?clock)?/.exec(e);
  const wordHour = /\b(ten|eleven|nine|eight|twelve|one|two|three|four|five|six)\b/.exec(e);
  if (hm && !/minutes?|hours?/.test(e)) at = clockMinutes(Number(hm[1]), Number(hm[2] ?? 0), hm[3] === 'pm' ? true : hm[3] === 'am' ? false : null);
  else if (wordHour && /by|before|until/.test(e)) at = clockMinutes(NUMBER_WORDS[wordHour[1]!]!, 0, null);
  else if (/noon|midday|lunch/.test(e)) at = 720;
  else if (/this morning/.test(e) || ((day === 1 || wd) && /morning/.test(e))) at = 600;
  else if ((wd || day === 1) && /first thing/.test(e)) at = 540;
  else if (/this afternoon/.test(e)) at = 1020;
  else if (/end of|eod|cob|close of business/.test(e)) at = 1440;
  else if (/tonight|this evening|today/.test(e)) at = 1440;
  else if (day === 1) at = 1440;
  if (at === null) return null;
  if (day === 0 && at <= now && !/today|tonight/.test(e)) day = 1;
  return Math.max(0, day * 1440 + at - now);
}

/**
 * Before a deadline in its sentence, words that make it no demand: the sender's own plan ("I'll draft it
 * tonight"), "not expecting a reply today", "no need … today", or their own message ("I hope it's okay
 * to send this tonight", "sorry to email so late tonight").
 */
const NOT_A_DEMAND_BEFORE = /\bi(?:'ll|’ll| will| am going to|'m going to| can)\b[^.!?\n]*$|\bnot expecting\b|\bno (?:need|rush)\b|\b(?:ok(?:ay)?|fine|alright|all right) to (?:send|write|email|e-mail|message|text)\b[^.!?\n]*$|\b(?:sorry|apologies) (?:to|for) (?:send|writ|e-?mail|messag|text|bother)\w*\b[^.!?\n]*$/i;

/** The sender leaves the timing to the desk: a follow-up that says so is not a chase. */
const LEAVES_TIMING = /\b(?:when(?:ever)? (?:you|u) (?:have|get|find) (?:the |some )?(?:time|a (?:chance|moment|minute|sec(?:ond)?))|no (?:rush|hurry)|not (?:an? )?(?:emergency|urgent)|in your own time|when (?:you(?:'re| are)|you'?re) (?:able|free)|at your (?:convenience|leisure))\b/i;

const LATE_EPISODE_MS = 3 * 86400_000;

const STATED_WAIT = /(?:\b(?:(?:it'?s|it has|it’s) been|been|waited|waiting|for) |(?:^|[.!?\n]\s*))(?:over |more than |almost |nearly |well over )?(a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a couple of|a few) (days?|weeks?|months?)\b(?=[^.!?\n]{0,40}\b(?:since (?:i|we) (?:first )?(?:asked|emailed|e-mailed|wrote|called|rang|sent|raised|reported|requested|contacted|messaged|chased)|(?:and|with) (?:still )?(?:no|nothing|not (?:a|one))\b|for (?:a|an|any|your) (?:reply|answer|response|call ?back)))/i;
/**
 * How long the sender says they have waited since asking ("it's been over a week since I asked", "three
 * days and still no answer"), in the agreement's business minutes over those days; 0 when not said.
 * The desk is then already late, and a deadline or an ultimatum asks for no more than was promised.
 */
function statedWaitMinutes(text: string, agreement: AgreementLike, sentAtMs: number): number {
  const m = STATED_WAIT.exec(text);
  if (!m) return 0;
  const n = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const days = n * (unit.startsWith('week') ? 7 : unit.startsWith('month') ? 30 : 1);
  return businessMinutesBetween(agreement, sentAtMs - days * 86400_000, sentAtMs);
}

const FOR_INFORMATION = /\bnot asking (?:you|for)\b|\bno (?:action|reply|response) (?:needed|required)\b/i;
/** The sender sets a later time of their own, or says the desk's usual pace suits them. */
const OWN_TIMING_RELAXED = /\b(?:(?:is|are|would be|will be) (?:absolutely |totally |perfectly |completely |also |still )?(?:fine|ok(?:ay)?) (?:from my side|from our side|for me|for us|by me|with me|on my end|on our end)|i know (?:that'?s|that’s|this is|it'?s|it’s) not how you work)\b/i;

/** A re-send that corrects the first message: the attachment it lacked, the right file, a fixed figure. */
const CORRECTED_RESEND = /\bre-?send(?:ing)?\b(?=[^.!?\n]{0,60}\b(?:attached|attachment|(?:right|correct|corrected|updated|fixed|missing|actual) (?:file|version|attachment|pdf|document|report|figures?|numbers?|amount|link)|(?:forgot|missed|left out) (?:to attach|the attachment))\b)/gi;

/** The promised first-response window an earlier message opened, and how much of it had passed when this one was sent. */
function promiseWindow(agreement: AgreementLike, past: { priority(h: HistoryItem): { priority: Priority; aroundTheClock: boolean } }, h: HistoryItem, sentAtMs: number): { window: number; elapsed: number } {
  const hp = past.priority(h);
  const t0 = Date.parse(h.sentAt);
  const elapsed = hp.aroundTheClock ? (sentAtMs - t0) / 60000 : businessMinutesBetween(agreement, t0, sentAtMs);
  return { window: agreement.firstResponseMinutes[hp.priority], elapsed };
}

/** Pressure: explicit demands faster than promised, ultimatums, or chasing inside the promised window (uses history). */
export function pressureHits(args: {
  text: string;
  reported: QuoteSpan[];
  agreement?: AgreementLike;
  sentAtMs: number;
  priority: Priority;
  /** Urgency comes from the matter (outage, payroll), not just from the client's deadline. */
  urgentTopic?: boolean;
  history: HistoryItem[];
  /** The earlier messages cleaned and rated once per analysis (see analyzeMessage). */
  past: { text(h: HistoryItem): string; priority(h: HistoryItem): { priority: Priority; aroundTheClock: boolean } };
}): BoundaryHit[] {
  const { text, reported, agreement, sentAtMs, priority, history } = args;
  // The promise that applies is the one for the message's own urgency label (an urgent filing tomorrow gets the high
  // promise); an around-the-clock emergency ('urgent') is high urgency too, answered by the clock rather than business hours.
  const basis: Priority = priority === 'urgent' ? 'high' : priority;
  const out: BoundaryHit[] = [];
  // The unanswered earlier messages, and which of them are about the same matter: a chase is timed
  // from the client's first message on the topic, so once that window has passed it is not pressure.
  const pending = agreement ? unanswered(history, sentAtMs) : [];
  const ownWords = pending.length > 0 ? contentWords(text) : null;
  const sameTopic = ownWords ? pending.filter((h) => sharesTopic(ownWords, contentWords(args.past.text(h)))) : [];
  const anchor = sameTopic[0];
  const anchorWindow = agreement && anchor && Number.isFinite(Date.parse(anchor.sentAt)) ? promiseWindow(agreement!, args.past, anchor, sentAtMs) : null;
  const ultimatums = findCues(text, ULTIMATUM_CUES, reported, true);
  // Deadlines to time: none when the sender reports a third party's deadline for information ("not asking you
  // to do anything") or relays one and relaxes it ("he wants an answer today… Tuesday is absolutely fine from my side").
  const deadlines = agreement && !FOR_INFORMATION.test(text) && !OWN_TIMING_RELAXED.test(text) ? allMatches(DEADLINE_EXPR, text) : [];
  // The desk is already late on this matter: a deadline or an ultimatum now asks for no more than was promised.
  // Late when the promise on a matter raised in the last three days has run out (an older message on the topic
  // was another episode), or when the sender says they have waited at least the promise since asking.
  const alreadyLate =
    (ultimatums.length > 0 || deadlines.length > 0) &&
    ((anchorWindow !== null && anchorWindow.elapsed >= anchorWindow.window && sentAtMs - Date.parse(anchor!.sentAt) <= LATE_EPISODE_MS) ||
      (agreement !== undefined && statedWaitMinutes(text, agreement, sentAtMs) >= agreement.firstResponseMinutes[basis]));
  for (const h of alreadyLate ? [] : ultimatums) {
    // "If I don't have it by the end of next week…" gives more time than any promise: a threat, not pressure.
    if (/\bnext (?:week|month|year)\b|\bin (?:two|three|four|\d+) (?:weeks|months)\b|\bend of (?:the )?month\b/i.test(h.text)) continue;
    // "If it isn't reversed by Friday I'm disputing it": a deadline the promise already meets is a threat, not pressure.
    if (agreement && Number.isFinite(sentAtMs)) {
      DEADLINE_EXPR.lastIndex = 0;
      const d = DEADLINE_EXPR.exec(h.text);
      const wall = d ? minutesUntilDeadline(d[0], agreement, sentAtMs) : null;
      if (wall !== null && wall > 0) {
        const business = businessMinutesBetween(agreement, sentAtMs, sentAtMs + wall * 60000);
        // "If I don't hear from you by Wednesday" asks for a reply: the first-response promise; otherwise the work may take until resolution.
        const replyOnly = /\b(?:hear|reply|respond|response|answer|call|ring|get back|back to (?:me|us))\b/i.test(h.text);
        const promise = replyOnly ? agreement.firstResponseMinutes[basis] : Math.max(agreement.firstResponseMinutes[basis], agreement.resolutionMinutes?.[basis] ?? 0);
        if (business >= promise) continue;
      }
    }
    out.push({ boundary: 'pressure', rule: h.rule, text: h.text, start: h.start, end: h.end, weight: h.weight });
  }
  if (agreement) {
    // A demanded deadline that falls before the promise: first response for replies and calls,
    // resolution (when the agreement has one) for delivered work. Deadlines are judged against the
    // normal promise unless the matter itself is urgent (an outage, not the client's own deadline).
    for (const m of alreadyLate ? [] : deadlines) {
      const [ss, se] = sentenceSpan(text, m.index, m.index + m[0].length);
      if (NOT_A_DEMAND_BEFORE.test(text.slice(ss, m.index))) continue;
      const sentence = text.slice(ss, se);
      if (!DEMAND_VERB.test(sentence) || /\b(?:no rush|not urgent|whenever|if (?:you|possible)|no need|nothing (?:needed|required)|not needed|ideally|preferably)\b/i.test(sentence)) continue;
      // "Give her access tomorrow" schedules work; a bare "tomorrow" leaves a working day.
      if (/^(?:by |before )?tomorrow$/i.test(m[0].trim())) continue;
      // On an urgent matter answered around the clock, "tonight"/"today" is the promise itself.
      // "Please send someone right away" about a leak asks for the urgent service itself; only "now" or a count of minutes demands more.
      // On an urgent matter, "right away"/"today" asks for the urgent service itself; a stated clock time or a count of minutes can still beat the promise.
      // On an around-the-clock matter, "right away"/"tonight" asks for the urgent service itself.
      if (priority === 'urgent' && !/\d|minute|hour|noon|midday|this (?:instant|second)/i.test(m[0])) continue;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      // "by 6 February": the number was a day of a month, and the deadline is the end of that day.
      const dated = /\d$/.test(m[0]) ? MONTH_AFTER_DAY.exec(after) : null;
      // "by Friday 6 March": a calendar date, not this week's Friday.
      if (!dated && /^\s*,?\s*(?:the\s+\d{1,2}(?:st|nd|rd|th)\b|(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d))/i.test(after)) continue;
      // "the contract I sent on Tuesday" is the past, not a deadline.
      if (PAST_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
      // "by noon tomorrow", "by 3 on Friday": the day that follows belongs to the time.
      const dayAfter = DAY_AFTER.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 20));
      // "by Monday 9am", "by Friday at noon", "by Monday morning": the time that follows belongs to the day.
      const timeAfter = /(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i.test(m[0]) ? TIME_AFTER.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 24)) : null;
      // "I'm meeting the client at 9am tomorrow. Could you get it back to me before then?"
      const pointsBack = /\bthen$/i.test(m[0]);
      const then = pointsBack ? namedTimeBefore(text, m.index) : null;
      if (pointsBack && then === null) continue;
      const expr = then ?? (dayAfter && !/tomorrow|day\b/i.test(m[0]) ? `${m[0]} ${dayAfter[1]}` : timeAfter ? `${m[0]} ${timeAfter[1]}` : m[0]);
      const wall = dated ? minutesUntilDate(Number(/(\d{1,2})$/.exec(m[0])![1]), dated[1]!, agreement, sentAtMs) : minutesUntilDeadline(expr, agreement, sentAtMs);
      if (wall === null) continue;
      const business = wall === 0 ? 0 : businessMinutesBetween(agreement, sentAtMs, sentAtMs + wall * 60000);
      const deliverable = /\b(?:files?|draft|concepts?|designs?|deliver\w*|finished|done|ready|completed?|report|numbers|schedule|deck|redline|package|version|templates?|artwork|mock-?ups?|proofs?|layouts?|labels?|logos?|menus?|slides?)\b/i.test(sentence) && !/\b(?:call|ring|phone|reply|respond|answer|speak|talk|hear|get back|jump on|confirm|let me know)\b/i.test(sentence);
      const promised = deliverable && agreement.resolutionMinutes ? agreement.resolutionMinutes[basis] : agreement.firstResponseMinutes[basis];
      if (business < promised && wall < 7 * 1440) {
        out.push({ boundary: 'pressure', rule: `deadline_before_promise:${Math.round(business)}<${promised} business min`, text: m[0], start: m.index, end: m.index + m[0].length });
        break;
      }
    }
    // Chasing inside the promised window of an earlier unanswered message (on the same matter when one is found).
    // "Sorry I write again… please answer when you have time, it is not emergency": the sender leaves the timing to us.
    // "Resending with the report actually attached this time" corrects the first message; it does not chase it.
    const fu = pending.length > 0 && !LEAVES_TIMING.test(text) ? FOLLOW_UP.exec(text.replace(CORRECTED_RESEND, blankOut)) : null;
    if (fu) {
      const own = fingerprint(text);
      for (const h of anchor ? [anchor] : pending) {
        if (!Number.isFinite(Date.parse(h.sentAt))) continue;
        // The same message sent again on another channel is a repeat contact, not a chase.
        // (Unless the repeat adds a complaint about waiting: "Sending this again since nobody reads email".)
        // "Resending in case the first one didn't go through" is a repeat too; only waiting words make it a chase.
        if (estimateSimilarity(own.signature, fingerprint(h.text).signature) >= DUPLICATE_THRESHOLD && (FOLLOW_UP.test(h.text) || !FOLLOW_UP.test(text.replace(RESEND, '')))) continue;
        const { window, elapsed } = h === anchor && anchorWindow ? anchorWindow : promiseWindow(agreement!, args.past, h, sentAtMs);
        if (elapsed < window) {
          out.push({ boundary: 'pressure', rule: `chasing_inside_window:${Math.round(elapsed)}<${window} business min since ${h.id}`, text: fu[0], start: fu.index, end: fu.index + fu[0].length });
          break;
        }
      }
    }
    // "Raised by phone at 7:20 and haven't heard a thing", "I rang 25 minutes ago… Is someone coming?": a chase of a
    // contact the desk has no record of (a call, another inbox), timed from when the client says it was.
    if (!out.some((h) => h.rule.startsWith('chasing_inside_window')) && !LEAVES_TIMING.test(text)) {
      const said = earlierContact(text, agreement, sentAtMs);
      if (said && said.at < sentAtMs && (pending.length === 0 || Date.parse(pending[0]!.sentAt) > said.at) && (FOLLOW_UP.test(text) || /\?/.test(text))) {
        const elapsed = priority === 'urgent' ? (sentAtMs - said.at) / 60000 : businessMinutesBetween(agreement, said.at, sentAtMs);
        const window = agreement.firstResponseMinutes[basis];
        if (elapsed < window) out.push({ boundary: 'pressure', rule: `chasing_inside_window:${Math.round(elapsed)}<${window} min since the ${said.how}`, text: said.text, start: said.start, end: said.end });
      }
    }
  }
  return out;
}

const EARLIER_CONTACT = /\b(?:(?:i|we)(?:'ve| have)? (?:rang|called|phoned|emailed|messaged|texted|raised (?:it|this)|reported (?:it|this)|logged (?:it|this|a (?:ticket|call))|left (?:a |you a )?(?:voicemail|message))|(?:raised|reported|logged) (?:it |this )?(?:by (?:phone|email)|with you|on the (?:phone|portal|out-of-hours line)))\b[^.!?\n]{0,40}?\b(?:(\d+|an?|one|two|three|four|five|ten|fifteen|twenty|twenty-five|thirty|forty|forty-five|fifty) (minutes?|mins?|hours?|hrs?) ago|at (\d{1,2})(?:[:.](\d\d))?\s*(am|pm)?\b)/i;

/** When the client says they last got in touch ("rang 25 minutes ago", "raised by phone at 7:20"), as an instant. */
function earlierContact(text: string, agreement: AgreementLike, sentAtMs: number): { at: number; how: string; text: string; start: number; end: number } | null {
  const m = EARLIER_CONTACT.exec(text);
  if (!m) return null;
  let at: number;
  if (m[1]) {
    const n = NUMBER_WORDS[m[1].toLowerCase()] ?? (/^an?$/i.test(m[1]) ? 1 : Number(m[1]));
    if (!Number.isFinite(n)) return null;
    at = sentAtMs - n * (/^h/i.test(m[2]!) ? 60 : 1) * 60000;
  } else {
    let h = Number(m[3]);
    const min = Number(m[4] ?? 0);
    if (h > 23 || min > 59) return null;
    if (m[5]?.toLowerCase() === 'pm' && h < 12) h += 12;
    if (m[5]?.toLowerCase() === 'am' && h === 12) h = 0;
    const now = localTime(sentAtMs, agreement.timezone).minutes;
    const then = h * 60 + min;
    if (then > now) return null;
    at = sentAtMs - (now - then) * 60000;
  }
  const start = m.index + (m[0].length - m[0].trimStart().length);
  return { at, how: 'contact the client mentions', text: m[0].trim(), start, end: m.index + m[0].length };
}
