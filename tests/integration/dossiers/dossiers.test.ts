/**
 * Dossiers over real HTTP against a real SQLite hub (docs/dossiers.md): due dates on the
 * official 2025/2026 calendars under two machine time zones, every lifecycle rule refused
 * with 409, 200 concurrent receptions, the public lookup's privacy and rate limit, folded
 * search, back-entry rules, audit of views, forms, catalogue import and calendar edits.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { ADMIN, api, cleanupHubs, errorOf, login, OFFICER, startTestHub } from '../../helpers/hub';

type Json = Record<string, unknown>;

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 02/03/2026 09:00 VN
let hub: Hub;
let admin: string;
let officer: string;

const applicant = {
  fullName: 'Đặng Văn Đức',
  idNumber: '001090123456',
  phone: '0912 345 678',
  address: 'Thôn Phú Thọ, xã Quảng Phú, tỉnh Thanh Hóa',
  email: 'duc@example.vn',
};

/** Move the hub's clock (sessions last a year in this hub, so tokens stay valid). */
async function at(iso: string): Promise<void> {
  clock.set(new Date(iso));
  return Promise.resolve();
}

async function receive(body: Json = {}, token = officer) {
  const res = await api(hub.url, '/api/v1/dossiers', {
    token,
    json: { procedureId: '1.004884', applicant, ...body },
  });
  return res;
}

async function act(code: string, body: Json, token = officer) {
  return api(hub.url, `/api/v1/dossiers/${encodeURIComponent(code)}/actions`, {
    token,
    json: body,
  });
}

beforeAll(async () => {
  clock.set(new Date('2026-01-01T02:00:00Z'));
  hub = await startTestHub({ clock, authPolicy: { sessionHours: 24 * 365 } });
  admin = await login(hub.url, ADMIN);
  officer = await login(hub.url, OFFICER);
  await at('2026-03-02T02:00:00Z');
});
afterAll(cleanupHubs);

