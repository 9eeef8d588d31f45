import { type StartMatcher, allMatches, candidateStarts, startMatcher } from '../text/prefilter.js';
/** A phrase pattern that signals one family of tone. */
export interface Cue {
  rule: string;
  re: RegExp;
  weight: number;
  /** How matches are looked for (see text/prefilter), set up on first use: tried only at the cue's candidate starts, or (null) a scan of the whole text when where it may start is unknown. */
  starts?: StartMatcher | null;
}
/** A cue found in a text, with offsets. */
export interface CueHit {
  rule: string;
  text: string;
  start: number;
  end: number;
  weight: number;
}

const YOU = String.raw`(?:you|u|ya|y'all|yall|your (?:team|staff|people|company|firm|office|agency|lot|support(?: team)?|whole (?:team|company|firm|office))|you (?:guys|people|lot|all|two|clowns))`;
const BE = String.raw`(?:are|r|'re|’re|re|were|have been|are being|seem|sound|must be|is)`;
const INSULT_NOUN = String.raw`(?:idiot|idiots|airhead|airheads|paper-pushers?|pen-pushers?|slumlords?|bottom-feeders?|bottom-feeding \w+|moron|morons|imbecile|imbeciles|clown|clowns|fool|fools|loser|losers|bastard|bastards|jerk|jerks|dumbass|dumbasses|dimwit|dimwits|halfwit|halfwits|buffoon|buffoons|muppet|muppets|amateur|amateurs|parasite|parasites|crook|crooks|thief|thieves|liar|liars|scammer|scammers|con artists?|leech|leeches|cretin|cretins|numpty|numpties|twit|twits|cowboys?|muppets?|hacks?|quacks?|hipsters?|frauds?|charlatans?|monkeys?|donkeys?|pricks?|pr\*cks?|dicks?|arseholes?|assholes?|a\*\*holes?|wankers?|tossers?|bozos?|dopes?|dunces?|nitwits?|dipshits?|sh\*tshow|waste of (?:space|oxygen|skin)|piece of (?:shit|garbage|trash|crap|work)|joke of a (?:company|firm|business)|bunch of (?:\w+ )?(?:idiots|morons|clowns|amateurs|crooks|incompetents|quacks|hacks|cowboys|muppets|monkeys|losers|frauds|thieves|liars|scammers))`;
const INSULT_ADJ = String.raw`(?:stupid|dumb|idiotic|brainless|brain-dead|braindead|clueless|moronic|pathetic|worthless|useless|incompetent|retarded|dense|thick|hopeless|spineless|lazy|inept|a disgrace|an embarrassment|a joke|liars|crooks|frauds|scammers|thieves)`;

function c(rule: string, weight: number, source: string, flags = 'gi'): Cue {
  return { rule, weight, re: new RegExp(source, flags) };
}

