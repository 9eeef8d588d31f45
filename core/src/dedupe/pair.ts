import { cleanedTextOf, type StrippedPart } from '../text/clean.js';
import { FOLLOW_UP_WORDS, NO_ANSWER_YET, RESTATE_CUE, channelNamed, contentWords, contentWordsOf, meaningUnits, restatementOf, type RestateCandidate } from './restate.js';
import { REPEAT_WINDOW_MS, SHINGLE_CHARS, normaliseForFingerprint } from './index.js';
import { fnv1a } from '../text/hash.js';
import { REPEAT_PAIR_MODEL } from './pair-model.js';

export { REPEAT_PAIR_MODEL };

/**
 * The learned repeat check: the fingerprint and the restatement rules catch copies and retellings
 * the sender announces; a repeat sent hours later in other words ("Still no corrected 1099 for
 * Travis, it shows 41k, he was paid 29.6k") shares too few shingles for one and says too little for
 * the other. This scores each earlier message of the same sender as the one repeated, from what the
 * two share (words, stems and concepts, numbers), how far apart and on which channels they came,
 * and what the new one says of itself (a cue, a follow-up word, news). The weights are fitted on
 * the labelled tuning splits (`npm run train:repeat`); ADR 0002 has the numbers.
 */
export interface RepeatPairModel {
  bias: number;
  weights: Record<string, number>;
  /** Probability at or above which the best candidate is linked. */
  threshold: number;
}


/** The sender mentions an earlier contact of their own: "I emailed last night", "my previous message", "as I told Ms Hartmann". */
const REFERS_BACK = /\b(?:(?:i|we)(?:'ve| have| had)? (?:already |just |also |previously )?(?:e-?mailed|called|rang|rung|phoned|texted|messaged|wrote|written|sent|left|submitted|posted|reported|logged|raised|mentioned|told|asked|explained)|(?:my|our) (?:last|earlier|previous|original|first|other) (?:e-?mail|message|note|text|call|voicemail|request|ticket|form)|for the record|(?:forwarding|forwarded)|as (?:i|we) (?:said|wrote|mentioned|explained)|(?:once )?again|(?:re-?)?sending|second time|one more time)\b/i;
/** Channel words anywhere in the text ("I sent a portal message this morning", "as texted", "same as my email"), by the channel they name. */
const CHANNEL_WORDS: Array<[string, RegExp]> = [
  ['email', /\b(?:e-?mail(?:ed|s)?|inbox|forwarded message|original message)\b/i],
  ['portal', /\bportal\b/i],
  ['sms', /\b(?:text(?:ed|s)?|sms)\b/i],
  ['phone', /\b(?:voicemail|vm|call(?:ed)?|rang|rung|phoned?|line)\b/i],
  ['form', /\b(?:form|request)\b/i],
];
/** A time back from now: "last night", "this morning", "yesterday", "on Friday", "an hour ago". */
const TIME_BACK = /\b(?:last night|this morning|yesterday|earlier(?: today)?|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:\w+ )?(?:minutes?|mins?|hours?|hrs?|days?) ago|last week)\b/i;
const NEWS = /\b(?:update|now|worse|just (?:noticed|found|saw|got)|turns out|another|also|new|additional|different|instead|changed|correction)\b/i;
const THANKS = /\b(?:thanks?|thank you|cheers|appreciate|grateful|brilliant|perfect|great job)\b/i;
const NUMBER = /\d[\d.,:/]*\d|\d/g;

function numbersOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(NUMBER)) {
    const n = m[0].replace(/[.,]/g, '');
    if (n.length >= 2) out.add(n);
  }
  return out;
}

/** Consecutive pairs of the normalised words of three letters or more (or numbers). */
function bigramsOf(tokens: readonly string[]): Set<string> {
  const toks = tokens.filter((w) => w.length >= 3 || /^\d+$/.test(w));
  const out = new Set<string>();
  for (let i = 1; i < toks.length; i++) out.add(`${toks[i - 1]} ${toks[i]}`);
  return out;
}

