import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import root from './vitest.config.js';
import { EMBEDDED_TESTS, databaseProject } from './bot/vitest.db.config.js';

/**
 * `npm run test:embedded`: the database tests that depend on which PostgreSQL runs (bot/vitest.db.config.ts lists
 * them and why), on the embedded one whatever the environment says: CI runs every test on a real server first.
 */
delete process.env.DATABASE_URL;

// A listed file that moved would silently drop out of the pass: refuse to run instead.
const missing = EMBEDDED_TESTS.filter(
  (file) => !existsSync(fileURLToPath(new URL(`bot/${file}`, import.meta.url))),
);
if (missing.length > 0)
  throw new Error(`EMBEDDED_TESTS in bot/vitest.db.config.ts names missing files: ${missing.join(', ')}`);

export default defineConfig({
  ...root,
  test: { ...root.test, projects: [databaseProject('bot-embedded', EMBEDDED_TESTS)] },
});