describe('due dates through GET /calendar/due-date match the official 2025–2026 tables', () => {
  // [received (Vietnam wall clock), amount, unit, expected due date]
  const cases: Array<[string, number, string, string]> = [
    ['2024-12-31T10:00', 1, 'working_day', '2025-01-02'], // 01/01 off
    ['2025-01-24T10:00', 1, 'working_day', '2025-02-03'], // Tết 27–31/01 + weekend
    ['2025-04-04T10:00', 1, 'working_day', '2025-04-08'], // Giỗ Tổ Mon 07/04
    ['2025-04-25T10:00', 1, 'working_day', '2025-04-26'], // Saturday 26/04 worked (swap)
    ['2025-04-29T10:00', 1, 'working_day', '2025-05-05'], // 30/04, 01/05, 02/05 (swapped)
    ['2025-08-29T10:00', 1, 'working_day', '2025-09-03'], // 01/09 + 02/09
    ['2025-12-31T10:00', 1, 'working_day', '2026-01-05'], // 01/01 + 02/01 (swapped)
    ['2026-01-09T10:00', 1, 'working_day', '2026-01-10'], // Saturday 10/01 worked
    ['2026-02-13T10:00', 1, 'working_day', '2026-02-23'], // Tết 16–20/02
    ['2026-02-12T10:00', 5, 'working_day', '2026-02-26'], // across Tết
    ['2026-04-24T10:00', 1, 'working_day', '2026-04-28'], // Giỗ Tổ Sun 26/04 → Mon 27/04 off
    ['2026-04-29T10:00', 1, 'working_day', '2026-05-04'], // 30/04, 01/05, no swap
    ['2026-08-21T10:00', 1, 'working_day', '2026-08-22'], // Saturday 22/08 worked
    ['2026-08-22T10:00', 1, 'working_day', '2026-08-24'], // received on the worked Saturday
    ['2026-08-28T10:00', 1, 'working_day', '2026-09-03'], // 31/08 (swap), 01/09, 02/09
    ['2026-11-23T10:00', 1, 'working_day', '2026-11-25'], // 24/11 Ngày Văn hóa Việt Nam
    ['2026-02-10T10:00', 7, 'day', '2026-02-23'], // ends on Tết 17/02 → next working day
    ['2026-03-05T14:59', 0, 'same_day', '2026-03-05'], // before the 15:00 cut-off
    // "sau 15 giờ": at exactly 15:00 it is still today (the old rule said the next day)
    ['2026-03-05T15:00', 0, 'same_day', '2026-03-05'],
    ['2026-03-05T15:01', 0, 'same_day', '2026-03-06'], // after the cut-off → next working day
    ['2026-02-13T15:30', 0, 'same_day', '2026-02-23'], // after cut-off, before Tết
    ['2025-01-01T00:30', 1, 'working_day', '2025-01-02'], // 17:30 UTC the day before
  ];

  it.each(['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles'])(
    'gives the official due dates with the machine in TZ=%s',
    async (tz) => {
      const saved = process.env.TZ;
      process.env.TZ = tz;
      try {
        for (const [at, amount, unit, expected] of cases) {
          const receivedAt = `${at}:00+07:00`;
          const q = new URLSearchParams({ receivedAt, amount: String(amount), unit });
          const res = await api(hub.url, `/api/v1/calendar/due-date?${q}`);
          expect(res.status, `${at} ${amount} ${unit}`).toBe(200);
          const body = res.body as { dueDate: string; dueAt: string };
          expect(body.dueDate, `${at} ${amount} ${unit}`).toBe(expected);
          expect(body.dueAt).toBe(new Date(`${expected}T17:00:00+07:00`).toISOString());
        }
      } finally {
        process.env.TZ = saved;
      }
    },
  );

  it('GET /calendar/{year} returns the official tables', async () => {
    const y25 = (await api(hub.url, '/api/v1/calendar/2025')).body as Json;
    expect(y25).toEqual({
      year: 2025,
      daysOff: [
        '2025-01-01',
        '2025-01-27',
        '2025-01-28',
        '2025-01-29',
        '2025-01-30',
        '2025-01-31',
        '2025-04-07',
        '2025-04-30',
        '2025-05-01',
        '2025-05-02',
        '2025-09-01',
        '2025-09-02',
      ],
      workingSaturdays: ['2025-04-26'],
    });
    const y26 = (await api(hub.url, '/api/v1/calendar/2026')).body as Json;
    expect(y26['workingSaturdays']).toEqual(['2026-01-10', '2026-08-22']);
    expect(y26['daysOff']).toContain('2026-11-24');
    expect(y26['daysOff']).toContain('2026-04-27');
  });

  it('a dossier received on Friday 13/02/2026 before Tết is due after Tết (code date in Vietnam time)', async () => {
    await at('2026-02-13T16:30:00Z'); // 23:30 VN Friday, 16:30 UTC
    const res = await receive({ procedureId: '2.002516' });
    expect(res.status).toBe(201);
    const body = res.body as Json;
    expect(body['code']).toMatch(/^000\.00\.14\.H56-260213-\d{4}$/);
    expect(body['dueDate']).toBe('2026-02-23');
    expect(body['status']).toBe('received');
    await at('2026-03-02T02:00:00Z');
  });

  it('an administrator edits a year: a bad table is refused and changes nothing; a good one moves due dates', async () => {
    const bad = await api(hub.url, '/api/v1/calendar/2027', {
      method: 'PUT',
      token: admin,
      json: { daysOff: ['2027-02-30'], workingSaturdays: ['2027-01-04'] },
    });
    expect(bad.status).toBe(400);
    const before = (await api(hub.url, '/api/v1/calendar/2027')).body as Json;
    expect(before['workingSaturdays']).toEqual([]);
    const forbidden = await api(hub.url, '/api/v1/calendar/2027', {
      method: 'PUT',
      token: officer,
      json: { daysOff: ['2027-01-04'], workingSaturdays: [] },
    });
    expect(forbidden.status).toBe(403);
    const ok = await api(hub.url, '/api/v1/calendar/2027', {
      method: 'PUT',
      token: admin,
      json: { daysOff: ['2027-01-04'], workingSaturdays: ['2027-01-09'] },
    });
    expect(ok.status).toBe(200);
    const q = new URLSearchParams({
      receivedAt: '2027-01-01T10:00:00+07:00',
      amount: '1',
      unit: 'working_day',
    });
    expect(((await api(hub.url, `/api/v1/calendar/due-date?${q}`)).body as Json)['dueDate']).toBe(
      '2027-01-05',
    );
    const reset = await api(hub.url, '/api/v1/calendar/2027', { method: 'DELETE', token: admin });
    expect(reset.status).toBe(200);
    expect(((await api(hub.url, `/api/v1/calendar/due-date?${q}`)).body as Json)['dueDate']).toBe(
      '2027-01-04',
    );
  });
});

