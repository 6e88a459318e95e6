export * from './api.js';
export * from './admin-api.js';
export * from './archive-api.js';
export * from './dlp-api.js';
export * from './errors.js';
export * from './events.js';
export * from './limits.js';
export * from './delivery.js';
export * from './sms-segments.js';
export * from './template-text.js';
export * from './text.js';
export * from './vocabulary.js';
// vocabulary.ts and api.ts both name these: the root answers api.ts's zod enum (a value) and its type, the same union.
export { Channel, ConsentState, MessageStatus, Reachability, Region, ThreadState } from './api.js';
export * from './phone.js';
export * from './health-api.js';
