/**
 * The waiting-time p90 at the province comes from the waits-by-minute rollup `ticket_waits`
 * (docs/province.md, "Figures"), kept by the fold in the batch's transaction: the rollup
 * equals the called tickets' waits grouped by minute after outcomes are replaced, and the p90
 * read from it equals the exact nearest-rank percentile of every wait of the period (the
 * commune's definition, percentileOfHistogram), on the embedded PGlite and on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { percentileOfHistogram } from '../../../src/core/reports/reportService';
import { openProvinceDb } from '../../../src/province/db';
import { waitP90Seconds } from '../../../src/province/figures';
import { ingestEvents, registerSite } from '../../../src/province/ingest';
import { migrateProvince } from '../../../src/province/migrations';
import type { SyncEvent } from '../../../src/shared/contract/sync';
import { ulid } from '../../../src/shared/ids';
import { makeTempDir } from '../../helpers/hub';
import { BACKENDS } from '../../helpers/province';
import { provinceEngines } from '../../helpers/provinceSuite';

const engines = provinceEngines();

/** A deterministic sequence of waits with ties, minute edges, long waits and uncalled tickets. */
function waits(n: number, seed: number): (number | null)[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  return Array.from({ length: n }, () => {
    const r = next();
    if (r < 0.08) return null;
    if (r < 0.15) return [0, 59, 60, 119, 120][Math.floor(next() * 5)] as number;
    if (r < 0.2) return 36_000 + Math.floor(next() * 7200); // past the open-ended last minute
    return Math.floor(next() * 2400);
  });
}

function ticket(
  seq: number,
  ticketId: string,
  businessDate: string,
  wait: number | null,
): SyncEvent {
  const issued = `${businessDate}T01:00:00.000Z`;
  return {
    id: ulid(),
    seq,
    type: 'ticket.outcome',
    at: `${businessDate}T03:00:00.000Z`,
    payload: {
      ticketId,
      number: 'A001',
      businessDate,
      serviceId: 'SV',
      outcome: wait === null ? 'no_show' : 'served',
      counterNumber: wait === null ? null : 1,
      priority: false,
      issuedAt: issued,
      calledAt: wait === null ? null : issued,
      finishedAt: null,
      waitSeconds: wait,
      serviceSeconds: null,
    },
  };
}

describe.each(BACKENDS)('the waits-by-minute rollup on %s', (kind) => {
  it('follows replaced outcomes and gives the exact nearest-rank p90 of every wait', async () => {
    const databaseUrl = await engines.databaseUrl(kind);
    const db = await openProvinceDb({ databaseUrl, dataDir: makeTempDir('motcua-province-w-') });
    try {
      await migrateProvince(db);
      const days = ['2026-02-27', '2026-03-02', '2026-03-03', '2026-03-31', '2026-04-01'];
      const sites = ['S1', 'S2'];
      for (const siteId of sites) await registerSite(db, { siteId, name: siteId, agencyCodes: [] });
      const now = new Date('2026-03-10T03:00:00.000Z');
      for (const [k, siteId] of sites.entries()) {
        const list = waits(400, 7 + k);
        const ids = list.map(() => ulid());
        const first = list.map((w, i) =>
          ticket(i + 1, ids[i] as string, days[i % days.length] as string, w),
        );
        await ingestEvents(db, siteId, first, 'test', now);
        // A later event replaces the outcome of every fifth ticket (another wait, or none).
        const again = waits(80, 99 + k);
        const second = again.map((w, i) =>
          ticket(
            list.length + i + 1,
            ids[i * 5] as string,
            days[(i * 5) % days.length] as string,
            w,
          ),
        );
        await ingestEvents(db, siteId, second, 'test', now);
      }
      expect(
        await db.query(
          `SELECT site_id, day::text AS day, minute, n FROM ticket_waits WHERE n <> 0
            ORDER BY 1, 2, 3`,
        ),
      ).toEqual(
        await db.query(
          `SELECT site_id, business_date::text AS day, LEAST(wait_seconds / 60, 600) AS minute,
                  count(*)::int AS n
             FROM tickets WHERE wait_seconds IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        ),
      );
      expect(
        await db.query(
          `SELECT site_id, month::text AS month, minute, n FROM ticket_waits_month WHERE n <> 0
            ORDER BY 1, 2, 3`,
        ),
      ).toEqual(
        await db.query(
          `SELECT site_id, date_trunc('month', business_date)::date::text AS month,
                  LEAST(wait_seconds / 60, 600) AS minute, count(*)::int AS n
             FROM tickets WHERE wait_seconds IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        ),
      );
      // Whole months, partial months at either edge, both, none, a single day, an empty one.
      const periods = [
        { from: '2026-01-01', to: '2026-12-31' },
        { from: '2026-03-01', to: '2026-03-31' },
        { from: '2026-02-27', to: '2026-04-01' },
        { from: '2026-02-28', to: '2026-03-31' },
        { from: '2026-03-01', to: '2026-04-01' },
        { from: '2026-03-02', to: '2026-03-30' },
        { from: '2026-03-03', to: '2026-03-03' },
        { from: '2026-04-02', to: '2026-04-30' },
      ];
      for (const period of periods) {
        const expected = new Map<string, number>();
        for (const siteId of sites) {
          const rows = await db.query<{ w: number; n: number }>(
            `SELECT wait_seconds AS w, count(*)::int AS n FROM tickets
              WHERE site_id = $1 AND wait_seconds IS NOT NULL AND business_date BETWEEN $2 AND $3
              GROUP BY wait_seconds`,
            [siteId, period.from, period.to],
          );
          const p90 = percentileOfHistogram(rows, 0.9);
          if (p90 !== null) expected.set(siteId, p90);
        }
        expect(await waitP90Seconds(db, period, null)).toEqual(expected);
        const one = await waitP90Seconds(db, period, 'S2');
        expect(one.get('S2')).toBe(expected.get('S2'));
        expect(one.has('S1')).toBe(false);
      }
      // A rollup that disagrees with the rows (here S1's March inflated in the last minute)
      // never gives a wrong p90: that site's answer comes from the rows.
      const march = { from: '2026-03-01', to: '2026-03-31' };
      const before = await waitP90Seconds(db, march, null);
      await db.query(
        `INSERT INTO ticket_waits_month (site_id, month, minute, n)
         VALUES ('S1', '2026-03-01', 600, 1000)
         ON CONFLICT (site_id, month, minute) DO UPDATE SET n = ticket_waits_month.n + 1000`,
      );
      expect(await waitP90Seconds(db, march, null)).toEqual(before);
    } finally {
      await db.close();
    }
  }, 180_000);
});
