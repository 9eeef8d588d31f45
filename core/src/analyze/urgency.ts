import type { Cue, CueHit, QuoteSpan } from '../tone/cues.js';
import { REFERRAL_ASK } from '../boundaries/cues.js';
import { findCues } from '../tone/cues.js';

function c(rule: string, weight: number, source: string): Cue {
  return { rule, weight, re: new RegExp(source, 'gi') };
}

/** Topics that make a message urgent on their own: outages, security, money/payroll, emergencies. */
export const HIGH_TOPIC_CUES: Cue[] = [
  c('urgency_outage', 2, String.raw`\b(?:status\s*[=:]\s*(?:down|critical|offline|unreachable)|severity\s*[=:]\s*critical|\d+% packet loss|(?:internet|wi-?fi|network|server|email|phones?|system)(?:'s|’s| is| are) (?:dead|down|offline)|(?:is|are|'s|’s|went|gone|has gone|have gone|has been|have been|go|goes|keeps going|dropped|dropping)\s+(?:\w+\s+)?(?:down|offline|dark)(?!\s*(?:\d|by|on|from|to|compared))|outage|(?:no one|nobody|none of us|everyone|the whole (?:office|team|company)|all (?:of )?(?:our|the) \w+)\b.{0,40}\b(?:can'?t|cannot|unable to|locked out|offline|down)|(?:no one|nobody|none of us|none of (?:the|our|my) \w+(?: \w+)?) (?:can|could|is able to|are able to) (?:get (?:into|in|on(?:to)?)|log ?in(?:to)?|sign in(?:to)?|access|connect|open|see|send|receive|print|take|use|load)|locked out|(?:can'?t|cannot|unable to) (?:log ?in|access|connect|print|open|send|receive|take payments|process)|(?:scanners?|servers?|systems?|network|internet|wi-?fi|email|website|site|phones?|tills?|pos) (?:\w+ )?(?:is |are )?(?:down|dead|offline|not working|dropped|crashed)|crashed|(?:system|server|site|website|app|portal|email|network|internet|wi-?fi|phones?|phone lines?|till|tills|pos|card (?:machine|reader)s?|database|vpn|payments?) (?:\w+ )?(?:has |have )?(?:stopped working|won'?t (?:load|open|start|connect)|keeps? crashing|is frozen|are frozen)|(?:site|server|system) (?:is )?unreachable|can'?t take (?:card )?payments|unreachable|no (?:internet|power|heat|heating|cooling|water|ac|hot water))\b`),
  c('urgency_security', 2, String.raw`\b(?:phishing|phish\w*|hacked|breach(?:ed)?|ransomware|malware|virus|compromised|suspicious (?:login|sign-?in|email|activity|link)|unauthori[sz]ed|didn'?t authori[sz]e|did not authori[sz]e|we didn'?t request|didn'?t request|mfa prompts?|clicked (?:a|the|on a|on the) link|typed in (?:her|his|my|their) password|(?:bank|banking|payment) details (?:change|changed|update)|(?:update|change|changing|updating|confirm) (?:my|our|your|their|the) (?:bank|banking|payment|direct deposit|account) (?:details|info|information|account|number)|bitcoin|(?:buy|purchase|send) (?:\w+ )?(?:gift ?cards|itunes cards)|(?:new|changed|updated) (?:payment|wire|remittance) instructions|(?:reset|code|login|sign-?in)s? (?:that )?(?:i|we) (?:didn'?t|did not|never) (?:request|ask for|make)|(?:files?|drives?|servers?) (?:have been |has been |are |were |got )?(?:encrypted|renamed)|(?:looks?|seems?) (?:off|fake|dodgy|fishy|suspicious|phishy)|impersonat\w+|(?<!(?:this is|it'?s|what|total|such) an? )scam\w*|fake (?:email|invoice|text|login|page|website)|update their bank details|spoof\w*|virus|(?:put|entered|typed|gave)\s+(?:in\s+)?(?:his|her|my|their|our)\s+(?:\w+\s+)?(?:password|login|credentials)\b[^.!?\n]{0,40}\b(?:into|on|in)\b|new (?:iban|bank details|account details|sort code|routing number)|fake (?:domain|page|site)|(?:gotten|got|get|broken) into (?:our|my|the) (?:\w+ )?(?:login|account|email|system|mailbox)|(?:account|routing|bank) (?:number|details)\b[^.!?\n]{0,60}\b(?:was |were |got |been )?changed|security (?:issue|problem|incident|alert|breach)|(?:outbound|outgoing) (?:e-?mails?|messages?|spam)\b[^.!?\n]{0,80}\b(?:don'?t know|unknown|not ours|didn'?t send|never sent)|sending (?:out )?spam|ransom\w*|(?:someone|somebody) (?:logged|logging) in|(?:password|account) (?:was |has been )?(?:stolen|leaked|hacked|compromised)|data (?:breach|leak)|stolen (?:laptop|phone|card|device)|fraudulent (?:charge|transaction|login|email|payment|activity)|fraud alert|identity theft|stolen)\b`),
  c('urgency_money', 2, String.raw`\b(?:payroll (?:didn'?t|did not|hasn'?t|has not|failed|bounced|is late|not)|(?:didn'?t|did not|hasn'?t|has not|isn'?t|is not|aren'?t|not) (?:been )?(?:go out|gone out|paid|funded|fund)|paid by (?:noon|today|tomorrow)|pay(?:check|day|ment run)s? (?:bounced|failed|missing|late)|no direct deposit|insufficient funds|\bnsf\b|(?:seized|seizure of) (?:our|my|the) (?:account|funds)|(?:direct )?deposits? (?:haven'?t|hasn'?t|didn'?t|did not|have not|has not|never) (?:landed|arrived|gone through|cleared|come through|hit)|(?:pay|wages|salary|salaries) (?:is|are|was|were) not in|(?:payroll|payment|deposit|ach|direct deposit|wage) (?:batch|run|file|transfer) (?:was |is |got |has been )?(?:rejected|returned|failed|bounced|reversed)|(?:haven'?t|have not|hasn'?t|has not) been paid|(?:pulled|took|taken|debited|withdrew) (?:the )?(?:money|funds|\$[\d,]+) (?:out|from)|charged (?:my card |me |us )?(?:twice|two times|double)|double[- ]charged?|\$[\d,]+ (?:gone|missing|taken)|where (?:is|are) (?:their|our|my) (?:pay|wages|salar)|overdra(?:wn|ft)|bounced (?:check|cheque|payment)|(?<!(?:stop|cancel|cancelling|stopping|pull|pulling) (?:the |my |our )?)(?:ach|direct) debits?|wire (?:transfer )?(?:today|now|before)|due to pay .{0,30}today|frozen (?:account|funds)|levy|garnish\w*|wages? (?:didn'?t|did not|haven'?t|not)|paychecks? (?:didn'?t|did not|haven'?t|bounced|missing)|(?:bank|card) (?:declined|blocked)|account (?:is |has been |was )?frozen|(?:they'?ve|bank (?:has|have)) frozen (?:it|the account)|trying to (?:transfer|withdraw|take|move|wire)\b[^.!?\n]{0,30}\bout of|going out the door|refunded \d+ (?:\w+ )?(?:orders|customers|payments) by mistake|duplicate (?:debit|charge|payment|withdrawal)s?|(?:none of|nobody|no one)\b[^.!?\n]{0,30}\bgot (?:their |my |our |the )?(?:pay|paid|direct deposits?|wages|paychecks?|salary)|payroll (?:shows |has |was |got )?(?:failed|bounced|rejected|returned)|(?:didn'?t|did not|haven'?t|have not|weren'?t|were not) (?:get |gotten |been )?paid|shorted (?:on )?(?:their |my |our )?(?:pay|overtime|wages|check)|got (?:shorted|short-?changed)|(?:hit|charged|billed|debited) (?:us |me )?twice|two (?:identical )?charges of|deposits?\b[^.!?\n]{0,70}\b(?:didn'?t|did not|hasn'?t|has not|haven'?t|have not|never|won'?t|will not) (?:come in|come through|arrive[d]?|land(?:ed)?|show(?:n)? up|hit|go(?:ne)? through|clear(?:ed)?)(?! until| till)|(?:payments?|charges?|transfers?|withdrawals?|debits?)\b[^.!?\n]{0,80}\b(?:i|we) (?:did not|didn'?t|never) (?:approve|authori[sz]e|make|request|recogni[sz]e)|(?:wire|send|transfer|move)\b[^.!?\n]{0,60}\bnew (?:bank )?account|(?:don'?t|won'?t|will not|can'?t|cannot) get paid|declined (?:our|the|my) payroll|payroll (?:run )?(?:was |got |has been )?(?:declined|rejected|returned)|debits? (?:we|i) (?:didn'?t|did not))\b`),
  c('urgency_emergency', 3, String.raw`\b(?:severe pain|(?:chest|abdominal|stomach) pain|shortness of breath|allergic reaction|break-?in|broken into|burglar\w*|sewage|no (?:power|electricity|hot water|running water)|power (?:is )?out|carbon monoxide|smoke alarm|served (?:with )?(?:papers|a summons)|subpoena\w*|summons|restraining order|(?:ac|a/c|air ?con\w*|heat(?:ing|er)?|furnace|boiler|cooling) (?:has )?(?:died|is dead|broke|stopped|isn'?t working|is not working|went out|gone out)|(?:ac|a/c|air ?con\w*|heat(?:ing|er)?|furnace|boiler|cooling|water heater|fridge|refrigerator|swamp cooler)\b[^.!?\n]{0,40}\b(?:stopped working|died|is dead|quit|isn'?t working|is not working|not working|broke down|went out|gone out|blowing (?:hot|warm) air)|worst headache|(?:really|very|terrible|severe|awful) (?:bad )?headache|(?:vision|eyesight) (?:is |went |has gone )?(?:blurry|blurred|double|dark)|blurr(?:y|ed) vision|slurred speech|(?:face|mouth) (?:is )?droop\w*|(?:can'?t|cannot) (?:move|feel) (?:my|his|her)|seizure|fainted|vomiting blood|coughing (?:up )?blood|(?:pipes?|water lines?) (?:have |has )?(?:froze|frozen|burst)|frozen pipes?|default judg(?:e)?ment|gas smell|smell(?:s|ing)? (?:of )?gas|heart (?:is )?(?:racing|pounding)|(?:feel|feeling|felt) faint|blood pressure (?:is |of |was )?\d|fever of \d|\d{3} fever|(?:really |very )?lethargic|unresponsive|passed out|can'?t (?:breathe|stop (?:bleeding|vomiting))|chest (?:has felt |feels |is |was )?(?:tight|pain|pains|hurts?)|(?:arm|face|side) (?:feels |is |went )?(?:heavy|numb)|go to the er\b|(?:would|will) be a disaster|catastroph\w+|water (?:is |was )?(?:pouring|leaking|coming (?:in|through))|pouring (?:in|through|out)|urgent symptoms?|chest pains?|can'?t breathe|bleeding|(?:water|pipe) (?:leak|burst)|flood(?:ing|ed)?|gas leak|fire(?! (?:off|away|up|over|back|across|through))|smoke|no (?:heat|heating|cooling|ac|a/c)|sparking|tightness in (?:my|his|her|the) chest|chest (?:tightness|pressure)|(?:left )?arm (?:is |feels |goes )?(?:numb|tingl\w+)|(?:goes|going|spreading) (?:into|down) (?:my|his|her) (?:left )?arm|got picked up (?:last night|by (?:the )?police|for)|(?:holding|locked up|booked) (?:him|her|them) (?:at|in)|water (?:is |was )?(?:coming|pouring|dripping|leaking|gushing|pooling) (?:in |thru |through |from |down |out )|(?:trouble|difficulty|hard time|struggling) (?:catching (?:my|his|her|their) breath|breathing)|short of breath|can'?t catch (?:my|his|her|their) breath|swollen (?:up )?like|(?:ankles|legs|feet|face|lips|tongue|throat) (?:are |is )?(?:swollen|swelling)|(?:ac|a/c|air ?con\w*|heat(?:ing)?|furnace|boiler|cooling|power|electricity|water) (?:is|went|has gone|'s) (?:out|off)(?! of)|(?:lips?|tongue|throat|face|eyes?) (?:is |are |keeps? |started )?(?:swelling|swollen|closing (?:up)?)|throat (?:feels|is) (?:itchy|tight|closing)|can'?t (?:breathe|swallow)|(?:got |been |was )?arrested|in (?:police )?custody|(?:in|out on) (?:jail|bail))\b`),
];

