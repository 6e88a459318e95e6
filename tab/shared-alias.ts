import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

// The tab compiles shared/ from source. Values come from subpaths (`@bridgeline/shared/errors`) so the zod
// schemas in api.ts never reach the bundle; types come from the root with `import type`.
const sharedSrc = fileURLToPath(new URL('../shared/src/', import.meta.url));

export const sharedAlias: Alias[] = [
  { find: /^@bridgeline\/shared\/(.+)$/, replacement: `${sharedSrc}$1.ts` },
  { find: /^@bridgeline\/shared$/, replacement: `${sharedSrc}index.ts` },
];
