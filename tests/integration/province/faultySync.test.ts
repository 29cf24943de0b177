/**
 * Acceptance of the province service (docs/province.md): two real site hubs push through a
 * proxy that drops connections, answers 500s, never answers, or loses the acknowledgement
 * after the batch was stored (a duplicate on the resend), while both sides restart — on the
 * embedded PGlite and on a real PostgreSQL server. In the end the province holds every event
 * exactly once, in seq order per site, and the sites have nothing pending.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { registerSite } from '../../../src/province/ingest';
import type { Province } from '../../../src/province/service';
import { cleanupHubs } from '../../helpers/hub';
import { BACKENDS, startTestProvince } from '../../helpers/province';
import { provinceEngines } from '../../helpers/provinceSuite';
import { produceRatings, startFaultProxy, startPushingSites } from '../../helpers/sync';

const TIMING = { batchSize: 40, pollMs: 20, timeoutMs: 1500, baseMs: 5, maxDelayMs: 80 };
const cleanups: (() => Promise<void>)[] = [];
const engines = provinceEngines();

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await cleanupHubs();
});

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function waitFor(what: string, cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(BACKENDS)('site hubs pushing to the province service on %s', (kind) => {
  it('delivers every event of two sites once and in order through faults and restarts', async () => {
    const seed = Date.now() % 100_000;
    const random = mulberry32(seed);
    const first = await startTestProvince(kind, engines.cluster());
    let province: Province = first.province;
    const restartProvince = async () => {
      await province.stop();
      province = (
        await startTestProvince(kind, engines.cluster(), {
          dataDir: first.dataDir,
          ...(first.databaseUrl ? { databaseUrl: first.databaseUrl } : {}),
        })
      ).province;
      target.port = province.port;
    };
    const target = { port: province.port };
    const proxy = await startFaultProxy(
      target,
      { drop: 0.12, hang: 0.06, error500: 0.12, lostAck: 0.12 },
      random,
    );
    cleanups.push(() => proxy.close());

    const { sites, hubs, restart } = await startPushingSites(
      ['A', 'B'],
      proxy.url,
      TIMING,
      (site) =>
        registerSite(province.db, {
          siteId: site.id,
          name: site.name,
          agencyCodes: [],
          key: site.key,
        }),
    );
    const siteIds = sites.map((site) => site.id);
    cleanups.push(async () => {
      await Promise.all([...hubs.map((h) => h.stop()), province.stop()]);
    });

    const produced: string[][] = [[], []];
    const PHASES = 4;
    const PER_PHASE_PER_SITE = 200; // 2 sites × 4 phases × 200 = 1,600 events
    for (let phase = 0; phase < PHASES; phase++) {
      for (let chunk = 0; chunk < 5; chunk++) {
        for (const [i, hub] of hubs.entries()) {
          produced[i]?.push(...produceRatings(hub.core.db, PER_PHASE_PER_SITE / 5));
        }
        await new Promise((r) => setTimeout(r, 20 + Math.floor(random() * 40)));
      }
      await restart(phase % hubs.length);
      if (phase % 2 === 1) await restartProvince();
    }

    await waitFor(
      'every site to have nothing pending',
      () => hubs.every((h) => h.core.sync.status().pending === 0),
      150_000,
    );
    expect(proxy.counts.drop + proxy.counts.error500 + proxy.counts.lostAck).toBeGreaterThan(0);
    expect(proxy.counts.lostAck, `seed ${seed}`).toBeGreaterThan(0);

    const all = await province.db.query<{ n: number; d: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM events',
    );
    expect(all[0], `seed ${seed}`).toEqual({ n: 1600, d: 1600 });
    for (const [i, siteId] of siteIds.entries()) {
      const rows = await province.db.query<{ event_id: string; seq: number }>(
        'SELECT event_id, seq FROM events WHERE site_id = $1 ORDER BY seq',
        [siteId],
      );
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_r, k) => k + 1));
      expect(rows.map((r) => r.event_id)).toEqual(produced[i]);
    }
    const ratings = await province.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ratings',
    );
    expect(ratings[0]?.n).toBe(1600);
    for (const hub of hubs) {
      expect(hub.core.sync.status()).toMatchObject({ pending: 0, lastError: null });
    }
  }, 240_000);
});
