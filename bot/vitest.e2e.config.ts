import { defineProject } from 'vitest/config';
import { botTestDefaults } from './vitest.config.js';

/** `bot-e2e`: end to end through a real browser and the Teams client stand-in (see vitest.config.ts). */
export default defineProject({
  resolve: botTestDefaults.resolve,
  test: {
    name: 'bot-e2e',
    include: ['test/e2e/**/*.test.ts'],
    // The tab's bundle before any file runs: alone it takes seconds; inside the browser test, beside the other
    // workers, it took as long as the test itself.
    globalSetup: ['test/support/global-setup.ts', 'test/e2e/tab-build.global-setup.ts'],
    environment: botTestDefaults.environment,
    testTimeout: botTestDefaults.testTimeout,
    hookTimeout: botTestDefaults.hookTimeout,
  },
});
