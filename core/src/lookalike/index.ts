export * from './lookalike.js';
