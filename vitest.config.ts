import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: { '@bridgeline/shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)) },
  },
  test: {
    projects: [
      'bot/vitest.config.ts',
      'bot/vitest.db.config.ts',
      'bot/vitest.e2e.config.ts',
      'tab',
      'scripts',
    ],
  },
});
