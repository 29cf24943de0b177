/**
 * Over real HTTP (docs/dossier-lifecycle.md): the NĐ 118/2025 Art. 18 transfer-deadline
 * warning on the dossier and in the warnings list; the Art. 22 `correct-result` action on a
 * returned result, kept in the trail and on the control slip; and the UNCONFIRMED rules as
 * settings — the close period (site `supplementCloseDays`) and the supplement clock per
 * procedure (`supplementClock: 'restart' | 'resume'`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { APPLICANT as applicant, api, cleanupHubs, errorOf } from '../../helpers/hub';
import { startLawHub, vnInstant as vn } from '../../helpers/lawHub';

type Json = Record<string, unknown>;
type Warning = { kind: string; message: string };

const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let hub: Hub;
let admin: string;
let officer: string;

async function receive(procedureId: string, at: string): Promise<Json> {
  clock.set(vn(at));
  const res = await api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: { applicant, procedureId },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as Json;
}
const act = (code: string, body: Json) =>
  api(hub.url, `/api/v1/dossiers/${code}/actions`, { token: officer, json: body });
const get = async (code: string) =>
  (await api(hub.url, `/api/v1/dossiers/${code}`, { token: officer })).body as Json;
const warningList = async () =>
  (await api(hub.url, '/api/v1/dossiers/warnings', { token: officer })).body as Array<{
    code: string;
    warnings: Warning[];
  }>;

beforeAll(async () => {
  ({ hub, admin, officer } = await startLawHub(clock));
});
afterAll(cleanupHubs);

describe('Art. 18: transfer deadline warning', () => {
  it('a dossier received after 15:00 and not passed on by the next morning is flagged', async () => {
    // Giám hộ (3 working days), received Thu 05/03/2026 15:00:01 → pass on by Fri 08:00.
    const d = await receive('1.004837', '2026-03-05T15:00:01');
    const code = d['code'] as string;
    clock.set(vn('2026-03-06T08:00:00'));
    expect(((await get(code))['warnings'] as Warning[]).map((w) => w.kind)).not.toContain(
      'transfer_overdue',
    );
    clock.set(vn('2026-03-06T08:00:01'));
    const flagged = ((await get(code))['warnings'] as Warning[]).find(
      (w) => w.kind === 'transfer_overdue',
    );
    expect(flagged?.message).toContain('08:00 06/03/2026');
    expect(flagged?.message).toContain('Điều 18');
    const listed = (await warningList()).find((x) => x.code === code);
    expect(listed?.warnings.map((w) => w.kind)).toEqual(['transfer_overdue']);

    // Received at 15:00:00 the same Thursday: due to be passed on by 17:00 that day.
    const sameDay = await receive('1.004837', '2026-03-05T15:00:00');
    clock.set(vn('2026-03-05T17:00:01'));
    expect(
      (await warningList()).find((x) => x.code === sameDay['code'])?.warnings.map((w) => w.kind),
    ).toEqual(['transfer_overdue']);

    // Passed on late: the step records it, the warning goes.
    clock.set(vn('2026-03-06T09:30:00'));
    const moved = await act(code, { action: 'transfer', unit: 'Công chức Tư pháp - Hộ tịch' });
    expect(moved.status, moved.text).toBe(200);
    const events = (moved.body as Json)['events'] as Array<{ type: string; details: Json }>;
    expect(events.find((e) => e.type === 'transferred')?.details).toMatchObject({
      transferDeadline: vn('2026-03-06T08:00:00').toISOString(),
      transferLate: true,
    });
    expect((await warningList()).find((x) => x.code === code)).toBeUndefined();
  });
});

describe('Art. 22: correct-result', () => {
  it('a returned result with an error of the authority is corrected; the trail keeps both', async () => {
    const d = await receive('1.004837', '2026-03-09T09:00:00');
    const code = d['code'] as string;
    const early = await act(code, { action: 'correct-result', reason: 'Sai năm sinh' });
    expect(early.status).toBe(409);
    expect(errorOf(early).details).toMatchObject({ rule: 'correction.fromStatus' });

    clock.set(vn('2026-03-10T09:00:00'));
    expect((await act(code, { action: 'result-ready' })).status).toBe(200);
    const ret = await act(code, {
      action: 'return',
      collectedBy: applicant.fullName,
      idChecked: true,
    });
    expect(ret.status).toBe(200);
    expect((ret.body as Json)['allowedActions']).toEqual(['correct-result']);

    clock.set(vn('2026-03-12T10:00:00'));
    const missing = await act(code, { action: 'correct-result' });
    expect(missing.status).toBe(400);
    const future = await act(code, {
      action: 'correct-result',
      reason: 'Sai năm sinh',
      reportedOn: '2026-03-13',
    });
    expect(errorOf(future).details).toMatchObject({ rule: 'correction.reportedOnInvalid' });
    const fixed = await act(code, {
      action: 'correct-result',
      reason: 'Sai năm sinh của người được giám hộ trên quyết định',
      reportedOn: '2026-03-11',
    });
    expect(fixed.status, fixed.text).toBe(200);
    const body = fixed.body as Json;
    expect(body['status']).toBe('returned');
    const events = body['events'] as Array<{ type: string; reason: string | null; details: Json }>;
    expect(events.map((e) => e.type)).toEqual([
      'received',
      'result_ready',
      'returned',
      'result_corrected',
    ]);
    expect(events[3]).toMatchObject({
      reason: 'Sai năm sinh của người được giám hộ trên quyết định',
      details: { reportedOn: '2026-03-11', deadline: '2026-03-16', late: false, correction: 1 },
    });

    // The control slip (Mẫu 06, TT 03/2025) lists the correction among the steps.
    const link = await api(hub.url, `/api/v1/dossiers/${code}/forms/control`, {
      token: officer,
      json: {},
    });
    expect(link.status).toBe(200);
    const html = await (await fetch(`${hub.url}${(link.body as { url: string }).url}`)).text();
    expect(html).toContain('Đính chính kết quả');
    expect(html).toContain('Sai năm sinh của người được giám hộ trên quyết định');
  });
});

describe('UNCONFIRMED rules as settings', () => {
  it('the close period is the site setting supplementCloseDays (default 15)', async () => {
    // Xác nhận thông tin hộ tịch: supplement asked Wed 01/04/2026.
    const d = await receive('2.002516', '2026-04-01T09:00:00');
    const code = d['code'] as string;
    expect(
      (await act(code, { action: 'request-supplement', reason: 'Thiếu tờ khai' })).status,
    ).toBe(200);
    // Default 15 days: last day Thu 16/04, closing from Fri 17/04.
    clock.set(vn('2026-04-13T09:00:00'));
    const refused = await act(code, { action: 'close' });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toContain('17/04/2026');

    const site = (await api(hub.url, '/api/v1/site')).body as Json;
    const base = {
      agencyName: site['agencyName'],
      agencyCode: site['agencyCode'],
      address: site['address'],
    };
    const bad = await api(hub.url, '/api/v1/site', {
      method: 'PUT',
      token: admin,
      json: { ...base, supplementCloseDays: 0 },
    });
    expect(bad.status).toBe(400);
    const put = await api(hub.url, '/api/v1/site', {
      method: 'PUT',
      token: admin,
      json: { ...base, supplementCloseDays: 10 },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ supplementCloseDays: 10 });
    // 10 days: last day Sat 11/04 → Mon 13/04; closing from Tue 14/04.
    expect((await act(code, { action: 'close' })).status).toBe(409);
    clock.set(vn('2026-04-14T09:00:00'));
    const closed = await act(code, { action: 'close' });
    expect(closed.status, closed.text).toBe(200);
    expect((closed.body as Json)['status']).toBe('closed');
    await api(hub.url, '/api/v1/site', { method: 'PUT', token: admin, json: base });
  });

  it('the supplement clock per procedure: restart (default) or resume', async () => {
    const list = (await api(hub.url, '/api/v1/catalog/procedures', { token: admin }))
      .body as Json[];
    const base = list.find((p) => p['id'] === '1.004837') as Json;
    const save = (procedure: Json) =>
      api(hub.url, `/api/v1/catalog/procedures/${procedure['id'] as string}`, {
        token: admin,
        method: 'PUT',
        json: { id: procedure['id'], procedure },
      });
    const bad = await save({ ...base, id: '1.004837.R', supplementClock: 'pause' });
    expect(bad.status).toBe(400);
    const saved = await save({
      ...base,
      id: '1.004837.R',
      nationalCode: '1.004837.R',
      supplementClock: 'resume',
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ supplementClock: 'resume' });

    // 3 working days from Mon 04/05/2026 → Thu 07/05; supplement asked Tue 05/05, completed
    // Mon 11/05 (Wed 06, Thu 07, Fri 08, Mon 11 stood still: 4 working days).
    const run = async (procedureId: string) => {
      const d = await receive(procedureId, '2026-05-04T09:00:00');
      const code = d['code'] as string;
      expect(d['dueDate']).toBe('2026-05-07');
      clock.set(vn('2026-05-05T09:00:00'));
      expect((await act(code, { action: 'request-supplement', reason: 'Thiếu giấy' })).status).toBe(
        200,
      );
      clock.set(vn('2026-05-11T09:00:00'));
      const back = await act(code, { action: 'supplement-received' });
      expect(back.status, back.text).toBe(200);
      return (back.body as Json)['dueDate'];
    };
    expect(await run('1.004837')).toBe('2026-05-14'); // restart: 3 working days after Mon 11/05
    expect(await run('1.004837.R')).toBe('2026-05-13'); // resume: Thu 07/05 + 4 working days
  });
});

describe('counter slips (Mẫu 02 / 03 at the counter) use the set in force that day', () => {
  it('a slip issued in 2026 is TT 03/2025 and states the close period setting', async () => {
    clock.set(vn('2026-06-01T09:00:00'));
    const site = (await api(hub.url, '/api/v1/site')).body as Json;
    const base = {
      agencyName: site['agencyName'],
      agencyCode: site['agencyCode'],
      address: site['address'],
    };
    await api(hub.url, '/api/v1/site', {
      method: 'PUT',
      token: admin,
      json: { ...base, supplementCloseDays: 20 },
    });
    const page = async (kind: 'supplement' | 'refusal') => {
      const slip = await api(hub.url, '/api/v1/reception-slips', {
        token: officer,
        json: { kind, procedureId: '1.004837', applicant, reason: 'Thiếu tờ khai' },
      });
      expect(slip.status, slip.text).toBe(201);
      return (await fetch(`${hub.url}${(slip.body as { url: string }).url}`)).text();
    };
    const supplement = await page('supplement');
    expect(supplement).toContain('Phụ lục I Thông tư 03/2025/TT-VPCP');
    expect(supplement).toContain('trong thời hạn 20 ngày');
    expect(await page('refusal')).toContain('Phụ lục I Thông tư 03/2025/TT-VPCP');
    await api(hub.url, '/api/v1/site', { method: 'PUT', token: admin, json: base });
  });
});
