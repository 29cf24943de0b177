/**
 * The province classes on-time by the due INSTANT exactly as the commune does (docs/reports.md,
 * "On-time class"; docs/sync.md, payload version 4): a scripted day at a real site hub with
 * the edge cases of tests/integration/reports/onTimeInstant.test.ts, its outbox pushed as
 * signed batches, then the province's ranking and commune page are compared with the site's
 * own summary and details, on PGlite and on PostgreSQL.
 *
 * Thu 05/03/2026 (a working day):
 * - A: same-day copy (2.000815) received 10:00, due 17:00, result 17:00:00 → on time;
 * - B: same, result 17:00:01 → LATE on its due date (by date alone: on time);
 * - E: a 4-hour procedure received 08:00, due 12:00, result 14:00 → LATE, same date;
 * - F: 4-hour, received 08:00, result 12:00:00 → on time;
 * - G: 4-hour, received 09:00, due 13:00, still in process (in process within time at the end
 *   of 05/03 by the commune's date rule; overdue from 06/03).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { openProvinceDb } from '../../../src/province/db';
import { migrateProvince, provinceMigrations } from '../../../src/province/migrations';
import type { SyncEvent } from '../../../src/shared/contract/sync';
import { parseDossierCode } from '../../../src/shared/dossierCode';
import { ulid } from '../../../src/shared/ids';
import * as site from '../../helpers/hub';
import { vnInstant as vn } from '../../helpers/lawHub';
import {
  BACKENDS,
  call,
  loginAs,
  pushBatch,
  pushSiteOutbox,
  siteIdOf,
} from '../../helpers/province';
import { expectCommuneEqualsSummary, provinceEngines } from '../../helpers/provinceSuite';

type Json = Record<string, unknown>;

const engines = provinceEngines();
afterAll(site.cleanupHubs);
let hub: Hub;
const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let siteId: string;
let agencyCode: string;
const codes: Record<string, string> = {};

async function dossier(procedureId: string, receivedAt: string, readyAt: string | null) {
  clock.set(vn(receivedAt));
  const officer = await site.login(hub.url, site.OFFICER);
  const res = await site.api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: { applicant: site.APPLICANT, procedureId },
  });
  expect(res.status, res.text).toBe(201);
  const code = (res.body as Json)['code'] as string;
  if (readyAt !== null) {
    clock.set(vn(readyAt));
    const ready = await site.api(hub.url, `/api/v1/dossiers/${code}/actions`, {
      token: officer,
      json: { action: 'result-ready' },
    });
    expect(ready.status, ready.text).toBe(200);
  }
  return code;
}

beforeAll(async () => {
  clock.set(new Date('2026-01-01T02:00:00Z'));
  hub = await site.startTestHub({ clock, authPolicy: { sessionHours: 24 * 365 } });
  siteId = siteIdOf(hub);
  await site.addFourHourProcedure(hub.url);

  codes['A'] = await dossier('2.000815', '2026-03-05T10:00:00', '2026-03-05T17:00:00');
  codes['B'] = await dossier('2.000815', '2026-03-05T10:00:00', '2026-03-05T17:00:01');
  codes['E'] = await dossier('9.999001', '2026-03-05T08:00:00', '2026-03-05T14:00:00');
  codes['F'] = await dossier('9.999001', '2026-03-05T08:00:00', '2026-03-05T12:00:00');
  codes['G'] = await dossier('9.999001', '2026-03-05T09:00:00', null);
  clock.set(vn('2026-03-06T10:00:00'));
  const parsed = parseDossierCode(codes['A']);
  if (!parsed.ok) throw new Error(parsed.message);
  agencyCode = parsed.value.agencyCode;
}, 180_000);

/** asOf 05/03 (G within time), asOf today 06/03 (G overdue), and the settling day alone. */
const PERIODS = [
  { from: '2026-03-05', to: '2026-03-05' },
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-03-02', to: '2026-03-06' },
];

describe.each(BACKENDS)('on-time by the due instant at the province on %s', (kind) => {
  it("equals the commune's own summary and details, settled-late-on-the-due-date included", async () => {
    const { province } = await engines.start(kind, { now: () => clock.now() });
    await pushSiteOutbox(province, hub, [agencyCode]);

    // The site's stored classes travelled with the settling events (payload version 4).
    const stored = await province.db.query<{ dossier_code: string; settled_class: string | null }>(
      'SELECT dossier_code, settled_class FROM dossiers WHERE site_id = $1',
      [siteId],
    );
    const classOf = new Map(stored.map((r) => [r.dossier_code, r.settled_class]));
    expect(['A', 'B', 'E', 'F', 'G'].map((k) => classOf.get(codes[k] as string))).toEqual([
      'on_time',
      'late',
      'late',
      'on_time',
      null,
    ]);

    const token = await loginAs(province.url);
    const siteToken = await site.login(hub.url, site.OFFICER);
    for (const p of PERIODS) {
      await expectCommuneEqualsSummary(province, hub, { province: token, site: siteToken }, p);
      const q = `from=${p.from}&to=${p.to}`;

      // The commune's page: late per procedure as the commune's own details.
      const details = (
        await site.api(hub.url, `/api/v1/reports/details?${q}`, { token: siteToken })
      ).body as { byProcedure: { code: string; late: number }[] };
      const page = await call(
        province.url,
        'GET',
        `/api/v1/province/commune?siteId=${siteId}&${q}`,
        { token },
      );
      expect(page.status, page.text).toBe(200);
      const lateAt = (page.body as { procedures: { procedureId: string; late: number }[] })
        .procedures;
      for (const code of ['2.000815', '9.999001']) {
        expect(lateAt.find((x) => x.procedureId === code)?.late ?? 0, `${kind} ${q} ${code}`).toBe(
          details.byProcedure.find((x) => x.code === code)?.late ?? 0,
        );
      }
    }

    // The scripted day really has the edge cases: on 05/03 the commune counts A and F on
    // time, B and E late although settled on their due date (by date alone: 4 on time).
    const day = (
      await site.api(hub.url, '/api/v1/reports/summary?from=2026-03-05&to=2026-03-05', {
        token: siteToken,
      })
    ).body as { dossiers: Json };
    expect(day.dossiers).toMatchObject({ early: 0, onTime: 2, late: 2 });
  }, 180_000);
});

