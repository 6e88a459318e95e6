import { defineProject } from 'vitest/config';
import { sharedAlias } from './shared-alias.js';

export default defineProject({
  resolve: { alias: sharedAlias },
  test: {
    name: 'tab',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    // Above the 5 s that findBy… may wait (src/test/setup.ts), so a slow wait fails with its own message.
    testTimeout: 20_000,
  },
});