/**
 * Character shingles of the normalised text, as in the fingerprint, but exact (the two sets' Jaccard
 * is the similarity the fingerprint estimates), sorted and distinct so two are compared in one pass.
 */
function shinglesOf(tokens: readonly string[]): Uint32Array {
  const norm = tokens.join(' ');
  const n = Math.max(0, norm.length - SHINGLE_CHARS + 1);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = fnv1a(norm, i, i + SHINGLE_CHARS) >>> 0;
  all.sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i]!;
  return all.subarray(0, k);
}

/** How many values two sorted, distinct arrays share. */
function sharedSorted(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** What the features need of one text; an earlier message's is kept with it, so a long history is read once. */
interface TextProfile {
  words: Set<string>;
  units: Set<string>;
  bigrams: Set<string>;
  numbers: Set<string>;
  shingles: Uint32Array;
  noAnswer: boolean;
}

function profileOf(text: string): TextProfile {
  const tokens = normaliseForFingerprint(text);
  const words = contentWordsOf(tokens);
  return { words, units: meaningUnits(words), bigrams: bigramsOf(tokens), numbers: numbersOf(text), shingles: shinglesOf(tokens), noAnswer: NO_ANSWER_YET.test(text) };
}

const profiles = new WeakMap<object, { raw: string; profile: TextProfile }>();
function candidateProfile(h: RestateCandidate): TextProfile {
  const hit = profiles.get(h);
  if (hit && hit.raw === h.text) return hit.profile;
  const profile = profileOf(cleanedTextOf(h));
  profiles.set(h, { raw: h.text, profile });
  return profile;
}

function sharedCount<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

const squash = (n: number, k: number) => (n <= 0 ? 0 : n / (n + k));

/** What is worked out once for the new message, whatever the candidate. */
export interface RepeatQuery extends TextProfile {
  channel?: string;
  sentAtMs: number;
  quoted: Set<string>;
  /** The subject without reply and forward prefixes, and whether it is a reply. */
  subject: string;
  reply: boolean;
  /** The channels the text names. */
  channelsNamed: Set<string>;
  flags: { cue: string | null; refersBack: boolean; timeBack: boolean; followUp: boolean; noAnswer: boolean; news: boolean; thanks: boolean; question: boolean };
}

export function repeatQuery(cleanedText: string, stripped: readonly StrippedPart[], channel: string | undefined, sentAtMs: number, subject?: string): RepeatQuery {
  const text = cleanedText;
  const own = profileOf(text);
  const words = own.words;
  const cue = RESTATE_CUE.exec(text) ?? (subject ? RESTATE_CUE.exec(subject) : null);
  const quotedText = stripped.filter((p) => p.kind === 'quote').map((p) => p.text).join('\n');
  return {
    ...own,
    ...(channel ? { channel } : {}),
    sentAtMs,
    quoted: quotedText ? contentWords(quotedText) : new Set(),
    subject: baseSubject(subject),
    reply: !!subject && /^\s*(?:re|aw|sv)\s*:/i.test(subject),
    channelsNamed: new Set(CHANNEL_WORDS.filter(([, re]) => re.test(text) || (subject ? re.test(subject) : false)).map(([c]) => c)),
    flags: {
      cue: cue ? cue[0] : null,
      refersBack: REFERS_BACK.test(text) || (subject ? /^\s*(?:fw|fwd)\s*:/i.test(subject) : false),
      timeBack: TIME_BACK.test(text),
      followUp: FOLLOW_UP_WORDS.test(text),
      noAnswer: own.noAnswer,
      news: NEWS.test(text),
      thanks: THANKS.test(text) && words.size <= 12,
      question: text.includes('?'),
    },
  };
}

/** A subject without its reply and forward prefixes ("RE: AW: Fwd: August books" → "august books"). */
export function baseSubject(subject: string | undefined): string {
  return (subject ?? '').toLowerCase().replace(/^(?:\s*(?:re|aw|fw|fwd|wg|sv|tr)\s*(?:\[\d+\])?\s*:\s*)+/i, '').replace(/\s+/g, ' ').trim();
}

/** Sets a pair feature when it is not zero (true counts 1). */
function setFeature(f: Map<string, number>, name: string, v: number | boolean): void {
  const x = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  if (x) f.set(name, x);
}

/** The features of one (new message, earlier message) pair; `between` is how many of the sender's messages came in between. */
export function repeatPairFeatures(q: RepeatQuery, candidate: RestateCandidate & { subject?: string }, between: number): Map<string, number> {
  const them = candidateProfile(candidate);
  const theirs = them.words;
  const theirUnits = them.units;
  const shared = sharedCount(q.words, theirs);
  const minSize = Math.max(1, Math.min(q.words.size, theirs.size));
  const maxSize = Math.max(1, q.words.size, theirs.size);
  const sharedUnits = sharedCount(q.units, theirUnits);
  const theirBigrams = them.bigrams;
  const sharedBigrams = sharedCount(q.bigrams, theirBigrams);
  const theirNumbers = them.numbers;
  const sharedShingles = sharedSorted(q.shingles, them.shingles);
  const sharedNumbers = sharedCount(q.numbers, theirNumbers);
  const gapMin = Math.max(0, (q.sentAtMs - Date.parse(candidate.sentAt)) / 60_000);
  const named = q.flags.cue ? channelNamed(q.flags.cue) : null;
  const f = new Map<string, number>();
  setFeature(f, 'word_overlap_min', shared / minSize);
  setFeature(f, 'word_overlap_max', shared / maxSize);
  setFeature(f, 'word_shared', squash(shared, 4));
  setFeature(f, 'unit_overlap_min', sharedUnits / Math.max(1, Math.min(q.units.size, theirUnits.size)));
  setFeature(f, 'unit_shared', squash(sharedUnits, 4));
  setFeature(f, 'bigram_overlap_min', sharedBigrams / Math.max(1, Math.min(q.bigrams.size, theirBigrams.size)));
  setFeature(f, 'numbers_shared', squash(sharedNumbers, 1));
  setFeature(f, 'numbers_new', squash(q.numbers.size - sharedNumbers, 1));
  setFeature(f, 'quoted_overlap', q.quoted.size ? sharedCount(theirs, q.quoted) / Math.max(1, theirs.size) : 0);
  setFeature(f, 'gap_log', Math.log1p(gapMin) / Math.log1p(7 * 1440));
  setFeature(f, 'gap_30m', gapMin <= 30);
  setFeature(f, 'gap_3h', gapMin <= 180);
  setFeature(f, 'gap_24h', gapMin <= 1440);
  setFeature(f, 'same_channel', !!q.channel && q.channel === candidate.channel);
  setFeature(f, 'cue', !!q.flags.cue);
  setFeature(f, 'cue_names_channel', !!named && named === candidate.channel);
  setFeature(f, 'refers_back', q.flags.refersBack);
  setFeature(f, 'names_its_channel', !!candidate.channel && candidate.channel !== q.channel && q.channelsNamed.has(candidate.channel));
  setFeature(f, 'refers_back_its_channel', q.flags.refersBack && !!candidate.channel && candidate.channel !== q.channel && q.channelsNamed.has(candidate.channel));
  setFeature(f, 'time_back', q.flags.timeBack);
  setFeature(f, 'follow_up', q.flags.followUp);
  setFeature(f, 'news', q.flags.news);
  setFeature(f, 'no_answer', q.flags.noAnswer);
  setFeature(f, 'no_answer_both', q.flags.noAnswer && them.noAnswer);
  setFeature(f, 'shingle_jaccard', sharedShingles / Math.max(1, q.shingles.length + them.shingles.length - sharedShingles));
  setFeature(f, 'thanks', q.flags.thanks);
  setFeature(f, 'question', q.flags.question);
  setFeature(f, 'latest', between === 0);
  setFeature(f, 'between', squash(between, 1));
  setFeature(f, 'length_ratio', Math.abs(Math.log((q.words.size + 1) / (theirs.size + 1))));
  setFeature(f, 'short', q.words.size < 5);
  const theirSubject = baseSubject(candidate.subject);
  setFeature(f, 'same_subject', !!q.subject && q.subject === theirSubject);
  setFeature(f, 'reply_same_subject', q.reply && !!q.subject && q.subject === theirSubject);
  // What the words shared mean depends on what else is said: the same words moments later on another
  // channel are a re-send; the same words with news or a complaint about silence are a follow-up.
  const overlap = shared / minSize;
  setFeature(f, 'overlap_x_plain', !q.flags.followUp && !q.flags.news && !q.flags.noAnswer ? overlap : 0);
  setFeature(f, 'overlap_x_other_channel', !!q.channel && !!candidate.channel && q.channel !== candidate.channel ? overlap : 0);
  setFeature(f, 'overlap_x_refers_back', q.flags.refersBack || !!q.flags.cue ? overlap : 0);
  return f;
}

export function repeatProbability(model: Pick<RepeatPairModel, 'bias' | 'weights'>, features: ReadonlyMap<string, number>): number {
  let z = model.bias;
  for (const [name, v] of features) z += (model.weights[name] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}

/** An earlier message of the sender, for the learned repeat check. */
export interface RepeatCandidate extends RestateCandidate {
  subject?: string;
  /** The message it was itself found to repeat: a repeat is linked to the original, never to another copy. */
  duplicateOf?: string | null;
}

/** Each earlier inbound message of the sender within the lookback that is not itself a repeat, latest first, with how many of the sender's messages came after it. */
function recentOriginals(history: readonly RepeatCandidate[], sentAtMs: number): Array<{ h: RepeatCandidate; between: number }> {
  const out: Array<{ h: RepeatCandidate; between: number }> = [];
  if (!Number.isFinite(sentAtMs)) return out;
  let between = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.direction !== 'inbound') continue;
    const at = Date.parse(h.sentAt);
    if (at > sentAtMs) continue;
    if (sentAtMs - at > REPEAT_WINDOW_MS) break;
    if (!h.duplicateOf) out.push({ h, between });
    between++;
  }
  return out;
}

