export * from './refund.js';
export * from './referrals.js';