/** Deadlines within about a day. */
export const DEADLINE_CUES: Cue[] = [
  c('deadline_within_day', 2, String.raw`\b(?:payroll (?:goes|go|is going|runs|run) (?:out )?(?:tomorrow|today|tonight|in the morning)|(?:due|deadline|expires?|runs? out|lapses?|needed|need (?:it|this|them)|by|before|until)\b[^.!?\n]{0,25}\b(?:today|tonight|tomorrow|this (?:afternoon|evening|morning)|first thing|end of (?:the )?day|eod|cob|within (?:the|an|24) hours?|(?:in|within) the next (?:\d+|few|ten|fifteen|twenty|thirty|half|couple of) ?(?:minutes|mins|hours?))|(?:in|within) the next (?:\d+|few|ten|fifteen|twenty|thirty|half|couple of) ?(?:minutes|mins|hour)|(?:today|tomorrow|tonight)\b[^.!?\n]{0,25}\b(?:deadline|due|cut-?off|hearing|court|filing)|\b\d{1,2}(?::\d\d)?\s*(?:am|pm) (?:today|tomorrow|tonight)|(?:arraign\w*|hearing|court date|trial|(?:first )?appearance)\b[^.!?\n]{0,30}\b(?:today|tonight|tomorrow|this (?:morning|afternoon)|monday morning|first thing)|(?:arraign\w*|hearing|court date|trial|surgery|closing|completion|inspection|audit|interview|deadline|cut-?off) (?:is |are |was )?(?:today|tomorrow|tonight)|(?:refund|reverse|fix|pay|resolve|sort) (?:it|this|that|me|us)? ?(?:by )?today|(?:by|before|at) \d{1,2}(?::\d\d)?\s*(?:am|pm)\b(?! (?:on|next) )|before (?:ten|eleven|noon|nine|\d{1,2}(?::\d\d)?)(?!\s*(?:days|weeks|on (?:mon|tue|wed|thu|fri|sat|sun))))\b`),
];

