/**
 * The province's figures for a commune equal that commune's own report (docs/reports.md,
 * docs/province.md "Figures"): a scripted fortnight at a real site hub (dossiers through the
 * dossier endpoints — on time, late, overdue, in process —, tickets served and rated at the
 * kiosk), its outbox pushed as signed batches to the province service, then the province's
 * `GET /api/v1/province/communes` is compared with the site's `GET /api/v1/reports/summary`
 * for several periods, on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { parseDossierCode } from '../../../src/shared/dossierCode';
import { vnInstant } from '../../../src/shared/time/vnTime';
import {
  api,
  cleanupHubs,
  KIOSK,
  login,
  OFFICER,
  RATING_DEVICE,
  startTestHub,
} from '../../helpers/hub';
import { BACKENDS, call, loginAs, pushSiteOutbox } from '../../helpers/province';
import { expectCommuneEqualsSummary, provinceEngines } from '../../helpers/provinceSuite';

const engines = provinceEngines();
let hub: Hub;
let clock: ReturnType<typeof fixedClock>;
let agencyCode: string;

async function officer() {
  return login(hub.url, OFFICER);
}

async function receive(procedureNational: string, token: string) {
  const procedures = (await api(hub.url, '/api/v1/procedures', { token })).body as {
    id: string;
    nationalCode: string;
  }[];
  const p = procedures.find((x) => x.nationalCode === procedureNational) ?? procedures[0];
  const res = await api(hub.url, '/api/v1/dossiers', {
    token,
    json: {
      procedureId: p?.id,
      applicant: { fullName: 'Nguyễn Văn An', phone: '0912345678', address: 'Thôn Phú Thọ' },
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; code: string; dueDate: string };
}

async function act(code: string, body: Record<string, unknown>, token: string) {
  const res = await api(hub.url, `/api/v1/dossiers/${encodeURIComponent(code)}/actions`, {
    token,
    json: body,
  });
  expect(res.status, res.text).toBe(200);
}

/** Issue a ticket at the kiosk, call it at counter 1, serve it, rate it. */
async function serveAndRate(token: string, score: 'satisfied' | 'neutral' | 'unsatisfied') {
  const services = (await api(hub.url, '/api/v1/queue/services')).body as { id: string }[];
  const counters = (await api(hub.url, '/api/v1/counters')).body as {
    id: string;
    number: number;
  }[];
  const counter = counters.find((c) => c.number === 1) as { id: string };
  const t = (
    await api(hub.url, '/api/v1/queue/tickets', {
      device: KIOSK,
      json: { serviceId: services[0]?.id },
    })
  ).body as { id: string };
  clock.advance(4 * 60_000);
  const called = await api(hub.url, `/api/v1/counters/${counter.id}/call-next`, {
    method: 'POST',
    token,
    json: {},
  });
  expect(called.status, called.text).toBe(200);
  for (const action of ['start', 'complete']) {
    const r = await api(hub.url, `/api/v1/queue/tickets/${t.id}/actions`, {
      token,
      json: { action, counterId: counter.id },
    });
    expect(r.status, r.text).toBe(200);
  }
  const rated = await api(hub.url, '/api/v1/public/ratings', {
    device: RATING_DEVICE,
    json: {
      ticketId: t.id,
      score,
      ...(score === 'satisfied' ? {} : { reasons: ['processing_time'] }),
    },
  });
  expect(rated.status, rated.text).toBe(201);
}

beforeAll(async () => {
  clock = fixedClock(vnInstant('2026-03-02', 8, 0));
  hub = await startTestHub({ clock });

  // A scripted fortnight (Vietnam working days; the due dates are the site's own).
  const day = (d: string, h: number, m = 0) => clock.set(vnInstant(d, h, m));
  day('2026-03-02', 9);
  let token = await officer();
  const x1 = await receive('1.000656', token); // never finished: overdue later
  await act(x1.code, { action: 'transfer', unit: 'Công chức Tư pháp - Hộ tịch' }, token);
  day('2026-03-05', 9);
  token = await officer();
  const x3 = await receive('1.001193', token); // result after its due date: late
  day('2026-03-06', 10);
  token = await officer();
  const x2 = await receive('1.004873', token); // result on time
  await serveAndRate(token, 'satisfied');
  day('2026-03-09', 14);
  token = await officer();
  // Past its due date without a result: the apology letter (TT 01/2018, TT 03/2025 Mẫu 04).
  await act(
    x3.code,
    { action: 'apologise', reason: 'Chờ xác minh', newDueDate: '2026-03-10' },
    token,
  );
  day('2026-03-09', 15);
  token = await officer();
  await act(x3.code, { action: 'result-ready' }, token);
  await serveAndRate(token, 'unsatisfied');
  day('2026-03-10', 8, 30);
  token = await officer();
  const a1 = await receive('2.000815', token); // same-day result: on time
  await act(a1.code, { action: 'result-ready' }, token);
  await act(x2.code, { action: 'result-ready' }, token);
  await act(x3.code, { action: 'return', collectedBy: 'Trần Thị Cúc', idChecked: true }, token);
  await serveAndRate(token, 'neutral');
  day('2026-03-11', 9);
  token = await officer();
  await receive('1.001193', token); // still in process at the end
  await serveAndRate(token, 'satisfied');
  day('2026-03-13', 16);
  const parsed = parseDossierCode(x1.code);
  if (!parsed.ok) throw new Error(parsed.message);
  agencyCode = parsed.value.agencyCode;
}, 180_000);

afterAll(cleanupHubs);

const PERIODS = [
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-03-02', to: '2026-03-08' },
  { from: '2026-03-09', to: '2026-03-13' },
  { from: '2026-03-10', to: '2026-03-10' },
];

describe.each(BACKENDS)('a commune at the province on %s', (kind) => {
  it("equals the commune's own summary for the same events", async () => {
    const { province } = await engines.start(kind, { now: () => clock.now() });
    expect((await pushSiteOutbox(province, hub, [agencyCode])).events).toBeGreaterThan(20);
    const token = await loginAs(province.url);
    const siteToken = await officer();
    for (const p of PERIODS) {
      await expectCommuneEqualsSummary(province, hub, { province: token, site: siteToken }, p);
    }
    // The scripted fortnight really exercises the definitions (not all zeros).
    const month = await call(
      province.url,
      'GET',
      '/api/v1/province/communes?from=2026-03-01&to=2026-03-31',
      { token },
    );
    const [m] = month.body as {
      received: number;
      overdue: number;
      onTimeRate: number;
      apologies: number;
    }[];
    expect(m?.apologies).toBe(1);
    expect(m?.received).toBeGreaterThan(3);
    expect(m?.overdue).toBeGreaterThan(0);
    expect(m?.onTimeRate).toBeGreaterThan(0);
    expect(m?.onTimeRate).toBeLessThan(100);
  }, 120_000);
});