describe('lifecycle rules are enforced over HTTP with 409 and the rule', () => {
  async function fresh(): Promise<string> {
    const res = await receive();
    expect(res.status).toBe(201);
    return (res.body as { code: string }).code;
  }
  const expect409 = async (p: Promise<Awaited<ReturnType<typeof act>>>, rule: string) => {
    const res = await p;
    expect(res.status, res.text).toBe(409);
    const err = errorOf(res);
    expect(err.code).toBe('TRANSITION_FORBIDDEN');
    expect((err.details as { rule: string }).rule).toBe(rule);
    expect(err.message.length).toBeGreaterThan(10);
    return err;
  };

  it('supplement only once; the clock restarts from zero when it is complete', async () => {
    await at('2026-03-02T02:00:00Z');
    const code = await fresh();
    const first = await act(code, { action: 'request-supplement', reason: 'Thiếu giấy báo tử' });
    expect(first.status).toBe(200);
    expect((first.body as Json)['dueDate']).toBeNull();
    await at('2026-03-03T02:00:00Z'); // Tue 03/03
    const done = await act(code, { action: 'supplement-received' });
    expect(done.status).toBe(200);
    expect((done.body as Json)['dueDate']).toBe('2026-03-10'); // 5 working days from 03/03
    const err = await expect409(
      act(code, { action: 'request-supplement', reason: 'Lần hai' }),
      'supplement.onlyOnce',
    );
    expect(err.message).toContain('một lần');
    const detail = (await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer }))
      .body as Json;
    expect((detail['events'] as unknown[]).length).toBe(3);
  });

  it('extension only once, no later than 1 day before the due date, to a later working day', async () => {
    await at('2026-03-02T02:00:00Z'); // due Mon 09/03
    const code = await fresh();
    await expect409(
      act(code, { action: 'extend', reason: 'Cần xác minh', newDueDate: '2026-03-14' }),
      'extend.newDueDateNotWorkingDay',
    );
    await expect409(
      act(code, { action: 'extend', reason: 'Cần xác minh', newDueDate: '2026-03-09' }),
      'extend.newDueDateNotAfterCurrent',
    );
    const ok = await act(code, {
      action: 'extend',
      reason: 'Cần xác minh',
      newDueDate: '2026-03-16',
    });
    expect(ok.status).toBe(200);
    expect((ok.body as Json)['dueDate']).toBe('2026-03-16');
    expect((ok.body as Json)['originalDueDate']).toBe('2026-03-09');
    await expect409(
      act(code, { action: 'extend', reason: 'Lần hai', newDueDate: '2026-03-20' }),
      'extend.onlyOnce',
    );
    const late = await fresh(); // due 09/03; on the due date itself it is too late
    await at('2026-03-09T02:00:00Z');
    await expect409(
      act(late, { action: 'extend', reason: 'Trễ', newDueDate: '2026-03-16' }),
      'extend.tooLate',
    );
  });

  it('return only after the result is ready; on-time class computed at return; final states refuse everything', async () => {
    await at('2026-03-02T02:00:00Z');
    const code = await fresh();
    await expect409(
      act(code, { action: 'return', collectedBy: 'Đặng Văn Đức', idChecked: true }),
      'return.onlyFromResultReady',
    );
    clock.advance(3_600_000);
    expect(
      (await act(code, { action: 'transfer', unit: 'Công chức Tư pháp - Hộ tịch' })).status,
    ).toBe(200);
    expect((await act(code, { action: 'result-ready' })).status).toBe(200);
    await expect409(
      act(code, {
        action: 'return',
        collectedBy: 'Người khác',
        collectorKind: 'authorised',
        idChecked: true,
      }),
      'return.authorisationRequired',
    );
    const returned = await act(code, {
      action: 'return',
      collectedBy: 'Đặng Văn Đức',
      idChecked: true,
    });
    expect(returned.status).toBe(200);
    expect((returned.body as Json)['onTime']).toBe('early');
    await expect409(act(code, { action: 'stop' }), 'dossier.terminal');
  });

  it('close only after 15 days without supplement; late supplement requests; other wrong starting states', async () => {
    await at('2026-03-02T02:00:00Z');
    const code = await fresh();
    await expect409(act(code, { action: 'close' }), 'close.notAwaiting');
    await expect409(act(code, { action: 'supplement-received' }), 'supplementReceived.notAwaiting');
    expect(
      (await act(code, { action: 'request-supplement', reason: 'Thiếu giấy tờ' })).status,
    ).toBe(200);
    await expect409(
      act(code, { action: 'refuse', reason: 'Không đủ điều kiện' }),
      'refuse.fromStatus',
    );
    await expect409(act(code, { action: 'result-ready' }), 'resultReady.fromStatus');
    await at('2026-03-16T02:00:00Z'); // 14 days after the notice
    await expect409(act(code, { action: 'close' }), 'close.before15Days');
    await at('2026-03-18T02:00:00Z');
    const closed = await act(code, { action: 'close' });
    expect(closed.status).toBe(200);
    expect((closed.body as Json)['status']).toBe('closed');

    await at('2026-03-02T02:00:00Z');
    const other = await fresh();
    await at('2026-03-06T02:00:00Z'); // 4 working days after receipt
    await expect409(
      act(other, { action: 'request-supplement', reason: 'Muộn' }),
      'supplement.within3WorkingDays',
    );
    const bad = await act(other, { action: 'transfer' });
    expect(bad.status).toBe(400); // unit missing: a validation error, nothing changed
    const d = (await api(hub.url, `/api/v1/dossiers/${other}`, { token: officer })).body as Json;
    expect(d['status']).toBe('received');
    expect((d['events'] as unknown[]).length).toBe(1);
  });

  it('stop on request is recorded in the trail', async () => {
    await at('2026-03-02T02:00:00Z');
    const code = await fresh();
    const res = await act(code, { action: 'stop', reason: 'Công dân xin rút hồ sơ' });
    expect(res.status).toBe(200);
    const body = res.body as { status: string; events: Array<{ type: string; reason: string }> };
    expect(body.status).toBe('stopped');
    expect(body.events.at(-1)).toMatchObject({ type: 'stopped', reason: 'Công dân xin rút hồ sơ' });
  });
});

