export * from './types.js';
export * from './questions.js';
export * from './score-fit.js';
export { matchPhrase, meaningBag } from './phrase.js';
