import { type AgreementLike, type BoundaryHit, type BoundaryKind, type HistoryItem, businessMinutesBetween, unanswered } from '../boundaries/index.js';
import { type FeatureSet, addFeature, addWordFeatures, newFeatureSet, ruleFamily, squash } from '../learn/features.js';
import type { CueHit, ToneLabel, ToneSignals } from '../tone/index.js';

/** What the phrase rules concluded about one message: the scorer's starting point. */
export interface RuleOutcome {
  text: string;
  subject: string;
  channel?: string;
  signals: ToneSignals;
  tone: { tone: ToneLabel; rule: string };
  urgency: { urgency: string; rule: string; hits: CueHit[] };
  boundaries: Map<BoundaryKind, BoundaryHit[]>;
  aroundTheClock: boolean;
  history: HistoryItem[];
  sentAtMs: number;
  agreement?: AgreementLike;
}

const WEEK_MS = 7 * 24 * 3600_000;

/**
 * Where this message falls against the promise of the earliest message still unanswered:
 * a chase inside the promised window is pressure, the same words a day later are not.
 */
function pendingWindow(o: RuleOutcome): string {
  const first = unanswered(o.history, o.sentAtMs).find((h) => o.sentAtMs - Date.parse(h.sentAt) <= WEEK_MS);
  if (!first) return 'none';
  const earliest = Date.parse(first.sentAt);
  if (!o.agreement || !Number.isFinite(o.sentAtMs)) return 'unknown_promise';
  return businessMinutesBetween(o.agreement, earliest, o.sentAtMs) < o.agreement.firstResponseMinutes.normal ? 'inside_promise' : 'beyond_promise';
}

const SIGNAL_FAMILIES = ['insults', 'intimidation', 'profanityAtStaff', 'profanity', 'threats', 'hostile', 'frustration', 'sarcasm', 'concern', 'joy'] as const;

/** The characters `\s` matches. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whitespace-separated words, question marks and exclamation marks of a text, in one pass. */
function counts(text: string): { words: number; questions: number; exclamations: number } {
  let words = 0;
  let questions = 0;
  let exclamations = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = isSpace(c);
    if (!space && !inWord) words++;
    inWord = !space;
    if (c === 63) questions++;
    else if (c === 33) exclamations++;
  }
  return { words, questions, exclamations };
}

/**
 * The feature vector the learned scorer reads: context and rule-free signals, and (for training and
 * experiments) the message's words by name and what the rules found (their decisions, cue families, rule names).
 */
export function outcomeFeatures(o: RuleOutcome, include: { words: boolean; ruleFindings: boolean } = { words: true, ruleFindings: true }): FeatureSet {
  const f = newFeatureSet();
  const s = o.signals;
  addFeature(f, 'sentiment', s.sentiment);
  addFeature(f, 'sentiment_neg', Math.max(0, -s.sentiment));
  addFeature(f, 'sentiment_pos', Math.max(0, s.sentiment));
  if (include.ruleFindings) addRuleFindings(f, o);
  if (s.shouting) addFeature(f, 'shouting');
  addFeature(f, 'shouty_words', squash(s.shoutyWords));
  if (s.followUp) addFeature(f, 'follow_up');
  if (s.automated) addFeature(f, 'automated');
  if (s.reported.length > 0) addFeature(f, 'reported_speech');
  if (o.channel) addFeature(f, `ch:${o.channel}`);
  const recent = o.history.filter((h) => h.direction === 'inbound' && o.sentAtMs - Date.parse(h.sentAt) <= 24 * 3600_000);
  addFeature(f, 'recent_inbound', squash(recent.length));
  addFeature(f, `pending=${pendingWindow(o)}`);
  const c = counts(o.text);
  addFeature(f, 'length', squash(c.words / 50));
  addFeature(f, 'questions', squash(c.questions));
  addFeature(f, 'exclamations', squash(c.exclamations));
  if (include.words) addWordFeatures(f, o.text, o.subject);
  return f;
}

/** What the rules found, as features: only for experiments (the shipped scorer reads words and rule-free signals). */
function addRuleFindings(f: FeatureSet, o: RuleOutcome): void {
  const s = o.signals;
  for (const family of SIGNAL_FAMILIES) {
    const hits = s[family];
    addFeature(f, `sig:${family}`, squash(hits.length));
    for (const h of hits) f.values.set(`cue:${ruleFamily(h.rule)}`, 1);
  }
  addFeature(f, `tone=${o.tone.tone}`);
  addFeature(f, `tone_rule=${ruleFamily(o.tone.rule)}`);
  addFeature(f, `urg=${o.urgency.urgency}`);
  addFeature(f, `urg_rule=${ruleFamily(o.urgency.rule)}`);
  for (const h of o.urgency.hits) f.values.set(`urg_hit:${ruleFamily(h.rule)}`, 1);
  for (const [kind, hits] of o.boundaries) {
    addFeature(f, `bnd=${kind}`);
    for (const h of hits) {
      f.values.set(`bnd_rule:${kind}:${ruleFamily(h.rule)}`, 1);
      if (kind === 'out_of_scope' && h.weight !== undefined) addFeature(f, 'oos_similarity', h.weight);
    }
  }
  if (o.aroundTheClock) addFeature(f, 'around_the_clock');
}

const SIGNAL_NAMES: Record<string, string> = {
  sentiment: 'sentiment',
  sentiment_neg: 'negative sentiment',
  sentiment_pos: 'positive sentiment',
  shouting: 'shouting',
  shouty_words: 'words in capitals',
  follow_up: 'asks for an update',
  automated: 'automated message',
  reported_speech: 'quotes someone else',
  recent_inbound: 'other messages in the last day',
  'pending=inside_promise': 'earlier message still inside the promised response time',
  'pending=beyond_promise': 'earlier message past the promised response time',
  'pending=none': 'nothing unanswered before it',
  length: 'length',
  questions: 'question marks',
  exclamations: 'exclamation marks',
};

/** The evidence rule for a feature that moved the scorer: a word, a pair of words, a subject word, or a named signal. */
export function scorerEvidenceRule(feature: string): string {
  if (feature.startsWith('w:')) return 'scorer_word';
  if (feature.startsWith('b:')) return 'scorer_words';
  if (feature.startsWith('s:')) return `scorer_subject_word:${feature.slice(2)}`;
  if (feature.startsWith('ch:')) return `scorer_signal:channel ${feature.slice(3)}`;
  return `scorer_signal:${SIGNAL_NAMES[feature] ?? feature}`;
}
