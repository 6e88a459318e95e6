import { defineProject } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/**
 * The server's tests, in three projects (the root vitest.config.ts lists them):
 * - `bot-unit` (this file): rules and adapters without a database, beside their source in src/;
 * - `bot-db` (vitest.db.config.ts): API, database and integration tests in test/, each file on its own database;
 * - `bot-e2e` (vitest.e2e.config.ts): real browser and Teams client runs in test/e2e.
 * CI runs all three on a real PostgreSQL server, then the `bot-db` files that depend on which PostgreSQL runs
 * (EMBEDDED_TESTS in vitest.db.config.ts) again on the embedded one (`npm run test:embedded`).
 */
export const botTestDefaults = {
  resolve: {
    alias: { '@bridgeline/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  environment: 'node',
  testTimeout: 30_000,
  hookTimeout: 60_000,
} as const;

export default defineProject({
  resolve: botTestDefaults.resolve,
  test: {
    name: 'bot-unit',
    include: ['src/**/*.test.ts'],
    environment: botTestDefaults.environment,
    testTimeout: botTestDefaults.testTimeout,
    hookTimeout: botTestDefaults.hookTimeout,
  },
});
