import { sentenceBounds } from '../text/sentences.js';
import {
  type AgreementLike,
  type BoundaryHit,
  type BoundaryKind,
  BOUNDARY_ORDER,
  type HistoryItem,
  type Priority,
  aroundTheClockMatch,
  offHoursHit,
  outOfScopeHit,
  personalHits,
  pressureHits,
  unanswered,
} from '../boundaries/index.js';
import { localTime } from '../boundaries/hours.js';
import { cleanMessage, cleanedTextOf, type StrippedPart } from '../text/clean.js';
import { prepareText } from '../text/phrase-match.js';
import { type CueHit, type ToneLabel, abuseHits, decideTone, toneSignals } from '../tone/index.js';
import { STRONG_REQUEST_RE, decideUrgency } from './urgency.js';
import { type FeatureSet, type ScorerModel, type TaskDecision, combineWithRules, compileScorer, decideAll, defaultScorer } from '../learn/index.js';
import { outcomeFeatures, scorerEvidenceRule } from './learned.js';

export { cleanMessage } from '../text/clean.js';
export type { AgreementLike, HistoryItem } from '../boundaries/index.js';
export * from './urgency.js';
export * from './repeat.js';

/** Bumped whenever rules change in a way that changes labels. */
export const ANALYSIS_VERSION = 2;

export interface AnalyzeOptions {
  /** The learned scorer that weighs the rules' findings; default: the one shipped, null: rules alone. */
  scorer?: ScorerModel | null;
  /** Receives the scorer's features (for training and inspection). */
  onFeatures?: (features: FeatureSet) => void;
}

export interface AnalyzeInput {
  /** Raw text body (may contain quoted history, signature, HTML remnants). */
  body: string;
  subject?: string;
  /** ISO 8601. */
  sentAt: string;
  /** email | portal | form | api | phone | sms */
  channel?: string;
  agreement?: AgreementLike;
  /** Same client's earlier messages, oldest first (for nagging/pressure and around-the-clock follow-ups). */
  history?: HistoryItem[];
}

/** Why a label was given: the rule and the words (offsets into cleanedText; 0/0 for message-level rules). */
export interface EvidenceItem {
  label: string;
  rule: string;
  text: string;
  start: number;
  end: number;
  weight?: number;
}

/** Same shape as contracts' MessageAnalysis. */
export interface MessageAnalysisResult {
  version: number;
  cleanedText: string;
  stripped: StrippedPart[];
  sentiment: number;
  shouting: boolean;
  urgency: 'low' | 'normal' | 'high';
  tone: ToneLabel;
  boundaries: BoundaryKind[];
  evidence: EvidenceItem[];
}

/** Boundaries the learned scorer may decide (off hours is a matter of the clock and the agreement). */
const LEARNED_BOUNDARIES = ['personal', 'out_of_scope', 'pressure', 'abuse'] as const;
const FOLLOW_ON_MS = 12 * 3600_000;
/**
 * A message that says the matter is still going on ("still can't see any X-rays and nobody called
 * back overnight") follows it up for a whole day: the morning after a night-time outage is the same episode.
 */