/** Insults aimed at the reader or staff (second-person targeting). */
export const INSULT_CUES: Cue[] = [
  c('insult_you_are', 3, String.raw`\b${YOU}\s*${BE}?\s*(?:(?:such|so|totally|completely|utterly|absolutely|just|all|an?|the|most|f[\w*@#$!]*ing|f'?n|effing|freaking|frigging|bloody|damn|complete|total|utter|absolute|fucking|overpaid|overpriced|overbilling|glorified|greedy|lying|thieving|two-bit|third-rate|second-rate|jumped-up|[a-z]+-chasing)\s+){0,3}(?:${INSULT_NOUN}|${INSULT_ADJ})\b|\b${YOU}\s*${BE}?\s*(?:just |nothing but |nothing more than )?an? glorified [a-z]+`),
  c('insult_you_noun', 3, String.raw`\byou\s+(?:[\w-]+\s+){0,2}(?:${INSULT_NOUN})\b`),
  c('insult_noun_like_you', 3, String.raw`\b(?:${INSULT_NOUN})\s+(?:like you|at your|in your|over there|working there|you hire|you employ)\b`),
  c('insult_your_noun', 3, String.raw`\byour\s+(?:\w+\s+)?(?:stupid|incompetent|useless|idiot|moronic|pathetic|clueless|lazy|brainless)\s+(?:staff|team|people|employees|assistant|agents?|reps?|accountant|lawyer|coach|designer|tech|technician|bookkeeper|manager|boss|company)\b`),
  c('insult_what_an', 3, String.raw`\b(?:what an?|such an?)\s+(?:(?:absolute|complete|total|utter|f\w*ing|bloody)\s+)?(?:idiot|moron|imbecile|clown|fool|joke|loser|incompetent)\b`),
  c('insult_are_you', 3, String.raw`\bare (?:you|u|ya)(?: people| guys| all)?\s+(?:(?:really|just|actually|all|completely|totally|that)\s+)*(?:stupid|dumb|an? idiots?|idiots|morons?|brain-dead|brain dead|braindead|incompetent|thick|dense|clueless|illiterate|insane|deaf|blind|too (?:lazy|stupid|dumb|incompetent))\b(?! (?:sure|available|free|open))`),
  c('insult_learn_to', 3, String.raw`\b(?:learn to (?:read|do your job|count)|do your (?:damn|bloody|f\w*ing) job|can(?:'t|not|’t) you (?:people )?(?:read|count|do anything right)|a child could do|a monkey could do|my (?:\d+[- ]year[- ]old|kid|dog) could do)\b`),
  c('insult_lot_of_you', 3, String.raw`\b(?:${INSULT_ADJ}|useless|cowboys|clowns|idiots|morons|amateurs|incompetent|a joke|jokers),? (?:the (?:whole )?lot of (?:you|ya)|all of you|every (?:one|single one) of you|you lot|the pair of you)\b`),
  c('insult_third_person', 3, String.raw`\b(?:(?:he|she|they)(?:'s|’s| is| are|'re)|(?:your|ur) (?:\w+ )?(?:girl|boy|guy|lady|man|tech|technician|engineer|assistant|bookkeeper|accountant|designer|coach|lawyer|receptionist|agent|rep)(?: \w+)? is|whoever (?:your|ur) .{1,30} is)\s+(?:(?:a|an|such a|such an|the|complete|total|utter|absolute|f[\w*]*ing|bloody|damn|so|as)\s+){0,3}(?:${INSULT_NOUN}|stupid|dumb|idiotic|brainless|clueless|useless|incompetent|worthless|pathetic|braindead|brain-dead)\b`),
  c('insult_muppet_of_a', 3, String.raw`\b(?:your|ur|that|this) (?:muppet|idiot|moron|clown|cowboy|joke|excuse|waste|disgrace|monkey|donkey|imbecile) of an? (?:\w+)`),
  c('insult_as_useful_as', 3, String.raw`\b(?:(?:about|just|is|are|'s|’s)\s+)?as (?:useful|helpful|smart|competent|bright) as an? (?:screen door|chocolate teapot|ashtray|inflatable dartboard|rock|brick|bag of|sack of|box of|potato|doorknob|chocolate fireguard)|\bcouldn'?t (?:configure|fix|organi[sz]e|run|find|manage|count) (?:a|an|their|his|her) (?:toaster|piss-up|way out|brewery|paper bag)|\bshould be (?:sacked|fired|shot|ashamed)\b|\b(?:sitting|sat) on (?:your|their) (?:a[s*]{2}es|arses|butts|backsides|a\*\*es|asses)`),
  c('insult_adj_noun', 3, String.raw`\b(?:pathetic|useless|overpaid|overpriced|incompetent|lazy|stupid|clueless|worthless|brainless|greedy|lying|thieving|dishonest),? (?:\w+,? )?(?:hipsters|hacks|quacks|clowns|idiots|morons|amateurs|cowboys|crooks|frauds|losers|muppets|monkeys|imbeciles|parasites|leeches|charlatans|con artists|thieves|liars|scammers|bastards|pricks|twats|jokers)\b`),
  c('insult_kindergarten', 3, String.raw`\b(?:go back to (?:kindergarten|school|nursery)|my (?:\d+|two|three|four|five|six|seven|eight|nine|ten)[- ]year[- ]old (?:could|can|draws|does|would|writes|codes|designs)(?: \w+)? better|a (?:child|toddler|monkey|chimp|trained monkey) could (?:do|have done) (?:it|this|better))`),
  c('insult_plural_staff', 3, String.raw`\b(?:(?:bunch|pack|gang|load|band|shower|lot|collection) of (?:[\w-]+ ){0,2}|what (?:kind|sort|type) of |(?:absolute|complete|total|utter|bloody|f[\w*]*ing|useless|incompetent|overpaid|typical) )(?:idiots|morons|imbeciles|clowns|fools|muppets|amateurs|parasites|bloodsuckers|leeches|cowboys|crooks|clowns|cretins|numpties|jokers|monkeys|donkeys|halfwits|dimwits|incompetents|losers|buffoons|bozos|dopes|nitwits|hacks|quacks|frauds|scammers|thieves|liars)\b|\b(?:idiots|morons|imbeciles|clowns|muppets|amateurs|monkeys|incompetents) (?:run(?:ning)?|work(?:ing)?|at|in|over) (?:this|that|your|there)\b|\bamateur hour\b|\b(?:run|staffed|managed|operated|manned) by (?:a (?:bunch|pack|load) of )?(?:idiots|morons|muppets|clowns|monkeys|amateurs|children|toddlers|imbeciles|cowboys)\b|\b(?<=,\s{0,2})(?:you\s+)?(?:idiots|morons|muppets|clowns|imbeciles|numpties|cretins)[.!]+|\b(?:a|an) (?:first-year|first year|junior|work experience|trainee|unpaid) \w+ could (?:have )?do(?:ne)? (?:it |this |a )?better`),
  // Insults about a named or described staff member: "Kelsey is a brain-dead airhead", "whoever categorised my fuel
  // is an idiot", "that sophie woman is thick as two short planks", "lena is the worst designer I've ever worked with".
  c('insult_person_is', 3, String.raw`\b(?<!\b(?:my|our|his|her|their|the|a|an|this|that|it|which|what) [a-z]+\s*)(?<!\b(?:landlord|tenant|neighbou?r|seller|buyer|insurer|ex|other side|opposing (?:counsel|party))(?:'s|’s)?(?: \w+)?,?\s+who\s+)(?:is|was|'s|’s)\s+(?:(?:honestly|really|just|clearly|literally|obviously|such|so|a|an|the|complete|total|utter|absolute|f[\w*]*ing|bloody|damn)\s+){0,3}(?:idiot|moron|imbecile|airhead|clown|cretin|halfwit|dimwit|numpty|muppet|buffoon|bozo|nitwit|twit|jerk|prick|dick|tosser|wanker|brain-?dead(?: \w+)?|worst \w+ (?:i'?ve|i have|we'?ve|we have) ever (?:worked with|had|dealt with|met|hired|used)|thick as|dumb as|as useful as|as thick as)\b`),
  c('insult_idiom', 3, String.raw`\b(?:thick as (?:two short planks|a brick|mince|pig ?shit)|dumb as (?:a box of rocks|rocks|a post|a brick|dirt)|not the sharpest (?:tool|knife|pencil)|a few (?:sandwiches|bricks|fries) short|lights are on but nobody'?s home|couldn'?t organi[sz]e a (?:piss-up|party)|(?:what(?:'s| is)|wtf is|what the (?:hell|heck|f\w*) is) wrong with (?:you|ya|your (?:people|team|staff|lot))|(?:a|any) (?:child|toddler|kid|monkey|chimp|trained monkey|(?:\d+|five|six|seven|eight|ten)[- ]year[- ]old)(?: with (?:a |some )?(?:crayons?|a pencil|paint))? (?:could|would) (?:have )?(?:done|do|nailed|managed|got(?:ten)?|fixed|drawn|written|designed)|ambulance chasers?|blood-?suck(?:ers?|ing)|overpaid (?:\w+ )?(?:clowns|idiots|hacks|amateurs|chasers|consultants?|muppets))\b`),
  c('insult_slur', 3, String.raw`\b(?:dumb|stupid|silly|useless|lazy|fat|old|little|ignorant|incompetent|rude) (?:b\*{2,4}|b\*tch|b!tch|bitch|c\*{2,3}|c\*nt|cow|witch|tw\*t|twat|a\*{2}hole|prick|pr\*ck)(?!\w)`),
  // Demeaning staff's competence or worth, named or not: "does she even know how to read a calendar", "can't count to two",
  // "I've met smarter hubcaps", "do they hire you people off the back of a cereal box", "or do I need to explain it slower?",
  // "is Maria actually a lawyer or…", "somebody's work-experience nephew", "someone who isn't a complete moron", "shove it up her a**".
  c('insult_demeaning', 3, String.raw`\b(?:(?:does|do|did) (?:he|she|they|[A-Z][a-z]+|anyone (?:there|over there)) (?:even |actually )?know how to (?:read|count|spell|add up|use a (?:calendar|calculator|computer|phone|keyboard))|can(?:'t|not|’t) (?:even )?count to (?:two|three|ten|\d+)|(?:i(?:'ve|’ve| have) met|i know|i(?:'ve|’ve| have) seen) smarter (?:\w+ )?(?:hubcaps|rocks|toasters|houseplants|potatoes|door ?knobs|bricks|goldfish|dogs|hamsters|chimps)|(?:someone|somebody|anyone) with (?:a |half a |one )?(?:functioning|working|single) brain(?: cell)?|off the back of a cereal box|(?:do|will|should) i (?:need to |have to )?(?:explain|spell) (?:it|this|that)(?: out)? (?:slower|more slowly|in crayon|with pictures|in words of one syllable)|(?:is|are) (?:he|she|they|[A-Z][a-z]+) (?:actually|even|really) an? (?:lawyer|attorney|doctor|designer|accountant|engineer|professional|bookkeeper|coach|adviser|advisor|solicitor)\b(?=[^.!?\n]{0,60}\bor\b)|(?:does|do) (?:he|she|they|[A-Z][a-z]+) (?:have|hold) any (?:qualifications|training)(?: at all)?\b|(?:somebody|someone)(?:'s|’s) (?:work[- ]experience )?(?:nephew|niece)|incompetent or (?:just )?lazy|lazy or (?:just )?incompetent|(?:stuck-up|jumped-up) (?:little )?(?:nobody|cow|brat|madam|clerk)|(?:a|some) little nobody|(?:isn'?t|is not|aren'?t|are not) an? (?:complete |total |absolute )?(?:${INSULT_NOUN})|what the (?:f[\w*@#$!]*|hell) (?:am i|are we|do i|do we) (?:even )?pay(?:ing)? (?:you|u)(?: people| guys| lot)? for|(?:tell|ask|get) (?:the|that|your) (?:\w+ )?(?:${INSULT_NOUN}) (?:who|that) (?:answered|picked up|took|handled|dealt|did|is|was|sent|wrote)|are (?:your|ur) (?:\w+ ){1,2}(?:(?:colou?r-?blind|blind|deaf|brain-?dead|illiterate|stupid|useless) )?(?:${INSULT_NOUN})\b|(?:is|are) what (?:${INSULT_NOUN})(?: and (?:${INSULT_NOUN}))? do|(?:shove|stick) (?:it|(?:her|his|your|their) (?:little )?\w+) up (?:your|her|his|their) (?:a\*\*|a\*\*e|arse|ass|backside))\b`),
  // A lone insult as its own sentence or sign-off: "… learn some manners. airhead."
  c('insult_standalone', 3, String.raw`\b(?<=(?:^|[.!?\n])\s*)(?:(?:absolute|complete|total|utter|bloody|f[\w*]*ing) )?(?:airheads?|idiots?|morons?|imbeciles?|clowns?|muppets?|losers?|numpties|numpty|cretins?|halfwits?|dimwits?|amateurs)[.!]*\s*$`),
  c('insult_shut_up', 3, String.raw`\b(?:shut up|shut your (?:mouth|trap)|go to hell|screw you|drop dead|get lost|piss off|bite me|eat shit|up yours|f\W?o\b|stfu|gtfo)(?!\w)`),
];

