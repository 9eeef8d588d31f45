export * from './common.js';
export * from './auth.js';
export * from './clients.js';
export * from './requests.js';
export * from './agreement.js';
export * from './analysis.js';
export * from './lifecycle.js';
export * from './events.js';
