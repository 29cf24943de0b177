import { ulid } from '../../shared/ids';
import type { Db } from '../db/connection';

export interface Counter {
  id: string;
  number: number;
  name: string;
  priority: boolean;
  serviceIds: string[];
}

interface CounterRow {
  id: string;
  number: number;
  name: string;
  priority: number;
}

/** Active counters in number order, with the queue services each one serves. */
export function listCounters(db: Db): Counter[] {
  const rows = db
    .prepare('SELECT id, number, name, priority FROM counters WHERE active = 1 ORDER BY number')
    .all() as CounterRow[];
  const links = db
    .prepare(
      `SELECT cs.counter_id, cs.service_id FROM counter_services cs
       JOIN queue_services s ON s.id = cs.service_id AND s.active = 1
       ORDER BY s.sort_order, s.prefix`,
    )
    .all() as { counter_id: string; service_id: string }[];
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    priority: r.priority === 1,
    serviceIds: links.filter((l) => l.counter_id === r.id).map((l) => l.service_id),
  }));
}

/** Insert a counter unless one with that number exists (idempotent, used by the demo seed). */
export function ensureCounter(
  db: Db,
  c: { number: number; name: string; priority: boolean },
  now: Date,
): void {
  db.prepare(
    `INSERT INTO counters (id, number, name, priority, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(number) DO NOTHING`,
  ).run(ulid(), c.number, c.name, c.priority ? 1 : 0, now.toISOString());
}