/** Threats of harm and intimidation (abusive). */
export const INTIMIDATION_CUES: Cue[] = [
  c('intimidation_know_where', 4, String.raw`\bi know (?:where (?:you|u) (?:live|work|park|sleep|go)|where your (?:\w+ )?(?:office|house|home|kids?|family|wife|husband|car|school) (?:is|are|go)|what (?:car )?(?:you|u) drive|your (?:home )?address)\b`),
  c('intimidation_regret', 4, String.raw`\b(?:you(?:'ll| will| are going to|'re going to| gonna)|u will) (?:regret (?:this|it)|be sorry|pay for (?:this|it)|wish you hadn't|wish you never)\b`),
  c('intimidation_watch', 4, String.raw`\b(?:watch your back|watch yourself|better watch out|sleep with one eye|or else\b(?!,? (?:we|i) (?:can|could))|you(?:'ve| have) been warned|last warning|consider yourself warned)`),
  c('intimidation_come_down', 3, String.raw`\b(?:i(?:'m|’m| am) (?:coming|driving) (?:down|over|round|up) (?:to|there)(?: to)?(?: your)?(?:.{0,80}\b(?:see how|in person|sort (?:you|this) out|face to face|have a word|we'?ll see))|we'?ll see how (?:smart|tough|clever|funny) you are|i(?:'ll| will| am going to|'m going to| am gonna|'m gonna) (?:come|show up|drive) (?:down|over|up)? ?(?:there|to your (?:office|house|home))(?! (?:for|to (?:sign|drop|pick)))|i(?:'ll| will) (?:find|hunt) (?:you|u)\b|make your (?:life|lives) (?:a )?(?:hell|miserable|a living hell)|end your career|get you fired|have you fired|ruin (?:you|your (?:life|career|business|reputation)))`),
  c('intimidation_teach', 4, String.raw`\b(?:teach (?:you|him|her|them|that \w+|your \w+) (?:a lesson|some (?:manners|respect)|some myself|a thing or two)|(?:i'?ll|i will|i'?m going to|gonna) (?:be down|come down|come round|come over|show up) (?:there )?[^.!?\n]{0,30}\bto (?:teach|sort (?:her|him|you|them) out|have a word))`),
  // Showing that staff are watched, with a threat of meeting them: "I know she parks on level 3… maybe I'll wait by her car",
  // "tell Raj to watch himself", "maybe I'll pop by the studio and explain it to her in person. she won't enjoy it".
  c('intimidation_watched', 4, String.raw`\b(?:do(?:n'?t|n’t|nt) think i do(?:n'?t|n’t|nt) know (?:where |which |what |when )?(?:you|u|he|she|they|\w+) (?:live|lives|park|parks|drive|drives|work(?:s)? out)\b|i know (?:where |which |what |when )?(?:you|he|she|they|\w+) (?:live|lives|park|parks|go|goes|drive|drives|work(?:s)? out|train|trains|jog|jogs|run|runs)\b|i know (?:which|what|where) (?:gym|school|car|church|street|garage|house|pub|bar) (?:you|he|she|they)\b|(?:watch|mind) (?:himself|herself|themselves|yourself|yourselves|his back|her back|their backs)|(?:hear|hearing) from me in person|wait (?:by|for (?:her|him|you) (?:at|by)) (?:her|his|your|their) (?:car|house|door|office)|(?:won'?t|will not|wouldn'?t) enjoy (?:it|that|this)|have (?:a|our) little (?:chat|talk|conversation)|(?:come|pop|swing|drop|stop) (?:round|by|over|in)\b[^.!?\n]{0,60}\b(?:face to face|in person|have a (?:little )?(?:chat|word)|sort (?:it|this|that|the \w+) out))`),
  // Veiled threats: "Nice place you've got up in Highlands Ranch", "people who rip off working men tend to run into bad luck",
  // "I drive past it every morning. Maybe I'll come up and help you look", "or i come by the studio. mehmet knows what i mean".
  c('intimidation_veiled', 4, String.raw`\b(?:i(?:'ll|’ll| will) be waiting (?:for (?:you|her|him|them) )?(?:in|at|outside|by) (?:your|the) (?:lobby|office|reception|car ?park|parking (?:lot|garage)|front door|door|building)|nice (?:place|house|home|office|car|family|little (?:office|business)) (?:you(?:'ve|’ve| have) got|you got)|(?:tend to|might|could|may|would) (?:run into|have|meet with) (?:some )?(?:bad luck|an accident|accidents)|i drive (?:past|by) (?:it|there|your (?:office|house|place|home|studio|shop)) every (?:morning|day|night|evening)|maybe i(?:'ll|’ll| will) (?:come|pop|swing|drop) (?:up|by|over|round|down|in) and (?:help|see|have a word|sort|discuss|explain)|(?:or|otherwise) i come (?:by|round|over|down to) (?:the|your) (?:studio|office|shop|house|place)|(?:he|she|they) knows? what i mean\b|knows what i mean\b|(?:good |close )?friends (?:at|in) the (?:sheriff(?:'s|’s)?|police) (?:office|department|station))`),
  c('intimidation_violence', 5, String.raw`\b(?:kill (?:you|u)|punch (?:you|u)|hurt (?:you|u)|beat (?:you|u) up|smash your|break your (?:neck|legs|face)|burn (?:it|your \w+) down)(?!\w)`),
];

