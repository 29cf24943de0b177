/**
 * Device pairing over real HTTP (docs/security.md, "Devices"). Before pairing existed,
 * anyone on the office LAN could post a ticket, a rating or a checklist print without any
 * credential (201), and the public event stream announced every completed ticket's id, so a
 * stranger could rate in the citizen's place (the citizen's own rating then got 409). Each
 * test below failed on that code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { PAIR_FAILURES_PER_MINUTE } from '../../../src/core/devices/deviceService';
import { vnInstant } from '../../../src/shared/time/vnTime';
import {
  ADMIN,
  api,
  cleanupHubs,
  errorOf,
  KIOSK,
  login,
  OFFICER,
  pairDevices,
  RATING_DEVICE,
  startTestHub,
} from '../../helpers/hub';

afterEach(cleanupHubs);

async function setup() {
  const clock = fixedClock(vnInstant('2026-03-02', 9, 0));
  const hub = await startTestHub({ clock });
  const base = hub.url;
  const officer = await login(base, OFFICER);
  const admin = await login(base, ADMIN);
  const services = (await api(base, '/api/v1/queue/services')).body as {
    id: string;
    prefix: string;
  }[];
  const serviceId = (services.find((s) => s.prefix === 'A') as { id: string }).id;
  const counters = (await api(base, '/api/v1/counters')).body as { id: string; number: number }[];
  const counter1 = (counters.find((c) => c.number === 1) as { id: string }).id;
  const procedures = (await api(base, '/api/v1/procedures')).body as { id: string }[];
  const procedureId = (procedures[0] as { id: string }).id;
  const count = (table: string) =>
    (hub.core.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const issue = (device?: string, token?: string) =>
    api(base, '/api/v1/queue/tickets', {
      ...(device ? { device } : {}),
      ...(token ? { token } : {}),
      json: { serviceId },
    });
  const rate = (json: Record<string, unknown>, device?: string) =>
    api(base, '/api/v1/public/ratings', { ...(device ? { device } : {}), json });
  const printChecklist = (device?: string) =>
    api(base, `/api/v1/public/procedures/${encodeURIComponent(procedureId)}/print-checklist`, {
      ...(device ? { device } : {}),
      json: {},
    });
  /** Issue (kiosk), call at counter 1, start, complete: the rating window opens. */
  const serveAndComplete = async () => {
    const t = (await issue(KIOSK)).body as { id: string; number: string };
    const called = await api(base, `/api/v1/counters/${counter1}/call`, {
      token: officer,
      json: { number: t.number },
    });
    expect(called.status, called.text).toBe(200);
    for (const action of ['start', 'complete']) {
      const r = await api(base, `/api/v1/queue/tickets/${t.id}/actions`, {
        token: officer,
        json: { action, counterId: counter1 },
      });
      expect(r.status, r.text).toBe(200);
    }
    return t;
  };
  return {
    hub,
    base,
    clock,
    officer,
    admin,
    counter1,
    count,
    issue,
    rate,
    printChecklist,
    serveAndComplete,
  };
}