const STILL_GOING_MS = 24 * 3600_000;
const STILL_GOING = /\bstill (?:(?:can'?t|cannot|no|not|nothing|down|out|off|dead|broken|leaking|dripping|without|having|getting|waiting|unable)\b|(?:is|are|isn'?t|aren'?t|won'?t|doesn'?t|don'?t) (?:down|out|off|working|leaking|dripping|broken|dead|locked|able)\b)/i;
/** A chase asks again for out-of-scope work asked for in the last week and not yet answered. */
const OOS_CHASE_MS = 7 * 86400_000;
/** The message says the urgent matter has been dealt with (reset, fixed, the plumber came). */
const MATTER_SETTLED = /\b(?:(?:plumber|electrician|technician|tech|engineer|contractor|locksmith|someone|somebody|your (?:guy|man|team|tech|engineer)) (?:came|showed up|has been|was here|fixed|sorted|stopped)|(?:'s|’s|has|have|was|were|got|is|are) (?:been |now )?(?:reset|fixed|sorted|resolved|restored|contained|shut off|turned off|stopped|repaired)(?![^.!?\n]{0,30}\b(?:but|still|again)\b)|(?:is|are|'s|’s|has|have) (?:been )?back (?:up|online|on|since|to normal)\b|working again|\b(?:doing|feeling|(?:he|she|i|we)(?:'s|’s|'m|’m| is| am| are)) (?:fine|better|much better|ok|okay|well) (?:now|this morning|today)\b|\bfeeling (?:much |a lot |a bit )?(?:better|more human|like myself)\b|\bchecked (?:him|her|me|us|them) (?:out|over)\b|\ball (?:fixed|sorted|working|back up)\b|\b(?:we'?re|we are|i'?m|i am|everyone'?s|everyone is) (?:all )?back (?:in|on|online|up)\b)/i;
/**
 * How long an around-the-clock episode stays live: a closing word inside it ("all terminals back,
 * thank you", "whistling stopped, he's asleep") is still part of the emergency; the same words the
 * next morning are its aftermath. On the tuning splits the live updates came 16–56 minutes after
 * the last message of the episode and the aftermaths 69 minutes or more.
 */
const LIVE_EPISODE_MS = 60 * 60_000;
/** A chase inherits the urgency of what it chases for up to a day ("did anyone see my email yesterday?"). */
const CHASE_INHERIT_MS = 24 * 3600_000;
/** Any other word from the client within a few hours of an urgent message is about the same urgent matter… */
const SAME_MATTER_MS = 6 * 3600_000;
/** …unless it brings the news that the trouble is over ("system came back at ten", "funds landed at 11:50", "ignore me"). */
const NEWS_OF_RELIEF = /\b(?:came back|(?:funds?|money|deposits?|payments?|pay|wages|transfer|refund) (?:\w+ ){0,2}(?:landed|arrived|showed up|came through|went through|cleared|hit)|(?:has|have) (?:all )?been paid|went through|never ?mind|ignore (?:me|my|this|that)|false alarm|panic over|all good now)\b/i;
const CHASE_RE = /^\W*\?+\W*$|\b(?:messaged (?:you )?(?:\w+ )?times|times today|still nothing|nothing\.|hello\?|any (?:update|news|word)|still waiting|no (?:reply|response|answer|word)|haven'?t heard|where is everyone|anyone there|call me back|ring me back|chasing|chase (?:this|it|you|up|again|things up)|following up|again about|just checking|did (?:anyone|someone|you) (?:see|get|read|receive)|making sure (?:someone|somebody|anyone|you) (?:saw|got|received|read)|double[- ](?:message|text|email|post)|(?:^|\n)[^.!?\n]{0,40}\bagain\b|(?:it'?s|it has) been (?:over |more than |nearly |almost )?(?:an?|half an|\d+|\w+) (?:hour|minutes?|hours))/i;

/** Work asked for beside a personal approach in other words than a request ("I'd love first dibs on your Tuesday slots", "asked for a call back"). */
const WORK_BESIDE = /\b(?:(?:i|we)(?:'d|’d| would) love (?:a slot|to book)|first dibs|asked for a call ?back|wanted to confirm)\b/i;
/** Personal approaches that ask for priority or a favour (work is involved). */
const PRIORITY_PERSONAL = new Set(['personal_gift_for_priority', 'personal_connection_priority', 'personal_favour', 'personal_inside_contact']);

function isNegative(s: ReturnType<typeof toneSignals>): boolean {
  return s.frustration.length + s.sarcasm.length + s.hostile.length + s.threats.length + s.insults.length + s.intimidation.length + s.concern.length > 0 || s.sentiment <= -0.2;
}

/** A match found in the subject has no offsets into cleanedText. */
function subjectMatch<T extends { start: number; end: number; matched: string }>(m: T | null): T | null {
  return m ? { ...m, start: 0, end: 0, matched: '' } : null;
}

// The families of urgent matter the urgency rules recognise, and the words an around-the-clock category uses for them.
const CATEGORY_OF_TOPIC: Array<[RegExp, RegExp]> = [
  [/^(?:subject_)?urgency_outage$/, /outage|down|offline|system|network|service/i],
  [/^(?:subject_)?urgency_security$/, /security|breach|incident|hack|fraud|phish|cyber/i],
  [/^(?:subject_)?urgency_emergency$/, /emergenc|leak|flood|heat|cool|symptom|repair|gas|fire|power|water/i],
];

/** An around-the-clock category named by the urgent matter the urgency rules found ("security issue" → "security incident"). */
function topicCategory(agreement: AgreementLike, hits: Array<{ rule: string; text: string; start: number; end: number }>): { category: string; start: number; end: number; matched: string } | null {
  for (const h of hits) {
    const family = CATEGORY_OF_TOPIC.find(([rule]) => rule.test(h.rule));
    if (!family) continue;
    const category = (agreement.aroundTheClock ?? []).find((c) => family[1].test(c));
    if (category) return { category, start: h.start, end: h.end, matched: h.text };
  }
  return null;
}

type AtcMatch = { category: string; start: number; end: number; matched: string };

/** The around-the-clock category an urgent message is about: named in its text or subject, or implied by the urgent matter the rules found. */
function aroundTheClockOf(agreement: AgreementLike, text: string, subject: string, hits: Array<{ rule: string; text: string; start: number; end: number }>): AtcMatch | null {
  return aroundTheClockMatch(text, agreement) ?? (subject ? subjectMatch(aroundTheClockMatch(subject, agreement)) : null) ?? topicCategory(agreement, hits);
}

/** The client's earlier messages as one analysis needs them: each cleaned and rated once, however often it is consulted. */
interface PastMessages {
  text(h: HistoryItem): string;
  urgency(h: HistoryItem): 'low' | 'normal' | 'high';
  /** The around-the-clock category of an earlier urgent message, if it had one. */
  aroundTheClock(h: HistoryItem): AtcMatch | null;
  /** Urgency and around-the-clock status of an earlier message, to know which promise window it opened. */
  priority(h: HistoryItem): { priority: Priority; aroundTheClock: boolean };
}

type PastInfo = { text: string; urgency: ReturnType<typeof decideUrgency>; atc?: AtcMatch | null; priority?: { priority: Priority; aroundTheClock: boolean } };

/** The earlier messages cleaned and rated once per analysis (a class, not closures: see "Per-message code" in docs/ARCHITECTURE.md). */
class PastMessagesOf implements PastMessages {
  private readonly seen = new Map<HistoryItem, PastInfo>();
  constructor(private readonly agreement: AgreementLike | undefined) {}

  private info(h: HistoryItem): PastInfo {
    let v = this.seen.get(h);
    if (!v) {
      const text = cleanedTextOf(h);
      v = { text, urgency: decideUrgency(text, '', [], { automated: false, socialOnly: false }) };
      this.seen.set(h, v);
    }
    return v;
  }

  text(h: HistoryItem): string {
    return this.info(h).text;
  }

  urgency(h: HistoryItem): 'low' | 'normal' | 'high' {
    return h.urgency ?? this.info(h).urgency.urgency;
  }

  aroundTheClock(h: HistoryItem): AtcMatch | null {
    const v = this.info(h);
    if (v.atc === undefined) {
      if (h.aroundTheClock !== undefined) v.atc = h.aroundTheClock === null ? null : { category: h.aroundTheClock, start: 0, end: 0, matched: '' };
      else v.atc = this.agreement && v.urgency.urgency === 'high' ? aroundTheClockOf(this.agreement, v.text, '', v.urgency.hits) : null;
    }
    return v.atc;
  }

  priority(h: HistoryItem): { priority: Priority; aroundTheClock: boolean } {
    const v = this.info(h);
    if (!v.priority) {
      const u = v.urgency;
      const atc = this.aroundTheClock(h) !== null;
      // The client's own deadline does not shorten the promise; an urgent matter does.
      v.priority =
        atc && u.urgency === 'high'
          ? { priority: 'high', aroundTheClock: true }
          : u.urgency === 'high' && u.rule !== 'urgent_topic'
            ? { priority: 'normal', aroundTheClock: false }
            : { priority: u.urgency, aroundTheClock: false };
    }
    return v.priority;
  }
}


/** The evidence rule naming the around-the-clock category a message was covered by, and the earlier message it follows up. */
const atcRule = (category: string, from: string | null) => `around_the_clock:${category}${from ? ` (follow-up of ${from})` : ''}`;
const ATC_RULE_RE = /^around_the_clock:(.*?)(?: \(follow-up of [^)]*\))?$/;

/** The around-the-clock category an analysed message was given cover for, or null (read back from its evidence, see atcRule). */
export function aroundTheClockCategory(analysis: { evidence: readonly EvidenceItem[] }): string | null {
  const e = analysis.evidence.find((x) => x.label === 'around_the_clock');
  return e ? (ATC_RULE_RE.exec(e.rule)?.[1] ?? null) : null;
}

function ev(label: string, h: CueHit | BoundaryHit): EvidenceItem {
  const e: EvidenceItem = { label, rule: h.rule, text: h.text, start: h.start, end: h.end };
  if (h.weight !== undefined) e.weight = Math.round(h.weight * 1000) / 1000;
  return e;
}

/** The text without the sentences the hits are in (bounds found on the original text, so overlapping hits remove their sentence once). */
function removeSentences(text: string, hits: CueHit[]): string {
  const spans = hits.map((h) => sentenceBounds(text, h.start, h.end)).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    if (s > at) out += text.slice(at, s);
    at = Math.max(at, Math.min(text.length, e + 1));
  }
  return out + text.slice(at);
}


/** Analyses one inbound message: cleans it, then labels sentiment, shouting, urgency, tone and boundaries, each with evidence. */
// Helpers of analyzeMessage, module-level rather than closures in it: see "Per-message code" in docs/ARCHITECTURE.md.

/** An around-the-clock matter this message follows up (a recent inbound message that had one), and that message's id. */
function followedAtc(agreement: AgreementLike | undefined, sentAtMs: number, history: readonly HistoryItem[], past: PastMessages, text: string): { match: AtcMatch; from: string } | null {
  if (!agreement || !Number.isFinite(sentAtMs) || history.length === 0) return null;
  const horizon = STILL_GOING.test(text) ? STILL_GOING_MS : FOLLOW_ON_MS;
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    const t = Date.parse(h.sentAt);
    if (h.direction !== 'inbound' || t > sentAtMs || sentAtMs - t > horizon) continue;
    const m = past.aroundTheClock(h);
    if (m) {
      if (sentAtMs - t > LIVE_EPISODE_MS && MATTER_SETTLED.test(text)) return null;
      return { match: m, from: h.id };
    }
  }
  return null;
}

