import { defineProject } from 'vitest/config';
import { sharedAlias } from './shared-alias.js';

export default defineProject({
  resolve: { alias: sharedAlias },
  test: {
    name: 'tab',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'jsdom',
    // Isolated per file (module state such as the kept token must not leak between files): the threads pool, whose
    // isolation stays on while the server's forks run without it (root vitest.config.ts).
    pool: 'threads',
    setupFiles: ['./src/test/setup.ts'],
    // Above the 5 s that findBy… may wait (src/test/setup.ts), so a slow wait fails with its own message.
    testTimeout: 20_000,
  },
});
