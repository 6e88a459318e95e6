import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { sharedAlias } from './shared-alias.js';

const apiTarget = process.env.BRIDGELINE_API ?? 'http://localhost:3978';

export default defineConfig({
  plugins: [react()],
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