/** The promise a message is timed against: its urgency, an urgent matter answered around the clock, or (a chase of an urgent message) its own urgency. */
function priorityFor(u: 'low' | 'normal' | 'high', ownUrgency: 'low' | 'normal' | 'high' | null, aroundTheClock: boolean): Priority {
  return u === 'high' && ownUrgency !== null ? ownUrgency : u === 'high' ? (aroundTheClock ? 'urgent' : 'high') : u;
}

function addBoundary(found: Map<BoundaryKind, BoundaryHit[]>, h: BoundaryHit): void {
  const list = found.get(h.boundary) ?? [];
  list.push(h);
  found.set(h.boundary, list);
}

/** The learned scorer's decision behind a label it changed, if it did. */
function decisionOf(learned: ReadonlyArray<{ label: string; decision: TaskDecision }>, label: string): TaskDecision | undefined {
  return learned.find((l) => l.label === label)?.decision;
}

/**
 * The evidence item for a decided label (the rule that decided it, with the scorer's probability when the
 * scorer did), followed by the words and signals that pulled hardest toward the scorer's label.
 */
function pushDecision(evidence: EvidenceItem[], text: string, label: string, rule: string, d: TaskDecision | undefined): void {
  evidence.push({ label, rule, text: '', start: 0, end: 0, ...(d ? { weight: Math.round(d.probability * 1000) / 1000 } : {}) });
  for (const c of d?.because ?? []) {
    const [start, end] = c.span ?? [0, 0];
    evidence.push({ label, rule: scorerEvidenceRule(c.feature), text: c.span ? text.slice(start, end) : '', start, end, weight: Math.round(c.weight * 1000) / 1000 });
  }
}