/** Low urgency: informational, thanks, "no rush", far-off timing. */
export const LOW_CUES: Cue[] = [
  c('low_not_urgent', 2, String.raw`\b(?:not urgent|non-?urgent|no rush|plenty of time|no need to (?:hurry|rush)|no (?:reply|response|answer) (?:is )?(?:needed|required|necessary)|(?:no|there'?s no) (?:real )?(?:deadline|time pressure)|no hurry|no (?:immediate )?action (?:needed|required)|nothing (?:needed|required|to do)(?: from you)?|whenever (?:you|someone|is|convenient|it suits|suits)|(?:this|next) (?:summer|spring|autumn|fall|winter)|when(?:ever)? you (?:get|have) (?:a )?(?:chance|moment|minute)|at your (?:convenience|leisure)|(?:at )?some point|sometime (?:in|this|next|later)|in the (?:spring|summer|autumn|fall|winter|new year)|(?:after|over) the (?:holidays|holiday season|break|new year)|after (?:christmas|thanksgiving|new year'?s|the new year)|(?<!(?:before|by|ahead of|until) )(?:our|the) next (?:review|call|meeting|session|catch-?up)|add it to the list|no need to (?:call|reply|respond|get back|do anything)|for your (?:records|information|files)|fyi|newsletter|just (?:letting you know|a heads[- ]up|so you(?:'re| are)? (?:know|aware)|to let you know|wanted to (?:say|let you know))|heads[- ]up|low priority|not time[- ]sensitive|no (?:big )?deal|(?:just|purely) (?:curious|out of curiosity)|random question|just wondering|out of curiosity|when you have (?:a )?(?:moment|minute|time|a sec)|next week is fine|any ?time (?:next|this) (?:week|month)|(?:tomorrow|next week|later|whenever) is fine)\b`),
  c('low_completed_notification', 2, String.raw`\b(?:completed (?:successfully|with warnings)|job (?:succeeded|completed)|backup completed|finished with status\W+success|status\W+success|has been restored|no action is (?:needed|required)|someday question|no pressure at all|no questions,? just)\b`),
];