/** A dossier received 05/03 08:00 and settled 05/03 14:00 (due 05/03) in payload version 3 or 4. */
function settledOnDueDay(
  n: number,
  seq: number,
  v4: { dueAt: string; settledClass: 'early' | 'on_time' | 'late' } | null,
): SyncEvent[] {
  const dossierId = ulid();
  const code = `01.00.H02-260305-${String(n).padStart(4, '0')}`;
  const step = (i: number, action: string, at: string, settled: boolean): SyncEvent => {
    const v3 = {
      dossierId,
      dossierCode: code,
      procedureId: 'P1',
      step: i,
      action,
      fromStatus: i === 1 ? null : 'received',
      toStatus: action,
      dueDate: '2026-03-05',
      officerName: null,
      applicantIdMasked: null,
      payloadVersion: 3 as const,
      appointmentDate: null,
      apologyLetters: 0,
      needsVerification: false,
      paperDocuments: 0,
      digitisedDocuments: 0,
      resultDigitised: false,
    };
    const payload = v4
      ? {
          ...v3,
          payloadVersion: 4 as const,
          dueAt: v4.dueAt,
          settledClass: settled ? v4.settledClass : null,
        }
      : v3;
    return { id: ulid(), seq: seq + i - 1, type: 'dossier.event', at, payload };
  };
  return [
    step(1, 'received', '2026-03-05T01:00:00.000Z', false),
    step(2, 'result_ready', '2026-03-05T07:00:00.000Z', true),
  ];
}

describe.each(BACKENDS)('payload versions 3 and 4 on an upgraded database on %s', (kind) => {
  it('rows folded before migration 5 keep the date rule; v3 and v4 events fold side by side', async () => {
    const dataDir = site.makeTempDir('motcua-province-m5-');
    const databaseUrl = await engines.databaseUrl(kind);
    const before = await openProvinceDb({ databaseUrl, dataDir });
    try {
      await migrateProvince(
        before,
        provinceMigrations.filter((m) => m.version <= 4),
      );
      // What schema version 3 held: a dossier settled on its due date, counted on time.
      await before.query(`INSERT INTO sites (site_id, key) VALUES ('S1', 'old-key')`);
      await before.query(`INSERT INTO site_agencies VALUES ('S1', '01.00.H02')`);
      await before.query(
        `INSERT INTO dossiers (site_id, dossier_id, dossier_code, agency_code, procedure_id,
           status, due_date, received_date, settled_date, last_seq, settled_action)
         VALUES ('S1', 'D0', '01.00.H02-260302-0001', '01.00.H02', 'P1', 'result_ready',
           '2026-03-05', '2026-03-02', '2026-03-05', 0, 'result_ready')`,
      );
      await before.query(
        `INSERT INTO daily (site_id, agency_code, day, received) VALUES
           ('S1', '01.00.H02', '2026-03-02', 1)`,
      );
      await before.query(
        `INSERT INTO daily (site_id, agency_code, day, settled, settled_in_time) VALUES
           ('S1', '01.00.H02', '2026-03-05', 1, 1)`,
      );
    } finally {
      await before.close();
    }

    const { province } = await engines.start(kind, {
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      now: () => new Date('2026-03-20T03:00:00.000Z'),
    });
    const token = await loginAs(province.url);
    const rate = async () => {
      const r = await call(
        province.url,
        'GET',
        '/api/v1/province/communes?from=2026-03-05&to=2026-03-05',
        { token },
      );
      expect(r.status, r.text).toBe(200);
      return (r.body as { onTimeRate: number | null }[])[0]?.onTimeRate;
    };
    expect(await rate()).toBe(100);

    // D1 in version 3 (date rule: on time); D2 and D3 in version 4, late and on time by
    // the instant although all three were settled at 14:00 on their due date.
    const dueAt = '2026-03-05T05:00:00.000Z';
    const events = [
      ...settledOnDueDay(1, 1, null),
      ...settledOnDueDay(2, 3, { dueAt, settledClass: 'late' }),
      ...settledOnDueDay(3, 5, { dueAt: '2026-03-05T10:00:00.000Z', settledClass: 'on_time' }),
    ];
    const pushed = await pushBatch(province.url, { siteId: 'S1', key: 'old-key' }, events);
    expect(pushed.status, pushed.text).toBe(200);
    expect(
      await province.db.query(
        `SELECT dossier_code, settled_class, due_at FROM dossiers ORDER BY dossier_code`,
      ),
    ).toEqual([
      expect.objectContaining({ settled_class: null, due_at: null }),
      expect.objectContaining({ settled_class: null, due_at: null }),
      expect.objectContaining({ settled_class: 'late', due_at: new Date(dueAt) }),
      expect.objectContaining({ settled_class: 'on_time' }),
    ]);
    // Settled on 05/03: D0, D1, D3 on time, D2 late.
    expect(await rate()).toBe(75);
    expect(await province.db.query('SELECT payload_version FROM sites')).toEqual([
      { payload_version: 4 },
    ]);
  }, 180_000);
});
