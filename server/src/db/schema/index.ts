export * from './accounts.js';
export * from './records.js';
export * from './mail.js';
export * from './events.js';
export * from './escalation.js';
export * from './automations.js';
export * from './webhooks.js';
export * from './processes.js';
