export * from './accounts.js';
export * from './records.js';
export * from './mail.js';
