import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { screenSizesPlugin } from './scripts/vite-screen-sizes';

/**
 * One build for the three Electron bundles and the hub:
 *   out/main/index.js   Electron main process (src/main)
 *   out/main/hub.js     the plain-Node hub (src/hub/cli.ts) — same core, no Electron
 *   out/main/imageWorker.js  the image worker thread of file uploads (src/core/files)
 *   out/main/heavyWorker.js  the heavy-work thread both start (src/core/worker)
 *   out/preload/index.js  the sandboxed bridge (everything bundled: a sandboxed preload can
 *                         only require 'electron')
 *   out/renderer/       the React screens, served by the hub or loaded by Electron
 *
 * The renderer is also what a lobby TV's old browser runs, so it is built for ONE documented
 * baseline (README, "Renderer build and browser baseline"): Chrome 87 with ES2020 syntax, minified,
 * one chunk per screen (App.tsx loads each screen lazily) — and the build prints what each
 * screen downloads (scripts/vite-screen-sizes.ts).
 */
// ES2020 syntax is all in Chrome 80+, so 'es2020' is the Chrome 87 baseline's syntax (a
// string: electron-vite merges an array with its own Chrome target).
const RENDERER_TARGET = 'es2020';
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          hub: resolve(__dirname, 'src/hub/cli.ts'),
          motcua: resolve(__dirname, 'src/cli/motcua.ts'),
          imageWorker: resolve(__dirname, 'src/core/files/imageWorker.ts'),
          // The heavy-work thread (src/core/worker): loaded by path next to hub.js/index.js.
          heavyWorker: resolve(__dirname, 'src/core/worker/heavyWorker.ts'),
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
    plugins: [
      react(),
      screenSizesPlugin(),
      { name: 'motcua-absolute-base', config: () => ({ base: '/' }) },
    ],
    build: {
      target: RENDERER_TARGET,
      cssTarget: 'chrome87',
      minify: true,
      cssMinify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
