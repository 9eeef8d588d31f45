// A direct implementation of VADER's scoring rules (Hutto & Gilbert, 2014) over the lexicon shipped
// with npm vader-sentiment. The package's own tokenizer zeroes a word glued to "!!!!", "!?", "..." or
// parentheses and rebuilds a 17×n dictionary per call; here tokens are split cleanly and the lexicon
// is a Map built once, so scores match the package on clean text at a fraction of the cost.
import { lexicon as LEXICON_OBJECT } from 'vader-sentiment/src/vader_lexicon.js';
import { memoize } from '../text/recent.js';

const LEXICON = new Map<string, number>(Object.entries(LEXICON_OBJECT as Record<string, number>));
const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;
const NEGATE = new Set(
  "aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't doesn't dont hadnt hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't mightn't mustn't neednt needn't never none nope nor not nothing nowhere oughtnt shant shouldnt uhuh wasnt werent oughtn't shan't shouldn't uh-uh wasn't weren't without wont wouldnt won't wouldn't rarely seldom despite".split(' '),
);
const BOOSTERS = new Map<string, number>();
for (const w of 'absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly hella highly hugely incredibly intensely majorly more most particularly purely quite really remarkably so substantially thoroughly totally tremendously uber unbelievably unusually utterly very'.split(' ')) BOOSTERS.set(w, B_INCR);
for (const w of 'almost barely hardly kinda kindof kind-of less little marginally occasionally partly scarcely slightly somewhat sorta sortof sort-of'.split(' ')) BOOSTERS.set(w, B_DECR);
const IDIOMS = new Map<string, number>([
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['yeah right', -2],
  ['cut the mustard', 2],
  ['kiss of death', -1.5],
  ['hand to mouth', -2],
]);

const IDIOM_WORDS = new Set([...IDIOMS.keys()].flatMap((k) => k.split(' ')));

/** The valence of the idiom these words spell, if any (most words are in no idiom, so no phrase is built for them). */
function idiom(words: string[]): number | undefined {
  for (const w of words) if (!IDIOM_WORDS.has(w)) return undefined;
  return IDIOMS.get(words.join(' '));
}

/** One scored token: its offsets and final valence after VADER's rules. */
export interface VaderToken {
  word: string;
  start: number;
  end: number;
  valence: number;
}

const TOKEN = /\S+/g;
/** ALL-CAPS: an ASCII capital and no ASCII small letter (what /^[^a-z]*[A-Z]+[^a-z]*$/ accepts). */
function isUpper(w: string): boolean {
  let capital = false;
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) capital = true;
  }
  return capital;
}

/** The characters EDGE_PUNCT strips: ASCII punctuation and curly quotes and ellipsis. */
function isEdgePunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026;
}

/** Whether a token ends a sentence: . ! or ? followed only by closing quotes or brackets. */
function endsSentence(w: string): boolean {
  let k = w.length - 1;
  while (k >= 0) {
    const c = w.charCodeAt(k);
    if (c !== 34 && c !== 39 && c !== 41 && c !== 93) break; // " ' ) ]
    k--;
  }
  const c = k >= 0 ? w.charCodeAt(k) : 0;
  return c === 46 || c === 33 || c === 63;
}

function negated(word: string | undefined): boolean {
  if (!word) return false;
  const w = word.toLowerCase();
  return NEGATE.has(w) || w.includes("n't");
}

/** What scoring needs of one whitespace-delimited token; it depends on the token alone, so it is remembered per token. */
interface TokenInfo {
  /** The word: the token without edge punctuation (a lexicon entry such as ":)" keeps its own), its lower case, and its offset in the token. */
  word: string;
  lower: string;
  lead: number;
  /** The token ends a sentence. */
  ends: boolean;
  upper: boolean;
  /** The word's lexicon valence (undefined when it has none), booster scalar (0 when none), and whether it negates. */
  valence: number | undefined;
  booster: number;
  isBooster: boolean;
  negates: boolean;
}

const tokenInfo = memoize((token: string): TokenInfo => {
  let w = token;
  let lw = w.toLowerCase();
  let lead = 0;
  if (!LEXICON.has(lw)) {
    let a = 0;
    let b = w.length;
    while (a < b && isEdgePunct(w.charCodeAt(a))) a++;
    while (b > a && isEdgePunct(w.charCodeAt(b - 1))) b--;
    if (a > 0 || b < w.length) {
      w = w.slice(a, b);
      lw = w.toLowerCase();
      lead = a;
    }
  }
  const booster = BOOSTERS.get(lw);
  return { word: w, lower: lw, lead, ends: endsSentence(token), upper: isUpper(w), valence: LEXICON.get(lw), booster: booster ?? 0, isBooster: booster !== undefined, negates: negated(lw) };
});

