import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { sharedAlias } from './shared-alias.js';

const apiTarget = process.env.BRIDGELINE_API ?? 'http://localhost:3978';

export default defineConfig({
  plugins: [react()],
  // Relative asset paths: the server may serve the tab at `/` or at `/tab`.
  base: './',
  resolve: { alias: sharedAlias },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { port: 5173, proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
});
