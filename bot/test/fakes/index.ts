/** In-memory fakes of the core ports, for the unit tests of the use cases (beside their source in src/app). */
export * from './builders.js';
export * from './clock.js';
export * from './gateway.fake.js';
export { memoryMediaStore } from './media.fake.js';
export * from './state.js';
export * from './store.js';
export * from './compliance.fake.js';