describe('public writes need a paired device', () => {
  it('a stranger (no X-Motcua-Device) cannot post a ticket, a rating or a checklist print: 401, nothing written', async () => {
    const { issue, rate, printChecklist, serveAndComplete, count, counter1 } = await setup();
    const t = await serveAndComplete(); // a window is open: the stranger has something to rate
    const before = {
      tickets: count('tickets'),
      ratings: count('ratings'),
      jobs: count('print_jobs'),
    };
    for (const res of [
      await issue(),
      await issue('not-a-device-token-at-all'),
      await rate({ ticketId: t.id, score: 'unsatisfied', reasons: ['staff_attitude'] }),
      await rate({ counterId: counter1, score: 'satisfied' }),
      await printChecklist(),
    ]) {
      expect(res.status, res.text).toBe(401);
      expect(errorOf(res).code).toBe('DEVICE_REQUIRED');
      expect(errorOf(res).message).toMatch(/thiết bị đã được ghép nối/);
    }
    expect({
      tickets: count('tickets'),
      ratings: count('ratings'),
      jobs: count('print_jobs'),
    }).toEqual(before);
  });

  it('the paired kiosk issues, rates and prints; the rating tablet rates', async () => {
    const { issue, rate, printChecklist, serveAndComplete } = await setup();
    expect((await issue(KIOSK)).status).toBe(201);
    expect((await printChecklist(KIOSK)).status).toBe(200);
    const t = await serveAndComplete();
    expect((await rate({ ticketId: t.id, score: 'satisfied' }, RATING_DEVICE)).status).toBe(201);
    const t2 = await serveAndComplete();
    expect((await rate({ ticketId: t2.id, score: 'satisfied' }, KIOSK)).status).toBe(201);
  });

  it('a device of the wrong kind is refused (rating tablet, lobby board)', async () => {
    const { base, issue, rate, printChecklist, serveAndComplete, count } = await setup();
    const [display] = await pairDevices(base, 1, 'display');
    const t = await serveAndComplete();
    const tickets = count('tickets');
    for (const res of [
      await issue(RATING_DEVICE),
      await issue(display),
      await printChecklist(RATING_DEVICE),
      await printChecklist(display),
      await rate({ ticketId: t.id, score: 'satisfied' }, display),
    ]) {
      expect(res.status, res.text).toBe(401);
      expect(errorOf(res).code).toBe('DEVICE_REQUIRED');
    }
    expect(count('tickets')).toBe(tickets);
    expect(count('ratings')).toBe(0);
  });

  it("an officer's bearer token may issue a ticket (a walk-in), recorded as the officer's", async () => {
    const { issue, officer, hub } = await setup();
    const res = await issue(undefined, officer);
    expect(res.status, res.text).toBe(201);
    const row = hub.core.db
      .prepare('SELECT channel FROM tickets WHERE id = ?')
      .get((res.body as { id: string }).id) as { channel: string };
    expect(row.channel).toBe('officer');
  });

  it('limits per kiosk, not per address: 30 tickets a minute, then 429; another kiosk still issues', async () => {
    const { base, issue } = await setup();
    const [other] = await pairDevices(base, 1);
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await issue(KIOSK)).status);
    expect(codes.slice(0, 30).every((c) => c === 201)).toBe(true);
    expect(codes[30]).toBe(429);
    expect((await issue(other)).status).toBe(201); // same address, its own limit
  });
});