describe('reception', () => {
  it('200 concurrent receptions on one day get 200 distinct consecutive codes', async () => {
    await at('2026-03-11T01:00:00Z'); // a day with no dossier yet
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        receive({
          applicant: {
            fullName: `Nguyễn Văn Khách ${i}`,
            phone: `09000${String(i).padStart(5, '0')}`,
          },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
    const codes = results.map((r) => (r.body as { code: string }).code);
    expect(new Set(codes).size).toBe(200);
    const seqs = codes.map((c) => Number(c.split('-').at(-1))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(codes.every((c) => c.startsWith('000.00.14.H56-260311-'))).toBe(true);
  });

  it('receivedAt: officers only within the same Vietnam day, admins any earlier day, never the future', async () => {
    await at('2026-03-12T03:00:00Z'); // 10:00 VN
    const sameDay = await receive({ receivedAt: '2026-03-12T07:30:00+07:00' });
    expect(sameDay.status).toBe(201);
    expect((sameDay.body as Json)['receivedAt']).toBe('2026-03-12T00:30:00.000Z');
    const yesterday = await receive({ receivedAt: '2026-03-11T16:00:00+07:00' });
    expect(yesterday.status).toBe(403);
    expect(errorOf(yesterday).message).toContain('quản trị');
    const byAdmin = await receive({ receivedAt: '2026-03-11T16:00:00+07:00' }, admin);
    expect(byAdmin.status).toBe(201);
    expect((byAdmin.body as Json)['code']).toMatch(/-260311-0201$/);
    const future = await receive({ receivedAt: '2026-03-13T08:00:00+07:00' }, admin);
    expect(future.status).toBe(422);
  });

  it('bad input is refused with a clear error and writes nothing', async () => {
    const count = () => hub.core.db.prepare('SELECT COUNT(*) FROM dossiers').pluck().get();
    const before = count();
    const badId = await receive({ applicant: { ...applicant, idNumber: '12345' } });
    expect(badId.status).toBe(400);
    const noProc = await receive({ procedureId: 'khong-co' });
    expect(noProc.status).toBe(422);
    expect(errorOf(noProc).message).toContain('khong-co');
    const anon = await api(hub.url, '/api/v1/dossiers', {
      json: { procedureId: '1.004884', applicant },
    });
    expect(anon.status).toBe(401);
    expect(count()).toBe(before);
  });

  it('parses the CCCD QR, or answers 422 with the reason', async () => {
    const ok = await api(hub.url, '/api/v1/citizen-id/parse', {
      token: officer,
      json: {
        qr: '001090123456|012345678|Nguyễn Văn A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021\r\n',
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      idNumber: '001090123456',
      oldIdNumber: '012345678',
      fullName: 'Nguyễn Văn A',
      birthDate: '1990-01-01',
      sex: 'Nam',
      address: 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
      issueDate: '2021-04-15',
    });
    const bad = await api(hub.url, '/api/v1/citizen-id/parse', {
      token: officer,
      json: { qr: '001290123456||Nguyễn Văn A|01011990|Nam|Hà Nội|15042021' },
    });
    expect(bad.status).toBe(422);
    expect(errorOf(bad).message.length).toBeGreaterThan(5);
    expect((errorOf(bad).details as { reason: string }).reason).toBe('ID_CENTURY_MISMATCH');
  });
});

describe('search, audit, public lookup, forms', () => {
  let code: string;
  beforeAll(async () => {
    await at('2026-03-13T02:00:00Z');
    const res = await receive({
      procedureId: '1.001193',
      applicant: {
        fullName: 'Đỗ Thị Đào',
        idNumber: '038190654321',
        phone: '0987 111 222',
        address: 'Xóm Đông, xã Quảng Phú',
      },
    });
    code = (res.body as { code: string }).code;
  });

  const searchFor = async (q: string, extra = '') =>
    (await api(hub.url, `/api/v1/dossiers?q=${encodeURIComponent(q)}${extra}`, { token: officer }))
      .body as {
      items: Array<{ code: string; applicantName: string }>;
      total: number;
    };

  it('finds dossiers by folded name, code, ID number and phone, with filters and paging', async () => {
    const byName = await searchFor('dang van duc');
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.items.every((i) => i.applicantName === 'Đặng Văn Đức')).toBe(true);
    expect((await searchFor('DO THI DAO')).items.map((i) => i.code)).toEqual([code]);
    expect((await searchFor('đào')).items.map((i) => i.code)).toEqual([code]);
    expect((await searchFor(code.toLowerCase())).items.map((i) => i.code)).toEqual([code]);
    expect((await searchFor('038190654321')).items.map((i) => i.code)).toEqual([code]);
    expect((await searchFor('0987.111.222')).items.map((i) => i.code)).toEqual([code]);
    expect((await searchFor('nguyen thi khong co')).total).toBe(0);
    const stopped = await searchFor('dang van duc', '&status=stopped');
    expect(stopped.total).toBe(1);
    const page1 = await searchFor('khach', '&pageSize=50&page=1');
    const page2 = await searchFor('khach', '&pageSize=50&page=2');
    expect(page1.total).toBe(200);
    expect(page1.items).toHaveLength(50);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.code)).size).toBe(100);
  });

  it('audits who viewed which dossier', async () => {
    await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer });
    const rows = hub.core.db
      .prepare(
        "SELECT actor_username FROM audit_log WHERE action = 'dossier.view' AND details LIKE ?",
      )
      .pluck()
      .all(`%${code}%`);
    expect(rows).toContain('canbo1');
  });

  it('public lookup answers only code, procedure, status, due date, result ready, apology; never personal data', async () => {
    const res = await api(hub.url, `/api/v1/public/dossiers/${code}?check=1222`, {
      headers: { 'X-Test': '1' },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as Json).sort()).toEqual([
      'apology',
      'code',
      'dueDate',
      'procedureName',
      'resultReady',
      'status',
    ]);
    expect(res.body).toMatchObject({
      code,
      procedureName: 'Đăng ký khai sinh',
      status: 'received',
      resultReady: false,
    });
    for (const secret of [
      'Đỗ Thị Đào',
      '038190654321',
      '0987111222',
      'Xóm Đông',
      '4321',
      '1222'.repeat(2),
    ]) {
      expect(res.text).not.toContain(secret);
    }
    const byId = await api(hub.url, `/api/v1/public/dossiers/${code}?check=4321`);
    expect(byId.status).toBe(200);
    const wrong = await api(hub.url, `/api/v1/public/dossiers/${code}?check=0000`);
    const unknown = await api(
      hub.url,
      `/api/v1/public/dossiers/000.00.14.H56-260313-9999?check=1222`,
    );
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.text).toBe(unknown.text);
    expect(wrong.text).not.toContain('Đỗ');
  });

  it('public lookup is rate-limited per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await api(hub.url, `/api/v1/public/dossiers/${code}?check=000${i % 10}`)).status,
      );
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(-1)[0]).toBe(429);
  });

  it('serves the forms as printable HTML pages behind short-lived links', async () => {
    const link = await api(hub.url, `/api/v1/dossiers/${code}/forms/receipt`, {
      token: officer,
      json: {},
    });
    expect(link.status).toBe(200);
    const url = (link.body as { url: string }).url;
    expect(url).toMatch(/^\/forms\/[A-Za-z0-9_-]{32}$/);
    const page = await fetch(`${hub.url}${url}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(html).toContain(code);
    expect(html).toContain('Đỗ Thị Đào');
    expect(html).not.toContain('<script');
    const none = await api(hub.url, `/api/v1/dossiers/${code}/forms/apology`, {
      token: officer,
      json: {},
    });
    expect(none.status).toBe(409);
    const anon = await api(hub.url, `/api/v1/dossiers/${code}/forms/receipt`, { json: {} });
    expect(anon.status).toBe(401);
    expect((await fetch(`${hub.url}/forms/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);

    const reg = await api(hub.url, '/api/v1/registers/2026/form', { token: officer, json: {} });
    const regHtml = await (await fetch(`${hub.url}${(reg.body as { url: string }).url}`)).text();
    expect(regHtml).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(regHtml).toContain('A4 landscape');
    expect(regHtml).toContain(code);

    const slip = await api(hub.url, '/api/v1/reception-slips', {
      token: officer,
      json: {
        kind: 'supplement',
        procedureId: '1.001193',
        applicant: { fullName: 'Bùi Thị Lan' },
        reason: 'Thiếu giấy chứng sinh',
        documents: ['Giấy chứng sinh (bản chính)'],
      },
    });
    expect(slip.status).toBe(201);
    const slipHtml = await (await fetch(`${hub.url}${(slip.body as { url: string }).url}`)).text();
    expect(slipHtml).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(slipHtml).toContain('Giấy chứng sinh (bản chính)');
  });
});

