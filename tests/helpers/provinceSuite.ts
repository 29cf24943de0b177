/**
 * The vitest side of the province test helpers (province.ts holds the rest and is shared with
 * the Playwright specs, which must not load vitest): the engines of a test file, and the check
 * that a commune's figures at the province equal its own summary.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Hub } from '../../src/hub/startHub';
import type { DatabaseKind } from '../../src/province/db';
import type { Province } from '../../src/province/service';
import { api, cleanupHubs } from './hub';
import { startTestPostgres, type TestPostgres } from './postgres';
import { call, siteIdOf, startTestProvince } from './province';

/**
 * The engines of a province test file, set up once: a throw-away PostgreSQL cluster for the
 * file (stopped after it), and the services started with `start` stopped after each test —
 * with the site hubs too when `hubs` is set. Call at the top level of the file.
 */
export function provinceEngines(options: { hubs?: boolean } = {}) {
  let cluster: TestPostgres | null = null;
  const running: Province[] = [];
  beforeAll(async () => {
    cluster = await startTestPostgres();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  afterEach(async () => {
    for (const p of running.splice(0)) await p.stop();
    if (options.hubs) await cleanupHubs();
  });
  const clusterOf = (): TestPostgres => {
    if (!cluster) throw new Error('the PostgreSQL cluster starts in beforeAll');
    return cluster;
  };
  return {
    /** The file's PostgreSQL cluster (from beforeAll on). */
    cluster: clusterOf,
    /** A fresh database URL on PostgreSQL, null on PGlite. */
    databaseUrl: async (kind: DatabaseKind): Promise<string | null> =>
      kind === 'postgresql' ? clusterOf().freshDatabase() : null,
    /** Start the service on `kind` (see startTestProvince), stopped after the test. */
    async start(kind: DatabaseKind, startOptions: Parameters<typeof startTestProvince>[2] = {}) {
      const started = await startTestProvince(kind, clusterOf(), startOptions);
      running.push(started.province);
      return started;
    },
  };
}

/**
 * The province's ranking row of a site hub for a period equals the commune's own summary for
 * the same period, figure by figure (docs/province.md, "Figures"; docs/reports.md).
 */
export async function expectCommuneEqualsSummary(
  province: Province,
  hub: Hub,
  tokens: { province: string; site: string },
  period: { from: string; to: string },
): Promise<void> {
  const q = `from=${period.from}&to=${period.to}`;
  const summary = (await api(hub.url, `/api/v1/reports/summary?${q}`, { token: tokens.site }))
    .body as {
    dossiers: {
      received: number;
      onTimeRate: number | null;
      overdueNow: number;
      apologyLetters: number;
    };
    ratings: { satisfied: number; neutral: number; unsatisfied: number };
    queue: { p90WaitMinutes: number | null };
  };
  const at = await call(province.url, 'GET', `/api/v1/province/communes?${q}`, {
    token: tokens.province,
  });
  expect(at.status, at.text).toBe(200);
  const r = summary.ratings;
  const rated = r.satisfied + r.neutral + r.unsatisfied;
  expect(at.body, q).toEqual([
    expect.objectContaining({
      siteId: siteIdOf(hub),
      received: summary.dossiers.received,
      onTimeRate: summary.dossiers.onTimeRate,
      overdue: summary.dossiers.overdueNow,
      apologies: summary.dossiers.apologyLetters,
      waitP90Minutes: summary.queue.p90WaitMinutes,
      satisfaction: rated > 0 ? Math.round((r.satisfied / rated) * 1000) / 10 : null,
    }),
  ]);
}
