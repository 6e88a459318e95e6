import { defineProject } from 'vitest/config';
import { botTestDefaults } from './vitest.config.js';

/** `bot-db`: API, database and integration tests: each file on its own copy of the run's migrated database (see vitest.config.ts). */
export default defineProject({
  resolve: botTestDefaults.resolve,
  test: {
    name: 'bot-db',
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    globalSetup: ['test/support/global-setup.ts'],
    environment: botTestDefaults.environment,
    testTimeout: botTestDefaults.testTimeout,
    hookTimeout: botTestDefaults.hookTimeout,
  },
});
