import { type CueHit, type QuoteSpan, findCues } from '../tone/cues.js';
import { type PreparedText, compilePhraseSet, matchPreparedSet, prepareText } from '../text/phrase-match.js';
import { DEMAND_TIME, DEMAND_VERB, FOLLOW_UP, PERSONAL_CUES, ULTIMATUM_CUES } from './cues.js';
import { type AgreementLike, businessMinutesBetween, isOpenAt } from './hours.js';

export * from './hours.js';
export * from './cues.js';

export type BoundaryKind = 'personal' | 'out_of_scope' | 'pressure' | 'abuse' | 'off_hours';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** One earlier message of the same client (oldest first). */
export interface HistoryItem {
  id: string;
  sentAt: string;
  text: string;
  direction: 'inbound' | 'outbound';
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
    PERK.lastIndex = 0;
    PRIORITY.lastIndex = 0;
    const perk = PERK.exec(text);
    const prio = PRIORITY.exec(text);
    if (perk && prio) {
      const start = Math.min(perk.index, prio.index);
      const end = Math.max(perk.index + perk[0].length, prio.index + prio[0].length);
      hits.push({ rule: 'personal_gift_for_priority', text: text.slice(start, end), start, end, weight: 3 });
    }
  }
  return hits;
}

const PERK = /\b(?:gift|gifts|present|necklace|bracelet|bottle|wine|champagne|whiske?y|tickets?|tour|trip|holiday|as (?:our|my) guest|free (?:\w+ )?(?:trip|tour|stay|night|meal|dinner|session|tickets?|product|box)|voucher|gift card|treat|on the house|bonus|tip|cash|hamper|flowers|chocolates|spa day|weekend at)\b/i;
const PRIORITY = /\b(?:(?:done|seen to|looked at|handled|finished|sorted|look at [^.?!]{0,40}) (?:first|before (?:the others|anyone else|everyone else|your other (?:clients|customers)|other clients))|before (?:the others|anyone else|everyone else|your other (?:clients|customers))(?: in (?:your|the) queue)?|ahead of (?:the|your|everyone|other)|top of (?:the|your) (?:pile|list|queue)|front of the (?:line|queue)|jump the (?:queue|line)|skip the (?:queue|line)|squeeze (?:me|us) in|priorit(?:y|ise|ize)|first in line|bump (?:us|me) up|move (?:us|me) up)\b/i;

/** Out-of-scope: best meaning match against agreement.outOfScope, unless an inScope phrase matches at least as well. */
export function outOfScopeHit(prepared: PreparedText, agreement: AgreementLike): BoundaryHit | null {
  const asks = (start: number, end: number) => {
    const [s, e] = sentenceSpan(prepared.text, start, end);
    if (ASKS_FOR_WORK.test(prepared.text.slice(s, e))) return true;
    // "My brother-in-law was arrested last night. Could one of your attorneys represent him?"
    const [, e2] = sentenceSpan(prepared.text, e, e);
    const next = prepared.text.slice(e, e2);
    return ASKS_FOR_WORK.test(next.replace(/\?/g, ''));
  };
  let best: { phrase: string; m: NonNullable<ReturnType<typeof matchPreparedSet>> } | null = null;
  for (const phrase of agreement.outOfScope ?? []) {
    // Only a request for work can be out of scope: the sentences of the match must ask for something.
    const m = matchPreparedSet(prepared, compilePhraseSet(phrase), undefined, asks);
    if (m && (!best || m.score > best.m.score)) best = { phrase, m };
  }
  if (!best) return null;
  for (const phrase of agreement.inScope ?? []) {
    const m = matchPreparedSet(prepared, compilePhraseSet(phrase));
    if (m && m.score >= best.m.score) return null;
  }
  return { boundary: 'out_of_scope', rule: `out_of_scope:${best.phrase}`, text: best.m.matched, start: best.m.start, end: best.m.end, weight: best.m.score };
}

function sentenceSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1] ?? '')) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e] ?? '')) e++;
  while (e < text.length && /[.!?\n]/.test(text[e] ?? '')) e++;
  return [s, e];
}

const ASKS_FOR_WORK = /\?|\b(?:can you|could you|would you|will you|can your|could your|would your|please|i need|we need|i want|we want|i'?d like|we'?d like|want you to|need you to|help (?:us|me)|take (?:this|it) on|handle|add (?:our|my|her|him|them)|do (?:ours|mine|it|this|that|one)|set (?:it|this) up|schedule it|sort (?:it|this) out|represent|negotiate|prepare|put together|file (?:it|this|them)|order|run (?:a|an|the)|manage|build|make|get (?:on|her|him|it|us|me))\b/i;
const PAST_ONLY = /\b(?:was|were|had been)\b[^.!?\n]{0,40}\b(?:for (?:an?|about|around|\d+)|earlier|this morning|yesterday|over lunch)\b/i;

