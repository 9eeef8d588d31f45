import vader from 'vader-sentiment';

/** A lexicon word that moved the sentiment, with its offsets. */
export interface SentimentWord {
  word: string;
  valence: number;
  start: number;
  end: number;
}

const analyzer = (vader as unknown as { SentimentIntensityAnalyzer?: typeof vader.SentimentIntensityAnalyzer }).SentimentIntensityAnalyzer ?? vader.SentimentIntensityAnalyzer;

// vader-sentiment's tokenizer drops a word's score when punctuation like "!!!!", "!?", "..."
// or parentheses stick to it: we put spaces around punctuation before scoring.
const PUNCT_AFTER_WORD = /([A-Za-z0-9])([!?.,;:)\]}"”…]+)/g;
const PUNCT_BEFORE_WORD = /([(\[{"“])([A-Za-z0-9])/g;

/** Separates punctuation from words so that VADER scores every word (keeps apostrophes and hyphens). */
export function vaderReady(text: string): string {
  return text.replace(PUNCT_AFTER_WORD, '$1 $2').replace(PUNCT_BEFORE_WORD, '$1 $2');
}

const wordValence = new Map<string, number>();
const WORD_RE = /[A-Za-z][A-Za-z'’-]*/g;

/** VADER valence of a single word (0 when not in the lexicon); memoised. */
export function valenceOf(word: string): number {
  const w = word.toLowerCase();
  const hit = wordValence.get(w);
  if (hit !== undefined) return hit;
  const v = analyzer.polarity_scores(w).compound;
  if (wordValence.size < 100_000) wordValence.set(w, v);
  return v;
}

/** Compound VADER sentiment in [-1, 1] plus the lexicon words that carried it. */
export function scoreSentiment(text: string): { compound: number; words: SentimentWord[] } {
  if (!text.trim()) return { compound: 0, words: [] };
  const compound = analyzer.polarity_scores(vaderReady(text)).compound;
  const words: SentimentWord[] = [];
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text)) !== null) {
    if (m[0].length < 2) continue;
    const v = valenceOf(m[0]);
    if (v !== 0) words.push({ word: m[0], valence: v, start: m.index, end: m.index + m[0].length });
  }
  return { compound: Math.max(-1, Math.min(1, compound)), words };
}
