export * from './calendar.js';
export * from './clock.js';
export * from './describe.js';