/** A request for work or information (a message without one and without a problem is low urgency). */
/** An explicit ask: a question, "can you", "please", "I need"… (bare verbs like "fix" do not count). */
export const STRONG_REQUEST_RE = /\?|\b(?:(?:could|can|may) (?:i|we) have|go ahead and|(?:you can|please) (?:go ahead|proceed|start|finish)|(?:can|could|would|will) \w+ (?:review|check|look|send|call|do|help|take|have|get|prepare|update|set up|fix)\b|can you|could you|would you|will you|can your|could your|please|pls|i need|we need|need you|let me know|i'?d like|we'?d like|would like|want you to|send (?:me|us)|call me|ring me|get back to me|can i get|could i get|if you could|can we|could we|(?:maybe|perhaps) (?:she|he|they|you|someone|one of you) could|here(?:'s| is| are) (?:my|our|the) (?:\w+ )?(?:feedback|comments|changes|notes|corrections|revisions|list))\b/i;
export const REQUEST_RE = /\?|\b(?:can you|could you|would you|will you|please|need(?:s|ed)? (?:you|to|a|an|the|someone|help)|let me know|send (?:me|us|over)|i(?:'d| would) like|we(?:'d| would) like|want(?:s)? (?:you|to)|help|fix|check|set up|add|update|change|cancel|explain|call me|ring me|get back)\b/i;
const POLITE_INFO = /\b(?:see you (?:then|there|soon|next)|hope you(?:'re| are) (?:well|doing well|having)|just so you know|for your (?:info|information|records)|(?:just )?confirming (?:that |our |the )?(?:\w+ )?(?:at \d+|works|is fine|still on)|have a (?:good|great|lovely|nice|happy|wonderful|restful) \w+|congratulations|congrats|enjoy (?:the|your) (?:break|holiday|holidays|weekend|time off|trip)|nothing (?:from (?:us|me)|needed) until|(?:most of )?(?:the office|we)(?:'re| are| is) (?:away|closed|off|out of (?:the )?office))\b/i;
const PROBLEM_RE = /\b(?:broken|not working|wrong|error|problem|issue|penalt\w+|late|missing|failed|can'?t|cannot|won'?t|didn'?t|isn'?t|doesn'?t)\b/i;
const THANKS_FOR_PAST = /\bturned out\b|\b(?:thanks?(?: you)? (?:so much )?for|after|since|grateful for) (?:sorting|fixing|handling|resolving|dealing with|cleaning up|the help with)\b/i;
// A deadline within a day makes a message urgent when something is at stake by then: a court or
// filing date, a tax or health-admin deadline, money, a contract or an offer that lapses. A meeting
// or a presentation tomorrow is the client's own schedule: normal urgency (perhaps pressure).
const STAKES_RE = /\b(?:claims?|insurer|extension|court|hearing|judge|arraign\w*|trial|deposition|tro|injunction|summons|served|lawsuit|su(?:e|ing)|filing|file|filed|irs|hmrc|tax(?:es)?|penalt\w+|expir\w*|lapse\w*|runs? out|pre-?auth\w*|authori[sz]ation|insurance|benefits|enrol\w*|payroll|wire|closing|escrow|contract|amendment|sign(?:ed|ing)?|offer|rescind\w*|lose|losing|lost|money|payments?|paid|bank|deadline|cut-?off|regulator|licen[cs]e|permit|visa|eviction|press run|revenue|customer|legal|attorney|lawyer|prescription|surgery|procedure)\b|[$€£]\s?\d/i;
/** A past reference ("the outage on Saturday the 2nd", "the phishing business last month"): not an urgent matter now. */
const PAST_REFERENCE = /\b(?:last (?:week|month|year|quarter|spring|summer|autumn|fall|winter)|(?:following|after|since|about|re:?|regarding) the (?:\w+ )?(?:outage|incident|leak|breach|attack|phishing|flood)\b(?! (?:is|are|still|now|again))|(?:a|two|three|few|couple of) (?:weeks|months) ago|back in (?:january|february|march|april|may|june|july|august|september|october|november|december)|for (?:her|his|their|your) (?:patience|help) with)\b/i;
const PAST_RESOLVED = /\b(?:was|were|had been)\b[^.!?\n]{0,40}\b(?:for (?:an?|about|around|\d+)|earlier|this morning|yesterday|over lunch)\b(?![^.!?\n]{0,40}\b(?:still|again|now)\b)/i;

const APOLOGY_OR_THANKS = /\b(?:sorry|apolog\w+|thank(?:s| you| u)|thx|ty|cheers|tack|danke|gracias|merci|never mind|all good|all approved|got (?:it|the \w+)\. fine)\b/i;
/** A problem still open now (past trouble mentioned in an apology does not count). */
const PROBLEM_NOW = /\b(?:(?:is|are|still|keeps?) (?:broken|not working|wrong|missing|down)|error|can'?t|cannot|won'?t (?:open|load|work|start|print)|doesn'?t work|isn'?t working)\b/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SCHEDULING = /\b(?:book|booking|schedule|plan|planning|set up|arrange|pencil|slot|workshop|physical|check-?up|appointment|review|session|mock interview|consult)\b/i;
const MONTH_REF = /\b(?:(?:mid|late|early|end of|beginning of)[- ])?(january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?|\b(20[2-9]\d)\b/gi;

/** Every month the text schedules something in is at least two months after the current one (or a later year), and nothing is asked sooner. */
function farMonthOnly(text: string, month: number): boolean {
  if (!SCHEDULING.test(text) || /\b(?:today|tomorrow|tonight|this week|asap|urgent)\b/i.test(text)) return false;
  let found = false;
  MONTH_REF.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONTH_REF.exec(text)) !== null) {
    if (m[2]) {
      found = true;
      continue;
    }
    const name = m[1]!.toLowerCase();
    const idx = MONTHS.findIndex((n) => n.startsWith(name.slice(0, 3)));
    if (idx < 0) continue;
    const ahead = (idx - month + 12) % 12;
    if (ahead < 2) return false;
    found = true;
  }
  return found;
}

export interface UrgencyResult {
  urgency: 'low' | 'normal' | 'high';
  hits: CueHit[];
  rule: string;
}

function sentenceOf(text: string, pos: number): string {
  let s = pos;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1] ?? '')) s--;
  let e = pos;
  while (e < text.length && !/[.!?\n]/.test(text[e] ?? '')) e++;
  return text.slice(s, e);
}

