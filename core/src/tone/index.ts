import { hasMatch } from '../text/prefilter.js';
import { sentenceBounds } from '../text/sentences.js';
import {
  CONCERN_CUES,
  type CueHit,
  FRUSTRATION_CUES,
  HOSTILE_CUES,
  INSULT_CUES,
  INTIMIDATION_CUES,
  JOY_CUES,
  type QuoteSpan,
  SARCASM_CUES,
  THREAT_CUES,
  findCues,
  reportedSpeechSpans,
} from './cues.js';
import { SLUR_NOUN, findProfanity } from './profanity.js';
import { scoreSentiment, type SentimentWord } from './sentiment.js';
import { detectShouting } from './shouting.js';

export * from './cues.js';
export * from './sentiment.js';
export * from './shouting.js';
export * from './profanity.js';

export type ToneLabel = 'calm' | 'concerned' | 'frustrated' | 'irate' | 'abusive';

/** Every tone signal found in a cleaned message, before the label is decided. */
export interface ToneSignals {
  sentiment: number;
  sentimentWords: SentimentWord[];
  reported: QuoteSpan[];
  insults: CueHit[];
  intimidation: CueHit[];
  profanityAtStaff: CueHit[];
  profanity: CueHit[];
  threats: CueHit[];
  hostile: CueHit[];
  frustration: CueHit[];
  sarcasm: CueHit[];
  concern: CueHit[];
  joy: CueHit[];
  shouting: boolean;
  shoutingHits: CueHit[];
  shoutyWords: number;
  followUp: boolean;
  automated: boolean;
}

