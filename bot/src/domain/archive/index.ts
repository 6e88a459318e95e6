export * from './canonical-json.js';
export * from './chain.js';
export * from './records.js';
export * from './verify.js';
export * from './retention.js';
export * from './sinks.js';
export * from './export.js';