/** Threats to leave, sue, dispute a charge or post reviews (irate). */
export const THREAT_CUES: Cue[] = [
  c('threat_legal', 3, String.raw`\b(?:hold (?:you|your \w+) (?:personally )?(?:liable|responsible|accountable)|(?:report|reported|reporting) (?:you |her |him |them |this )?to (?:the )?(?:medical |state |bar |licensing )?(?:board|bar|regulator|authorities|ombudsman|chamber|bbb|ftc|attorney general)|being reported to|(?:my|our) (?:lawyers?|attorneys?|solicitors?|legal team)(?! (?:says|said|told|advised|thinks|has|had|is|was|filed|handled|handles|did|does|needs|needed|wants|asked|asks|sent|will (?:file|send|handle|need|review)))(?![^.!?\n]{0,30}\b(?:will|is going to|'ll) (?:file|send|handle|need|review|register|draft|do|take care)\b)|(?:talk|speak|speaking|talking|go|going|hand(?:ing)? (?:this|it) over) to (?:a |an |my )?(?:lawyer|attorney|solicitor|legal)|(?:get|getting|involve|involving|call|calling|contact|contacting|hire|hiring|consult|consulting) (?:a |an |my )?(?:lawyer|attorney|solicitor|legal team)(?! (?:for (?:court|the|that|this|it|my|our)|you (?:mentioned|recommended|suggested)))|(?:take|taking) (?:legal action|you to court|this to court|legal steps)|(?:i(?:'ll| will| am going to|'m going to| may| might|'m| am)|we(?:'ll| will| are going to| may)) (?:going to )?(?:sue|suing)\b|see you in court|small claims|file a (?:lawsuit|claim|complaint with))`),
  c('threat_chargeback', 3, String.raw`\b(?:charge ?back|(?:stop|stopping|withhold|withholding|cancel|cancelling) (?:the |all |any )?(?:payment|payments|direct debit|autopay)|refuse to pay|disput(?:e|ing|ed) (?:\w+'s |the |this |that |your |every |my |our )?(?:[\w-]+ ){0,2}(?:charge|payment|invoice|bill|transaction)s?|(?:file|filing|open|opening|raise|raising|start|starting) a dispute|dispute with (?:my|our|the) (?:bank|credit card|card)|(?:called|calling|call|contacted|contacting) (?:my|our) (?:credit card company|card company|card issuer|bank)|(?:will not|won'?t) be paid(?! until)|(?:not|never) (?:going to )?pay(?:ing)? (?:for )?(?:it|this|that|the invoice|your invoice)|i(?:'m| am) not paying (?:it|this|that|you|the)|(?:won'?t|will not|refuse to) pay (?:it|this|that|you|the)(?! until| till| before)|dispute (?:the|this|that|your|every) (?:charge|payment|invoice|transaction)|(?:call|calling|contact|contacting) my (?:bank|credit card(?: company)?)|reverse the (?:charge|payment)|stop (?:the )?payment|cancel (?:the )?(?:payment|card))\b`),
  c('threat_leave', 3, String.raw`\b(?:(?:take|taking|move|moving) (?:my|our) (?:business|money|account|work) (?:elsewhere|somewhere else|to (?:a )?(?:competitor|someone else|another))|(?:i(?:'m| am|'ll| will| am going to|'m going to)|we(?:'re| are|'ll| will)) (?:be )?(?:leaving|done with you|out of here|walking away|firing you|switching|finding (?:a new|another|someone))|(?:cancel|cancelling|canceling|terminate|terminating|end|ending) (?:my|our|the) (?:account|contract|subscription|retainer|service|agreement|membership|engagement)|find(?:ing)? (?:a new|another) (?:firm|provider|company|accountant|coach|designer|lawyer|agency|bookkeeper|it (?:company|provider)|property manager|practice|clinic|doctor)|(?:consider|considering) (?:other|another) (?:options|providers?|firms?)|you(?:'ve| have) lost (?:a|my|our) (?:client|customer|business)|last time i (?:use|hire|work with)|never (?:use|hire|recommend) you again|(?:getting|get|got|requesting|asking for) quotes from (?:other|another|new)|(?:talking|speaking) to other (?:providers|firms|companies|agencies)|(?<!notice that (?:we|i) )(?:do|will) not renew(?! (?:the|his|her|their|its) (?:lease|tenancy))|(?<!notice that (?:we|i) )won'?t (?:be )?renew(?:ing)?(?! (?:the|his|her|their|its) (?:lease|tenancy))|not (?:be )?renewing(?! (?:the|his|her|their|its) (?:lease|tenancy))|(?:moving|move|taking|take) (?:our|my) (?:books|business|account|accounts|work|files) to (?:another|a different|a new|someone)|(?:look|looking|shop|shopping) (?:for|around for) (?:a |another |a new )?(?:firm|provider|accountant|company|agency|bookkeeper|lawyer|coach)|(?:switch|switching) (?:firms|providers|companies)|you can say goodbye|(?:this|that) is the last straw|(?:go|going|take (?:it|this)) elsewhere|find someone else|(?:you(?:'re| are)) fired|fire (?:you|your (?:firm|company))|(?:looking|shopping) (?:for|around for) (?:someone|somebody|another|a new)|done with (?:you|your (?:firm|company|service))|(?:cancel|cancelling|canceling|end|ending|terminate|terminating) (?:my|our|the) (?:plan|package|sessions|membership|contract|subscription|retainer|service|services|account|agreement|engagement)|(?:we(?:'re| are)|i(?:'m| am)) (?:terminating|done)\b(?! (?:being|with the|here|for (?:today|now)|soon|shortly))|consider this (?:our|my) notice|terminat(?:e|ing) (?:the |our |my )?(?:contract|agreement|engagement|retainer|relationship|services?))\b`),
  c('threat_recourse', 3, String.raw`\b(?:disput(?:e|ing)\b[^.!?\n]{0,40}\b(?:with|through) (?:my|our|the) (?:bank|card issuer|card company|credit card(?: company)?|amex|visa|mastercard)|(?:find|get|hire) (?:a|another|a new|a different) (?:firm|manager|provider|company|accountant|bookkeeper|lawyer|attorney|agency|doctor|coach|designer|practice|clinic|it (?:company|firm|provider)|property manager)\b[^.!?\n]{0,20}\b(?:who|that) (?:will|can|would|actually)|(?:move|moving|take|taking|transfer|transferring) (?:all )?(?:of )?(?:my|our|the|all|both|three|\w+ other) (?:\w+ )?(?:business|properties|property|accounts?|work|books|files|clients?|practice|units)\b[^.!?\n]{0,20}\b(?:to (?:another|a new|a different|someone|a competitor|\w+ \w+)|elsewhere|there)|(?:look|looking) at other (?:providers|firms|options|agencies|companies|managers|practices|msps|vendors|suppliers|accountants|bookkeepers|lawyers|attorneys|designers|studios|coaches|doctors|clinics|property managers)|(?:post|posting|share|sharing|write|writing) (?:about )?(?:this|it|my|our) (?:experience|treatment|story)?[^.!?\n]{0,20}\b(?:on|to) (?:linkedin|facebook|google|yelp|twitter|instagram|reddit|tiktok|social media|trustpilot|nextdoor)|go(?:ing)? out to tender|(?:formal|30[- ]day|thirty[- ]day) notice|(?:raise|raising|report|reporting|take|taking) (?:it|this|you) (?:with|to) the (?:bar|board|regulator|ombudsman|state)|(?:taking|take) (?:this|it|my business|our business) to [A-Z][\w&]+|you can forget (?:the rest of )?(?:our|my) (?:work|business|account)|liability insurance (?:details|information)|filing (?:a complaint )?with the (?:\w+ )?(?:board|bar|regulator|commission|ombudsman|attorney general)|dispute (?:paperwork|form|claim)|(?:want|demand|expect) (?:my|our) (?:money|retainer|deposit|fees?|payment) back|(?:take|taking|move|moving) (?:the|our|my) (?:\w+ ){0,2}to another (?:studio|firm|agency|provider|company|manager|designer|practice|accountant|bookkeeper|lawyer|coach|consultant)|(?:30|thirty|60|sixty|90|ninety)[- ]days?'?s?'? notice|signed with (?:a |another )?(?:new )?(?:\w+ )?(?:company|firm|provider|agency|manager|practice|studio)|so (?:other|all (?:the )?other|every) (?:\w+ )?(?:owners|clients|customers|people|patients|businesses) know what they'?re getting|(?:complaint|complain) (?:with|to) the (?:\w+ )?(?:attorney general|bar|board|regulator|ombudsman|bbb|ftc))`),
  c('threat_review', 3, String.raw`\b(?:(?:post|posting|posted|leave|leaving|left|write|writing|written|wrote|put|putting)\b.{0,30}\b(?:review|reviews)\b|(?:telling|tell|warn|warning) (?:every|all|everyone|the whole)\b.{0,40}|(?:1|one|zero)[- ]star|(?:yelp|google reviews?|trustpilot|glassdoor|better business bureau|bbb|the press|social media|linkedin|twitter|facebook)\b.{0,20}\b(?:about (?:this|you)|everyone|will hear|know)|tell (?:everyone|all my (?:friends|contacts|network)|the whole)|(?:yelp|google|trustpilot|facebook|bbb) review|(?:review|reviews) (?:on|at) (?:yelp|google|trustpilot|facebook)|(?<!(?:need to|should (?:we|i)|have to|must|required to|do we) )(?:report|reporting) (?:you|this|your \w+)\b(?! to the (?:police|ico|sra|fca|ato|irs|bank|regulator)\b)|report (?:you|this|your (?:firm|company|practice)) to (?:the )?\w+|(?:file|filing|lodge|lodging) a (?:formal )?complaint (?:with|to) (?:the )?\w+|warn (?:everyone|others|people))`),
];

