/**
 * The ticket state machine, exhaustively: every action from every status either succeeds
 * (exactly the pairs in ALLOWED_FROM) or fails with 409 CONFLICT naming the rule, leaving the
 * ticket row and its trail untouched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/app';
import { fixedClock } from '../../../src/core/clock';
import { createQueueService, type QueueService } from '../../../src/core/queue/queueService';
import { ALLOWED_FROM } from '../../../src/shared/queue/ticketTransitions';
import { isAppError, type PublicUser } from '../../../src/shared/contract';
import {
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketAction,
  type TicketStatus,
} from '../../../src/shared/contract/queue';
import { vnInstant } from '../../../src/shared/time/vnTime';

const dirs: string[] = [];
const cores: Core[] = [];
afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const OFFICER: PublicUser = { id: 'u1', username: 'canbo1', role: 'officer', fullName: 'Cán bộ' };

async function world() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-qsm-'));
  dirs.push(dir);
  const clock = fixedClock(vnInstant('2026-03-02', 9, 0));
  const core = await createCore({ dataDir: dir, clock, demo: true });
  cores.push(core);
  const q: QueueService = createQueueService(core.db, clock, core.events);
  const ids = (sql: string) => (core.db.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  const [svcA, svcB] = ids('SELECT id FROM queue_services ORDER BY prefix');
  const counters = ids('SELECT id FROM counters ORDER BY number');
  return { core, clock, q, svcA: svcA as string, svcB: svcB as string, counters };
}

type World = Awaited<ReturnType<typeof world>>;

/** Bring a fresh ticket into the given status through legal steps only. */
function ticketIn(w: World, status: TicketStatus, counterIndex: number): string {
  const counter = w.counters[counterIndex] as string;
  const issue = (awaitPrint = false) =>
    w.q.issue({ serviceId: w.svcA }, 'kiosk', { awaitPrint, printStatus: 'pending' });
  if (status === 'printing') return issue(true).id;
  if (status === 'void') {
    const t = issue(true);
    w.q.recordPrint(t.id, { id: null, status: 'failed', error: 'giấy hết' }, true);
    return t.id;
  }
  const t = issue();
  if (status === 'waiting') return t.id;
  w.q.callNumber(counter, t.number, OFFICER);
  if (status === 'called') return t.id;
  if (status === 'no_show') return w.q.act(t.id, { action: 'no-show' }, OFFICER).id;
  if (status === 'parked') return w.q.act(t.id, { action: 'park' }, OFFICER).id;
  w.q.act(t.id, { action: 'start' }, OFFICER);
  if (status === 'serving') return t.id;
  w.q.act(t.id, { action: 'complete' }, OFFICER);
  return t.id; // done
}

describe('ticket state machine', () => {
  const cases: [TicketStatus, TicketAction][] = [];
  for (const s of TICKET_STATUSES) for (const a of TICKET_ACTIONS) cases.push([s, a]);

  it.each(cases)('from %s, %s is allowed exactly when the rule says so', async (status, action) => {
    const w = await world();
    const id = ticketIn(w, status, 0);
    expect(w.q.getTicket(id).status).toBe(status);
    const before = JSON.stringify(w.core.db.prepare('SELECT * FROM tickets WHERE id = ?').get(id));
    const trail = () =>
      (
        w.core.db
          .prepare('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ?')
          .get(id) as {
          n: number;
        }
      ).n;
    const eventsBefore = trail();
    const extra = action === 'transfer' ? { toServiceId: w.svcB } : {};
    let error: unknown = null;
    try {
      w.q.act(id, { action, ...extra }, OFFICER);
    } catch (e) {
      error = e;
    }
    if (ALLOWED_FROM[action].includes(status)) {
      expect(error).toBeNull();
      expect(trail()).toBe(eventsBefore + 1);
    } else {
      expect(isAppError(error) && error.code).toBe('CONFLICT');
      const message = isAppError(error) ? error.options.message : undefined;
      expect(message?.vi).toMatch(/^Chỉ .+ Số A\d{3} hiện .+\.$/);
      expect(message?.en).toContain('A0');
      expect(JSON.stringify(w.core.db.prepare('SELECT * FROM tickets WHERE id = ?').get(id))).toBe(
        before,
      );
      expect(trail()).toBe(eventsBefore);
    }
  });

  it.each(TICKET_STATUSES)(
    'calling a number from %s is allowed only from waiting or parked',
    async (status) => {
      const w = await world();
      const id = ticketIn(w, status, 0);
      let code: string | null = null;
      try {
        w.q.callNumber(w.counters[1] as string, w.q.getTicket(id).number, OFFICER);
      } catch (e) {
        code = isAppError(e) ? e.code : 'other';
      }
      expect(code).toBe(ALLOWED_FROM.call.includes(status) ? null : 'CONFLICT');
    },
  );

  it('a reactivation is refused the next day (tickets belong to their business day)', async () => {
    const w = await world();
    const id = ticketIn(w, 'no_show', 0);
    w.clock.set(vnInstant('2026-03-03', 7, 30));
    let message = '';
    try {
      w.q.act(id, { action: 'reactivate' }, OFFICER);
    } catch (e) {
      message = isAppError(e) ? (e.options.message?.vi ?? '') : '';
    }
    expect(message).toBe(
      'Số A001 thuộc ngày 02/03/2026 và đã đóng khi hết ngày. Chỉ thao tác được số của hôm nay.',
    );
    expect(w.q.getTicket(id).outcome).toBe('no_show'); // a no-show stays a no-show
  });
});
