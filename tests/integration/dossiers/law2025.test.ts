/**
 * The law as it stands in 2025–2026 over real HTTP (docs/calendar.md §6, docs/catalog.md,
 * docs/dossier-lifecycle.md): same-day and hour limits through GET /calendar/due-date, the
 * 15:00 cut-off as a site setting, the longer limit "when verification is needed" ticked at
 * reception and printed on the receipt, and the apology for a late dossier end to end.
 */
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
  fullName: 'Lò Thị Mai',
  idNumber: '001190123456',
  phone: '0987 654 321',
  address: 'Bản Mường, xã Quảng Phú, tỉnh Thanh Hóa',
};

const vn = (local: string): string => new Date(`${local}+07:00`).toISOString();

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
    json: { origin: 'http://192.168.1.10:8787' },
  });
  if (link.status !== 200) return { status: link.status, html: link.text };
  const page = await fetch(`${hub.url}${(link.body as { url: string }).url}`);
  return { status: page.status, html: await page.text() };
}

beforeAll(async () => {
  clock.set(new Date('2026-01-01T02:00:00Z'));
  hub = await startTestHub({ clock, authPolicy: { sessionHours: 24 * 365 } });
  admin = await login(hub.url, ADMIN);
  officer = await login(hub.url, OFFICER);
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
