import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real screens served by the built hub, in Debian's Chromium
 * (/usr/bin/chromium; never `npx playwright install`). Each spec file starts its own hub
 * (demo data, fresh folder, ephemeral port) through the `test` exported by
 * tests/e2e/helpers.ts, which also provides `baseURL`. Screenshots go to test-results/.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  // Generous: CI runs on a loaded 2-core machine, where a backup with key derivation or the
  // board's sound probe can take several seconds (a failing check still fails, only later).
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
