export * from './accounts.js';
export * from './records.js';