export function analyzeMessage(input: AnalyzeInput, options: AnalyzeOptions = {}): MessageAnalysisResult {
  const { text, stripped, forwardedFrom } = cleanMessage(input.body ?? '');
  const subject = input.subject ?? '';
  const agreement = input.agreement;
  const history = input.history ?? [];
  const past: PastMessages = new PastMessagesOf(agreement);
  const sentAtMs = Date.parse(input.sentAt);
  const evidence: EvidenceItem[] = [];

  // A forwarded message under the sender's own note is someone else's words: not the sender's tone,
  // volume, demands or probes, though it still says what the matter is (its urgency).
  const forwarded = forwardedFrom === undefined ? [] : [{ start: forwardedFrom, end: text.length }];
  const sig = toneSignals(text, forwarded);
  const reportedForUrgency = forwarded.length > 0 ? sig.reported.filter((r) => r !== forwarded[0]) : sig.reported;
  const personal = personalHits(text, sig.reported);
  const grateful = sig.joy.some((j) => /thank|thx|grateful|appreciat|sorry|apolog/i.test(j.text)) || /\b(?:sorry about|apolog(?:y|ise|ize)|i owe (?:you|your \w+(?: \w+)?) an apology)\b/i.test(text);
  // A personal approach with no work in it (a thank-you gift, a drink, a private number) is not urgent.
  const socialOnly =
    personal.length > 0 &&
    // Probes, looking staff up and asking them out carry no work; gifts or favours for priority do.
    (grateful || personal.every((p) => !PRIORITY_PERSONAL.has(p.rule))) &&
    sig.insults.length + sig.intimidation.length === 0 &&
    !STRONG_REQUEST_RE.test(removeSentences(text, personal).replace(/\b(?:i|we)'?d like to send you\b/gi, '')) &&
    !WORK_BESIDE.test(removeSentences(text, personal));
  const urg = decideUrgency(text, /^\s*(?:re|aw|sv|fw|fwd|wg)\s*:/i.test(subject) ? '' : subject, reportedForUrgency, { automated: sig.automated, socialOnly, negative: isNegative(sig), grateful: grateful && sig.sentiment > 0.3, ...(Number.isFinite(sentAtMs) ? { month: Number(localTime(sentAtMs, agreement?.timezone ?? 'UTC').date.slice(5, 7)) - 1 } : {}) });
  let urgency = sig.automated && urg.urgency === 'normal' ? 'low' : urg.urgency;
  let urgencyRule = sig.automated && urg.urgency === 'normal' ? 'automated_notification' : urg.rule;
  // A chase of an urgent message sent within the last day is as urgent as what it chases; so is any
  // other word on an urgent matter within a few hours ("?? anyone. its getting colder", "70 min.")
  // unless it says the matter is settled or only thanks.
  // The promise a demand or a chase is timed against follows the message's own urgency, not only the matter it follows.
  let ownUrgency: 'low' | 'normal' | 'high' | null = null;
  if (urgency !== 'high' && Number.isFinite(sentAtMs)) {
    const chase = CHASE_RE.test(text);
    const recent = [...history].reverse().find((h) => h.direction === 'inbound' && sentAtMs - Date.parse(h.sentAt) <= (chase ? CHASE_INHERIT_MS : SAME_MATTER_MS) && Date.parse(h.sentAt) <= sentAtMs);
    if (recent && past.priority(recent).priority !== 'low' && past.urgency(recent) === 'high' && (chase || (urgency === 'normal' && !MATTER_SETTLED.test(text) && !NEWS_OF_RELIEF.test(text)))) {
      if (!chase) ownUrgency = urgency;
      urgency = 'high';
      urgencyRule = `${chase ? 'chases' : 'follows'}_urgent_message:${recent.id}`;
    }
  }

  // Around-the-clock: this message, its subject, or a recent message of the same thread-of-trouble.
  // Around-the-clock cover is for urgent matters: an outage now, not last month's outage report.
  let atcFrom: string | null = null;
  // A follow-up on a current around-the-clock matter keeps its cover ("still down, happy for Monday");
  // the aftermath of one that has been dealt with ("plumber came at 1am; when can you assess the ceiling?") does not.
  let atc = agreement && urgency === 'high' ? aroundTheClockOf(agreement, text, subject, urg.hits) : null;
  if (atc === null) {
    const f = followedAtc(agreement, sentAtMs, history, past, text);
    if (f) {
      atc = f.match;
      atcFrom = f.from;
    }
  }
  const priority = priorityFor(urgency, ownUrgency, atc !== null);

  const found = new Map<BoundaryKind, BoundaryHit[]>();
  for (const h of personal) addBoundary(found, { boundary: 'personal', rule: h.rule, text: h.text, start: h.start, end: h.end, weight: h.weight });
  for (const h of abuseHits(sig)) addBoundary(found, { boundary: 'abuse', rule: h.rule, text: h.text, start: h.start, end: h.end, weight: h.weight });
  if (agreement) {
    const oos = outOfScopeHit(prepareText(text), agreement);
    if (oos) addBoundary(found, oos);
    else if (Number.isFinite(sentAtMs) && CHASE_RE.test(text)) {
      // "Any thoughts on my question from Thursday?": a chase asks again for what it chases (the latest unanswered out-of-scope ask).
      for (const h of unanswered(history, sentAtMs).reverse()) {
        if (sentAtMs - Date.parse(h.sentAt) > OOS_CHASE_MS) continue;
        const earlier = outOfScopeHit(prepareText(past.text(h)), agreement);
        if (earlier) {
          addBoundary(found, { ...earlier, rule: `${earlier.rule} (chases ${h.id})`, text: '', start: 0, end: 0 });
          break;
        }
      }
    }
    if (Number.isFinite(sentAtMs)) {
      const off = offHoursHit(sentAtMs, agreement, atc !== null);
      if (off) addBoundary(found, off);
    }
  }
  if (Number.isFinite(sentAtMs)) {
    for (const h of pressureHits({ text, reported: sig.reported, agreement, sentAtMs, priority, urgentTopic: urg.rule === 'urgent_topic', history, past })) addBoundary(found, h);
  }
  let tone = decideTone(sig, urgency === 'high');

  // The learned scorer weighs what the rules found together with the message's words.
  const scorer = options.scorer === undefined ? defaultScorer() : options.scorer;
  const ruleUrgency = urgency;
  const learned: Array<{ label: string; decision: TaskDecision }> = [];
  if (scorer || options.onFeatures) {
    // Training needs every feature by name; scoring reads the words straight into the weights.
    const training = options.onFeatures !== undefined;
    const features = outcomeFeatures({ text, subject, channel: input.channel, signals: sig, tone, urgency: { urgency, rule: urgencyRule, hits: urg.hits }, boundaries: found, aroundTheClock: atc !== null, history, sentAtMs, ...(agreement ? { agreement } : {}) }, { words: training, ruleFindings: training });
    options.onFeatures?.(features);
    const ruleLabels = { tone: tone.tone, urgency, ...Object.fromEntries(LEARNED_BOUNDARIES.map((b) => [b, found.has(b) ? 'yes' : 'no'])) };
    const decided = scorer ? decideAll(compileScorer(scorer), features, ruleLabels, options.onFeatures ? undefined : { text, subject }) : new Map<string, TaskDecision>();
    const u = decided.get('urgency');
    if (u && u.label !== urgency) {
      learned.push({ label: `urgency:${u.label}`, decision: u });
      urgency = u.label as typeof urgency;
      urgencyRule = 'learned_scorer';
    }
    const t = decided.get('tone');
    if (t && t.label !== tone.tone) {
      learned.push({ label: `tone:${t.label}`, decision: t });
      tone = { tone: t.label as ToneLabel, because: [], rule: 'learned_scorer' };
    }
    // Abuse is the boundary of abusive tone: where the two decisions disagree, their average decides both.
    const toneD = decided.get('tone');
    const abuseD = decided.get('abuse');
    if (toneD?.probabilities && abuseD && (tone.tone === 'abusive') !== (abuseD.label === 'yes')) {
      const classes = scorer!.tasks.tone!.classes;
      const pToneAbusive = toneD.probabilities[classes.indexOf('abusive')] ?? 0;
      const pAbuse = abuseD.label === 'yes' ? abuseD.probability : 1 - abuseD.probability;
      const agreed = (pToneAbusive + pAbuse) / 2 >= 0.5;
      if (agreed && tone.tone !== 'abusive') {
        learned.push({ label: 'tone:abusive', decision: { label: 'abusive', probability: (pToneAbusive + pAbuse) / 2, because: abuseD.label === 'yes' ? abuseD.because : [] } });
        tone = { tone: 'abusive', because: [], rule: 'learned_scorer' };
      } else if (!agreed && tone.tone === 'abusive') {
        let next = -1;
        for (let k = 0; k < classes.length; k++) if (classes[k] !== 'abusive' && (next < 0 || toneD.probabilities[k]! > toneD.probabilities[next]!)) next = k;
        learned.push({ label: `tone:${classes[next]}`, decision: { label: classes[next]!, probability: toneD.probabilities[next]!, because: [] } });
        tone = { tone: classes[next] as ToneLabel, because: [], rule: 'learned_scorer' };
      }
      decided.set('abuse', { ...abuseD, label: agreed ? 'yes' : 'no', probability: agreed ? (pToneAbusive + pAbuse) / 2 : 1 - (pToneAbusive + pAbuse) / 2 });
    }
    // Around-the-clock cover follows the final urgency: an urgent matter at night is not off hours.
    if (agreement && Number.isFinite(sentAtMs) && (urgency === 'high') !== (ruleUrgency === 'high')) {
      // (The rules did not find it urgent, so a follow-up's cover was already looked for above.)
      if (urgency === 'high') atc ??= aroundTheClockOf(agreement, text, subject, urg.hits);
      // Not urgent after all: cover only as the follow-up of an earlier around-the-clock message that
      // still asks for something (a thank-you afterwards, judged low, is the aftermath).
      else if (atcFrom === null) {
        const f = urgency === 'low' ? null : followedAtc(agreement, sentAtMs, history, past, text);
        atc = f ? f.match : null;
        if (f) atcFrom = f.from;
      }
      const off = offHoursHit(sentAtMs, agreement, atc !== null);
      if (off) found.set('off_hours', [off]);
      else found.delete('off_hours');
    }
    // A deadline is judged against the promise for the final urgency: where the scorer changed it, the
    // rules' pressure is found again with that promise and weighed anew against the same words.
    const finalPriority = priorityFor(urgency, ownUrgency, atc !== null);
    const pressureD = decided.get('pressure');
    const pressureTask = scorer?.tasks.pressure;
    if (finalPriority !== priority && Number.isFinite(sentAtMs) && pressureD?.wordProbabilities && pressureTask?.rules) {
      const again = pressureHits({ text, reported: sig.reported, agreement, sentAtMs, priority: finalPriority, urgentTopic: urg.rule === 'urgent_topic', history, past });
      if ((again.length > 0) !== found.has('pressure')) {
        if (again.length > 0) found.set('pressure', again);
        else found.delete('pressure');
        const yes = pressureTask.classes.indexOf('yes');
        const p = combineWithRules(pressureTask.rules, pressureD.wordProbabilities, again.length > 0 ? yes : 1 - yes);
        const best = p[yes]! >= p[1 - yes]! ? yes : 1 - yes;
        decided.set('pressure', { ...pressureD, label: pressureTask.classes[best]!, probability: p[best]!, probabilities: p });
      }
    }
    for (const kind of LEARNED_BOUNDARIES) {
      const b = decided.get(kind);
      // Out of scope is measured against an agreement's exclusions: without them there is nothing to be outside of.
      if (!b || (kind === 'out_of_scope' && !agreement?.outOfScope?.length)) continue;
      const yes = b.label === 'yes';
      if (yes && !found.has(kind)) {
        learned.push({ label: `boundary:${kind}`, decision: b });
        found.set(kind, []);
      } else if (!yes && found.has(kind)) found.delete(kind);
    }
  }
  const boundaries = BOUNDARY_ORDER.filter((b) => found.has(b));

  // Evidence, label by label.
  evidence.push({ label: 'sentiment', rule: 'vader_compound', text: '', start: 0, end: 0, weight: sig.sentiment });
  const topWords = [...sig.sentimentWords].sort((a, b) => Math.abs(b.valence) - Math.abs(a.valence)).slice(0, 5);
  for (const w of topWords) evidence.push({ label: 'sentiment', rule: 'vader_lexicon', text: w.word, start: w.start, end: w.end, weight: w.valence });
  for (const h of sig.shoutingHits) evidence.push(ev('shouting', h));
  pushDecision(evidence, text, `urgency:${urgency}`, urgencyRule, decisionOf(learned, `urgency:${urgency}`));
  if (urgency === urg.urgency) for (const h of urg.hits) evidence.push(ev(`urgency:${urgency}`, h));
  pushDecision(evidence, text, `tone:${tone.tone}`, tone.rule, decisionOf(learned, `tone:${tone.tone}`));
  for (const h of tone.because.slice(0, 8)) evidence.push(ev(`tone:${tone.tone}`, h));
  if (atc) evidence.push({ label: 'around_the_clock', rule: atcRule(atc.category, atcFrom), text: atcFrom ? '' : atc.matched, start: atcFrom ? 0 : atc.start, end: atcFrom ? 0 : atc.end });
  for (const b of boundaries) {
    const label = `boundary:${b}`;
    const d = decisionOf(learned, label);
    if (d) pushDecision(evidence, text, label, 'learned_scorer', d);
    for (const h of found.get(b) ?? []) evidence.push(ev(label, h));
  }

  return {
    version: ANALYSIS_VERSION,
    cleanedText: text,
    stripped,
    sentiment: Math.round(sig.sentiment * 10000) / 10000,
    shouting: sig.shouting,
    urgency,
    tone: tone.tone,
    boundaries,
    evidence,
  };
}