/** The candidates for the message the query describes, with their pair features. Exported for training; `learnedRepeatOf` decides. */
export function repeatCandidates(q: RepeatQuery, history: readonly RepeatCandidate[]): Array<{ id: string; features: Map<string, number> }> {
  if (q.words.size < 3) return [];
  return recentOriginals(history, q.sentAtMs).map(({ h, between }) => ({ id: h.id, features: repeatPairFeatures(q, h, between) }));
}

/** Whether the sender has an earlier original within the lookback: without one, the check has nothing to do (and the query need not be built). */
export function hasRepeatCandidates(history: readonly RepeatCandidate[], sentAtMs: number): boolean {
  return recentOriginals(history, sentAtMs).length > 0;
}

/** Of scored candidates, the most likely original at or above the model's threshold; null if none is. */
export function mostLikelyRepeat(candidates: ReadonlyArray<{ id: string; features: ReadonlyMap<string, number> }>, model: RepeatPairModel): { id: string; probability: number } | null {
  let best: { id: string; probability: number } | null = null;
  for (const c of candidates) {
    const p = repeatProbability(model, c.features);
    if (p >= model.threshold && (!best || p > best.probability)) best = { id: c.id, probability: Math.round(p * 1000) / 1000 };
  }
  return best;
}

/** The earlier message this one most likely repeats, when the learned check is sure enough; null otherwise. */
export function learnedRepeatOf(q: RepeatQuery, history: readonly RepeatCandidate[], model: RepeatPairModel = REPEAT_PAIR_MODEL): { id: string; probability: number } | null {
  return mostLikelyRepeat(repeatCandidates(q, history), model);
}

