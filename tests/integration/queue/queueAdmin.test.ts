/**
 * Administration of queue services, counters and their links over real HTTP against a demo
 * hub (docs/queue.md, services and counters): create, edit, the rules (prefix / code / number
 * taken, a service keeps an active counter, the prefix stays while numbers were issued today), link
 * replacement, deactivation instead of deletion once tickets exist, roles, and bad bodies changing
 * nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { AppEvent } from '../../../src/shared/contract';
import { vnInstant } from '../../../src/shared/time/vnTime';
import {
  ADMIN,
  api,
  cleanupHubs,
  errorOf,
  login,
  OFFICER,
  startTestHub,
  KIOSK,
} from '../../helpers/hub';

afterEach(cleanupHubs);

interface AdminService {
  id: string;
  code: string;
  name: string;
  prefix: string;
  targetMinutes: number;
  typicalMinutes: number;
  sortOrder: number;
  active: boolean;
  counterIds: string[];
  issuedToday: number;
  hasHistory: boolean;
}
interface AdminCounter {
  id: string;
  number: number;
  name: string;
  priority: boolean;
  active: boolean;
  serviceIds: string[];
}
interface Config {
  services: AdminService[];
  counters: AdminCounter[];
}

async function setup() {
  const clock = fixedClock(vnInstant('2026-03-02', 8, 0));
  const hub = await startTestHub({ clock });
  const base = hub.url;
  const admin = await login(base, ADMIN);
  const officer = await login(base, OFFICER);
  const events: AppEvent[] = [];
  hub.core.events.subscribe((e) => events.push(e));
  const config = async () => {
    const res = await api(base, '/api/v1/queue/admin', { token: admin });
    expect(res.status, res.text).toBe(200);
    return res.body as Config;
  };
  const initial = await config();
  const svc = (prefix: string) => initial.services.find((s) => s.prefix === prefix) as AdminService;
  const counter = (n: number) => initial.counters.find((c) => c.number === n) as AdminCounter;
  const count = (table: string) =>
    (hub.core.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const state = () =>
    JSON.stringify({
      services: hub.core.db.prepare('SELECT * FROM queue_services ORDER BY id').all(),
      counters: hub.core.db.prepare('SELECT * FROM counters ORDER BY id').all(),
      links: hub.core.db
        .prepare('SELECT * FROM counter_services ORDER BY counter_id, service_id')
        .all(),
      audit: count('audit_log'),
    });
  const issue = async (serviceId: string) => {
    const res = await api(base, '/api/v1/queue/tickets', { device: KIOSK, json: { serviceId } });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; number: string };
  };
  const lastAudit = () =>
    hub.core.db
      .prepare('SELECT action, entity, entity_id, details FROM audit_log ORDER BY id DESC LIMIT 1')
      .get() as { action: string; entity: string; entity_id: string; details: string };
  return {
    hub,
    base,
    admin,
    officer,
    clock,
    events,
    config,
    svc,
    counter,
    count,
    state,
    issue,
    lastAudit,
  };
}

const TU_PHAP = { code: 'TU_PHAP', name: 'Tư pháp', prefix: 'e', targetMinutes: 15 };

describe('queue services and counters: administration', () => {
  it('lists everything, creates a service linked to counter 2, and it issues E001', async () => {
    const { base, admin, config, counter, events, issue, lastAudit } = await setup();
    const before = await config();
    expect(before.services.map((s) => [s.prefix, s.name, s.active])).toEqual([
      ['A', 'Hộ tịch', true],
      ['B', 'Chứng thực', true],
      ['C', 'Đất đai – Xây dựng', true],
      ['D', 'Nhận kết quả', true],
    ]);
    expect(before.counters.map((c) => [c.number, c.priority, c.serviceIds.length])).toEqual([
      [1, false, 2],
      [2, false, 1],
      [3, true, 4],
    ]);

    const res = await api(base, '/api/v1/queue/services', {
      token: admin,
      json: { ...TU_PHAP, counterIds: [counter(2).id] },
    });
    expect(res.status, res.text).toBe(201);
    const created = res.body as AdminService;
    expect(created).toMatchObject({
      code: 'TU_PHAP',
      name: 'Tư pháp',
      prefix: 'E', // normalised to capitals
      targetMinutes: 15,
      typicalMinutes: 8,
      active: true,
      counterIds: [counter(2).id],
      issuedToday: 0,
      hasHistory: false,
    });
    // One audit row in the same transaction, one event after the commit.
    expect(lastAudit()).toMatchObject({
      action: 'queue.service.create',
      entity: 'queue_service',
      entity_id: created.id,
    });
    expect(events.filter((e) => e.type === 'queue.changed').at(-1)?.data).toEqual({
      config: true,
    });

    // The public surface follows: the kiosk list, counter 2's services, a ticket E001.
    const services = (await api(base, '/api/v1/queue/services')).body as { prefix: string }[];
    expect(services.map((s) => s.prefix)).toContain('E');
    const counters = (await api(base, '/api/v1/counters')).body as AdminCounter[];
    expect(counters.find((c) => c.number === 2)?.serviceIds).toContain(created.id);
    expect((await issue(created.id)).number).toBe('E001');
    const after = await config();
    expect(after.services.find((s) => s.id === created.id)).toMatchObject({
      issuedToday: 1,
      hasHistory: true,
    });
  });

  it('edits a service; the prefix cannot change while numbers were issued today, and can the next day', async () => {
    const { base, admin, svc, issue, clock, lastAudit } = await setup();
    const a = svc('A');
    const edit = await api(base, `/api/v1/queue/services/${a.id}`, {
      method: 'PUT',
      token: admin,
      json: { name: 'Hộ tịch – Quốc tịch', targetMinutes: 25, sortOrder: 9 },
    });
    expect(edit.status, edit.text).toBe(200);
    expect(edit.body).toMatchObject({
      name: 'Hộ tịch – Quốc tịch',
      prefix: 'A',
      targetMinutes: 25,
      sortOrder: 9,
      typicalMinutes: a.typicalMinutes, // left out = unchanged
      counterIds: a.counterIds,
    });
    const audit = lastAudit();
    expect(audit.action).toBe('queue.service.update');
    expect(JSON.parse(audit.details)).toMatchObject({
      name: ['Hộ tịch', 'Hộ tịch – Quốc tịch'],
      targetMinutes: [20, 25],
    });

    const a1 = await issue(a.id);
    expect(a1.number).toBe('A001');
    const refused = await api(base, `/api/v1/queue/services/${a.id}`, {
      method: 'PUT',
      token: admin,
      json: { prefix: 'H' },
    });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toBe(
      'Dịch vụ “Hộ tịch – Quốc tịch” đã cấp số hôm nay (đến số A001) nên chưa đổi được chữ đầu số A: các số đã cấp sẽ không còn khớp. Hãy đổi từ ngày mai.',
    );
    expect(errorOf(refused).details).toMatchObject({ rule: 'prefix-in-use-today', last: 'A001' });
    expect((await issue(a.id)).number).toBe('A002');

    // Next Vietnam business day: the prefix may change; new numbers use it, old ones keep theirs.
    clock.set(vnInstant('2026-03-03', 7, 30));
    const nextDayAdmin = await login(base, ADMIN); // yesterday's session has expired
    const changed = await api(base, `/api/v1/queue/services/${a.id}`, {
      method: 'PUT',
      token: nextDayAdmin,
      json: { prefix: 'H' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect((await issue(a.id)).number).toBe('H001');
    const old = await api(base, `/api/v1/queue/tickets/${a1.id}`);
    expect(old.body).toMatchObject({ number: 'A001', serviceName: 'Hộ tịch – Quốc tịch' });
  });

  it('refuses a taken prefix, code or counter number with the rule, and changes nothing', async () => {
    const { base, admin, svc, counter, state } = await setup();
    const before = state();
    const prefix = await api(base, '/api/v1/queue/services', {
      token: admin,
      json: { ...TU_PHAP, prefix: 'A', counterIds: [counter(2).id] },
    });
    expect(prefix.status).toBe(409);
    expect(errorOf(prefix).message).toBe(
      'Chữ đầu số A đang được dùng cho dịch vụ “Hộ tịch”. Hãy chọn chữ khác.',
    );
    const prefixEdit = await api(base, `/api/v1/queue/services/${svc('B').id}`, {
      method: 'PUT',
      token: admin,
      json: { prefix: 'C' },
    });
    expect(prefixEdit.status).toBe(409);
    expect(errorOf(prefixEdit).details).toMatchObject({
      rule: 'prefix-taken',
      serviceId: svc('C').id,
    });
    const code = await api(base, '/api/v1/queue/services', {
      token: admin,
      json: { ...TU_PHAP, code: 'ho_tich', counterIds: [counter(2).id] },
    });
    expect(code.status).toBe(409);
    expect(errorOf(code).message).toBe(
      'Mã HO_TICH đã dùng cho dịch vụ “Hộ tịch”. Hãy chọn mã khác.',
    );
    const number = await api(base, '/api/v1/counters', {
      token: admin,
      json: { number: 2, name: 'Quầy mới' },
    });
    expect(number.status).toBe(409);
    expect(errorOf(number).message).toMatch(/^Số quầy 2 đã có \(“.+”\)\. Hãy chọn số khác\.$/);
    const renumber = await api(base, `/api/v1/counters/${counter(1).id}`, {
      method: 'PUT',
      token: admin,
      json: { number: 3 },
    });
    expect(renumber.status).toBe(409);
    // English on request.
    const en = await api(base, '/api/v1/counters', {
      token: admin,
      lang: 'en',
      json: { number: 1, name: 'X' },
    });
    expect(errorOf(en).message).toMatch(/^Counter number 1 exists/);
    // A service saved as active needs an active counter.
    const noCounter = await api(base, '/api/v1/queue/services', {
      token: admin,
      json: TU_PHAP,
    });
    expect(noCounter.status).toBe(422);
    expect(errorOf(noCounter).message).toContain('dịch vụ “Tư pháp” sẽ không còn quầy nào');
    expect(state()).toBe(before);
  });

  it('replaces the services of a counter; never leaves an active service without a counter', async () => {
    const { base, admin, svc, counter, config, state, lastAudit } = await setup();
    const [a, b, c, d] = [svc('A'), svc('B'), svc('C'), svc('D')];
    const put = (n: number, serviceIds: string[]) =>
      api(base, `/api/v1/counters/${counter(n).id}/services`, {
        method: 'PUT',
        token: admin,
        json: { serviceIds },
      });
    const res = await put(1, [c.id, a.id]);
    expect(res.status, res.text).toBe(200);
    expect(new Set((res.body as AdminCounter).serviceIds)).toEqual(new Set([a.id, c.id]));
    expect(lastAudit().action).toBe('counter.services');
    const cfg = await config();
    expect(cfg.services.find((s) => s.id === b.id)?.counterIds).toEqual([counter(3).id]);
    expect(cfg.services.find((s) => s.id === c.id)?.counterIds).toEqual([
      counter(1).id,
      counter(2).id,
      counter(3).id,
    ]);

    // Counter 3 is now the only one serving B and D: dropping them is refused, nothing changes.
    const before = state();
    const refused = await put(3, [a.id, c.id]);
    expect(refused.status).toBe(422);
    expect(errorOf(refused).message).toBe(
      'Mỗi dịch vụ đang hoạt động phải có ít nhất một quầy đang hoạt động phục vụ; dịch vụ “Chứng thực”, “Nhận kết quả” sẽ không còn quầy nào. Hãy đánh dấu quầy phục vụ khác (hoặc ngừng dịch vụ) trước.',
    );
    expect(errorOf(refused).details).toMatchObject({
      rule: 'service-needs-counter',
      serviceIds: [b.id, d.id],
    });
    // The same rule through the service side and through deactivating a counter.
    const viaService = await api(base, `/api/v1/queue/services/${d.id}`, {
      method: 'PUT',
      token: admin,
      json: { counterIds: [] },
    });
    expect(viaService.status).toBe(422);
    const viaCounter = await api(base, `/api/v1/counters/${counter(3).id}`, {
      method: 'PUT',
      token: admin,
      json: { active: false },
    });
    expect(viaCounter.status).toBe(422);
    const unknown = await put(2, ['01ARZ3NDEKTSV4RRFFQ69G5FAV']);
    expect(unknown.status).toBe(422);
    expect(state()).toBe(before);

    // A deactivated service needs no counter.
    const stop = await api(base, `/api/v1/queue/services/${d.id}`, {
      method: 'PUT',
      token: admin,
      json: { active: false, counterIds: [] },
    });
    expect(stop.status, stop.text).toBe(200);
    expect(stop.body).toMatchObject({ active: false, counterIds: [] });
  });

  it('deactivates instead of deleting once tickets exist, and keeps the history', async () => {
    const { hub, base, admin, officer, svc, counter, issue, config, count } = await setup();
    const d = svc('D');
    const t = await issue(d.id);
    // An open ticket today: the service cannot stop yet.
    const early = await api(base, `/api/v1/queue/services/${d.id}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(early.status).toBe(409);
    expect(errorOf(early).message).toBe(
      'Dịch vụ “Nhận kết quả” còn 1 số chưa phục vụ xong hôm nay; hãy phục vụ hoặc chuyển các số đó trước khi ngừng dịch vụ.',
    );
    // Counter 3 calls it: counter 3 cannot stop while it has a called ticket.
    const call = await api(base, `/api/v1/counters/${counter(3).id}/call-next`, {
      method: 'POST',
      token: officer,
      json: {},
    });
    expect((call.body as { ticket: { number: string } }).ticket.number).toBe('D001');
    const busy = await api(base, `/api/v1/counters/${counter(3).id}`, {
      method: 'PUT',
      token: admin,
      json: { active: false },
    });
    expect(busy.status).toBe(409);
    expect(errorOf(busy).message).toContain('Quầy số 3 đang gọi hoặc phục vụ số D001');
    for (const action of ['start', 'complete']) {
      const r = await api(base, `/api/v1/queue/tickets/${t.id}/actions`, {
        token: officer,
        json: { action },
      });
      expect(r.status, r.text).toBe(200);
    }

    const removed = await api(base, `/api/v1/queue/services/${d.id}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body).toEqual({ id: d.id, outcome: 'deactivated' });
    // History stays: the service row, its ticket, the ticket's public status.
    expect(count('tickets')).toBe(1);
    expect((await config()).services.find((s) => s.id === d.id)).toMatchObject({
      active: false,
      hasHistory: true,
    });
    expect((await api(base, `/api/v1/queue/tickets/${t.id}`)).body).toMatchObject({
      number: 'D001',
      serviceName: 'Nhận kết quả',
      status: 'done',
    });
    // It no longer issues numbers and left the kiosk list.
    expect(
      (await api(base, '/api/v1/queue/tickets', { device: KIOSK, json: { serviceId: d.id } }))
        .status,
    ).toBe(404);
    const listed = (await api(base, '/api/v1/queue/services')).body as { id: string }[];
    expect(listed.map((s) => s.id)).not.toContain(d.id);
    // Its prefix stays reserved: D belongs to the retired service.
    const reuse = await api(base, '/api/v1/queue/services', {
      token: admin,
      json: {
        code: 'MOI',
        name: 'Mới',
        prefix: 'D',
        targetMinutes: 10,
        counterIds: [counter(1).id],
      },
    });
    expect(reuse.status).toBe(409);
    expect(errorOf(reuse).message).toContain('vẫn thuộc dịch vụ đã ngừng “Nhận kết quả”');

    // Counter 3 served D001: removing it deactivates it (A, B, C are still served by 1 and 2).
    const c3 = await api(base, `/api/v1/counters/${counter(3).id}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(c3.status, c3.text).toBe(200);
    expect(c3.body).toEqual({ id: counter(3).id, outcome: 'deactivated' });
    const publicCounters = (await api(base, '/api/v1/counters')).body as AdminCounter[];
    expect(publicCounters.map((c) => c.number)).toEqual([1, 2]);
    const board = (await api(base, '/api/v1/queue/board')).body as {
      serving: { counter: number }[];
    };
    expect(board.serving.map((s) => s.counter)).toEqual([1, 2]);
    const row = hub.core.db.prepare('SELECT counter_id FROM tickets WHERE id = ?').get(t.id) as {
      counter_id: string;
    };
    expect(row.counter_id).toBe(counter(3).id);
    // A counter calling for a deactivated counter is refused (404), not silently served.
    const gone = await api(base, `/api/v1/counters/${counter(3).id}/call-next`, {
      method: 'POST',
      token: officer,
      json: {},
    });
    expect(gone.status).toBe(404);
  });

  it('deletes a never-used service or counter outright', async () => {
    const { base, admin, counter, config, lastAudit } = await setup();
    const c = await api(base, '/api/v1/counters', {
      token: admin,
      json: { number: 4, name: 'Quầy 4', priority: true },
    });
    expect(c.status, c.text).toBe(201);
    const c4 = c.body as AdminCounter;
    expect(c4).toMatchObject({ number: 4, priority: true, active: true, serviceIds: [] });
    const s = await api(base, '/api/v1/queue/services', {
      token: admin,
      json: { ...TU_PHAP, counterIds: [c4.id, counter(2).id] },
    });
    const e = s.body as AdminService;
    // Only counter 4 and 2 serve E; removing 4 leaves counter 2: allowed.
    const del4 = await api(base, `/api/v1/counters/${c4.id}`, { method: 'DELETE', token: admin });
    expect(del4.body).toEqual({ id: c4.id, outcome: 'deleted' });
    expect(lastAudit()).toMatchObject({ action: 'counter.delete', entity_id: c4.id });
    const delE = await api(base, `/api/v1/queue/services/${e.id}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(delE.body).toEqual({ id: e.id, outcome: 'deleted' });
    const cfg = await config();
    expect(cfg.services.map((x) => x.id)).not.toContain(e.id);
    expect(cfg.counters.map((x) => x.number)).toEqual([1, 2, 3]);
    const missing = await api(base, `/api/v1/queue/services/${e.id}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(missing.status).toBe(404);
  });

  it('is for administrators only: an officer gets 403, nobody signed in 401, nothing changes', async () => {
    const { base, officer, svc, counter, state } = await setup();
    const before = state();
    const calls: [string, string, unknown][] = [
      ['GET', '/api/v1/queue/admin', undefined],
      ['POST', '/api/v1/queue/services', { ...TU_PHAP, counterIds: [counter(2).id] }],
      ['PUT', `/api/v1/queue/services/${svc('A').id}`, { name: 'X' }],
      ['DELETE', `/api/v1/queue/services/${svc('A').id}`, undefined],
      ['POST', '/api/v1/counters', { number: 9, name: 'Quầy 9' }],
      ['PUT', `/api/v1/counters/${counter(1).id}`, { name: 'X' }],
      ['PUT', `/api/v1/counters/${counter(1).id}/services`, { serviceIds: [] }],
      ['DELETE', `/api/v1/counters/${counter(1).id}`, undefined],
    ];
    for (const [method, path, json] of calls) {
      const asOfficer = await api(base, path, { method, token: officer, json });
      expect(asOfficer.status, `${method} ${path}`).toBe(403);
      const anonymous = await api(base, path, { method, json });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
    }
    expect(state()).toBe(before);
  });

  it('refuses a bad body with 400 and changes nothing', async () => {
    const { base, admin, svc, counter, state } = await setup();
    const before = state();
    const c2 = counter(2).id;
    const badServices = [
      { ...TU_PHAP, prefix: 'E1', counterIds: [c2] },
      { ...TU_PHAP, prefix: 'ABC', counterIds: [c2] },
      { ...TU_PHAP, prefix: 'Đ', counterIds: [c2] },
      { ...TU_PHAP, targetMinutes: 0, counterIds: [c2] },
      { ...TU_PHAP, name: '   ', counterIds: [c2] },
      { ...TU_PHAP, counterIds: [c2, c2] },
      { ...TU_PHAP, counterIds: [c2], extra: true },
      { name: 'Tư pháp', prefix: 'E', targetMinutes: 15 }, // no code
    ];
    for (const json of badServices) {
      const res = await api(base, '/api/v1/queue/services', { token: admin, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    const badEdits = [{ code: 'NEW_CODE' }, { prefix: '' }, { active: 'no' }, { sortOrder: -1 }];
    for (const json of badEdits) {
      const res = await api(base, `/api/v1/queue/services/${svc('A').id}`, {
        method: 'PUT',
        token: admin,
        json,
      });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    for (const json of [{ number: 0, name: 'X' }, { number: 1.5, name: 'X' }, { name: 'X' }]) {
      const res = await api(base, '/api/v1/counters', { token: admin, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    const badLinks = await api(base, `/api/v1/counters/${c2}/services`, {
      method: 'PUT',
      token: admin,
      json: { serviceIds: 'all' },
    });
    expect(badLinks.status).toBe(400);
    const badJson = await api(base, '/api/v1/counters', { token: admin, rawBody: '{"number":' });
    expect(badJson.status).toBe(400);
    expect(state()).toBe(before);
  });
});
