import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The provincial screen (src/province/ui), served by `npm run province` from out/province.
 * Separate from the hub's renderer build: the province service has no Electron side.
 */
export default defineConfig({
  root: resolve(__dirname, 'src/province/ui'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/province'),
    emptyOutDir: true,
    rollupOptions: { input: { province: resolve(__dirname, 'src/province/ui/province.html') } },
  },
});
