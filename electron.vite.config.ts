import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * One build for the three Electron bundles and the hub:
 *   out/main/index.js   Electron main process (src/main)
 *   out/main/hub.js     the plain-Node hub (src/hub/cli.ts) — same core, no Electron
 *   out/preload/index.js  the sandboxed bridge (everything bundled: a sandboxed preload can
 *                         only require 'electron')
 *   out/renderer/       the React screens, served by the hub or loaded by Electron
 */
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          hub: resolve(__dirname, 'src/hub/cli.ts'),
          motcua: resolve(__dirname, 'src/cli/motcua.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Absolute asset paths, so deep routes (/ticket/<id>) load /assets/… (docs/queue.md).
    // electron-vite's preset forces base './' for builds; this plugin's config runs after it.
    plugins: [react(), { name: 'motcua-absolute-base', config: () => ({ base: '/' }) }],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
