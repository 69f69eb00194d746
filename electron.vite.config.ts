/**
 * electron-vite: main (electron/main.ts → out/main/index.js, and the engine worker host/engineWorker.ts
 * → out/main/engineWorker.js), preload (electron/preload.ts → out/preload/index.js, CommonJS because
 * sandboxed preloads cannot be ES modules) and the renderer (renderer/index.html → out/renderer). Main
 * and preload bundle everything but electron and Node's built-ins, so the packaged app needs no
 * node_modules at run time. Works without the Electron binary.
 */
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'electron-vite';
// @ts-expect-error -- exports-only package: the root tsconfig's `moduleResolution: node` cannot see its types; Vite resolves it.
import react from '@vitejs/plugin-react';

// Built as a plain object first: under `moduleResolution: node` Vite's option types are opaque to tsc.
const config = {
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: false,
      rolldownOptions: {
        // The engine worker is its own entry: the main process starts it with new Worker(out/main/engineWorker.js).
        input: { index: resolve(__dirname, 'electron/main.ts'), engineWorker: resolve(__dirname, 'host/engineWorker.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
      },
    },
  },
} as UserConfig;

export default defineConfig(config);