/** VADER compound score in [-1, 1] and the valence of every lexicon token. */
export function vaderScore(text: string): { compound: number; tokens: VaderToken[] } {
  const words: string[] = [];
  const lower: string[] = [];
  // What the lexicon says of each word, read once per distinct token (see TokenInfo).
  const info: TokenInfo[] = [];
  const upper: boolean[] = [];
  const starts: number[] = [];
  // Sentence number per token: negation and boosters do not reach across a full stop.
  const sent: number[] = [];
  let sentence = 0;
  let caps = 0;
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    const t = tokenInfo(m[0]);
    if (t.word.length > 1) {
      words.push(t.word);
      lower.push(t.lower);
      info.push(t);
      upper.push(t.upper);
      if (t.upper) caps++;
      starts.push(m.index + t.lead);
      sent.push(sentence);
    }
    if (t.ends) sentence++;
  }
  const capDiff = caps > 0 && caps < words.length;

  const sentiments: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const lw = lower[i]!;
    const t = info[i]!;
    if (t.isBooster || (lw === 'kind' && lower[i + 1] === 'of')) {
      sentiments.push(0);
      continue;
    }
    const base = t.valence;
    if (base === undefined) {
      sentiments.push(0);
      continue;
    }
    let valence = base;
    if (capDiff && upper[i]) valence += valence > 0 ? C_INCR : -C_INCR;
    for (let s = 0; s < 3; s++) {
      const j = i - (s + 1);
      if (j < 0 || sent[j] !== sent[i]) break;
      if (info[j]!.valence !== undefined) continue;
      let scalar = info[j]!.booster;
      if (scalar !== 0) {
        if (valence < 0) scalar *= -1;
        if (capDiff && upper[j]) scalar += valence > 0 ? C_INCR : -C_INCR;
        if (s === 1) scalar *= 0.95;
        else if (s === 2) scalar *= 0.9;
      }
      valence += scalar;
      // never_check
      if (s === 0) {
        if (info[i - 1]!.negates) valence *= N_SCALAR;
      } else if (s === 1) {
        if (lower[i - 2] === 'never' && (lower[i - 1] === 'so' || lower[i - 1] === 'this')) valence *= 1.5;
        else if (info[i - 2]!.negates) valence *= N_SCALAR;
      } else {
        if ((lower[i - 3] === 'never' && (lower[i - 2] === 'so' || lower[i - 2] === 'this')) || lower[i - 1] === 'so' || lower[i - 1] === 'this') valence *= 1.25;
        else if (info[i - 3]!.negates) valence *= N_SCALAR;
        // idioms_check
        const cands = [[lower[i - 1]!, lw], [lower[i - 2]!, lower[i - 1]!, lw], [lower[i - 2]!, lower[i - 1]!], [lower[i - 3]!, lower[i - 2]!, lower[i - 1]!], [lower[i - 3]!, lower[i - 2]!]];
        for (const c of cands) {
          const v = idiom(c);
          if (v !== undefined) {
            valence = v;
            break;
          }
        }
        if (i + 1 < words.length) valence = idiom([lw, lower[i + 1]!]) ?? valence;
        if (i + 2 < words.length) valence = idiom([lw, lower[i + 1]!, lower[i + 2]!]) ?? valence;
        if (BOOSTERS.has(`${lower[i - 3]} ${lower[i - 2]}`) || BOOSTERS.has(`${lower[i - 2]} ${lower[i - 1]}`)) valence += B_DECR;
      }
    }
    // least_check
    if (i > 1 && lower[i - 1] === 'least' && !LEXICON.has('least')) {
      if (lower[i - 2] !== 'at' && lower[i - 2] !== 'very') valence *= N_SCALAR;
    } else if (i > 0 && lower[i - 1] === 'least' && !LEXICON.has('least')) valence *= N_SCALAR;
    sentiments.push(valence);
  }
  // but_check
  let butAt = lower.indexOf('but');
  if (butAt < 0) butAt = -1;
  if (butAt >= 0) for (let k = 0; k < sentiments.length; k++) sentiments[k] = k < butAt ? sentiments[k]! * 0.5 : k > butAt ? sentiments[k]! * 1.5 : sentiments[k]!;

  let sum = 0;
  for (const v of sentiments) sum += v;
  let ep = 0;
  let qm = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 33) ep++;
    else if (ch === 63) qm++;
  }
  const emphasis = Math.min(ep, 4) * 0.292 + (qm > 1 ? (qm <= 3 ? 0.18 * qm : 0.96) : 0);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const compound = sentiments.length === 0 ? 0 : Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));
  const tokens: VaderToken[] = [];
  for (let k = 0; k < words.length; k++) if (sentiments[k] !== 0) tokens.push({ word: words[k]!, start: starts[k]!, end: starts[k]! + words[k]!.length, valence: Math.round(sentiments[k]! * 1000) / 1000 });
  return { compound: Math.round(compound * 10000) / 10000, tokens };
}