/** How a repeat was found: the same text (fingerprint), a retelling the sender announces or that follows moments later, or the learned check. */
export type RepeatLink = { by: 'fingerprint'; similarity: number } | { by: 'restatement'; cue: string; overlap: number } | { by: 'learned'; probability: number };
export interface RepeatFound {
  /** The original: the earlier message repeated. */
  id: string;
  link: RepeatLink;
}

/** The message whose original is looked for, as `repeatOf` needs it. */
export interface RepeatInput {
  cleanedText: string;
  stripped: readonly StrippedPart[];
  channel?: string | undefined;
  sentAtMs: number;
  /** The sender's own subject, when they wrote one (the message opening a request or email thread). */
  subject?: string | undefined;
  /** The subject the message came under, for the learned check (a later message of a thread: "Re: …"); the subject when not given. */
  threadSubject?: string | undefined;
}

/**
 * The earlier message this one repeats, and how that was found, in order: the same text (the
 * fingerprint hit, looked up by the caller in its own index: in memory for the CLI, the database
 * for the pipeline), a retelling on another channel the sender announces or sends moments later
 * (`restatementOf`), or the learned check. `model: null` leaves the learned check out;
 * `onCandidates` receives every message's learned-check candidates and the rules' link (training).
 */
export function repeatOf(
  msg: RepeatInput,
  fingerprintHit: { id: string; similarity: number } | null,
  history: readonly RepeatCandidate[],
  options: { model?: RepeatPairModel | null; onCandidates?: (candidates: Array<{ id: string; features: Map<string, number> }>, ruleLink: string | null) => void } = {},
): RepeatFound | null {
  let found: RepeatFound | null = fingerprintHit ? { id: fingerprintHit.id, link: { by: 'fingerprint', similarity: fingerprintHit.similarity } } : null;
  if (!found) {
    // A condensed retelling on another channel ("also logging here: no heat, 45 inside") shares too few shingles.
    const restated = restatementOf(msg.cleanedText, msg.channel, msg.sentAtMs, history, msg.subject);
    if (restated) found = { id: restated.id, link: { by: 'restatement', cue: restated.cue, overlap: restated.overlap } };
  }
  const learn = !found && options.model !== null && hasRepeatCandidates(history, msg.sentAtMs);
  if (!learn && !options.onCandidates) return found;
  // A repeat in other words, hours later, that neither shares the shingles nor says it repeats.
  const q = repeatQuery(msg.cleanedText, msg.stripped, msg.channel, msg.sentAtMs, msg.threadSubject ?? msg.subject);
  options.onCandidates?.(repeatCandidates(q, history), found?.id ?? null);
  const learned = learn ? learnedRepeatOf(q, history, options.model ?? undefined) : null;
  return learned ? { id: learned.id, link: { by: 'learned', probability: learned.probability } } : found;
}

/**
 * The evidence item that explains a repeat link (label `duplicate`, the original's id as text):
 * rule `minhash_lsh` with the estimated similarity, `restated_on_another_channel:<cue>` with the
 * share of words in common, or `learned_repeat` with the probability.
 */
export function repeatEvidence({ id, link }: RepeatFound): { label: string; rule: string; text: string; start: number; end: number; weight: number } {
  const rule = link.by === 'fingerprint' ? 'minhash_lsh' : link.by === 'restatement' ? `restated_on_another_channel:${link.cue}` : 'learned_repeat';
  const weight = link.by === 'fingerprint' ? link.similarity : link.by === 'restatement' ? link.overlap : link.probability;
  return { label: 'duplicate', rule, text: id, start: 0, end: 0, weight: Math.round(weight * 1000) / 1000 };
}
