// The lexicon module inside npm vader-sentiment (plain object of word → mean valence).
declare module 'vader-sentiment/src/vader_lexicon.js' {
  export const lexicon: Record<string, number>;
}