/** Open hostility short of insults: fury, accusations of fraud, contempt (irate). */
export const HOSTILE_CUES: Cue[] = [
  c('hostile_fury', 2, String.raw`\b(?:furious|livid|infuriat\w+|outraged|outrageous|enraged|pissed(?: off)?|fuming|beyond (?:angry|mad|frustrated|furious|livid)|absolutely (?:disgusted|appalled)|disgust(?:ed|ing)|appalled|appalling|unbelievable|unacceptable|disgrace(?:ful)?|despicable|shameful|how dare you|had it with you|i(?:'ve| have) had (?:it|enough)|sick and tired|enough is enough|scam|scammed|rip(?:ped)? ?off|fraud(?:ulent)?|robbery|stealing (?:my|our) money|con artists?|criminal(?! (?:stuff|law|defen[cs]e|cases?|matters?|charges?|records?|lawyers?|attorneys?|court|work))|worst (?:service|company|firm|experience|\w+ ever)|what the (?:hell|heck|f\w*)|wtf|bullshit|bs\b|don'?t you dare|how dare|garbage|inakzeptabel|inacceptable|inaceptable)`),
];

/** Complaints, annoyance and repeated-failure language (frustrated). */
export const FRUSTRATION_CUES: Cue[] = [
  c('double_question', 1, String.raw`\?\?+`),
  c('frustration_words', 1.5, String.raw`\b(?:a bit much|(?:seems|is|that'?s|bit) (?:a bit |rather |pretty |very |quite )?steep|didn'?t get (?:us|me) (?:any )?(?:closer|anywhere)|(?:aren'?t|isn'?t|not) getting (?:me|us) anywhere|getting (?:a bit )?tiresome|(?:i'?ve|we'?ve|i have|we have) (?:already )?asked (?:you )?(?:twice|three times|(?:\w+ )?times)|why would anything be easy|of course (?:\w+ ){0,3}(?:denied|lost|broke|failed|forgot|missed|rejected)|(?:really|totally|so) worth the wait|super helpful 👍|frustrat\w+|annoy\w*|irritat\w+|exasperat\w+|fed up|tired of|sick of|ridiculous|absurd|unprofessional|disappoint\w+|let down|fed-up|aggravat\w+|not happy|unhappy|not (?:ok|okay|acceptable|good enough)|this is a joke|a joke|waste of (?:my )?(?:time|money)|wasting my time|useless|pointless|hopeless|terrible|awful|horrible|poor service|sloppy|careless|mess(?:ed)? up|screwed up|dropped the ball|ignored|ignoring (?:me|my)|no one (?:has )?(?:replied|answered|responded|bothered|called|got back)|nobody (?:has )?(?:replied|answered|responded|bothered|called|got back)|(?:still|yet) (?:no|not|haven't|hasn't|nothing|waiting)|still waiting|(?<!(?:customers|people|clients|guests|they|everyone|friends|folks) )keep(?:s)? (?:happening|breaking|failing|asking)|again\?|once again|yet again|for the (?:\w+|\d+(?:st|nd|rd|th)) time|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|how many (?:more )?times|over and over|every single time|this is (?:the )?(?:second|third|fourth) time|(?:days|weeks) (?:later|now|and)|hours (?:later|now)|excuses?|seriously\?|are you (?:serious|kidding)|you(?:'re| are) kidding|can(?:'t|not|’t) believe|unbelievably|wtf|fix (?:this|it) (?:already|now)|get it together|do your job|not rocket science|why (?:is|does|do|can't|won't|haven't|hasn't|am i|do i|is it) .{0,60}(?:still|always|never|again|so hard|so difficult)|why (?:do|does|should) i (?:have|need) to|what (?:exactly )?am i paying (?:you )?for|i pay you|paying you for|not what i (?:asked|paid) for|nothing (?:works|has (?:been done|changed|happened))|no (?:response|reply|answer|update|word|callback)(?! (?:is |was )?(?:needed|required|necessary|expected))|never (?:heard back|got (?:a )?(?:reply|response|call))|doesn'?t work|didn'?t work|still broken|still (?:not|isn'?t|hasn'?t|doesn'?t|can'?t|no)|broken again|wrong again|missed (?:the|another|my)|late again|overcharged|double[- ]charged|charged (?:me )?twice|mistake after mistake|you (?:said|promised|told (?:me|us))\b|(?:was|were|is|are) supposed to|should(?:'ve| have) been (?:done|fixed|sent|ready|finished)|what(?:'s| is) going on|is it too much to ask|come on[,.!?]|\bugh+\b|really\?|keep having to|have to keep (?:asking|chasing|reminding)|why (?:is|does) (?:it|this|everything) (?:take|always)|(?:slow|late|delayed) again|yet another|another (?:delay|mistake|error|week|month)|not good enough|poor (?:communication|work|job|quality)|sloppy|lazy|dropped (?:the ball|it|this|us|me|my|our)\b|(?:no|zero) (?:communication|follow-?up)|left (?:me|us) (?:hanging|in the dark)|radio silence|ghost(?:ed|ing)|did you (?:forget|even (?:read|look|check))|do you (?:actually|even) (?:read|listen|look|check|care)|(?:broken|waiting|down|outstanding|open|late|pending)(?: now)? for (?:over |more than |almost )?(?:\w+ )?(?:days|weeks|months)|every single (?:day|time|week)|shouldn'?t (?:be the one|have to)|still (?:don'?t|do not|haven'?t|have not|no|not|nothing|isn'?t|aren'?t|can'?t|waiting)|(?:feel|feels|feeling) like (?:we'?re|i'?m) paying for|twice now|stood up|no-?show|not impressed|unimpressed|i don'?t see why|i (?:really )?don'?t want to (?:be chasing|have to chase|keep chasing)|haven'?t heard (?:a (?:single )?(?:word|thing|peep))|not (?:even )?an? (?:acknowledg\w+|reply|response|word)|(?:it'?s|it has) been (?:over |more than |almost |nearly )?(?:half an hour|an hour|\d+ (?:minutes|hours|days|weeks)|(?:two|three|four|five|several) (?:hours|days|weeks))|(?<!as )well\?|hello\?+|is (?:nobody|no one|anyone) (?:working|there|home|answering|in)|(?:we|i) (?:were|was) (?:promised|told)|(?:nobody|no one) (?:told|warned|informed) (?:me|us)|would have been nice|can'?t keep waiting|where is everyone|(?:1|one|two|\d+) (?:calls?|emails?) and nothing|that is on you|that'?s on you|your (?:fault|mistake|problem|error)|i expect you to (?:cover|pay|fix|refund)|figures\.|typical\.|f[\w*]*ing kidding|kidding me|zero notice|no notice|without (?:any )?notice|went up \d+%|rebooted it)(?!\w)`),
];