/** Which around-the-clock category (e.g. "outage") a text is about, if any (ignores outages described as over). */
export function aroundTheClockMatch(text: string, agreement: AgreementLike): { category: string; start: number; end: number; matched: string } | null {
  const cats = agreement.aroundTheClock ?? [];
  if (cats.length === 0 || !text) return null;
  const prepared = prepareText(text);
  for (const category of cats) {
    const m = matchPreparedSet(prepared, compilePhraseSet(category), 0.35);
    if (!m) continue;
    let s = m.start;
    while (s > 0 && !/[.!?\n]/.test(text[s - 1] ?? '')) s--;
    let e = m.end;
    while (e < text.length && !/[.!?\n]/.test(text[e] ?? '')) e++;
    const sentence = text.slice(s, e);
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

const TIME_WORDS: Array<[RegExp, number]> = [
  [/\b(?:right|straight) (?:now|away)|immediately|this (?:minute|instant|second)|\bnow\b/i, 0],
  [/within the hour|in (?:the next )?(?:an|one) hour|(?:in|within) \d+ ?(?:minutes?|mins?)/i, 60],
  [/(?:in|within) (?:the next )?(\d+|two|three|a couple of) ?(?:hours?|hrs?)/i, 180],
  [/\b(?:asap|as soon as possible|today|by (?:noon|lunch|midday|end of (?:the )?(?:day|business)|eod|cob|close of business|tonight|this (?:morning|afternoon|evening)|\d{1,2}(?::\d\d)?\s*(?:am|pm)))\b/i, 240],
];

/** Pressure: explicit demands faster than promised, ultimatums, or chasing inside the promised window (uses history). */
export function pressureHits(args: {
  text: string;
  reported: QuoteSpan[];
  agreement?: AgreementLike;
  sentAtMs: number;
  priority: Priority;
  history: HistoryItem[];
  historyPriority: (h: HistoryItem) => { priority: Priority; aroundTheClock: boolean };
}): BoundaryHit[] {
  const { text, reported, agreement, sentAtMs, priority, history } = args;
  const out: BoundaryHit[] = [];
  for (const h of findCues(text, ULTIMATUM_CUES, reported, true)) out.push({ boundary: 'pressure', rule: h.rule, text: h.text, start: h.start, end: h.end, weight: h.weight });
  if (agreement) {
    // Demanded response time shorter than the promise for this priority.
    const promised = agreement.firstResponseMinutes[priority];
    DEMAND_TIME.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DEMAND_TIME.exec(text)) !== null) {
      let s = m.index;
      while (s > 0 && !/[.!?\n]/.test(text[s - 1] ?? '')) s--;
      const sentence = text.slice(s, m.index + m[0].length + 20);
      if (!DEMAND_VERB.test(sentence) || /\b(?:if|when|whenever|no rush|not urgent|by then)\b/i.test(text.slice(s, m.index))) continue;
      const demanded = TIME_WORDS.find(([re]) => re.test(m![0]))?.[1] ?? 240;
      if (demanded < promised && (demanded === 0 || priority !== 'urgent')) {
        // "ASAP"/"today" on an urgent matter is not pressure; only explicit demands below the promise are.
        if (demanded >= 240 && (priority === 'high' || priority === 'urgent')) continue;
        out.push({ boundary: 'pressure', rule: `demand_faster_than_promise:${demanded}<${promised}`, text: m[0], start: m.index, end: m.index + m[0].length });
      }
    }
    // Chasing inside the promised window of an earlier unanswered message.
    const lastOutbound = [...history].reverse().find((h) => h.direction === 'outbound');
    const lastOutMs = lastOutbound ? Date.parse(lastOutbound.sentAt) : -Infinity;
    const pending = history.filter((h) => h.direction === 'inbound' && Date.parse(h.sentAt) > lastOutMs && Date.parse(h.sentAt) <= sentAtMs);
    const fu = FOLLOW_UP.exec(text);
    const followUp = fu !== null;
    for (const h of pending) {
      const t0 = Date.parse(h.sentAt);
      if (!Number.isFinite(t0)) continue;
      const hp = args.historyPriority(h);
      const window = agreement.firstResponseMinutes[hp.priority];
      const elapsed = hp.aroundTheClock ? (sentAtMs - t0) / 60000 : businessMinutesBetween(agreement, t0, sentAtMs);
      if (elapsed < window && followUp) {
        const start = fu?.index ?? 0;
        const end = fu ? start + fu[0].length : 0;
        out.push({ boundary: 'pressure', rule: `chasing_inside_window:${Math.round(elapsed)}<${window} business min since ${h.id}`, text: fu?.[0] ?? '', start, end });
        break;
      }
    }
  }
  return out;
}
