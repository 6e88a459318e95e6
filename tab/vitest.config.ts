import { defineProject } from 'vitest/config';
import { sharedAlias } from './shared-alias.js';

export default defineProject({
  resolve: { alias: sharedAlias },
  test: {
    name: 'tab',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
  },
});
