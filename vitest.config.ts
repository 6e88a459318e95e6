import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import EndToEndFirst from './vitest.sequencer.js';

export default defineConfig({
  resolve: {
    alias: { '@bridgeline/shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)) },
  },
  test: {
    // The server's projects run in forks that take file after file without a fresh module graph: each bot-db file has
    // its own database and app already, and the imports (restify, botbuilder, TypeORM) cost more than most files'
    // tests. Isolation is a setting of the pool, not of a project, so the tab's jsdom tests, which keep state in
    // modules, run in the threads pool, isolated (tab/vitest.config.ts).
    // Without isolation the forks pool runs one project after another: the end-to-end project first
    // (vitest.sequencer.ts), so its uneven end overlaps the tab's tests instead of ending the run.
    poolOptions: { forks: { isolate: false } },
    sequence: { sequencer: EndToEndFirst },
    // Vitest's default on a 2-core machine is one worker; the database tests spend much of their time waiting on
    // PostgreSQL, so two side by side finish in about 60% of the time (bot-db on a server: 75 s → 47 s here).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      'bot/vitest.config.ts',
      'bot/vitest.db.config.ts',
      'bot/vitest.e2e.config.ts',
      'tab',
      'scripts',
    ],
  },
});
