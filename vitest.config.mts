import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node (no Electron). The business time zone is
// always Asia/Ho_Chi_Minh in code, so the suite runs under the CI machine's TZ (UTC) and
// must pass unchanged under TZ=Asia/Ho_Chi_Minh too.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
