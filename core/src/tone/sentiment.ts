import { vaderScore } from './vader.js';

/** A lexicon word that moved the sentiment, with its offsets. */
export interface SentimentWord {
  word: string;
  valence: number;
  start: number;
  end: number;
}

// npm vader-sentiment's tokenizer drops a word's score when punctuation like "!!!!", "!?", "..."
// or parentheses stick to it. `vaderScore` splits punctuation off; `vaderReady` does the same for
// callers that feed text to the package directly.
const PUNCT_AFTER_WORD = /([A-Za-z0-9])([!?.,;:)\]}"”…]+)/g;
const PUNCT_BEFORE_WORD = /([([{"“])([A-Za-z0-9])/g;

/** Separates punctuation from words so that the vader-sentiment package scores every word (keeps apostrophes and hyphens). */
export function vaderReady(text: string): string {
  return text.replace(PUNCT_AFTER_WORD, '$1 $2').replace(PUNCT_BEFORE_WORD, '$1 $2');
}

/** Compound VADER sentiment in [-1, 1] plus the lexicon words that carried it (after negation, boosters, caps). */
export function scoreSentiment(text: string): { compound: number; words: SentimentWord[] } {
  if (!text.trim()) return { compound: 0, words: [] };
  const { compound, tokens } = vaderScore(text);
  return { compound, words: tokens };
}