/** Sarcasm: praise words in a complaint frame (frustrated). */
export const SARCASM_CUES: Cue[] = [
  c('sarcasm', 2, String.raw`(?:\bthanks (?:a lot|so much|a bunch|again)? ?for (?:nothing|the runaround|ignoring|wasting|making|being)\b|\b(?:oh|wow|gee),? (?:great|thanks|wonderful|perfect|fantastic|brilliant|lovely|nice|awesome|super)\b|\bgreat job\b.{0,40}(?:again|not|never|broke|lost|missed|wrong)|\b(?:love|loving|enjoy|enjoying) (?:how|that|it when|being|the way|waiting|paying|chasing|getting|spending|having to|the "|the wait)(?!.{0,10}\b(?:work(?:ed|s)?|help(?:ed|s)?) (?:great|perfectly|well))|\bmust be nice\b|\b(?:real|really|so|super|very) helpful(?:,| as always| not)\b|\bas always\b(?=.{0,40}(?:nothing|late|wrong|broken|ignored|no ))|\bno rush(?:,| -|—) (?:it'?s only|only|i guess|really|though)\b|\btake your (?:sweet )?time\b|^\s*(?:great|perfect|fantastic|wonderful|brilliant|lovely|super|awesome),? (?:another|so|just|now|again)\b|\breally loving\b|\bslow clap\b|\bbravo\b|\bgenius\b|\bwhat a (?:surprise|shock|concept|novel idea)\b|\bshocking,? i know\b|\bwho (?:would have|could have|'d have) (?:thought|guessed)\b|\bif it'?s not too much (?:trouble|to ask)\b|\bwhen(?:ever)? you (?:get|find) (?:a|the) (?:moment|minute|chance)(?: from| between| in)\b|\bi(?:'m| am) (?:sure|certain) you(?:'re| are) (?:very|super|extremely|so) busy\b|\bclearly (?:too busy|nobody|no one|you (?:don't|do not|can't))\b|\bsomehow\b.{0,40}\b(?:again|still|wrong|lost)|\b(?:brilliant|great|wonderful|fantastic|marvell?ous|superb|lovely|amazing)\.\s+(?:really|truly|just|so)\s+\w+|\breally solved it\b|\bso-called\b|\bfantastic\.|\bperfect\. (?:just|another|now)|\bgood to know (?:that )?(?:i|my|we)\b|\bi guess (?:i|my|we|that'?s|you)\b(?=.{0,60}(?:don'?t|doesn'?t|not|never|matter|care|too much)))`),
];

