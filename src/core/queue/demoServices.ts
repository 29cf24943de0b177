import { ulid } from '../../shared/ids';
import type { Db } from '../db/connection';

/**
 * Demo queue services and which demo counter serves them. Counter 3 is the priority counter:
 * it serves every service (so a priority citizen of any service can be called there) and
 * hands back results (D).
 */
export const DEMO_SERVICES = [
  { code: 'HO_TICH', name: 'Hộ tịch', prefix: 'A', target: 20, typical: 8, counters: [1, 3] },
  { code: 'CHUNG_THUC', name: 'Chứng thực', prefix: 'B', target: 10, typical: 4, counters: [1, 3] },
  // Land and construction: the bundled catalogue's commune-level permit for a private house
  // (Luật Xây dựng Art. 102–103) and land-dispute mediation (Luật Đất đai 2024 Art. 235) name
  // the service `dat-dai-xay-dung` (docs/catalog.md), so every demo service has procedures.
  {
    code: 'DAT_DAI_XAY_DUNG',
    name: 'Đất đai – Xây dựng',
    prefix: 'C',
    target: 20,
    typical: 15,
    counters: [2, 3],
  },
  { code: 'TRA_KET_QUA', name: 'Nhận kết quả', prefix: 'D', target: 10, typical: 3, counters: [3] },
] as const;

/** Idempotent: a service that exists (by code) is left exactly as the administrator set it. */
export function seedQueueDemo(db: Db, now: Date): void {
  const exists = db.prepare('SELECT 1 FROM queue_services WHERE code = ? OR prefix = ?');
  const insert = db.prepare(
    `INSERT INTO queue_services (id, code, name, prefix, target_minutes, default_service_minutes,
       sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const counterId = db.prepare('SELECT id FROM counters WHERE number = ?');
  const link = db.prepare(
    'INSERT INTO counter_services (counter_id, service_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  db.transaction(() => {
    DEMO_SERVICES.forEach((s, i) => {
      if (exists.get(s.code, s.prefix)) return;
      const id = ulid(now.getTime());
      insert.run(id, s.code, s.name, s.prefix, s.target, s.typical, i + 1, now.toISOString());
      for (const n of s.counters) {
        const c = counterId.get(n) as { id: string } | undefined;
        if (c) link.run(c.id, id);
      }
    });
  })();
}
