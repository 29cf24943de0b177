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

/** Active counters in number order. Services per counter arrive with the queue module. */
export function listCounters(db: Db): Counter[] {
  const rows = db
    .prepare('SELECT id, number, name, priority FROM counters WHERE active = 1 ORDER BY number')
    .all() as CounterRow[];
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    priority: r.priority === 1,
    serviceIds: [],
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
