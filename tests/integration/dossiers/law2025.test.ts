/**
 * The law as it stands in 2025–2026 over real HTTP (docs/calendar.md §6, docs/catalog.md,
 * docs/dossier-lifecycle.md): same-day and hour limits through GET /calendar/due-date, the
 * 15:00 cut-off as a site setting, the longer limit "when verification is needed" ticked at
 * reception and printed on the receipt, and the apology for a late dossier end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { APPLICANT as applicant, api, cleanupHubs, errorOf } from '../../helpers/hub';
import { startLawHub, vnInstant } from '../../helpers/lawHub';

type Json = Record<string, unknown>;

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 02/03/2026 09:00 VN
let hub: Hub;
let admin: string;
let officer: string;

const vn = (local: string): string => vnInstant(local).toISOString();

async function dueDate(query: Record<string, string>) {
  const q = new URLSearchParams(query);
  return api(hub.url, `/api/v1/calendar/due-date?${q}`);
}

async function receive(body: Json) {
  return api(hub.url, '/api/v1/dossiers', { token: officer, json: { applicant, ...body } });
}

async function formHtml(code: string, form: string): Promise<{ status: number; html: string }> {
  const link = await api(hub.url, `/api/v1/dossiers/${encodeURIComponent(code)}/forms/${form}`, {
    token: officer,
    json: {},
  });
  if (link.status !== 200) return { status: link.status, html: link.text };
  const page = await fetch(`${hub.url}${(link.body as { url: string }).url}`);
  return { status: page.status, html: await page.text() };
}

beforeAll(async () => {
  ({ hub, admin, officer } = await startLawHub(clock));
  clock.set(new Date('2026-03-02T02:00:00Z'));
});
afterAll(cleanupHubs);

describe('GET /calendar/due-date for same-day and hour limits', () => {
  it('same_day: amount optional and ignored; 15:00:00 today, 15:00:01 the next working day', async () => {
    const at = async (local: string, extra: Record<string, string> = {}) => {
      const res = await dueDate({ receivedAt: vn(local), unit: 'same_day', ...extra });
      expect(res.status, local).toBe(200);
      return res.body as { dueDate: string; dueAt: string };
    };
    expect((await at('2026-03-05T15:00:00')).dueDate).toBe('2026-03-05');
    expect((await at('2026-03-05T15:00:01')).dueDate).toBe('2026-03-06');
    expect((await at('2026-03-05T15:00:00', { amount: '7' })).dueDate).toBe('2026-03-05');
    // Friday 13/02/2026 after 15:00 → after Tết (14–22/02)
    expect((await at('2026-02-13T15:30:00')).dueDate).toBe('2026-02-23');
  });

  it('hour: dueAt is the exact instant inside office hours; amount is required', async () => {
    const res = await dueDate({ receivedAt: vn('2026-03-05T16:00:00'), unit: 'hour', amount: '4' });
    expect(res.status).toBe(200);
    // 1 h on Thursday (16:00–17:00), 3 h on Friday from 08:00 → 11:00
    expect(res.body).toEqual({
      dueDate: '2026-03-06',
      dueAt: new Date('2026-03-06T11:00:00+07:00').toISOString(),
    });
    const missing = await dueDate({ receivedAt: vn('2026-03-05T16:00:00'), unit: 'hour' });
    expect(missing.status).toBe(400);
  });

  it('the cut-off is a site setting (sameDayCutoff)', async () => {
    const site = (await api(hub.url, '/api/v1/site')).body as Json;
    const put = await api(hub.url, '/api/v1/site', {
      method: 'PUT',
      token: admin,
      json: {
        agencyName: site['agencyName'],
        agencyCode: site['agencyCode'],
        address: site['address'],
        sameDayCutoff: '16:00',
      },
    });
    expect(put.status).toBe(200);
    const r = await dueDate({ receivedAt: vn('2026-03-05T15:30:00'), unit: 'same_day' });
    expect((r.body as Json)['dueDate']).toBe('2026-03-05');
    const bad = await api(hub.url, '/api/v1/site', {
      method: 'PUT',
      token: admin,
      json: { ...site, siteId: undefined, sameDayCutoff: '3pm' },
    });
    expect(bad.status).toBe(400);
    await api(hub.url, '/api/v1/site', {
      method: 'PUT',
      token: admin,
      json: {
        agencyName: site['agencyName'],
        agencyCode: site['agencyCode'],
        address: site['address'],
        sameDayCutoff: '15:00',
      },
    });
    const back = await dueDate({ receivedAt: vn('2026-03-05T15:30:00'), unit: 'same_day' });
    expect((back.body as Json)['dueDate']).toBe('2026-03-06');
  });
});

describe('the longer limit when verification is needed', () => {
  it('kết hôn is same-day, or 5 working days when "cần xác minh" is ticked, and the receipt says why', async () => {
    clock.set(new Date(vn('2026-03-02T09:00:00')));
    const plain = await receive({ procedureId: '1.000894' });
    expect(plain.status).toBe(201);
    expect((plain.body as Json)['dueDate']).toBe('2026-03-02');
    const verify = await receive({ procedureId: '1.000894', needsVerification: true });
    expect(verify.status).toBe(201);
    const code = (verify.body as Json)['code'] as string;
    expect((verify.body as Json)['dueDate']).toBe('2026-03-09'); // 5 working days after Mon
    const receipt = await formHtml(code, 'receipt');
    expect(receipt.status).toBe(200);
    expect(receipt.html).toContain('5 ngày làm việc (trường hợp cần xác minh)');
    const detail = await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer });
    expect((detail.body as Json)['needsVerification']).toBe(true);
  });

  it('khai tử is same-day, 3 working days with verification; refused for a procedure without one', async () => {
    clock.set(new Date(vn('2026-03-02T09:00:00')));
    expect(((await receive({ procedureId: '1.000656' })).body as Json)['dueDate']).toBe(
      '2026-03-02',
    );
    const v = await receive({ procedureId: '1.000656', needsVerification: true });
    expect((v.body as Json)['dueDate']).toBe('2026-03-05');
    const none = await receive({ procedureId: '1.004837', needsVerification: true });
    expect(none.status).toBe(422);
    expect(errorOf(none).message).toContain('xác minh');
  });
});

describe('apology for a late dossier (scripted)', () => {
  it('due date passes → warning → apology with a new date → lookup and return slip → report', async () => {
    // Đăng ký giám hộ, 3 working days: received Mon 02/03/2026, due Thu 05/03.
    clock.set(new Date(vn('2026-03-02T09:30:00')));
    const received = await receive({ procedureId: '1.004837' });
    expect(received.status).toBe(201);
    const code = (received.body as Json)['code'] as string;
    expect((received.body as Json)['dueDate']).toBe('2026-03-05');
    const act = (body: Json) =>
      api(hub.url, `/api/v1/dossiers/${code}/actions`, { token: officer, json: body });

    // On the due day it is not late yet: 409 with the rule.
    clock.set(new Date(vn('2026-03-05T10:00:00')));
    const early = await act({
      action: 'apologise',
      reason: 'Chờ xác minh',
      newDueDate: '2026-03-10',
    });
    expect(early.status).toBe(409);
    expect(errorOf(early).details).toMatchObject({ rule: 'apology.notLate' });
    // Before this rule the only letter was the extension, refused once past due − 1:
    const ext = await act({ action: 'extend', reason: 'Chờ xác minh', newDueDate: '2026-03-10' });
    expect(errorOf(ext).details).toMatchObject({ rule: 'extend.tooLate' });

    // Friday 06/03: overdue, the desk warns and offers the apology.
    clock.set(new Date(vn('2026-03-06T09:00:00')));
    const warnings = (await api(hub.url, '/api/v1/dossiers/warnings', { token: officer }))
      .body as Array<{
      code: string;
      warnings: Array<{ kind: string; apologyPossible?: boolean }>;
    }>;
    const w = warnings.find((x) => x.code === code);
    expect(w?.warnings[0]).toMatchObject({ kind: 'overdue', apologyPossible: true });
    const before = (await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer }))
      .body as Json;
    expect(before['allowedActions']).toContain('apologise');

    const today = await act({
      action: 'apologise',
      reason: 'Chờ xác minh',
      newDueDate: '2026-03-06',
    });
    expect(errorOf(today).details).toMatchObject({ rule: 'apology.newDueDateNotAfterToday' });
    const saturday = await act({
      action: 'apologise',
      reason: 'Chờ xác minh',
      newDueDate: '2026-03-07',
    });
    expect(errorOf(saturday).details).toMatchObject({ rule: 'extend.newDueDateNotWorkingDay' });
    const noReason = await act({ action: 'apologise', newDueDate: '2026-03-10' });
    expect(noReason.status).toBe(400);

    const ok = await act({
      action: 'apologise',
      reason: 'Chờ kết quả xác minh của UBND xã nơi cư trú trước đây',
      newDueDate: '2026-03-10',
    });
    expect(ok.status, ok.text).toBe(200);
    const d = ok.body as Json;
    expect(d['dueDate']).toBe('2026-03-05'); // the legal due date does not move
    expect(d['appointmentDate']).toBe('2026-03-10');
    expect(d['allowedActions']).not.toContain('apologise');
    const events = d['events'] as Array<{ type: string; details: Json }>;
    expect(events.map((e) => e.type)).toContain('apology');
    expect(events.find((e) => e.type === 'apology')?.details).toMatchObject({
      newDueDate: '2026-03-10',
    });

    // A second letter while the first appointment has not passed: refused.
    const again = await act({ action: 'apologise', reason: 'Lần hai', newDueDate: '2026-03-11' });
    expect(again.status).toBe(409);
    expect(errorOf(again).details).toMatchObject({ rule: 'apology.pending' });

    // Mẫu 04 with the new date.
    const letter = await formHtml(code, 'apology');
    expect(letter.status).toBe(200);
    expect(letter.html).toContain('10/03/2026');
    expect(letter.html).toContain('05/03/2026');

    // The kiosk lookup shows the apology and the new date; the due date stays legal.
    const lookup = await api(hub.url, `/api/v1/public/dossiers/${code}?check=4321`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({
      dueDate: '2026-03-05',
      apology: { newDueDate: '2026-03-10' },
    });

    // The result on the new date: returned "late" (quá hạn) against the legal due date.
    clock.set(new Date(vn('2026-03-10T09:00:00')));
    expect((await act({ action: 'result-ready' })).status).toBe(200);
    const ret = await act({ action: 'return', collectedBy: applicant.fullName, idChecked: true });
    expect(ret.status).toBe(200);
    expect((ret.body as Json)['onTime']).toBe('late');
    const slip = await formHtml(code, 'return');
    expect(slip.status).toBe(200);
    expect(slip.html).toContain('hẹn lại ngày trả');
    expect(slip.html).toContain('10/03/2026');
    expect(slip.html).toContain('Quá hạn');

    // Reports: one apology letter in March, for this procedure; the dossier counts late.
    const q = 'from=2026-03-01&to=2026-03-31';
    const summary = (await api(hub.url, `/api/v1/reports/summary?${q}`, { token: officer }))
      .body as { dossiers: Json };
    expect(summary.dossiers['apologyLetters']).toBe(1);
    expect(summary.dossiers['late']).toBeGreaterThanOrEqual(1);
    const details = (await api(hub.url, `/api/v1/reports/details?${q}`, { token: officer }))
      .body as { byProcedure: Array<Json> };
    const guardianship = details.byProcedure.find((p) => p['code'] === '1.004837');
    expect(guardianship).toMatchObject({ apologyLetters: 1, late: 1 });
    const febr = (
      await api(hub.url, '/api/v1/reports/summary?from=2026-02-01&to=2026-02-28', {
        token: officer,
      })
    ).body as { dossiers: Json };
    expect(febr.dossiers['apologyLetters']).toBe(0);

    // The sync record of the step carries the versioned payload.
    const rows = hub.core.db
      .prepare("SELECT payload FROM sync_outbox WHERE type = 'dossier.event' ORDER BY seq")
      .all() as Array<{ payload: string }>;
    const apologyRecord = rows
      .map((r) => JSON.parse(r.payload) as Json)
      .find((p) => p['dossierCode'] === code && p['action'] === 'apology');
    expect(apologyRecord).toMatchObject({
      payloadVersion: 4,
      dueDate: '2026-03-05',
      appointmentDate: '2026-03-10',
      apologyLetters: 1,
      // Not settled yet: no on-time class; the legal due instant on the legal due date.
      settledClass: null,
      dueAt: expect.stringMatching(/^2026-03-0[45]T/) as string,
    });
  });
});

describe('forms of the set in force at reception; the stop notice', () => {
  it('14/9/2025 prints TT 01/2018, 15/9/2025 prints TT 03/2025; Mẫu 05 only for a stopped dossier', async () => {
    clock.set(new Date(vn('2025-09-15T10:00:00')));
    const body = { procedureId: '1.004884', applicant };
    // 14/9/2025 is a Sunday: a back-entered paper dossier (admin only).
    const old = await api(hub.url, '/api/v1/dossiers', {
      token: admin,
      json: { ...body, receivedAt: vn('2025-09-14T09:00:00') },
    });
    expect(old.status, old.text).toBe(201);
    const fresh = await receive(body);
    expect(fresh.status).toBe(201);
    const oldCode = (old.body as Json)['code'] as string;
    const newCode = (fresh.body as Json)['code'] as string;

    // No stop yet: 409 with the rule, for both.
    const notStopped = await api(hub.url, `/api/v1/dossiers/${newCode}/forms/stop_notice`, {
      token: officer,
      json: {},
    });
    expect(notStopped.status).toBe(409);
    expect(errorOf(notStopped).details).toMatchObject({ rule: 'stop.fromStatus' });

    for (const code of [oldCode, newCode]) {
      const r = await api(hub.url, `/api/v1/dossiers/${code}/actions`, {
        token: officer,
        json: { action: 'stop', reason: 'Người nộp đề nghị dừng' },
      });
      expect(r.status).toBe(200);
    }
    const stop = await formHtml(newCode, 'stop_notice');
    expect(stop.status).toBe(200);
    expect(stop.html).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(stop.html).toContain('Mẫu số 05, Phụ lục I Thông tư 03/2025/TT-VPCP');
    expect(stop.html).toContain('Người nộp đề nghị dừng');

    // The control slip: Mẫu 05 of TT 01/2018 for the old dossier, Mẫu 06 of TT 03/2025 after.
    const oldControl = await formHtml(oldCode, 'control');
    expect(oldControl.html).toContain('<title>Mẫu 05 - Phiếu kiểm soát');
    expect(oldControl.html).toContain('content="TT01-2018"');
    const newControl = await formHtml(newCode, 'control');
    expect(newControl.html).toContain('<title>Mẫu 06 - Phiếu kiểm soát');
    expect(newControl.html).toContain('Mẫu số 06, Phụ lục I Thông tư 03/2025/TT-VPCP');

    // A year's register: the set in force on 1 January (2025: Mẫu 06; 2026: Mẫu 07).
    const book = async (year: number) => {
      const link = await api(hub.url, `/api/v1/registers/${year}/form`, {
        token: officer,
        json: {},
      });
      return (await fetch(`${hub.url}${(link.body as { url: string }).url}`)).text();
    };
    expect(await book(2025)).toContain('Mẫu số 06, Thông tư 01/2018/TT-VPCP');
    expect(await book(2026)).toContain('Mẫu số 07, Phụ lục I Thông tư 03/2025/TT-VPCP');
  });
});

describe("the desk's official name on the receipt", () => {
  it('prints the site setting deskName (default "Bộ phận Một cửa")', async () => {
    clock.set(new Date(vn('2026-03-16T09:00:00')));
    const site = (await api(hub.url, '/api/v1/site')).body as Json;
    const base = {
      agencyName: site['agencyName'],
      agencyCode: site['agencyCode'],
      address: site['address'],
    };
    const before = (await receive({ procedureId: '1.004884' })).body as Json;
    expect((await formHtml(before['code'] as string, 'receipt')).html).toContain('Bộ phận Một cửa');
    const put = await api(hub.url, '/api/v1/site', {
      method: 'PUT',
      token: admin,
      json: { ...base, deskName: 'Trung tâm Phục vụ hành chính công xã Quảng Phú' },
    });
    expect(put.status).toBe(200);
    const after = (await receive({ procedureId: '1.004884' })).body as Json;
    const html = (await formHtml(after['code'] as string, 'receipt')).html;
    expect(html).toContain('Trung tâm Phục vụ hành chính công xã Quảng Phú');
    expect(html).not.toContain('Bộ phận Một cửa');
    // The number of sets is what the officer entered (it was always 1).
    expect(html).toContain('Số lượng hồ sơ: 1 (bộ)');
    const two = (await receive({ procedureId: '1.004884', sets: 2 })).body as Json;
    const twoHtml = (await formHtml(two['code'] as string, 'receipt')).html;
    expect(twoHtml).toContain('Số lượng hồ sơ: 2 (bộ)');
    const bad = await receive({ procedureId: '1.004884', sets: 0 });
    expect(bad.status).toBe(400);
  });
});
