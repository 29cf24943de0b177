/**
 * The queue's statements are prepared once per connection (queueRepo.ts): serving a counter
 * all day prepares nothing new, whichever screen reads and whichever officer acts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/app';
import { fixedClock } from '../../../src/core/clock';
import { createQueueService } from '../../../src/core/queue/queueService';
import type { PublicUser } from '../../../src/shared/contract';
import { vnInstant } from '../../../src/shared/time/vnTime';

const dirs: string[] = [];
const cores: Core[] = [];
afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const OFFICER: PublicUser = { id: 'u1', username: 'canbo1', role: 'officer', fullName: 'Cán bộ' };

describe('queue repository', () => {
  it('prepares no statement per request once the queue is set up', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-qrepo-'));
    dirs.push(dir);
    const clock = fixedClock(vnInstant('2026-03-02', 9, 0));
    const core = await createCore({ dataDir: dir, clock, demo: true });
    cores.push(core);
    const db = core.db;
    const q = createQueueService(db, clock, core.events);
    const [svc] = (
      db.prepare('SELECT id FROM queue_services ORDER BY prefix').all() as {
        id: string;
      }[]
    ).map((r) => r.id);
    const [counter] = (
      db.prepare('SELECT id FROM counters ORDER BY number').all() as {
        id: string;
      }[]
    ).map((r) => r.id);

    const day = () => {
      const a = q.issue({ serviceId: svc as string }, 'kiosk', {
        awaitPrint: false,
        printStatus: 'none',
      });
      q.issue({ serviceId: svc as string }, 'kiosk', { awaitPrint: false, printStatus: 'none' });
      q.callNumber(counter as string, a.number, OFFICER);
      q.act(a.id, { action: 'no-show' }, OFFICER);
      q.act(a.id, { action: 'reactivate' }, OFFICER);
      const b = q.callNext(counter as string, OFFICER);
      if (b) q.act(b.id, { action: 'complete' }, OFFICER);
      q.setPaused(counter as string, true, 'nghỉ', OFFICER);
      q.setPaused(counter as string, false, null, OFFICER);
      q.services();
      q.board();
      q.counterView(counter as string);
      q.publicTicket(a.id);
    };
    day(); // warm-up: statements of other modules (settings, audit, outbox) may prepare here

    const original = db.prepare.bind(db);
    const prepared: string[] = [];
    db.prepare = ((sql: string) => {
      // Only the queue module's own statements count (other modules keep their own).
      const caller = (new Error().stack ?? '').split('\n')[2] ?? '';
      if (/core[\\/]queue[\\/]/.test(caller)) prepared.push(sql.replace(/\s+/g, ' ').slice(0, 80));
      return original(sql);
    }) as typeof db.prepare;
    try {
      day();
      // A second service on the same connection shares the statements.
      createQueueService(db, clock, core.events).board();
    } finally {
      db.prepare = original;
    }
    expect(prepared).toEqual([]);
  });
});
