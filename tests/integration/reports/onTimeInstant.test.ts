/**
 * On-time classes by the due INSTANT for hour-based and same-day procedures (docs/reports.md,
 * "On-time class"; NĐ 23/2015 Art. 7 for "sau 15 giờ"), worked by hand over real HTTP: the
 * summary (daily rollups), the per-procedure details (direct queries) and the dossier export
 * all give the class the lifecycle stored when the result became ready.
 *
 * Same-day (chứng thực bản sao 2.000815, closing time 17:00):
 * - A: received Thu 05/03/2026 10:00 → due 05/03 17:00; result 17:00:00 → on time.
 * - B: received 05/03 10:00 → due 05/03 17:00; result 17:00:01 → LATE (same day, after the
 *   instant: by date alone it was on time).
 * - C: received 05/03 15:00:00 → still today, due 05/03 17:00; result 19:00 → LATE.
 * - D: received 05/03 15:00:01 → next working day, due Fri 06/03 17:00; result 05/03 16:00 →
 *   early (returned before the due day).
 * Hour-based (a 4-hour procedure; default office hours from 08:00):
 * - E: received 05/03 08:00 → due 05/03 12:00; result 14:00 (2 hours after) → LATE.
 * - F: received 05/03 08:00 → due 05/03 12:00; result 12:00:00 → on time.
 * Totals for March: early 1, on time 2, late 3.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { rebuildRollups } from '../../../src/core/db/migrations/008-report-rollups';
import type { Hub } from '../../../src/hub/startHub';
import { addFourHourProcedure, APPLICANT as applicant, api, cleanupHubs } from '../../helpers/hub';
import { startLawHub, vnInstant as vn } from '../../helpers/lawHub';

type Json = Record<string, unknown>;

const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let hub: Hub;
let officer: string;

async function dossier(procedureId: string, receivedAt: string, readyAt: string) {
  clock.set(vn(receivedAt));
  const res = await api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: { applicant, procedureId },
  });
  expect(res.status, res.text).toBe(201);
  const body = res.body as Json;
  clock.set(vn(readyAt));
  const ready = await api(hub.url, `/api/v1/dossiers/${body['code'] as string}/actions`, {
    token: officer,
    json: { action: 'result-ready' },
  });
  expect(ready.status, ready.text).toBe(200);
  return { code: body['code'] as string, dueDate: body['dueDate'], dueAt: body['dueAt'] };
}

beforeAll(async () => {
  ({ hub, officer } = await startLawHub(clock));
  await addFourHourProcedure(hub.url);
});
afterAll(cleanupHubs);

describe('on-time class by the due instant (hour-based and same-day limits)', () => {
  it('hand-worked cases: reports count by the instant, not the date', async () => {
    const a = await dossier('2.000815', '2026-03-05T10:00:00', '2026-03-05T17:00:00');
    const b = await dossier('2.000815', '2026-03-05T10:00:00', '2026-03-05T17:00:01');
    const c = await dossier('2.000815', '2026-03-05T15:00:00', '2026-03-05T19:00:00');
    const d = await dossier('2.000815', '2026-03-05T15:00:01', '2026-03-05T16:00:00');
    const e = await dossier('9.999001', '2026-03-05T08:00:00', '2026-03-05T14:00:00');
    const f = await dossier('9.999001', '2026-03-05T08:00:00', '2026-03-05T12:00:00');
    expect([a, b, c].map((x) => x.dueDate)).toEqual(['2026-03-05', '2026-03-05', '2026-03-05']);
    expect(d.dueDate).toBe('2026-03-06');
    expect(e.dueAt).toBe(vn('2026-03-05T12:00:00').toISOString());

    // The trail records the class at the moment the result became ready.
    const classOf = async (code: string) => {
      const r = (await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer })).body as {
        events: Array<{ type: string; details: Json }>;
      };
      return r.events.find((x) => x.type === 'result_ready')?.details['resultOnTime'];
    };
    expect(await Promise.all([a, b, c, d, e, f].map((x) => classOf(x.code)))).toEqual([
      'on_time',
      'late',
      'late',
      'early',
      'late',
      'on_time',
    ]);

    clock.set(vn('2026-03-20T09:00:00'));
    const q = 'from=2026-03-01&to=2026-03-31';
    const summary = (await api(hub.url, `/api/v1/reports/summary?${q}`, { token: officer }))
      .body as { dossiers: Json };
    expect(summary.dossiers).toMatchObject({ early: 1, onTime: 2, late: 3 });

    const details = (await api(hub.url, `/api/v1/reports/details?${q}`, { token: officer }))
      .body as { byProcedure: Json[] };
    expect(details.byProcedure.find((p) => p['code'] === '2.000815')).toMatchObject({
      early: 1,
      onTime: 1,
      late: 2,
    });
    expect(details.byProcedure.find((p) => p['code'] === '9.999001')).toMatchObject({
      early: 0,
      onTime: 1,
      late: 1,
    });

    // The export's per-dossier class says the same.
    const xlsx = await fetch(`${hub.url}/api/v1/reports/export?${q}&kind=dossiers&format=xlsx`, {
      headers: { Authorization: `Bearer ${officer}` },
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.getWorksheet('Hồ sơ');
    const classes = new Map<string, string>();
    sheet?.eachRow((row, n) => {
      if (n > 1) classes.set(String(row.getCell(1).value), String(row.getCell(11).value ?? ''));
    });
    expect([a, b, c, d, e, f].map((x) => classes.get(x.code))).toEqual([
      'Đúng hạn',
      'Quá hạn',
      'Quá hạn',
      'Trước hạn',
      'Quá hạn',
      'Đúng hạn',
    ]);

    // The rollup kept by the triggers equals a rebuild from the rows.
    const rollup = () =>
      hub.core.db.prepare('SELECT done_date, n FROM report_dossier_late_on_due').all();
    const kept = rollup();
    expect(kept).toEqual([{ done_date: '2026-03-05', n: 3 }]);
    rebuildRollups(hub.core.db);
    expect(rollup()).toEqual(kept);
  });
});