describe('pairing and revoking (admin)', () => {
  it('wrong pairing codes from many addresses: 30 a minute in all, then 429', async () => {
    const { hub } = await setup();
    const pair = (code: string, i: number) =>
      hub.core.dispatcher.invoke(
        'devices.pair',
        { code },
        { token: null, deviceToken: null, clientKey: `10.1.0.${i}`, lang: 'vi' },
      );
    for (let i = 0; i < PAIR_FAILURES_PER_MINUTE; i++) {
      expect(await pair('WRONGONE', i)).toMatchObject({
        status: 403,
        error: { code: 'PAIRING_CODE_INVALID' },
      });
    }
    expect(await pair('WRONGONE', 99)).toMatchObject({
      status: 429,
      error: { code: 'RATE_LIMITED' },
    });
  });

  it('POST /devices shows the token once and stores only its sha256; GET lists without tokens', async () => {
    const { base, admin, officer, hub } = await setup();
    const created = await api(base, '/api/v1/devices', {
      token: admin,
      json: { name: 'Kiosk sảnh', kind: 'kiosk' },
    });
    expect(created.status, created.text).toBe(201);
    const device = created.body as { id: string; name: string; kind: string; token: string };
    expect(device).toMatchObject({ name: 'Kiosk sảnh', kind: 'kiosk' });
    expect(device.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = hub.core.db.prepare('SELECT * FROM devices WHERE id = ?').get(device.id);
    expect(JSON.stringify(stored)).not.toContain(device.token);
    const list = await api(base, '/api/v1/devices', { token: admin });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(device.token);
    expect(list.text).not.toMatch(/token/i);
    expect((list.body as { id: string }[]).map((d) => d.id)).toContain(device.id);
    // Only an admin pairs, lists or revokes.
    expect((await api(base, '/api/v1/devices', { token: officer })).status).toBe(403);
    expect((await api(base, '/api/v1/devices')).status).toBe(401);
    const byOfficer = await api(base, '/api/v1/devices', {
      token: officer,
      json: { name: 'x', kind: 'kiosk' },
    });
    expect(byOfficer.status).toBe(403);
    const bad = await api(base, '/api/v1/devices', {
      token: admin,
      json: { name: 'x', kind: 'printer' },
    });
    expect(bad.status).toBe(400);
    const me = await api(base, '/api/v1/public/devices/me', { device: device.token });
    expect(me.body).toEqual({ device: { id: device.id, name: 'Kiosk sảnh', kind: 'kiosk' } });
    expect((await api(base, '/api/v1/public/devices/me')).body).toEqual({ device: null });
  });

  it('a revoked device is refused from the very next request', async () => {
    const { base, admin, issue } = await setup();
    const [kiosk] = (await pairDevices(base, 1)) as [string];
    expect((await issue(kiosk)).status).toBe(201);
    const id = (
      (await api(base, '/api/v1/public/devices/me', { device: kiosk })).body as {
        device: { id: string };
      }
    ).device.id;
    const revoked = await api(base, `/api/v1/devices/${id}`, { method: 'DELETE', token: admin });
    expect(revoked.status, revoked.text).toBe(200);
    expect((revoked.body as { revokedAt: string | null }).revokedAt).not.toBeNull();
    const after = await issue(kiosk);
    expect(after.status).toBe(401);
    expect(errorOf(after).code).toBe('DEVICE_REQUIRED');
    expect((await api(base, '/api/v1/public/devices/me', { device: kiosk })).body).toEqual({
      device: null,
    });
    const unknown = await api(base, '/api/v1/devices/nope', { method: 'DELETE', token: admin });
    expect(unknown.status).toBe(404);
  });

  it('a short pairing code: one use, 10 minutes, case and dash do not matter, wrong → 403', async () => {
    const { base, admin, clock, issue } = await setup();
    const make = async () => {
      const res = await api(base, '/api/v1/devices/pairing-codes', {
        token: admin,
        json: { name: 'Kiosk 2', kind: 'kiosk' },
      });
      expect(res.status, res.text).toBe(201);
      return (res.body as { code: string }).code;
    };
    const code = await make();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const pair = (typed: string) =>
      api(base, '/api/v1/public/devices/pair', { json: { code: typed } });
    const wrong = await pair('AAAAAAAA');
    expect(wrong.status).toBe(403);
    expect(errorOf(wrong).code).toBe('PAIRING_CODE_INVALID');
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
    const ok = await pair(typed);
    expect(ok.status, ok.text).toBe(201);
    const device = ok.body as { kind: string; token: string; name: string };
    expect(device).toMatchObject({ kind: 'kiosk', name: 'Kiosk 2' });
    expect((await issue(device.token)).status).toBe(201);
    expect((await pair(code)).status).toBe(403); // used once
    const late = await make();
    clock.advance(10 * 60_000);
    expect((await pair(late)).status).toBe(403); // expired
    // The code operation itself is the admin's.
    const stranger = await api(base, '/api/v1/devices/pairing-codes', {
      json: { name: 'x', kind: 'kiosk' },
    });
    expect(stranger.status).toBe(401);
  });
});

/** Read the public event stream while `during` runs; returns every frame's raw JSON text. */
async function readEvents(base: string, during: () => Promise<void>): Promise<string[]> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      /* aborted */
    }
  })();
  // Wait for the greeting so that nothing published afterwards is missed.
  for (let i = 0; i < 200 && !text.includes('"hello"'); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  await during();
  // Poll until the last event of `during` ('rating.closed' or 'rating.open') has arrived.
  for (let i = 0; i < 500 && !text.includes('"rating.closed"'); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  controller.abort();
  await pump;
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice('data: '.length));
}

describe('the public event stream', () => {
  it('carries no ticket id a stranger could rate with; the paired tablet learns it from ratings.open', async () => {
    const { base, serveAndComplete, rate, counter1 } = await setup();
    let ticket = { id: '', number: '' };
    const frames = await readEvents(base, async () => {
      ticket = await serveAndComplete();
      // Only a paired device sees which ticket it rates.
      const stranger = await api(base, `/api/v1/public/ratings/open?counterId=${counter1}`);
      expect(stranger.status).toBe(401);
      expect(stranger.text).not.toContain(ticket.id);
      const open = await api(base, `/api/v1/public/ratings/open?counterId=${counter1}`, {
        device: RATING_DEVICE,
      });
      expect(open.status).toBe(200);
      const windows = open.body as { ticketId: string; number: string }[];
      expect(windows[0]).toMatchObject({ ticketId: ticket.id, number: ticket.number });
      const rated = await rate({ ticketId: ticket.id, score: 'satisfied' }, RATING_DEVICE);
      expect(rated.status).toBe(201);
    });
    const types = frames.map((f) => (JSON.parse(f) as { type: string }).type);
    expect(types).toContain('queue.changed');
    expect(types).toContain('rating.open'); // the screens still learn that a window opened
    expect(types).toContain('rating.closed');
    expect(types).not.toContain('queue.completed'); // internal: carries the ticket id
    for (const frame of frames) {
      expect(frame, frame).not.toContain(ticket.id);
      expect(frame, frame).not.toMatch(/ticketId/);
    }
    const opened = frames
      .map((f) => JSON.parse(f) as { type: string; data?: Record<string, unknown> })
      .find((e) => e.type === 'rating.open');
    expect(opened?.data).toMatchObject({ counterId: counter1, number: ticket.number });
  });
});
