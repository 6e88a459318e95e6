import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: { '@bridgeline/shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)) },
  },
  test: {
    // The server's projects run in forks that take file after file without a fresh module graph: each bot-db file has
    // its own database and app already, and the imports (restify, botbuilder, TypeORM) cost more than most files'
    // tests. Isolation is a setting of the pool, not of a project, so the tab's jsdom tests, which keep state in
    // modules, run in the threads pool, isolated (tab/vitest.config.ts).
    poolOptions: { forks: { isolate: false } },
    projects: [
      'bot/vitest.config.ts',
      'bot/vitest.db.config.ts',
      'bot/vitest.e2e.config.ts',
      'tab',
      'scripts',
    ],
  },
});
