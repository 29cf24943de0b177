/**
 * The queue over real HTTP against a demo hub: the exact surface of docs/queue.md, every illegal
 * action answering 409 with its rule (nothing changed), numbering per service per Vietnam
 * day with a fake clock, 500 concurrent issues, KPIs, board without personal data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { vnInstant } from '../../../src/shared/time/vnTime';
import {
  api,
  cleanupHubs,
  errorOf,
  KIOSK,
  login,
  OFFICER,
  pairDevices,
  startTestHub,
} from '../../helpers/hub';

afterEach(cleanupHubs);

interface Service {
  id: string;
  code: string;
  name: string;
  prefix: string;
  waiting: number;
}
interface Counter {
  id: string;
  number: number;
  serviceIds: string[];
  priority: boolean;
}
interface Ticket {
  id: string;
  number: string;
  status: string;
  outcome: string | null;
  counterId: string | null;
  serviceId: string;
  waitSeconds: number | null;
  walkSeconds: number | null;
  serviceSeconds: number | null;
  printStatus: string;
}

async function setup(clock = fixedClock(vnInstant('2026-03-02', 8, 0))) {
  const hub = await startTestHub({ clock });
  const base = hub.url;
  const token = await login(base, OFFICER);
  const services = (await api(base, '/api/v1/queue/services')).body as Service[];
  const counters = (await api(base, '/api/v1/counters')).body as Counter[];
  const svc = (prefix: string) => services.find((s) => s.prefix === prefix) as Service;
  const counter = (n: number) => counters.find((c) => c.number === n) as Counter;
  const issue = async (prefix: string, priority?: string) => {
    const res = await api(base, '/api/v1/queue/tickets', {
      device: KIOSK,
      json: { serviceId: svc(prefix).id, ...(priority ? { priority } : {}) },
    });
    expect(res.status, res.text).toBe(201);
    return res.body as {
      id: string;
      number: string;
      ahead: number;
      estimatedWaitMinutes: number[];
    };
  };
  const callNext = (n: number) =>
    api(base, `/api/v1/counters/${counter(n).id}/call-next`, { method: 'POST', token, json: {} });
  const act = (id: string, action: string, extra: Record<string, unknown> = {}) =>
    api(base, `/api/v1/queue/tickets/${id}/actions`, { token, json: { action, ...extra } });
  return { hub, base, token, clock, services, counters, svc, counter, issue, callNext, act };
}

describe('HTTP surface of the queue', () => {
  it('lists counters with their real services, and services with waiting counts', async () => {
    const { counters, services, svc, issue, base } = await setup();
    expect(services.map((s) => [s.prefix, s.name])).toEqual([
      ['A', 'Hộ tịch'],
      ['B', 'Chứng thực'],
      ['C', 'Đất đai – Xây dựng'],
      ['D', 'Nhận kết quả'],
    ]);
    expect(counters.map((c) => [c.number, c.priority, c.serviceIds.length])).toEqual([
      [1, false, 2],
      [2, false, 1],
      [3, true, 4],
    ]);
    expect(Object.keys(counters[0] as object).sort()).toEqual(
      ['id', 'name', 'number', 'priority', 'serviceIds'].sort(),
    );
    await issue('A');
    await issue('A');
    const after = (await api(base, '/api/v1/queue/services')).body as Service[];
    expect(after.find((s) => s.id === svc('A').id)?.waiting).toBe(2);
  });

  it('issues A001, A002… with people ahead and a wait range; a second service counts separately', async () => {
    const { issue, base } = await setup();
    const a1 = await issue('A');
    const a2 = await issue('A');
    const b1 = await issue('B');
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect(a1).toMatchObject({ status: 'waiting', ahead: 0, issuedAt: '2026-03-02T01:00:00.000Z' });
    expect(a2.ahead).toBe(1);
    // Fallback (no service done today): 8 min typical, 2 open counters serve A → E = 4 min.
    expect(a2.estimatedWaitMinutes).toEqual([3, 5]);
    const pub = await api(base, `/api/v1/queue/tickets/${a2.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({
      number: 'A002',
      serviceName: 'Hộ tịch',
      status: 'waiting',
      ahead: 1,
      priority: false,
      counterNumber: null,
    });
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const { base, svc, hub } = await setup();
    const count = () =>
      (hub.core.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    const bad = [
      { serviceId: svc('A').id, priority: 'vip' },
      { serviceId: svc('A').id, extra: 1 },
      {},
    ];
    for (const json of bad) {
      const res = await api(base, '/api/v1/queue/tickets', { device: KIOSK, json });
      expect(res.status).toBe(400);
    }
    const unknown = await api(base, '/api/v1/queue/tickets', {
      device: KIOSK,
      json: { serviceId: 'nope' },
    });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).message).toBe('Không có lĩnh vực này hoặc lĩnh vực đã ngừng cấp số.');
    expect(count()).toBe(0);
    const missing = await api(base, '/api/v1/queue/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(missing.status).toBe(404);
  });

  it('officer operations need a token', async () => {
    const { base, counter } = await setup();
    const res = await api(base, `/api/v1/counters/${counter(1).id}/call-next`, { json: {} });
    expect(res.status).toBe(401);
  });
});

describe('officer flow and KPIs', () => {
  it('call → start → complete records wait, walk and service time; 204 when nobody waits', async () => {
    const { issue, callNext, act, clock, base, counter, token } = await setup();
    const a1 = await issue('A');
    clock.advance(5 * 60_000);
    const called = await callNext(1);
    expect(called.status).toBe(200);
    const t = (called.body as { ticket: Ticket }).ticket;
    expect(t).toMatchObject({ number: 'A001', status: 'called', waitSeconds: 300 });
    clock.advance(30_000);
    const started = await act(a1.id, 'start');
    expect((started.body as { ticket: Ticket }).ticket).toMatchObject({
      status: 'serving',
      walkSeconds: 30,
    });
    clock.advance(6 * 60_000);
    const done = await act(a1.id, 'complete');
    expect((done.body as { ticket: Ticket }).ticket).toMatchObject({
      status: 'done',
      outcome: 'served',
      serviceSeconds: 360,
    });
    const none = await callNext(1);
    expect(none.status).toBe(204);
    const view = await api(base, `/api/v1/counters/${counter(1).id}/queue`, { token });
    expect((view.body as { stats: unknown }).stats).toMatchObject({
      served: 1,
      called: 1,
      avgWaitMinutes: 5,
      avgServiceMinutes: 6,
      overTargetPercent: 0,
    });
  });

  it('F1 then F4: complete straight after the call implies the start (walk 0, service from the call)', async () => {
    // Old behaviour: complete from "called" answered 409 ("press Start service first").
    const { issue, callNext, act, clock } = await setup();
    const a1 = await issue('A');
    await callNext(1);
    clock.advance(4 * 60_000);
    const done = await act(a1.id, 'complete');
    expect(done.status, done.text).toBe(200);
    expect((done.body as { ticket: Ticket }).ticket).toMatchObject({
      status: 'done',
      outcome: 'served',
      walkSeconds: 0,
      serviceSeconds: 240,
    });
  });

  it('every illegal action answers 409 naming the rule, and changes nothing', async () => {
    const { issue, callNext, act, hub } = await setup();
    const a1 = await issue('A');
    const snapshot = () =>
      JSON.stringify(hub.core.db.prepare('SELECT * FROM tickets WHERE id = ?').get(a1.id));
    // waiting: only transfer is allowed of the ticket actions
    const illegalFromWaiting = ['recall', 'start', 'complete', 'no-show', 'reactivate', 'park'];
    for (const action of illegalFromWaiting) {
      const before = snapshot();
      const res = await act(a1.id, action);
      expect(res.status, action).toBe(409);
      expect(errorOf(res).message).toContain('A001 hiện đang chờ');
      expect(snapshot()).toBe(before);
    }
    expect(errorOf(await act(a1.id, 'complete')).message).toBe(
      'Chỉ hoàn thành được số đang được gọi hoặc đang phục vụ. Số A001 hiện đang chờ.',
    );
    await callNext(1); // called
    for (const action of ['reactivate']) {
      expect((await act(a1.id, action)).status, action).toBe(409);
    }
    await act(a1.id, 'start'); // serving
    for (const action of ['recall', 'start', 'no-show', 'reactivate']) {
      expect((await act(a1.id, action)).status, action).toBe(409);
    }
    await act(a1.id, 'complete'); // done
    for (const action of ['recall', 'start', 'complete', 'no-show', 'reactivate', 'park']) {
      expect((await act(a1.id, action)).status, action).toBe(409);
    }
    const t = await act(a1.id, 'transfer', { toServiceId: 'x' });
    expect(t.status).toBe(409);
    expect(errorOf(t).message).toContain('Chỉ chuyển được số');
    // English on request
    const en = await api(hub.url, `/api/v1/queue/tickets/${a1.id}/actions`, {
      token: await login(hub.url, OFFICER),
      json: { action: 'start' },
      lang: 'en',
    });
    expect(errorOf(en).message).toBe('Only a number just called can start service. A001 is done.');
  });

  it('a counter with a ticket at it, or paused, cannot call another (409); resume reopens it', async () => {
    const { issue, callNext, base, counter, token, act } = await setup();
    const a1 = await issue('A');
    await issue('A');
    await callNext(1);
    const busy = await callNext(1);
    expect(busy.status).toBe(409);
    expect(errorOf(busy).message).toContain('Quầy 1 đang có số A001');
    await act(a1.id, 'no-show');
    const pause = await api(base, `/api/v1/counters/${counter(1).id}/pause`, {
      token,
      json: { reason: 'Họp giao ban' },
    });
    expect(pause.body).toMatchObject({ status: 'paused' });
    const paused = await callNext(1);
    expect(paused.status).toBe(409);
    expect(errorOf(paused).message).toBe(
      'Quầy 1 đang tạm dừng (Họp giao ban). Hãy mở lại quầy trước khi gọi số.',
    );
    const board = (await api(base, '/api/v1/queue/board')).body as {
      serving: { counter: number; paused: boolean }[];
    };
    expect(board.serving.find((s) => s.counter === 1)?.paused).toBe(true);
    await api(base, `/api/v1/counters/${counter(1).id}/resume`, { token, json: {} });
    expect(((await callNext(1)).body as { ticket: Ticket }).ticket.number).toBe('A002');
  });

  it('recall repeats the call; no-show then reactivate goes back behind 2 waiting (default)', async () => {
    const { issue, callNext, act, hub, clock } = await setup();
    const calls: unknown[] = [];
    hub.core.events.subscribe((e) => {
      if (e.type === 'queue.called') calls.push(e.data);
    });
    const a1 = await issue('A');
    for (let i = 0; i < 3; i++) {
      clock.advance(20_000);
      await issue('A');
    }
    await callNext(1);
    await act(a1.id, 'recall');
    expect(calls).toEqual([
      { number: 'A001', counter: 1, recall: false },
      { number: 'A001', counter: 1, recall: true },
    ]);
    const ns = await act(a1.id, 'no-show');
    expect((ns.body as { ticket: Ticket }).ticket).toMatchObject({
      status: 'no_show',
      outcome: 'no_show',
    });
    const back = await act(a1.id, 'reactivate');
    expect((back.body as { ticket: Ticket }).ticket).toMatchObject({
      status: 'waiting',
      outcome: null,
    });
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = ((await callNext(1)).body as { ticket: Ticket }).ticket;
      order.push(t.number);
      await act(t.id, 'start');
      await act(t.id, 'complete');
    }
    expect(order).toEqual(['A002', 'A003', 'A001', 'A004']);
  });

  it('transfer keeps the queue time: ahead of tickets issued after it in the new service', async () => {
    const { issue, callNext, act, svc, clock } = await setup();
    const a1 = await issue('A');
    clock.advance(60_000);
    await issue('B'); // B001 issued after A001
    await callNext(1);
    await act(a1.id, 'start');
    clock.advance(120_000);
    const tr = await act(a1.id, 'transfer', {
      toServiceId: svc('B').id,
      note: 'Cần chứng thực bản sao',
    });
    expect((tr.body as { ticket: Ticket }).ticket).toMatchObject({
      status: 'waiting',
      outcome: 'transferred',
      serviceId: svc('B').id,
      serviceSeconds: 120,
    });
    const next = ((await callNext(1)).body as { ticket: Ticket }).ticket;
    expect(next.number).toBe('A001');
  });

  it('transfer to a counter: only that counter calls it', async () => {
    const { issue, callNext, act, counter } = await setup();
    const a1 = await issue('A');
    await callNext(1);
    await act(a1.id, 'transfer', { counterId: counter(2).id, note: 'Hồ sơ đất' });
    expect((await callNext(1)).status).toBe(204);
    const at2 = await callNext(2);
    expect((at2.body as { ticket: Ticket }).ticket.number).toBe('A001');
  });

  it('park and call the number back; call a specific number', async () => {
    const { issue, callNext, act, base, counter, token } = await setup();
    const a1 = await issue('A');
    await issue('A');
    const a3 = await issue('A');
    await callNext(1);
    await act(a1.id, 'park');
    const specific = await api(base, `/api/v1/counters/${counter(1).id}/call`, {
      token,
      json: { number: 'a003' },
    });
    expect((specific.body as { ticket: Ticket }).ticket.id).toBe(a3.id);
    await act(a3.id, 'no-show');
    const back = await api(base, `/api/v1/counters/${counter(1).id}/call`, {
      token,
      json: { number: 'A001' },
    });
    expect((back.body as { ticket: Ticket }).ticket.status).toBe('called');
    const noShowCall = await api(base, `/api/v1/counters/${counter(2).id}/call`, {
      token,
      json: { number: 'A003' },
    });
    expect(noShowCall.status).toBe(409);
    const unknown = await api(base, `/api/v1/counters/${counter(2).id}/call`, {
      token,
      json: { number: 'A999' },
    });
    expect(unknown.status).toBe(404);
  });

  it('the priority counter takes priority tickets first; regular counters interleave 2:1', async () => {
    const { issue, callNext, act } = await setup();
    for (let i = 0; i < 4; i++) await issue('A');
    await issue('A', 'elderly');
    const p3 = ((await callNext(3)).body as { ticket: Ticket }).ticket;
    expect(p3.number).toBe('A005');
    await act(p3.id, 'start');
    await issue('A', 'pregnant'); // A006
    const seq: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = ((await callNext(1)).body as { ticket: Ticket }).ticket;
      seq.push(t.number);
      await act(t.id, 'start');
      await act(t.id, 'complete');
    }
    expect(seq).toEqual(['A001', 'A002', 'A006', 'A003', 'A004']);
  });

  it('a disabled priority category is refused (422) and the settings are validated (400)', async () => {
    const { base, svc } = await setup();
    const admin = await login(base);
    const current = (await api(base, '/api/v1/queue/settings', { token: admin })).body as {
      priorityCategories: { code: string; enabled: boolean; label: string }[];
    };
    const cats = current.priorityCategories.map((c) =>
      c.code === 'merit' ? { ...c, enabled: false } : c,
    );
    const saved = await api(base, '/api/v1/queue/settings', {
      method: 'PUT',
      token: admin,
      json: { ...current, priorityCategories: cats, regularPerPriority: 3 },
    });
    expect(saved.status, saved.text).toBe(200);
    const res = await api(base, '/api/v1/queue/tickets', {
      device: KIOSK,
      json: { serviceId: svc('A').id, priority: 'merit' },
    });
    expect(res.status).toBe(422);
    expect(errorOf(res).message).toBe(
      'Diện ưu tiên “Người có công với cách mạng” không áp dụng tại đơn vị.',
    );
    const bad = await api(base, '/api/v1/queue/settings', {
      method: 'PUT',
      token: admin,
      json: { ...current, regularPerPriority: -1 },
    });
    expect(bad.status).toBe(400);
    const officer = await login(base, OFFICER);
    const forbidden = await api(base, '/api/v1/queue/settings', {
      method: 'PUT',
      token: officer,
      json: current,
    });
    expect(forbidden.status).toBe(403);
    const board = (await api(base, '/api/v1/queue/board')).body as { rule: string };
    expect(board.rule).toContain('cứ 3 số thường thì đến 1 số ưu tiên');
  });
});

describe('board', () => {
  it('shows serving per counter, last 6 calls, waiting per service, the rule — and no personal data', async () => {
    const { issue, callNext, act, base, counters } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await issue('A')).id);
    for (let i = 0; i < 7; i++) {
      const t = ((await callNext(1)).body as { ticket: Ticket }).ticket;
      if (i < 6) {
        await act(t.id, 'start');
        await act(t.id, 'complete');
      }
    }
    const res = await api(base, '/api/v1/queue/board');
    expect(res.status).toBe(200);
    const board = res.body as {
      serving: { counter: number; number: string | null }[];
      recent: { number: string; counter: number }[];
      waiting: { serviceId: string; count: number }[];
      rule: string;
    };
    expect(board.serving).toHaveLength(counters.length);
    expect(board.serving[0]).toMatchObject({ counter: 1, number: 'A007' });
    expect(board.recent.map((r) => r.number)).toEqual([
      'A007',
      'A006',
      'A005',
      'A004',
      'A003',
      'A002',
    ]);
    expect(board.waiting[0]?.count).toBe(1);
    expect(board.rule).toBe(
      'Công dân được phục vụ theo thứ tự lấy số. Người ưu tiên (người cao tuổi, người khuyết tật, phụ nữ mang thai, người đi cùng trẻ nhỏ, người có công) được gọi xen kẽ: cứ 2 số thường thì đến 1 số ưu tiên. Không ai phải chờ quá thời gian quy định của lĩnh vực vì người ưu tiên: số thường đã chờ đủ thời gian đó được gọi trước. Quầy ưu tiên gọi người ưu tiên trước.',
    );
    // Nothing that looks like a name, ID number or officer: only numbers, counters, times.
    expect(res.text).not.toMatch(/Nguyễn|canbo|officer|userId|\d{9,12}/);
  });
});

describe('numbering per Vietnam business day', () => {
  it('resets at local midnight (17:00 UTC), closes yesterday’s open tickets as abandoned, never reuses', async () => {
    const clock = fixedClock(vnInstant('2026-03-02', 23, 59, 58));
    const { issue, act, base, hub } = await setup(clock);
    const y1 = await issue('A');
    const y2 = await issue('A');
    expect([y1.number, y2.number]).toEqual(['A001', 'A002']);
    clock.advance(1000); // 23:59:59
    expect((await issue('A')).number).toBe('A003');
    clock.advance(1000); // 00:00:00 next day (2026-03-02T17:00:00Z)
    expect(clock.now().toISOString()).toBe('2026-03-02T17:00:00.000Z');
    const t1 = await issue('A');
    expect(t1.number).toBe('A001');
    expect(t1.ahead).toBe(0); // yesterday's waiting tickets are not ahead
    const old = await api(base, `/api/v1/queue/tickets/${y1.id}`);
    expect(old.body).toMatchObject({ status: 'done', businessDate: '2026-03-02' });
    const row = hub.core.db.prepare('SELECT outcome FROM tickets WHERE id = ?').get(y1.id) as {
      outcome: string;
    };
    expect(row.outcome).toBe('abandoned');
    const res = await act(y2.id, 'transfer', { toServiceId: 'x' });
    expect(res.status).toBe(409);
    expect(errorOf(res).message).toContain('thuộc ngày 02/03/2026');
    const numbers = hub.core.db
      .prepare('SELECT business_date, number FROM tickets ORDER BY id')
      .all() as { business_date: string; number: string }[];
    expect(numbers).toEqual([
      { business_date: '2026-03-02', number: 'A001' },
      { business_date: '2026-03-02', number: 'A002' },
      { business_date: '2026-03-02', number: 'A003' },
      { business_date: '2026-03-03', number: 'A001' },
    ]);
  });
});

describe('concurrency', () => {
  it('500 concurrent issues for one service over HTTP: A001–A500, no gaps, no errors; B counts separately', async () => {
    const { base, svc } = await setup(fixedClock(vnInstant('2026-03-02', 9, 0)));
    // 26 kiosks (a kiosk may issue 30 tickets a minute: docs/security.md, "Devices").
    const kiosks = await pairDevices(base, 26);
    const post = (serviceId: string, i: number) =>
      api(base, '/api/v1/queue/tickets', {
        device: kiosks[i % kiosks.length] as string,
        json: { serviceId },
      });
    const results = await Promise.all([
      ...Array.from({ length: 500 }, (_, i) => post(svc('A').id, i)),
      ...Array.from({ length: 20 }, (_, i) => post(svc('B').id, 500 + i)),
    ]);
    const statuses = new Set(results.map((r) => r.status));
    expect([...statuses]).toEqual([201]);
    const numbers = results.map((r) => (r.body as { number: string }).number);
    const a = numbers.filter((n) => n.startsWith('A')).sort();
    const b = numbers.filter((n) => n.startsWith('B')).sort();
    expect(a).toEqual(Array.from({ length: 500 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
    expect(b).toEqual(Array.from({ length: 20 }, (_, i) => `B${String(i + 1).padStart(3, '0')}`));
  });
});
