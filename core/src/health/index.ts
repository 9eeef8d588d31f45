export * from './time.js';
export * from './score-health.js';
export * from './trust.js';
