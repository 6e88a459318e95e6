export * from './api.js';
export * from './errors.js';
export * from './events.js';
export * from './limits.js';
export * from './text.js';