/** Worry and unease, civil (concerned). */
export const CONCERN_CUES: Cue[] = [
  c('concern_words', 1.5, String.raw`\b(?:worr\w+|concern(?:ed|ing|s)?|nervous|anxious|anxiety|afraid|scared|uneasy|stress(?:ed|ful)|panick?\w*|alarm(?:ed|ing)|freak(?:ed|ing)? out|frightened|spooked|troubl(?:ed|ing)|unsure|uncertain|confus(?:ed|ing)|not sure (?:what (?:to|i should)|how to)|hope (?:nothing|everything is|it'?s not|this isn'?t|that'?s not)|i(?:'m| am) (?:a bit|a little|slightly|quite|really|very|somewhat|getting)? ?(?:worried|concerned|nervous|anxious|uneasy|confused)|is (?:everything|this) (?:ok|okay|alright|normal|safe)\b|is (?:it|this|that) (?:normal|safe|serious)|should i be (?:worried|concerned)|what (?:happens|should i do) if|i noticed .{0,60}(?:wrong|off|missing|strange|odd|unexpected|different)|seems? (?:off|wrong|strange|odd|unusual)|(?:strange|unusual|unexpected|suspicious)|losing sleep|keeps me up|makes me nervous|at risk|risk of|in trouble|fall behind|falling behind|(?:could|can) you (?:please )?reassure|really need (?:to|you|someone|help)|(?:i'?m|i am|we'?re|we are) (?:a (?:bit|little) )?(?:worried|concerned|nervous|scared|afraid|anxious|stressed|panicking|freaking out|overwhelmed|lost|confused)|what (?:if|happens if)|is (?:that|this|it) (?:bad|a problem|serious|normal)|will (?:we|i) (?:be|get) (?:penali[sz]ed|fined|in trouble|charged)|(?:did|have) (?:i|we) (?:do|done|make|made) (?:something|anything) wrong|hope (?:it'?s|this is) nothing|struggling|feeling (?:really |very |so |a bit )?(?:low|down|overwhelmed|lost|stuck|hopeless)|(?:i )?don'?t know what (?:to do|else to do|happens)|going through a|laid off|lost (?:my|his|her|our) job|sorry to (?:bother|trouble|bug|keep)|me again|need to know|arrested|hospital|emergency room|cough(?:ing)?|fever|symptoms?|in pain|hurts?|threatening to (?:sue|quit|leave)|what (?:are|do) (?:my|our) options|missed (?:a|the) (?:deadline|payment)|penalt(?:y|ies)(?! rates?)|late fee|is (?:the \w+|she|he|they|everyone|everything) (?:ok|okay|alright|safe|all right)|get (?:into|in) trouble|demand letter|alleging|being sued|served with|detained|gas smell)(?!\w)`),
];