describe('catalogue', () => {
  it('lists procedures in force with folded search', async () => {
    const all = (await api(hub.url, '/api/v1/procedures')).body as Json[];
    expect(all.length).toBe(18);
    const ks = (await api(hub.url, '/api/v1/procedures?q=dang%20ky%20khai%20sinh')).body as Json[];
    expect(ks.map((p) => p['code'])).toContain('1.001193');
    expect(ks[0]).toHaveProperty('documents');
    const byCode = (await api(hub.url, '/api/v1/procedures?q=2.000815')).body as Json[];
    expect(byCode.map((p) => p['code'])).toEqual(['2.000815']);
  });

  it('imports CSV with row errors (nothing changed) and exports it back', async () => {
    const exp = await fetch(`${hub.url}/api/v1/catalog/export?format=csv`, {
      headers: { Authorization: `Bearer ${officer}` },
    });
    expect(exp.status).toBe(200);
    expect(exp.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exp.headers.get('content-disposition')).toMatch(
      /^attachment; filename="danh-muc-thu-tuc-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await exp.arrayBuffer());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('Đăng ký khai sinh');
    const broken = csv
      .replace('Đăng ký khai sinh,', 'Đăng ký khai sinh,')
      .replace(/\r\n1\.001193,1\.001193,/, '\r\n1.001193,x.001193,');
    const res = await api(hub.url, '/api/v1/catalog/import', {
      token: admin,
      json: { format: 'csv', content: broken },
    });
    expect(res.status).toBe(200);
    const body = res.body as { imported: number; errors: Array<{ row: number; column: string }> };
    expect(body.imported).toBe(0);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ column: 'Mã thủ tục' });
    expect(body.errors[0]?.row).toBeGreaterThan(1);
    const again = await api(hub.url, '/api/v1/catalog/import', {
      token: admin,
      json: { format: 'csv', content: csv },
    });
    expect(again.body).toMatchObject({ imported: 18, added: 0, updated: 18, errors: [] });
    const officerImport = await api(hub.url, '/api/v1/catalog/import', {
      token: officer,
      json: { format: 'csv', content: csv },
    });
    expect(officerImport.status).toBe(403);
  });

  async function exportXlsx(): Promise<Buffer> {
    const res = await fetch(`${hub.url}/api/v1/catalog/export?format=xlsx`, {
      headers: { Authorization: `Bearer ${officer}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toMatch(
      /filename="danh-muc-thu-tuc-[\d-]+\.xlsx"/,
    );
    return Buffer.from(await res.arrayBuffer());
  }
  const catalogue = async () =>
    (await api(hub.url, '/api/v1/catalog/procedures', { token: admin })).body as Json[];
  const importXlsx = (bytes: Uint8Array, extra: Json = {}) =>
    api(hub.url, '/api/v1/catalog/import', {
      token: admin,
      json: { format: 'xlsx', content: Buffer.from(bytes).toString('base64'), ...extra },
    });

  it('exports XLSX and imports it back unchanged (base64 in the JSON body)', async () => {
    const before = await catalogue();
    const bytes = await exportXlsx();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.slice().buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh mục thủ tục']);
    expect(wb.worksheets[0]?.getRow(1).getCell(2).value).toBe('Mã thủ tục');
    const res = await importXlsx(bytes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      imported: before.length,
      added: 0,
      updated: before.length,
      errors: [],
      ignoredColumns: [],
    });
    expect(await catalogue()).toEqual(before);
  });

  it('XLSX with two bad rows: their sheet rows and columns, nothing imported; validRowsOnly imports the rest', async () => {
    const before = await catalogue();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx()).slice().buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    ws.getRow(3).getCell(7).value = 'tuần'; // Đơn vị thời hạn
    ws.getRow(6).getCell(2).value = null; // Mã thủ tục
    ws.getRow(6).getCell(1).value = null; // Mã nội bộ: falls back to the (missing) code
    const edited = new Uint8Array(await wb.xlsx.writeBuffer());

    const res = await importXlsx(edited);
    expect(res.status).toBe(200);
    const body = res.body as { imported: number; errors: Array<{ row: number; column: string }> };
    expect(body.imported).toBe(0);
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Đơn vị thời hạn'],
      [6, 'Mã nội bộ'],
      [6, 'Mã thủ tục'],
    ]);
    expect(await catalogue()).toEqual(before);

    const lenient = await importXlsx(edited, { validRowsOnly: true });
    expect(lenient.body).toMatchObject({ imported: before.length - 2, updated: before.length - 2 });
    expect((lenient.body as { errors: unknown[] }).errors).toEqual(body.errors);
    expect(await catalogue()).toEqual(before);
  });

  it('a file that is not XLSX is a 422 with a Vietnamese reason and changes nothing', async () => {
    const before = await catalogue();
    const csvAsXlsx = await api(hub.url, '/api/v1/catalog/import', {
      token: admin,
      json: {
        format: 'xlsx',
        content: Buffer.from('Mã thủ tục,Tên\r\n1.001193,x').toString('base64'),
      },
    });
    expect(csvAsXlsx.status).toBe(422);
    expect(errorOf(csvAsXlsx).message).toMatch(/không phải bảng tính Excel \.xlsx hợp lệ/);
    const notBase64 = await api(hub.url, '/api/v1/catalog/import', {
      token: admin,
      json: { format: 'xlsx', content: 'Mã thủ tục,Tên' },
    });
    expect(notBase64.status).toBe(422);
    expect(errorOf(notBase64).message).toMatch(/base64/);
    const english = await api(hub.url, '/api/v1/catalog/import', {
      token: admin,
      lang: 'en',
      json: { format: 'xlsx', content: Buffer.from('not a workbook').toString('base64') },
    });
    expect(english.status).toBe(422);
    expect(errorOf(english).message).toMatch(/not a valid Excel \.xlsx workbook/);
    const tooLong = await api(hub.url, '/api/v1/catalog/import', {
      token: admin,
      json: { format: 'xlsx', content: 'A'.repeat(900_004) },
    });
    expect(tooLong.status).toBe(400);
    expect(await catalogue()).toEqual(before);
  });
});

describe('warnings', () => {
  it('lists due today, due tomorrow (apology possible), overdue and supplement over 15 days', async () => {
    await at('2026-04-01T02:00:00Z'); // Wed 01/04
    const supp = (await receive({ procedureId: '2.002516' })).body as { code: string };
    expect(
      (await act(supp.code, { action: 'request-supplement', reason: 'Thiếu tờ khai' })).status,
    ).toBe(200);
    await at('2026-04-13T02:00:00Z'); // Mon 13/04
    const overdue = (await receive({ procedureId: '2.002516' })).body as { code: string }; // due 14/04
    // 5 working days: due Mon 20/04
    const tomorrow = (await receive({ procedureId: '1.004884' })).body as { code: string };
    await at('2026-04-16T02:00:00Z'); // Thu 16/04
    const today = (await receive({ procedureId: '2.002516' })).body as { code: string }; // due Fri 17/04
    await at('2026-04-17T02:00:00Z'); // Fri 17/04
    // A 1-working-day dossier received today (due Mon 20/04) is not at risk on its reception
    // day (docs/desk.md); before, it was listed as due tomorrow.
    const fresh = (await receive({ procedureId: '2.002516' })).body as { code: string };
    const res = await api(hub.url, '/api/v1/dossiers/warnings', { token: officer });
    expect(res.status).toBe(200);
    const byCode = new Map(
      (
        res.body as Array<{
          code: string;
          warnings: Array<{ kind: string; apologyPossible?: boolean }>;
        }>
      ).map((d) => [d.code, d.warnings[0]]),
    );
    expect(byCode.get(today.code)?.kind).toBe('due_today');
    expect(byCode.get(tomorrow.code)).toMatchObject({
      kind: 'due_tomorrow',
      apologyPossible: true,
    });
    expect(byCode.has(fresh.code)).toBe(false);
    expect(byCode.get(overdue.code)?.kind).toBe('overdue');
    expect(byCode.get(supp.code)?.kind).toBe('supplement_overdue');
  });
});
