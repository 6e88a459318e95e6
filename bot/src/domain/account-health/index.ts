export * from './number-health.js';
export * from './pricing.js';
export * from './templates.js';