/** Joy and gratitude: caps and "!!!" of joy are not shouting. */
export const JOY_CUES: Cue[] = [
  c('joy', 1, String.raw`\b(?:thank(?:s| you)(?: so much| very much| a (?:lot|million|ton)| again)?|thx|grateful|appreciate\w*|love (?:it|this|the|you|your|how)|loved|amazing|awesome|fantastic|wonderful|brilliant|excellent|great news|good news|best news|congrat\w*|excited|thrilled|delighted|happy|yay|woo+hoo+|hooray|incredible|perfect|lifesaver|life saver|you rock|you(?:'re| are) the best|well done|nailed it|we did it|it worked|i got (?:the|it|in)|got the (?:job|offer)|so happy|can(?:'t|not) thank)(?!\w)`),
];

/** Words and phrases that mark text as calm and polite. */
export const POLITE_CUES: Cue[] = [
  c('polite', 1, String.raw`\b(?:please|thank(?:s| you)|appreciate|would you mind|could you|when you (?:get|have) a (?:chance|moment)|no rush|no hurry|at your convenience|whenever (?:you can|convenient)|kind regards|best regards|have a (?:good|great|nice)|hope you(?:'re| are) (?:well|doing well)|happy to)(?!\w)`),
];

export interface QuoteSpan {
  start: number;
  end: number;
}

const QUOTED = /["“]([^"“”\n]{2,400})["”]|(?:^|\s)'([^'\n]{2,300})'(?=\s|[.,!?]|$)/g;
const REPORTING_VERB = /\b(?:said|says|say|told|tell|yelled|yells|shouted|screamed|wrote|writes|texted|emailed|called|asked|replied|messaged|posted|put it|was like|goes|went|quote|quoting|complained|claimed|muttered|snapped|left a (?:review|message|note|comment)|review said|message said|review:|comment:)\W{0,6}(?:\w+\W{0,3}){0,4}$/i;

/** A reporting colon ("the customer wrote:"): what follows in the paragraph is someone else's words. */
const FORWARDED_SPEECH = /\b(?:(?:he|she|they|the (?:customer|client|tenant|owner|caller|patient|guest|buyer|manager|landlord|contractor)|my (?:boss|manager|tenant|client|customer|neighbou?r|landlord|partner|husband|wife|ex)|someone|a (?:customer|client|tenant|reviewer|caller))\s+(?:said|wrote|yelled|shouted|screamed|posted|left (?:a )?(?:review|message|voicemail))|(?:the|a|their|his|her) (?:review|message|voicemail|email|text|note|post|comment) (?:said|says|read|reads)|here(?:'s| is) what (?:he|she|they|the \w+) (?:said|wrote))\s*:\s*/gi;

/** Spans of quoted third-party speech ("my tenant yelled 'YOU IDIOTS'") that must not count as the sender's own words. */
export function reportedSpeechSpans(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  QUOTED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTED.exec(text)) !== null) {
    const qStart = text.indexOf(m[1] ?? m[2] ?? '', m.index);
    const before = text.slice(Math.max(0, m.index - 80), m.index + (m[0].startsWith(' ') ? 1 : 0));
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (REPORTING_VERB.test(before) || /^\W{0,3}(?:he|she|they|the \w+|my \w+|someone|somebody|a \w+)\s+(?:said|says|wrote|yelled|shouted|screamed|told)/i.test(after)) {
      out.push({ start: qStart, end: qStart + (m[1] ?? m[2] ?? '').length });
    }
  }
  // "Forwarding what the customer wrote:" blocks: the rest of the paragraph after a reporting colon.
  for (const fm of allMatches(FORWARDED_SPEECH, text)) {
    const s = fm.index + fm[0].length;
    const nl = text.indexOf('\n\n', s);
    out.push({ start: s, end: nl < 0 ? text.length : nl });
  }
  return out;
}

/** Whether [start,end) lies inside one of the spans. */
export function insideSpans(spans: QuoteSpan[], start: number, end: number): boolean {
  for (const s of spans) if (start >= s.start && end <= s.end) return true;
  return false;
}

const NEGATION_BEFORE = /\b(?:not|no|never|nothing|without|hardly|barely|\w+n't|\w+n’t|dont|doesnt|didnt|wont|cant|isnt|wasnt|arent|werent|wouldnt|shouldnt|couldnt|havent|hasnt|neither|nor)[ \t]+(?:[\w']+[ \t]+){0,2}$/i;


/** Runs cue regexes over text; skips hits inside reported speech and (when asked) after a negation. */
export function findCues(text: string, cues: Cue[], skip: QuoteSpan[], negatable = false): CueHit[] {
  const hits: CueHit[] = [];
  for (const cue of cues) {
    let starts = cue.starts;
    if (starts === undefined) starts = cue.starts = startMatcher(cue.re);
    let m: RegExpExecArray | null;
    if (starts === null) {
      cue.re.lastIndex = 0;
      while ((m = cue.re.exec(text)) !== null) {
        if (m[0].length === 0) {
          cue.re.lastIndex++;
          continue;
        }
        addHit(hits, cue, text, m, skip, negatable);
      }
      continue;
    }
    // A match can only start at one of the cue's candidate starts: trying there alone finds the same
    // matches as a scan (after a match, the next one starts at or after its end).
    const at = candidateStarts(text, starts.id);
    if (at === undefined) continue;
    const re = starts.sticky;
    let next = 0;
    for (const p of at) {
      if (p < next) continue;
      re.lastIndex = p;
      m = re.exec(text);
      if (m === null || m[0].length === 0) continue;
      next = p + m[0].length;
      addHit(hits, cue, text, m, skip, negatable);
    }
  }
  return hits;
}

function addHit(hits: CueHit[], cue: Cue, text: string, m: RegExpExecArray, skip: QuoteSpan[], negatable: boolean): void {
  const lead = m[0].length - m[0].trimStart().length;
  const start = m.index + lead;
  const end = m.index + m[0].trimEnd().length;
  if (insideSpans(skip, start, end)) return;
  if (negatable && NEGATION_BEFORE.test(text.slice(Math.max(0, start - 30), start))) return;
  hits.push({ rule: cue.rule, text: text.slice(start, end), start, end, weight: cue.weight });
}
