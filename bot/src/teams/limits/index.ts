export * from './teams-send-rate.limiter.js';
export * from './retry-backoff.js';