/** Urgency: high for outages, security, money/payroll, emergencies and deadlines within a day; low for FYI, thanks, "no rush"; else normal. */
export function decideUrgency(text: string, subject: string, reported: QuoteSpan[], opts: { automated: boolean; socialOnly: boolean; negative?: boolean; grateful?: boolean; /** Current month (0–11) in the agreement's timezone, for telling far-off bookings. */ month?: number }): UrgencyResult {
  const topic = findCues(text, HIGH_TOPIC_CUES, reported, true).filter((h) => {
    const sentence = sentenceOf(text, h.start);
    return !PAST_RESOLVED.test(sentence) && !THANKS_FOR_PAST.test(sentence) && !PAST_REFERENCE.test(sentence);
  });
  const subjTopic = subject ? findCues(subject, HIGH_TOPIC_CUES, [], true).map((h) => ({ ...h, rule: `subject_${h.rule}`, start: 0, end: 0 })) : [];
  const deadline = findCues(text, DEADLINE_CUES, reported, true);
  const low = findCues(text, LOW_CUES, reported, true);
  const lowSubject = subject ? findCues(subject, LOW_CUES, [], true).map((h) => ({ ...h, rule: `subject_${h.rule}`, start: 0, end: 0 })) : [];
  const isLowSaid = low.some((h) => h.rule === 'low_not_urgent') || lowSubject.length > 0;
  if ((topic.length > 0 || subjTopic.length > 0) && !isLowSaid) return { urgency: 'high', hits: [...topic, ...subjTopic], rule: 'urgent_topic' };
  if (deadline.length > 0 && !isLowSaid && (PROBLEM_RE.test(text) || REQUEST_RE.test(text)) && STAKES_RE.test(text)) return { urgency: 'high', hits: deadline, rule: 'deadline_within_a_day' };
  if (low.length > 0 || lowSubject.length > 0) return { urgency: 'low', hits: [...low, ...lowSubject], rule: 'informational_or_no_rush' };
  if (REFERRAL_ASK.test(text) && !PROBLEM_RE.test(text.replace(/\b(?:don'?t|doesn'?t|isn'?t|can'?t|won'?t)\b/gi, '')) && deadline.length === 0) return { urgency: 'low', hits: [], rule: 'referral_only' };
  if (opts.socialOnly) return { urgency: 'low', hits: [], rule: 'personal_not_work' };
  // "Please thank Nurse Joanne", "please tell Marco thanks": passing on thanks is not a request.
  const asks = STRONG_REQUEST_RE.test(text.replace(/\b(?:please|pls) (?:thank|pass on (?:my|our)|tell \w+(?: \w+)? (?:thanks|thank you))\b[^.!?\n]*/gi, ''));
  // Thanks, apologies and acknowledgements with nothing asked ("Apologies for those emails", "all good now thank u").
  if (!asks && APOLOGY_OR_THANKS.test(text) && !PROBLEM_NOW.test(text)) return { urgency: 'low', hits: [], rule: 'thanks_or_apology_without_request' };
  // Booking or planning weeks ahead ("book my physical for mid-October" in August, "the Q1 workshop for late January").
  if (opts.month !== undefined && farMonthOnly(text, opts.month)) return { urgency: 'low', hits: [], rule: 'scheduling_far_ahead' };
  if (opts.grateful && !opts.negative && !asks) return { urgency: 'low', hits: [], rule: 'thanks_or_apology_without_request' };
  if (!opts.negative && !STRONG_REQUEST_RE.test(text) && !PROBLEM_RE.test(text) && (opts.grateful || POLITE_INFO.test(text))) return { urgency: 'low', hits: [], rule: 'informational' };
  return { urgency: 'normal', hits: [], rule: 'default' };
}
