export * from './text/index.js';
export * from './tone/index.js';
export * from './boundaries/index.js';
export * from './dedupe/index.js';
export * from './analyze/index.js';
