/**
 * Reports over real HTTP with a scripted day of activity whose answers are worked out by
 * hand (docs/reports.md): dossiers through the dossier endpoints, tickets through the queue
 * endpoints, ratings as rows of migration 005 (the rating endpoint belongs to issue 6). Every
 * number of the summary, the details and the exports (CSV parsed, XLSX read back with
 * exceljs, register HTML) is compared with the expected value; period boundaries at Vietnam
 * midnight; the same answers under TZ=UTC and TZ=Asia/Ho_Chi_Minh; query plans use the
 * covering indexes of migration 007.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { createCatalogService } from '../../../src/core/catalog/catalogService';
import { ensureCounter } from '../../../src/core/counters/countersRepo';
import { DEMO_DEVICES, DEMO_SITE, DEMO_USERS } from '../../../src/core/demo/seedDemo';
import { seedDemoDevices } from '../../../src/core/devices/deviceService';
import { seedQueueDemo } from '../../../src/core/queue/demoServices';
import { createReportQueries } from '../../../src/core/reports/reportQueries';
import { updateSite } from '../../../src/core/settings/site';
import type { Hub } from '../../../src/hub/startHub';
import { ulid } from '../../../src/shared/ids';
import { vnInstant } from '../../../src/shared/time/vnTime';
import {
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  OFFICER,
  startTestHub,
  KIOSK,
} from '../../helpers/hub';

const D = '2026-03-10'; // a Tuesday; no holiday near it

interface Office {
  hub: Hub;
  clock: ReturnType<typeof fixedClock>;
  at(date: string, h: number, m?: number, s?: number): void;
  token(): Promise<string>;
  procedure(nationalCode: string): string;
  service(prefix: string): string;
  counter(n: number): string;
  officerId: string;
}

async function openOffice(start: Date): Promise<Office> {
  const clock = fixedClock(start);
  const hub = await startTestHub({ demo: false, clock, dataDir: makeTempDir('motcua-reports-') });
  const { db, auth } = hub.core;
  const now = clock.now();
  // The demo office without the demo dossiers (they would change the known answers).
  updateSite(db, DEMO_SITE, now);
  ensureCounter(db, { number: 1, name: 'Quầy 1 — Hộ tịch, Chứng thực', priority: false }, now);
  ensureCounter(db, { number: 2, name: 'Quầy 2 — Đất đai, Xây dựng', priority: false }, now);
  ensureCounter(db, { number: 3, name: 'Quầy 3 — Ưu tiên, Trả kết quả', priority: true }, now);
  seedQueueDemo(db, now);
  for (const u of DEMO_USERS) await auth.createUser({ ...u }, null);
  seedDemoDevices(db, DEMO_DEVICES, now); // the paired kiosk that issues the tickets
  createCatalogService(db).ensureDefault(now);
  const one = <T>(sql: string, ...p: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...p) as T;
  let cached: { token: string; day: string } | null = null;
  return {
    hub,
    clock,
    at: (date, h, m = 0, s = 0) => clock.set(vnInstant(date, h, m, s)),
    async token() {
      const day = clock.now().toISOString().slice(0, 10);
      if (cached?.day !== day) cached = { token: await login(hub.url, OFFICER), day };
      return cached.token;
    },
    procedure: (code) => one<string>('SELECT id FROM procedures WHERE national_code = ?', code),
    service: (prefix) => one<string>('SELECT id FROM queue_services WHERE prefix = ?', prefix),
    counter: (n) => one<string>('SELECT id FROM counters WHERE number = ?', n),
    officerId: one<string>("SELECT id FROM users WHERE username = 'canbo1'"),
  };
}

async function receive(o: Office, code: string, name: string, ticketId?: string) {
  const res = await api(o.hub.url, '/api/v1/dossiers', {
    token: await o.token(),
    json: {
      procedureId: o.procedure(code),
      applicant: { fullName: name, phone: '0912345678', address: 'Thôn Phú Thọ, xã Quảng Phú' },
      ...(ticketId ? { ticketId } : {}),
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; code: string; dueDate: string };
}

async function act(o: Office, code: string, body: Record<string, unknown>) {
  const res = await api(o.hub.url, `/api/v1/dossiers/${encodeURIComponent(code)}/actions`, {
    token: await o.token(),
    json: body,
  });
  expect(res.status, res.text).toBe(200);
}

async function issue(o: Office, prefix: string) {
  const res = await api(o.hub.url, '/api/v1/queue/tickets', {
    device: KIOSK,
    json: { serviceId: o.service(prefix) },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; number: string };
}

async function call(o: Office, counter: number, number: string) {
  const res = await api(o.hub.url, `/api/v1/counters/${o.counter(counter)}/call`, {
    token: await o.token(),
    json: { number },
  });
  expect(res.status, res.text).toBe(200);
}

async function ticketAction(o: Office, id: string, action: string) {
  const res = await api(o.hub.url, `/api/v1/queue/tickets/${id}/actions`, {
    token: await o.token(),
    json: { action },
  });
  expect(res.status, res.text).toBe(200);
}

/** A rating as issue 6 stores it (migration 005): nothing about the rater. */
function rate(
  o: Office,
  ticket: { id: string; number: string },
  counter: number,
  score: 'satisfied' | 'neutral' | 'unsatisfied',
  reasons: string[],
  dossier?: { id: string; code: string },
) {
  const now = o.clock.now();
  o.hub.core.db
    .prepare(
      `INSERT INTO ratings (id, ticket_id, ticket_number, business_date, counter_id,
         officer_user_id, dossier_id, dossier_code, score, reasons, completed_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      ulid(now.getTime()),
      ticket.id,
      ticket.number,
      D,
      o.counter(counter),
      o.officerId,
      dossier?.id ?? null,
      dossier?.code ?? null,
      score,
      JSON.stringify(reasons),
      new Date(now.getTime() - 5000).toISOString(),
      now.toISOString(),
    );
}

type Summary = {
  dossiers: Record<string, number | null>;
  queue: Record<string, number | null>;
  ratings: Record<string, number>;
};

async function getJson<T>(o: Office, path: string): Promise<T> {
  const res = await api(o.hub.url, path, { token: await o.token() });
  expect(res.status, res.text).toBe(200);
  return res.body as T;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      field += c;
    } else if (c === ',') {
      endField();
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

async function download(o: Office, query: string) {
  const res = await fetch(`${o.hub.url}/api/v1/reports/export?${query}`, {
    headers: { Authorization: `Bearer ${await o.token()}` },
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('reports: a scripted day with known answers', () => {
  let o: Office;
  const dossier: Record<string, { id: string; code: string; dueDate: string }> = {};
  const ticket: Record<string, { id: string; number: string }> = {};

  beforeAll(async () => {
    o = await openOffice(vnInstant('2026-03-02', 7, 0));
    // ——— before the day ———
    o.at('2026-03-02', 9); // Mon: khai tử, 5 working days → due Mon 09/03; never finished
    dossier.X1 = await receive(o, '1.004884', 'Lê Văn Bình');
    o.at('2026-03-03', 9);
    await act(o, dossier.X1.code, { action: 'transfer', unit: 'Công chức Tư pháp - Hộ tịch' });
    o.at('2026-03-05', 9); // Thu: khai sinh, 1 working day → due Fri 06/03; result Mon 09/03 (late)
    dossier.X3 = await receive(o, '2.002516', 'Trần Thị Cúc');
    o.at('2026-03-06', 10); // Fri: tình trạng hôn nhân, 3 working days → due Wed 11/03
    dossier.X2 = await receive(o, '1.004873', 'Phạm Minh Đức');
    o.at('2026-03-09', 15);
    await act(o, dossier.X3.code, { action: 'result-ready' });

    // ——— the day ———
    o.at(D, 8, 0);
    ticket.T1 = await issue(o, 'A');
    o.at(D, 8, 0, 30); // chứng thực: same day → due 10/03
    dossier.A1 = await receive(o, '2.000815', 'Hoàng Văn Em');
    o.at(D, 8, 5);
    ticket.T2 = await issue(o, 'A');
    o.at(D, 8, 10);
    await call(o, 1, ticket.T1.number); // waited 10 min
    o.at(D, 8, 11);
    await ticketAction(o, ticket.T1.id, 'start');
    o.at(D, 8, 20);
    await ticketAction(o, ticket.T1.id, 'complete');
    o.at(D, 8, 20, 10);
    rate(o, ticket.T1, 1, 'satisfied', []);
    o.at(D, 8, 30); // X3 collected
    await act(o, dossier.X3.code, {
      action: 'return',
      collectedBy: 'Trần Thị Cúc',
      idChecked: true,
    });
    o.at(D, 8, 31); // khai sinh → due 11/03, stays in process
    dossier.A2 = await receive(o, '2.002516', 'Vũ Thị Giang');
    o.at(D, 8, 40);
    await call(o, 1, ticket.T2.number); // waited 35 min (> 20 min target)
    o.at(D, 8, 41);
    await ticketAction(o, ticket.T2.id, 'start');
    o.at(D, 8, 50);
    await ticketAction(o, ticket.T2.id, 'complete');
    o.at(D, 8, 50, 10);
    rate(o, ticket.T2, 1, 'unsatisfied', ['staff_attitude', 'processing_time'], dossier.X2);
    o.at(D, 9, 0);
    ticket.T3 = await issue(o, 'B');
    dossier.A3 = await receive(o, '2.002516', 'Đặng Văn Hải'); // then awaiting a supplement
    o.at(D, 9, 5);
    await call(o, 1, ticket.T3.number); // waited 5 min
    o.at(D, 9, 7);
    await ticketAction(o, ticket.T3.id, 'no-show');
    o.at(D, 9, 10);
    ticket.T4 = await issue(o, 'B');
    o.at(D, 9, 15); // khai tử → due 17/03, refused today (early)
    dossier.A4 = await receive(o, '1.004884', 'Bùi Thị Lan');
    o.at(D, 9, 30);
    await call(o, 1, ticket.T4.number); // waited 20 min (> 10 min target)
    await act(o, dossier.A3.code, {
      action: 'request-supplement',
      reason: 'Thiếu giấy chứng sinh',
    });
    o.at(D, 9, 31);
    await ticketAction(o, ticket.T4.id, 'start');
    o.at(D, 9, 40);
    await ticketAction(o, ticket.T4.id, 'complete');
    o.at(D, 9, 40, 10);
    rate(o, ticket.T4, 1, 'neutral', ['many_trips', 'complaint_handling'], dossier.A1);
    o.at(D, 10, 0);
    ticket.T5 = await issue(o, 'A'); // never called
    await act(o, dossier.A1.code, { action: 'result-ready' });
    o.at(D, 10, 5);
    await act(o, dossier.A1.code, {
      action: 'return',
      collectedBy: 'Hoàng Văn Em',
      idChecked: true,
    });
    o.at(D, 10, 10); // stopped on request: received, but outside the indicator
    dossier.A5 = await receive(o, '2.002516', 'Ngô Thị Mai');
    o.at(D, 10, 30);
    await act(o, dossier.A5.code, { action: 'stop', reason: 'Công dân xin rút hồ sơ' });
    o.at(D, 11, 0);
    await act(o, dossier.A4.code, { action: 'refuse', reason: 'Không thuộc thẩm quyền' });
    o.at(D, 13, 0); // chứng thực → due 10/03, result 16:30 (on time), not collected
    dossier.A6 = await receive(o, '2.000815', 'Lý Văn Nam');
    o.at(D, 14, 0);
    ticket.T6 = await issue(o, 'B');
    o.at(D, 14, 2);
    await call(o, 3, ticket.T6.number); // waited 2 min
    o.at(D, 14, 3);
    await ticketAction(o, ticket.T6.id, 'start');
    o.at(D, 14, 10);
    await ticketAction(o, ticket.T6.id, 'complete');
    await act(o, dossier.X2.code, { action: 'result-ready' }); // due 11/03 → early
    o.at(D, 16, 0);
    await act(o, dossier.X2.code, {
      action: 'return',
      collectedBy: 'Phạm Minh Đức',
      idChecked: true,
    });
    o.at(D, 16, 30);
    await act(o, dossier.A6.code, { action: 'result-ready' });
    o.at(D, 17, 0);
  }, 120_000);

  afterAll(cleanupHubs);

  it('the due dates the scenario relies on', () => {
    expect(dossier.X1?.dueDate).toBe('2026-03-09');
    expect(dossier.X3?.dueDate).toBe('2026-03-06');
    expect(dossier.X2?.dueDate).toBe('2026-03-11');
    expect(dossier.A1?.dueDate).toBe(D);
    expect(dossier.A4?.dueDate).toBe('2026-03-17');
  });

  it('summary of the day: every number as worked out by hand', async () => {
    const s = await getJson<Summary>(o, `/api/v1/reports/summary?from=${D}&to=${D}`);
    expect(s).toEqual({
      dossiers: {
        received: 6, // A1–A6
        returned: 3, // X3, A1, X2
        inProcess: 3, // X1 (overdue), A2, A3 (awaiting supplement)
        onTime: 2, // A1, A6
        early: 2, // X2 (result), A4 (refused)
        late: 0, // X3 was settled before the day
        overdueNow: 1, // X1
        apologyLetters: 0,
        onTimeRate: 85.7, // (2 + 2 + 2 within) / (4 settled + 3 in process)
      },
      queue: {
        issued: 6,
        served: 4,
        noShow: 1,
        avgWaitMinutes: 14.4, // (10 + 35 + 5 + 20 + 2) / 5
        p90WaitMinutes: 35, // nearest rank 5 of 5
      },
      ratings: { satisfied: 1, neutral: 1, unsatisfied: 1 },
      // A1–A6 handed over paper documents; nothing was scanned (docs/reports.md).
      digitisation: { dossiers: 6, digitised: 0, rate: 0, resultsDigitised: 0 },
    });
  });

  it('a longer period, and a past period judged at its own end', async () => {
    const week = await getJson<Summary>(o, `/api/v1/reports/summary?from=2026-03-02&to=${D}`);
    expect(week.dossiers).toEqual({
      received: 9,
      returned: 3,
      inProcess: 3,
      onTime: 2,
      early: 2,
      late: 1, // X3: result on 09/03, due 06/03
      overdueNow: 1,
      apologyLetters: 0,
      onTimeRate: 75, // (2 + 2 + 2) / (5 + 3)
    });
    const past = await getJson<Summary>(o, '/api/v1/reports/summary?from=2026-03-02&to=2026-03-06');
    // At the end of 06/03 X1, X2, X3 were all in process within time.
    expect(past.dossiers).toEqual({
      received: 3,
      returned: 0,
      inProcess: 3,
      onTime: 0,
      early: 0,
      late: 0,
      overdueNow: 1,
      apologyLetters: 0,
      onTimeRate: 100,
    });
    expect(past.queue).toEqual({
      issued: 0,
      served: 0,
      noShow: 0,
      avgWaitMinutes: null,
      p90WaitMinutes: null,
    });
  });

  it('details: breakdowns, overdue list, queue by service/hour/counter, reasons, national satisfaction', async () => {
    type Details = {
      dossiers: Record<string, number | null>;
      byProcedure: {
        code: string;
        received: number;
        completed: number;
        inProcess: number;
        onTimeRate: number | null;
      }[];
      byField: { field: string; received: number }[];
      byOfficer: { name: string; received: number; ratings: Record<string, number> }[];
      overdue: {
        code: string;
        daysOverdue: number;
        applicantName: string;
        procedureCode: string;
      }[];
      queue: Record<string, number | null>;
      queueByService: {
        prefix: string;
        issued: number;
        overTarget: number;
        overTargetRate: number | null;
      }[];
      queueByHour: {
        hour: number;
        issued: number;
        served: number;
        avgWaitMinutes: number | null;
      }[];
      queueByCounter: { number: number; called: number; served: number; noShow: number }[];
      ratings: { reasons: { reason: string; count: number }[]; satisfiedRate: number | null };
      satisfaction: Record<string, number | boolean | null>;
    };
    const d = await getJson<Details>(o, `/api/v1/reports/details?from=${D}&to=${D}`);
    expect(d.dossiers).toMatchObject({
      completed: 4,
      inProcessWithinTime: 2,
      inProcessOverdue: 1,
    });
    const proc = (code: string) => d.byProcedure.find((p) => p.code === code);
    expect(proc('2.002516')).toMatchObject({
      received: 3,
      completed: 0,
      inProcess: 2,
      onTimeRate: 100,
    });
    expect(proc('2.000815')).toMatchObject({
      received: 2,
      completed: 2,
      inProcess: 0,
      onTimeRate: 100,
    });
    expect(proc('1.004884')).toMatchObject({
      received: 1,
      completed: 1,
      inProcess: 1,
      onTimeRate: 50,
    });
    expect(proc('1.004873')).toMatchObject({
      received: 0,
      completed: 1,
      inProcess: 0,
      onTimeRate: 100,
    });
    expect(d.byProcedure.reduce((s, p) => s + p.received, 0)).toBe(6);
    expect(d.byField.reduce((s, f) => s + f.received, 0)).toBe(6);
    expect(d.byOfficer).toEqual([
      expect.objectContaining({
        name: 'Nguyễn Thị Ngọc Ánh',
        received: 6,
        ratings: { satisfied: 1, neutral: 1, unsatisfied: 1, total: 3 },
      }),
    ]);
    expect(d.overdue).toEqual([
      expect.objectContaining({
        code: dossier.X1?.code,
        daysOverdue: 1,
        procedureCode: '1.004884',
      }),
    ]);
    expect(d.queue).toMatchObject({ called: 5, overTarget: 2, overTargetRate: 40 });
    const svc = (p: string) => d.queueByService.find((s) => s.prefix === p);
    expect(svc('A')).toMatchObject({ issued: 3, overTarget: 1, overTargetRate: 50 });
    expect(svc('B')).toMatchObject({ issued: 3, overTarget: 1, overTargetRate: 33.3 });
    const hour = (h: number) => d.queueByHour[h];
    expect(hour(8)).toEqual({ hour: 8, issued: 2, served: 2, avgWaitMinutes: 22.5 });
    expect(hour(9)).toEqual({ hour: 9, issued: 2, served: 1, avgWaitMinutes: 12.5 });
    expect(hour(10)).toEqual({ hour: 10, issued: 1, served: 0, avgWaitMinutes: null });
    expect(hour(14)).toEqual({ hour: 14, issued: 1, served: 1, avgWaitMinutes: 2 });
    expect(d.queueByHour.reduce((s, h) => s + h.issued, 0)).toBe(6);
    const counter = (n: number) => d.queueByCounter.find((c) => c.number === n);
    expect(counter(1)).toMatchObject({ called: 4, served: 3, noShow: 1 });
    expect(counter(3)).toMatchObject({ called: 1, served: 1, noShow: 0 });
    expect(d.ratings.reasons).toEqual([
      { reason: 'complaint_handling', count: 1 },
      { reason: 'many_trips', count: 1 },
      { reason: 'processing_time', count: 1 },
      { reason: 'staff_attitude', count: 1 },
    ]);
    expect(d.ratings.satisfiedRate).toBe(33.3);
    // (4 settled − X2 rated "không hài lòng" − A1 complained − 0 late) / 4
    expect(d.satisfaction).toEqual({
      dossiers: 4,
      late: 0,
      ratedUnsatisfiedNotLate: 1,
      complainedNotLate: 1,
      excluded: 2,
      ratio: 50,
      fullMarks: false,
    });
  });

  it('the province JSON carries the same numbers', async () => {
    const p = await getJson<{
      format: string;
      agency: { code: string };
      summary: Summary;
      satisfaction: { ratio: number };
    }>(o, `/api/v1/reports/province?from=${D}&to=${D}`);
    const s = await getJson<Summary>(o, `/api/v1/reports/summary?from=${D}&to=${D}`);
    expect(p.format).toBe('motcua.report/1');
    expect(p.agency.code).toBe(DEMO_SITE.agencyCode);
    expect(p.summary).toEqual(s);
    expect(p.satisfaction.ratio).toBe(50);
  });

  it('CSV exports: BOM, Vietnamese headers, one row per record, classes that add up to the summary', async () => {
    const { res, bytes } = await download(o, `kind=dossiers&format=csv&from=${D}&to=${D}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`bao-cao-dossiers_${D}_${D}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    const [header, ...data] = rows;
    expect(header).toEqual([
      'Mã hồ sơ',
      'Mã thủ tục',
      'Tên thủ tục',
      'Lĩnh vực',
      'Người nộp',
      'Thời gian tiếp nhận',
      'Hạn trả kết quả',
      'Ngày có kết quả',
      'Ngày trả kết quả',
      'Trạng thái',
      'Đánh giá trong kỳ',
      'Cán bộ tiếp nhận',
    ]);
    // In scope: A1–A6 received, X2 settled, X1 in process (X3 was settled before, but returned
    // today: it is not in the indicator's scope and not in this file).
    const byCode = new Map(data.map((r) => [r[0], r]));
    expect(data).toHaveLength(8);
    const cls = data.map((r) => r[10]);
    const n = (c: string) => cls.filter((x) => x === c).length;
    expect(n('Trước hạn')).toBe(2);
    expect(n('Đúng hạn')).toBe(2);
    expect(n('Quá hạn')).toBe(0);
    expect(n('Đang giải quyết trong hạn')).toBe(2);
    expect(n('Đang giải quyết quá hạn')).toBe(1);
    expect(byCode.get(dossier.A5?.code ?? '')?.[9]).toBe('Dừng giải quyết theo đề nghị');
    expect(byCode.get(dossier.A1?.code ?? '')?.slice(4, 9)).toEqual([
      'Hoàng Văn Em',
      `${D} 08:00`,
      D,
      D,
      D,
    ]);
    expect(data.filter((r) => r[5]?.startsWith(D)).length).toBe(6); // received

    const t = await download(o, `kind=tickets&format=csv&from=${D}&to=${D}`);
    const [th, ...tickets] = parseCsv(t.bytes.toString('utf8').slice(1));
    expect(th?.[0]).toBe('Số thứ tự');
    expect(tickets).toHaveLength(6);
    expect(tickets.map((r) => r[10])).toEqual([
      'Đã phục vụ',
      'Đã phục vụ',
      'Vắng mặt',
      'Đã phục vụ',
      'Đang chờ',
      'Đã phục vụ',
    ]);
    expect(tickets.map((r) => r[11])).toEqual(['10', '35', '5', '20', '', '2']);
    expect(tickets.map((r) => r[13])).toEqual(['Không', 'Có', 'Không', 'Có', '', 'Không']);
    expect(tickets[0]?.[4]).toBe(`${D} 08:00`);

    const r = await download(o, `kind=ratings&format=csv&from=${D}&to=${D}`);
    const text = r.bytes.toString('utf8');
    const [rh, ...ratings] = parseCsv(text.slice(1));
    expect(rh).toEqual([
      'Ngày',
      'Thời gian',
      'Số thứ tự',
      'Quầy',
      'Cán bộ phục vụ',
      'Mã hồ sơ',
      'Mức độ hài lòng',
      'Lý do',
    ]);
    expect(ratings.map((x) => x[6])).toEqual(['Hài lòng', 'Không hài lòng', 'Bình thường']);
    expect(ratings[1]?.[7]).toBe('Thái độ của cán bộ chưa tốt; Giải quyết chậm so với thời hạn');
    // No rater identity: no applicant names, phones or ID numbers of raters in the file.
    expect(text).not.toContain('0912345678');
    expect(text).not.toContain('Phạm Minh Đức');
  });

  it('XLSX exports read back with exceljs: Vietnamese headers, real date cells in Vietnam time', async () => {
    const { res, bytes } = await download(o, `kind=tickets&format=xlsx&from=${D}&to=${D}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.name).toBe('Lượt lấy số');
    expect(ws?.getRow(3).getCell(1).value).toBe('Số thứ tự');
    expect(ws?.rowCount).toBe(3 + 6);
    const first = ws?.getRow(4);
    expect(first?.getCell(1).value).toBe(ticket.T1?.number);
    const day = first?.getCell(2).value;
    expect(day).toBeInstanceOf(Date);
    expect((day as Date).toISOString()).toBe(`${D}T00:00:00.000Z`);
    const issued = first?.getCell(5).value as Date;
    expect(issued.toISOString()).toBe(`${D}T08:00:00.000Z`); // 08:00 as the office saw it
    expect(first?.getCell(5).numFmt).toBe('dd/mm/yyyy hh:mm');
    const waits = [4, 5, 6, 7, 8, 9].map((r) => ws?.getRow(r).getCell(12).value ?? null);
    expect(waits).toEqual([10, 35, 5, 20, null, 2]);

    const dx = await download(o, `kind=dossiers&format=xlsx&from=${D}&to=${D}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(dx.bytes as unknown as ArrayBuffer);
    const ws2 = wb2.worksheets[0];
    const classes: string[] = [];
    ws2?.eachRow((row, i) => {
      if (i > 3) classes.push(String(row.getCell(11).value ?? ''));
    });
    expect(classes.filter((c) => c === 'Trước hạn' || c === 'Đúng hạn')).toHaveLength(4);
    expect(classes.filter((c) => c.startsWith('Đang giải quyết'))).toHaveLength(3);
    expect(ws2?.getRow(3).getCell(7).value).toBe('Hạn trả kết quả');
  });

  it('the register (Mẫu 06): CSV/XLSX rows in entry order, and an A4 landscape HTML page', async () => {
    const { bytes } = await download(o, `kind=register&format=csv&from=${D}&to=${D}`);
    const [h, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    expect(h?.slice(0, 3)).toEqual(['STT', 'Mã hồ sơ', 'Tên thủ tục hành chính']);
    expect(rows.map((r) => r[1])).toEqual(
      ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((k) => dossier[k]?.code),
    );
    const entries = rows.map((r) => Number(r[0]));
    expect(entries).toEqual([...entries].sort((a, b) => a - b));
    expect(rows[0]?.[11]).toBe(D); // A1 returned today

    const html = await download(o, `kind=register&format=html&from=${D}&to=${D}`);
    expect(html.res.status).toBe(200);
    expect(html.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.res.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(html.res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = html.bytes.toString('utf8');
    expect(page).toContain('size: A4 landscape');
    expect(page).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(page).toContain('Từ ngày 10/03/2026 đến ngày 10/03/2026 — 6 hồ sơ');
    for (const k of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6']) expect(page).toContain(dossier[k]?.code);
    expect(page).not.toContain('<script');

    const bad = await api(
      o.hub.url,
      `/api/v1/reports/export?kind=tickets&format=html&from=${D}&to=${D}`,
      {
        token: await o.token(),
      },
    );
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_ERROR');
  });

  it('refuses bad periods and callers without an officer token', async () => {
    const t = await o.token();
    for (const q of [
      'from=2026-03-10',
      'from=2026-03-11&to=2026-03-10',
      'from=2026-02-30&to=2026-03-01',
      'from=2020-01-01&to=2026-01-01',
    ]) {
      const res = await api(o.hub.url, `/api/v1/reports/summary?${q}`, { token: t });
      expect(res.status, q).toBe(400);
    }
    expect((await api(o.hub.url, `/api/v1/reports/summary?from=${D}&to=${D}`)).status).toBe(401);
    expect(
      (await api(o.hub.url, `/api/v1/reports/export?kind=tickets&format=csv&from=${D}&to=${D}`))
        .status,
    ).toBe(401);
  });

  it('the same answers whatever the machine time zone', async () => {
    const original = process.env.TZ;
    const answers: string[] = [];
    try {
      for (const tz of ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        const s = await getJson<Summary>(o, `/api/v1/reports/summary?from=${D}&to=${D}`);
        const d = await getJson<unknown>(o, `/api/v1/reports/details?from=${D}&to=${D}`);
        const csv = (
          await download(o, `kind=tickets&format=csv&from=${D}&to=${D}`)
        ).bytes.toString();
        answers.push(JSON.stringify([s, d, csv]));
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(new Set(answers).size).toBe(1);
  });

  it('query plans: the period aggregates read covering indexes, never the tables', () => {
    const db = o.hub.core.db;
    const q = createReportQueries(db);
    const plan = (stmt: { source: string }, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${stmt.source}`).all(params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const p = { from: D, to: D };
    const all = q.dossiers.all;
    expect(plan(all.received, p)).toMatch(/COVERING INDEX reports_dossiers_received/);
    expect(plan(all.returned, p)).toMatch(/COVERING INDEX reports_dossiers_returned/);
    expect(plan(all.done, p)).toMatch(/COVERING INDEX reports_dossiers_done/);
    expect(plan(all.openNow, { asOf: D })).toMatch(/COVERING INDEX reports_dossiers_open/);
    expect(plan(all.openDoneLater, { asOf: D })).toMatch(/COVERING INDEX reports_dossiers_done/);
    expect(plan(all.openEndedLater, { asOf: D })).toMatch(/COVERING INDEX reports_dossiers_end/);
    expect(plan(all.overdueNow, { to: D, today: D })).toMatch(
      /COVERING INDEX reports_dossiers_open/,
    );
    expect(plan(q.ticketsOfService, { ...p, serviceId: 'x', targetSeconds: 600 })).toMatch(
      /COVERING INDEX reports_tickets_service/,
    );
    expect(plan(q.ticketsByDayHour, p)).toMatch(/COVERING INDEX reports_tickets_hour/);
    expect(plan(q.ticketsSummary, p)).toMatch(/COVERING INDEX reports_tickets_counter/);
    expect(plan(q.ticketsSummary, p)).not.toMatch(/TEMP B-TREE/);
    expect(plan(q.waitHistogramLong, p)).toMatch(/COVERING INDEX reports_tickets_wait/);
    expect(plan(q.waitHistogramLong, p)).not.toMatch(/TEMP B-TREE/);
    expect(plan(all.done, p)).not.toMatch(/TEMP B-TREE/); // the whole office: no GROUP BY
    expect(plan(q.ticketsByDayCounter, p)).toMatch(/COVERING INDEX reports_tickets_counter/);
    expect(plan(q.ratingScores, p)).toMatch(/COVERING INDEX (reports_)?ratings_day/);
    const summaryPlans = [
      plan(all.received, p),
      plan(all.done, p),
      plan(all.openNow, { asOf: D }),
      plan(q.ticketsOfService, { ...p, serviceId: 'x', targetSeconds: 600 }),
      plan(q.ticketsByDayHour, p),
    ].join(' | ');
    expect(summaryPlans).not.toMatch(/SCAN (dossiers|tickets)\b(?! USING)/);
    expect(plan(q.ticketsByDayHour, p)).not.toMatch(/TEMP B-TREE/); // streamed in index order
  });
});

