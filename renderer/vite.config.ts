// Vite build of the renderer: `vite build --config renderer/vite.config.ts` from the repo root
// writes dist/renderer/, which both the Electron window (file://) and the headless host (HTTP)
// serve; `base: './'` keeps every asset URL relative so both work.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
