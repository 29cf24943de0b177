/**
 * What the provincial screen's new controls call (docs/province.md, "Screen"), on the embedded
 * PGlite and on a real PostgreSQL server: the ranking exported as CSV and XLSX (the same rows
 * as the JSON answer, Vietnamese headers), the USB import button's route (the CLI's checks:
 * once, signature, admin only), and a commune's 12-month trend.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '../../../src/core/sync/signing';
import { parseCsv } from '../../../src/core/spreadsheet/csv';
import { simulateCommune } from '../../../src/province/simulate';
import type { CommuneFigures } from '../../../src/shared/contract/province';
import { SYNC_FILE_FORMAT } from '../../../src/shared/contract/sync';
import { ulid } from '../../../src/shared/ids';
import { BACKENDS, call, loginAs, pushBatch, ratingEvents } from '../../helpers/province';
import { provinceEngines } from '../../helpers/provinceSuite';

const engines = provinceEngines();

const HEADERS = [
  'Hạng',
  'Mã đơn vị',
  'Xã / phường',
  'Tiếp nhận',
  'Đúng hạn (%)',
  'Quá hạn',
  'Thư xin lỗi',
  'Hồ sơ trễ có thư xin lỗi (%)',
  'Hài lòng (%)',
  'Số hóa (%)',
  'Số hóa kết quả (%)',
  'Thời gian chờ p90 (phút)',
  'Nhận dữ liệu lần cuối',
];

describe.each(BACKENDS)('the screen routes on %s', (kind) => {
  async function start() {
    const { province } = await engines.start(kind, {
      now: () => new Date('2026-11-30T05:00:00.000Z'),
    });
    const token = await loginAs(province.url);
    const register = async (siteId: string, name: string, agencyCodes: string[]) => {
      const r = await call(province.url, 'POST', '/api/v1/sync/sites', {
        token,
        body: { siteId, name, agencyCodes },
      });
      expect(r.status, r.text).toBe(201);
      return r.body as { siteId: string; key: string };
    };
    return { province, base: province.url, token, register };
  }

  it('exports the ranking as CSV and XLSX with the rows of the screen', async () => {
    const { base, token, register } = await start();
    for (const [index, name] of [
      [3, 'Xã Tân Lập'],
      [4, '=Xã "Hòa, Bình"'],
    ] as const) {
      const sim = simulateCommune({ index, firstDay: '2026-11-02', days: 20, perDay: 60 });
      const site = await register(`S${index}`, name, [sim.agencyCode]);
      for (let k = 0; k < sim.events.length; k += 200) {
        const r = await pushBatch(base, site, sim.events.slice(k, k + 200));
        expect(r.status, r.text).toBe(200);
      }
    }
    const q = 'from=2026-11-01&to=2026-11-30';
    const json = (await call(base, 'GET', `/api/v1/province/communes?${q}`, { token }))
      .body as CommuneFigures[];
    expect(json).toHaveLength(2);
    // The simulated trails carry payload version 3: every figure is filled.
    for (const row of json) {
      expect(row.apologies).toBeGreaterThan(0);
      expect(row.digitisationRate).not.toBeNull();
      expect(row.resultDigitisationRate).not.toBeNull();
      expect(row.waitP90Minutes).toBeGreaterThan(0);
    }

    const csv = await fetch(`${base}/api/v1/province/communes/export?${q}&format=csv`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="xep-hang-xa_2026-11-01_2026-11-30.csv"',
    );
    const parsed = parseCsv(await csv.text());
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...rows] = parsed.rows;
    expect(header).toEqual(HEADERS);
    expect(rows.map((r) => r[1])).toEqual(json.map((r) => r.siteId));
    const num = (v: number | null) => (v === null ? '' : String(v));
    for (const [i, r] of json.entries()) {
      expect(rows[i]?.slice(3, 12)).toEqual(
        [
          r.received,
          r.onTimeRate,
          r.overdue,
          r.apologies,
          r.lateWithApologyRate,
          r.satisfaction,
          r.digitisationRate,
          r.resultDigitisationRate,
          r.waitP90Minutes,
        ].map(num),
      );
    }
    // A name typed by an admin is never read as a formula by a spreadsheet.
    expect(rows.find((r) => r[1] === 'S4')?.[2]).toBe(`'=Xã "Hòa, Bình"`);

    const xlsx = await fetch(`${base}/api/v1/province/communes/export?${q}&format=xlsx`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws?.getRow(2).getCell(1).value).toBe('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    expect((ws?.getRow(3).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws?.getRow(4).getCell(2).value).toBe(json[0]?.siteId);
    expect(ws?.getRow(4).getCell(5).value).toBe(json[0]?.onTimeRate);

    const bad = await call(base, 'GET', `/api/v1/province/communes/export?${q}&format=pdf`, {
      token,
    });
    expect(bad.status).toBe(400);
    expect(
      (await call(base, 'GET', `/api/v1/province/communes/export?${q}&format=csv`)).status,
    ).toBe(401);
  }, 180_000);

  it('imports a USB file from the screen once, admin only, with the signature checked', async () => {
    const { province, base, token, register } = await start();
    const site = await register('S1', 'Xã Một', []);
    const content = JSON.stringify({
      fileId: ulid(),
      siteId: 'S1',
      createdAt: new Date().toISOString(),
      events: ratingEvents(1, 4),
    });
    const file = {
      format: SYNC_FILE_FORMAT,
      siteId: 'S1',
      signature: signatureHeader(site.key, content),
      content,
    };
    await province.accounts.createUser('viewer', 'Viewer@123', 'viewer');
    const viewer = await loginAs(base, { username: 'viewer', password: 'Viewer@123' });
    expect(
      (await call(base, 'POST', '/api/v1/province/import', { token: viewer, body: file })).status,
    ).toBe(403);
    const tampered = { ...file, content: content.replace('satisfied', 'neutral') };
    const refused = await call(base, 'POST', '/api/v1/province/import', { token, body: tampered });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { details: { reason: 'BAD_SIGNATURE' } } });

    const first = await call(base, 'POST', '/api/v1/province/import', { token, body: file });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ siteId: 'S1', events: 4, accepted: 4, duplicates: 0 });
    const again = await call(base, 'POST', '/api/v1/province/import', { token, body: file });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { details: { reason: 'FILE_ALREADY_IMPORTED' } } });
    const junk = await call(base, 'POST', '/api/v1/province/import', { token, body: { a: 1 } });
    expect(junk.status).toBe(400);
    const sites = (await call(base, 'GET', '/api/v1/sync/sites', { token })).body as {
      events: number;
    }[];
    expect(sites[0]?.events).toBe(4);
  }, 180_000);

  it("gives a commune's on-time rate by month for the 12 months ending with the period", async () => {
    const { base, token, register } = await start();
    const sim = simulateCommune({ index: 5, firstDay: '2026-09-01', days: 80, perDay: 40 });
    const site = await register('S5', 'Xã Năm', [sim.agencyCode]);
    for (let k = 0; k < sim.events.length; k += 200) {
      expect((await pushBatch(base, site, sim.events.slice(k, k + 200))).status).toBe(200);
    }
    const detail = {
      trend: (
        await call(base, 'GET', '/api/v1/province/commune/trend?siteId=S5&to=2026-11-30', {
          token,
        })
      ).body as { month: string; received: number; onTimeRate: number | null }[],
    };
    expect(detail.trend.map((m) => m.month)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    // Each month equals the ranking asked for that month alone.
    for (const m of detail.trend.slice(-3)) {
      const to =
        m.month === '2026-09' ? '2026-09-30' : m.month === '2026-10' ? '2026-10-31' : '2026-11-30';
      const one = (
        await call(base, 'GET', `/api/v1/province/communes?from=${m.month}-01&to=${to}`, { token })
      ).body as CommuneFigures[];
      expect(m).toEqual({
        month: m.month,
        received: one[0]?.received,
        onTimeRate: one[0]?.onTimeRate,
      });
      expect(m.received).toBeGreaterThan(0);
    }
    expect(detail.trend[0]).toEqual({ month: '2025-12', received: 0, onTimeRate: null });
  }, 180_000);
});
