export * from './tokens.js';
export * from './phrase-match.js';
export { conceptsOf } from './concepts.js';