describe('reports: periods end at Vietnam midnight', () => {
  afterAll(cleanupHubs);

  it('23:59:59 and 00:00:00 Vietnam time fall on different report days', async () => {
    const o = await openOffice(vnInstant('2026-03-12', 7, 0));
    o.at('2026-03-12', 23, 59, 59);
    const late = await issue(o, 'A');
    const d = await receive(o, '2.002516', 'Trịnh Văn Tú');
    o.at('2026-03-13', 0, 0, 0);
    const early = await issue(o, 'A');
    await act(o, d.code, { action: 'result-ready' });
    expect(late.number).toBe('A001');
    expect(early.number).toBe('A001'); // numbering restarts: a new Vietnam day
    o.at('2026-03-13', 9, 0);
    const day = (x: string) => getJson<Summary>(o, `/api/v1/reports/summary?from=${x}&to=${x}`);
    const d12 = await day('2026-03-12');
    const d13 = await day('2026-03-13');
    expect(d12.queue.issued).toBe(1);
    expect(d13.queue.issued).toBe(1);
    expect(d12.dossiers).toMatchObject({ received: 1, early: 0, onTime: 0, inProcess: 1 });
    // Due 13/03 (1 working day), result at 00:00:00 on 13/03: on time, settled on the 13th.
    expect(d13.dossiers).toMatchObject({ received: 0, onTime: 1, inProcess: 0, onTimeRate: 100 });
    const hours = (
      await getJson<{ queueByHour: { hour: number; issued: number }[] }>(
        o,
        '/api/v1/reports/details?from=2026-03-12&to=2026-03-13',
      )
    ).queueByHour.filter((h) => h.issued > 0);
    expect(hours).toEqual([
      expect.objectContaining({ hour: 0, issued: 1 }),
      expect.objectContaining({ hour: 23, issued: 1 }),
    ]);
  }, 60_000);
});
