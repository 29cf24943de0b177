/**
 * The digitisation figures (docs/reports.md, "Digitisation") on a scripted day, every number
 * worked out by hand: the summary, the dashboard details per procedure, and the export.
 *
 * Tue 03/03/2026: F (procedure P1, every paper document scanned, result scanned).
 * Wed 04/03/2026:
 *   A  P1, every paper document scanned                               → digitised
 *   B  P1, only the first paper document scanned                      → not digitised
 *   C  P1, first document reused from A (e_data, linked), the rest
 *      scanned                                                        → digitised
 *   D  P1, every document e_data (no paper)                           → not counted
 *   E  P2, paper, nothing scanned, result scanned                     → not digitised, 1 result
 * Day 04/03: P1 3 dossiers (A, B, C), 2 digitised (66.7 %), 0 results; P2 1 dossier (E),
 * 0 digitised (0 %), 1 result; overall 4, 2, 50 %, 1.
 * 03–04/03: overall 5 (F too), 3, 60 %, 2 results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { parseCsv } from '../../../src/core/spreadsheet/csv';
import { cleanPdf, upload } from '../../helpers/files';
import { api, cleanupHubs, login, OFFICER, startTestHub } from '../../helpers/hub';

// The demo's own dossiers are received around the start (January): outside every period here.
const clock = fixedClock(new Date('2026-01-06T02:00:00Z'));
const P1 = '1.004884';
const P2 = '2.002516';
const CITIZEN = '001090555555';
let hub: Hub;
let officer: string;

interface Doc {
  name: string;
  kind: string;
  count: number;
}

async function receive(procedureId: string, documents?: unknown[], idNumber = CITIZEN) {
  const res = await api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: {
      procedureId,
      applicant: { fullName: 'Trần Văn Số', idNumber },
      ...(documents ? { documents } : {}),
    },
  });
  expect(res.status, res.text).toBe(201);
  const code = (res.body as { code: string }).code;
  const got = await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer });
  const docs = (got.body as { documents: Doc[] }).documents.map(({ name, kind, count }) => ({
    name,
    kind,
    count,
  }));
  return { code, docs };
}

let n = 0;
async function scan(code: string, documentName: string): Promise<string> {
  n += 1;
  const res = await upload(hub.url, code, {
    token: officer,
    documentName,
    files: [{ bytes: await cleanPdf(1, `scan ${n}`) }],
  });
  expect(res.status, res.text).toBe(201);
  return (res.body as { id: string }).id;
}

const figures = (dossiers: number, digitised: number, rate: number | null, results: number) => ({
  dossiers,
  digitised,
  rate,
  resultsDigitised: results,
});

beforeAll(async () => {
  hub = await startTestHub({ clock, authPolicy: { sessionHours: 24 * 365 } });
  officer = await login(hub.url, OFFICER);
  // 03/03: F
  clock.set(new Date('2026-03-03T02:00:00Z')); // Tue 03/03/2026 09:00 VN
  const f = await receive(P1);
  for (const d of f.docs) await scan(f.code, d.name);
  await scan(f.code, 'result');
  // 04/03
  clock.set(new Date('2026-03-04T02:00:00Z'));
  const a = await receive(P1);
  expect(a.docs.length).toBeGreaterThan(1); // B and C need a first and a rest
  const aFiles: string[] = [];
  for (const d of a.docs) aFiles.push(await scan(a.code, d.name));
  const b = await receive(P1);
  await scan(b.code, b.docs[0]?.name as string);
  const c = await receive(
    P1,
    a.docs.map((d, i) =>
      i === 0 ? { ...d, source: 'e_data', eDataNote: `Hồ sơ ${a.code}`, fileId: aFiles[0] } : d,
    ),
  );
  for (const d of c.docs.slice(1)) await scan(c.code, d.name);
  await receive(
    P1,
    a.docs.map((d) => ({ ...d, source: 'e_data', eDataNote: 'CSDL quốc gia về dân cư' })),
  );
  const e = await receive(P2, undefined, '001090666666');
  expect(e.docs.length).toBeGreaterThan(0);
  await scan(e.code, 'result');
});
afterAll(cleanupHubs);

describe('digitisation figures of a scripted day', () => {
  it('summary: overall for the day and for the two days', async () => {
    const day = await api(hub.url, '/api/v1/reports/summary?from=2026-03-04&to=2026-03-04', {
      token: officer,
    });
    expect((day.body as { digitisation: unknown }).digitisation).toEqual(figures(4, 2, 50, 1));
    const two = await api(hub.url, '/api/v1/reports/summary?from=2026-03-03&to=2026-03-04', {
      token: officer,
    });
    expect((two.body as { digitisation: unknown }).digitisation).toEqual(figures(5, 3, 60, 2));
    const none = await api(hub.url, '/api/v1/reports/summary?from=2026-03-05&to=2026-03-05', {
      token: officer,
    });
    expect((none.body as { digitisation: unknown }).digitisation).toEqual(figures(0, 0, null, 0));
  });

  it('details: per procedure and overall', async () => {
    const res = await api(hub.url, '/api/v1/reports/details?from=2026-03-04&to=2026-03-04', {
      token: officer,
    });
    const d = res.body as {
      digitisation: unknown;
      byProcedure: Array<{ id: string; received: number; digitisation: unknown }>;
    };
    expect(d.digitisation).toEqual(figures(4, 2, 50, 1));
    const by = new Map(d.byProcedure.map((p) => [p.id, p]));
    expect(by.get(P1)?.received).toBe(4); // D is received, but has no paper document
    expect(by.get(P1)?.digitisation).toEqual(figures(3, 2, 66.7, 0));
    expect(by.get(P2)?.digitisation).toEqual(figures(1, 0, 0, 1));
  });

  it('the export: one row per procedure and the total, CSV and XLSX', async () => {
    const csv = await fetch(
      `${hub.url}/api/v1/reports/export?kind=digitisation&format=csv&from=2026-03-04&to=2026-03-04`,
      { headers: { Authorization: `Bearer ${officer}` } },
    );
    expect(csv.status).toBe(200);
    const parsed = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    if (!parsed.ok) throw new Error('the export is not valid CSV');
    const rows = parsed.rows.filter((r) => r.some((c) => c !== ''));
    expect(rows[0]).toEqual([
      'Mã thủ tục',
      'Tên thủ tục',
      'Hồ sơ có giấy tờ bản giấy',
      'Hồ sơ đã số hóa đủ',
      'Tỷ lệ số hóa (%)',
      'Kết quả đã số hóa',
    ]);
    expect(rows.slice(1).map((r) => [r[0], ...r.slice(2)])).toEqual([
      [P1, '3', '2', '66.7', '0'],
      [P2, '1', '0', '0', '1'],
      ['', '4', '2', '50', '1'],
    ]);
    const xlsx = await fetch(
      `${hub.url}/api/v1/reports/export?kind=digitisation&format=xlsx&from=2026-03-04&to=2026-03-04`,
      { headers: { Authorization: `Bearer ${officer}` } },
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});
