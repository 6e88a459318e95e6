import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { sharedAlias } from './shared-alias.js';

/**
 * The entry (src/main.tsx) is tiny and imports the app (src/app/mount.tsx) dynamically, after starting the first API
 * calls. Vite preloads only what an entry imports statically, so this adds a modulepreload of the app's chunk and
 * the chunks it imports to index.html: the browser fetches and compiles it alongside the entry, not after it.
 */
function preloadApp(): Plugin {
  return {
    name: 'bridgeline-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {});
        const holds = (path: string) => (c: (typeof chunks)[number]) =>
          c.type === 'chunk' && c.moduleIds.some((id) => id.endsWith(path));
        const app = chunks.find(holds('/tab/src/app/mount.tsx'));
        // Another root built with these settings (the benchmark's hello-world) has no app chunk to preload.
        if (!chunks.some(holds('/tab/src/main.tsx'))) return [];
        if (!app || app.type !== 'chunk') throw new Error('preloadApp: no chunk holds tab/src/app/mount.tsx');
        const entry = ctx.chunk?.fileName;
        const files = [app.fileName, ...app.imports].filter(
          (f, i, all) => f !== entry && all.indexOf(f) === i,
        );
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

const apiTarget = process.env.BRIDGELINE_API ?? 'http://localhost:3978';

export default defineConfig({
  plugins: [react(), preloadApp()],
  // Relative asset paths: the server may serve the tab at `/` or at `/tab`.
  base: './',
  resolve: { alias: sharedAlias },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The entry chunk is React + Fluent UI (about 570 kB raw, 165 kB gzip); screens not needed for the first
    // inbox row are already split off. The size that matters is watched by `npm run bench -- tab` (gzip vs a
    // Fluent hello-world, ≤ 2.5×), so Vite's generic 500 kB warning would only alarm whoever runs `npm start`.
    chunkSizeWarningLimit: 700,
  },
  server: { port: 5173, proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
});