const SECOND_PERSON = /\b(?:you|your|you're|youre|ur|u|ya|yours|yourself|yourselves|y'all)\b/i;
const CAPS_EXPLAINED = /\b(?:caps ?lock|capital letters|all caps|in capitals)\b[^\n]{0,100}\b(?:forgive|excuse|sorry|apologi[sz]e|not (?:meant as )?shouting|not shouting|stuck|can(?:'?t|not) (?:find|turn|switch)|habit|eyesight|easier to read)|\b(?:forgive|excuse|sorry (?:for|about)|not shouting)\b[^\n]{0,60}\b(?:caps ?lock|capital letters|all caps|the capitals|capitals)\b/i;
const AUTOMATED = /\b(?:this is an automated (?:message|notification|email|alert)|automated (?:message|notification|alert)|do not reply|no-?reply|auto-?generated(?![^\n]{0,40}\b(?:transcript|transcription)\b)(?<!(?:transcript|transcription)\b[^\n]{0,40})|this (?:message|notification) was (?:sent|generated) automatically)\b|^\s*\[(?:alert|backup|monitor\w*|notification|warning|critical)\]/im;


const FOLLOW_UP_RE = /\b(?:any (?:update|news|word|progress)|follow(?:ing)?[- ]up|still waiting|chasing|checking in)\b/i;
/** An insult named only to take it back: "Sorry for calling you a clown", "Calling you a fraud and a liar was wrong". */
/** Banter flagged as such right after the word: "you magnificent ambulance chaser (kidding, kidding)". */
const IN_JEST = /^[^.!?\n]{0,6}(?:\(\s*(?:kidding|joking|jk|only joking|just kidding|ha(?:ha)*|lol)\b|[,-]?\s*(?:just kidding|only joking|jk|lol|haha)\b|\s*(?:;\)|😉|😜|😂))/i;
const TAKEN_BACK = /\b(?:sorry|apolog\w*) (?:for|about) (?:calling|saying|what i said|the)\b|\b(?:calling|called|to call) (?:you|her|him|them|your \w+)\b[^.!?\n]{0,60}\b(?:was (?:wrong|unfair|out of line|uncalled for|not ok(?:ay)?|not fair)|(?:i )?shouldn'?t have|is not (?:ok|okay|fair)|i regret)/i;
const sum = (hits: CueHit[]) => hits.reduce((a, h) => a + h.weight, 0);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's' };
/** Same-length copy of the text in which words mixing letters with digits or @/$ read as letters ("1d10t" → "idiot"). */
export function deleet(text: string): string {
  if (!/[a-z][0-9@$]|[0-9@$][a-z]/i.test(text)) return text;
  return text.replace(/[a-z0-9@$]*(?:[a-z][0-9@$]|[0-9@$][a-z])[a-z0-9@$]*/gi, (w) => (/^\d+[a-z]{1,2}$/i.test(w) ? w : w.replace(/[0-9@$]/g, (ch) => LEET[ch] ?? ch)));
}

/** "You said…", "you told me…": an instruction recounted, a complaint only where the message is not glad. */
const RECOUNTED = /^you (?:said|told)\b/i;

/** Whether a joy cue lies in the sentence (or sentences) around [s, e). */
function joyInSentence(text: string, joy: CueHit[], s: number, e: number): boolean {
  const [ss] = sentenceBounds(text, s);
  const [, se] = sentenceBounds(text, Math.max(s, e - 1));
  return joy.some((j) => j.start >= ss - 1 && j.end <= se + 4);
}

/**
 * Finds sentiment, hostility, threats, complaints, worry, joy and shouting in cleaned text. `alsoReported`
 * spans (a forwarded message below the sender's own words) are someone else's words, like quoted speech.
 */
export function toneSignals(text: string, alsoReported: readonly QuoteSpan[] = []): ToneSignals {
  const reported = alsoReported.length > 0 ? [...reportedSpeechSpans(text), ...alsoReported] : reportedSpeechSpans(text);
  // Sentiment too is the sender's own: the other spans are blanked (same length, so offsets hold).
  let own = text;
  for (const r of alsoReported) own = own.slice(0, r.start) + ' '.repeat(r.end - r.start) + own.slice(r.end);
  const { compound, words } = scoreSentiment(own);
  // Leetspeak and masked insults ("1d10ts", "mupp3ts") are matched on a same-length copy with digits read as letters.
  // "Sorry for calling you a clown" takes an insult back.
  const insults = findCues(deleet(text), INSULT_CUES, reported)
    .map((h) => ({ ...h, text: text.slice(h.start, h.end) }))
    .filter((h) => !TAKEN_BACK.test(text.slice(...sentenceBounds(text, h.start))) && !IN_JEST.test(text.slice(h.end, h.end + 24)));
  const intimidation = findCues(text, INTIMIDATION_CUES, reported, true);
  const profanity = findProfanity(text).filter((h) => !reported.some((r) => h.start >= r.start && h.end <= r.end));
  const profanityAtStaff = profanity.filter((h) => {
    if (h.rule !== 'profanity') return false;
    if (SLUR_NOUN.test(h.text)) return true;
    const [s, e] = sentenceBounds(text, h.start);
    return SECOND_PERSON.test(text.slice(s, e));
  });
  const threats = findCues(text, THREAT_CUES, reported, true);
  const hostile = findCues(text, HOSTILE_CUES, reported, true);
  const frustration = findCues(text, FRUSTRATION_CUES, reported, true);
  const sarcasm = findCues(text, SARCASM_CUES, reported);
  const concern = findCues(text, CONCERN_CUES, reported, true);
  const joy = findCues(text, JOY_CUES, reported, true);
  const automated = hasMatch(AUTOMATED, text);
  // "I cannot find how to turn off the capital letters, so please forgive what must look like shouting": habit or a stuck key, not volume.
  const capsExplained = hasMatch(CAPS_EXPLAINED, text);
  // "You told me to go to the emergency room … THANK YOU!!!": a recounted instruction in a glad message is no complaint.
  const complaints = joy.length > 0 && compound >= 0.6 ? frustration.filter((h) => !RECOUNTED.test(h.text)) : frustration;
  const angerContext = insults.length + threats.length + hostile.length + complaints.length + sarcasm.length > 0 || compound < -0.3;
  // A message of joy throughout ("I GOT THE JOB!!! STARTING AUGUST!!! THANK YOU") raises its volume in joy, sentence by sentence or not.
  const joyful = joy.length > 0 && compound >= 0.15 && (concern.length === 0 || (compound >= 0.6 && joy.length > concern.length)) && !angerContext;
  const sh = automated ? { shouting: false, hits: [] as CueHit[], shoutyWords: 0 } : detectShouting(text, reported, (s, e) => joyful || (!angerContext && (capsExplained || joyInSentence(text, joy, s, e))), angerContext);
  return {
    sentiment: compound,
    sentimentWords: words,
    reported,
    insults,
    intimidation,
    profanityAtStaff,
    profanity,
    threats,
    hostile,
    frustration,
    sarcasm,
    concern,
    joy,
    shouting: sh.shouting,
    shoutingHits: sh.hits,
    shoutyWords: sh.shoutyWords,
    followUp: hasMatch(FOLLOW_UP_RE, text),
    automated,
  };
}

/** Abuse at staff: insults, intimidation or profanity aimed at the reader. */
export function abuseHits(s: ToneSignals): CueHit[] {
  return [...s.insults, ...s.intimidation, ...s.profanityAtStaff];
}

/** Decides the tone label from signals (highest severity wins) and returns the hits that decided it. */
export function decideTone(s: ToneSignals, urgentProblem: boolean): { tone: ToneLabel; because: CueHit[]; rule: string } {
  if (s.automated) return { tone: 'calm', because: [], rule: 'automated_message' };
  const abuse = abuseHits(s);
  if (abuse.length > 0) return { tone: 'abusive', because: abuse, rule: 'abuse_at_staff' };
  const anger = sum(s.frustration) + sum(s.sarcasm) + sum(s.hostile) + (s.shouting ? 1 : 0) + s.profanity.length * 0.5;
  if (s.threats.length > 0) return { tone: 'irate', because: s.threats, rule: 'threat_to_leave_sue_dispute_review' };
  if (sum(s.hostile) >= 2 && (s.shouting || anger >= 4 || s.sentiment <= -0.5)) return { tone: 'irate', because: [...s.hostile, ...s.shoutingHits], rule: 'hostility' };
  if (s.shouting && s.shoutyWords >= 4 && anger >= 2.5 && s.joy.length === 0) return { tone: 'irate', because: [...s.shoutingHits, ...s.frustration], rule: 'shouted_complaint' };
  const concern = sum(s.concern);
  const bareQuestionMarks = s.frustration.some((h) => h.rule === 'double_question') && concern === 0;
  if (anger >= 1.5 || s.sarcasm.length > 0 || bareQuestionMarks) {
    if (concern > anger && s.sarcasm.length === 0 && s.hostile.length === 0) return { tone: 'concerned', because: s.concern, rule: 'worry_outweighs_complaint' };
    return { tone: 'frustrated', because: [...s.frustration, ...s.sarcasm, ...s.hostile, ...s.shoutingHits], rule: 'complaint_or_sarcasm' };
  }
  if (s.shouting && s.joy.length === 0) return { tone: 'frustrated', because: s.shoutingHits, rule: 'shouting' };
  if (s.followUp && s.sentiment <= -0.25) return { tone: 'frustrated', because: [], rule: 'negative_chase' };
  const grateful = s.joy.length > 0 && s.sentiment >= 0.2;
  if ((concern > 0 && !grateful) || urgentProblem) return { tone: 'concerned', because: s.concern, rule: concern > 0 ? 'worry' : 'urgent_problem' };
  if (s.sentiment <= -0.6) return { tone: 'frustrated', because: [], rule: 'strongly_negative_sentiment' };
  return { tone: 'calm', because: [], rule: 'no_negative_signal' };
}
