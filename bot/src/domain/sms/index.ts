export * from './keywords.js';
export * from './fallback.js';
