import { APP_EVENTS, type PublicUser } from '../../shared/contract';
import type { AdminCounter, AdminService } from '../../shared/contract/queue';
import { ulid } from '../../shared/ids';
import { vnDate } from '../../shared/time/vnTime';
import { recordAudit } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import type { CounterRow as RepoCounterRow, ServiceRow as RepoServiceRow } from './queueRepo';
import { formatTicketNumber, ruleError } from './ticketViews';
import { AT_COUNTER, OPEN_STATUSES } from '../../shared/queue/ticketTransitions';

/**
 * Administration of queue services, counters and which counter serves which service
 * (docs/queue.md, "Administration"). Every change is one immediate transaction: the rows, the
 * links and an audit row; `queue.changed { config: true }` is published after the commit so
 * boards, kiosks and counter screens reload.
 *
 * Rules:
 * - a prefix is unique among ALL services, inactive ones included (the database enforces it):
 *   a retired service keeps its letter, so a number never names two services;
 * - the prefix cannot change once the service issued a number today (today's numbers would
 *   no longer match it); a change applies from the next number, i.e. in practice from the
 *   next business day — earlier tickets keep the number they were issued with;
 * - the code is set once (the catalog's "Dịch vụ xếp hàng" and sync refer to it);
 * - every active service keeps at least one active counter serving it (a change that would
 *   leave one without is refused with 422; a service that had none before an unrelated
 *   change is not blamed on it, but a service being saved as active must have one);
 * - a service or counter that tickets reference is deactivated, never deleted; deactivating
 *   is refused while it still has open tickets today (or, for a counter, a called/served
 *   ticket or tickets transferred to it).
 */

export interface ServiceInput {
  name?: string | undefined;
  prefix?: string | undefined;
  targetMinutes?: number | undefined;
  typicalMinutes?: number | undefined;
  sortOrder?: number | undefined;
  active?: boolean | undefined;
  counterIds?: string[] | undefined;
}

export interface CounterInput {
  number?: number | undefined;
  name?: string | undefined;
  priority?: boolean | undefined;
  active?: boolean | undefined;
  serviceIds?: string[] | undefined;
}

/** The rows of queueRepo.ts, with the `active` flag the administration edits. */
type ServiceRow = RepoServiceRow & { active: number };
type CounterRow = Pick<RepoCounterRow, 'id' | 'number' | 'name' | 'priority'> & { active: number };

type Removal = { id: string; outcome: 'deleted' | 'deactivated' };

function isForeignKeyError(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    'code' in e &&
    (e as { code: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
  );
}

export type QueueAdmin = ReturnType<typeof createQueueAdmin>;

export function createQueueAdmin(db: Db, clock: Clock, events: EventBus) {
  const openList = OPEN_STATUSES.map(() => '?').join(', ');
  const q = {
    service: db.prepare('SELECT * FROM queue_services WHERE id = ?'),
    services: db.prepare('SELECT * FROM queue_services ORDER BY sort_order, prefix'),
    serviceByCode: db.prepare('SELECT id, name FROM queue_services WHERE code = ? AND id != ?'),
    serviceByPrefix: db.prepare(
      'SELECT id, name, active FROM queue_services WHERE prefix = ? AND id != ?',
    ),
    issuedToday: db.prepare(
      'SELECT last_seq FROM queue_sequences WHERE service_id = ? AND business_date = ?',
    ),
    issuedTodayAll: db.prepare(
      'SELECT service_id, last_seq FROM queue_sequences WHERE business_date = ?',
    ),
    serviceHistory: db.prepare(
      `SELECT EXISTS (SELECT 1 FROM tickets WHERE number_service_id = @id)
           OR EXISTS (SELECT 1 FROM tickets WHERE service_id = @id) AS used`,
    ),
    openInService: db.prepare(
      `SELECT COUNT(*) AS n FROM tickets
       WHERE business_date = ? AND service_id = ? AND status IN (${openList})`,
    ),
    insertService: db.prepare(
      `INSERT INTO queue_services (id, code, name, prefix, target_minutes, default_service_minutes,
         sort_order, active, created_at)
       VALUES (@id, @code, @name, @prefix, @target, @typical, @sortOrder, @active, @at)`,
    ),
    updateService: db.prepare(
      `UPDATE queue_services SET name = @name, prefix = @prefix, target_minutes = @target,
         default_service_minutes = @typical, sort_order = @sortOrder, active = @active
       WHERE id = @id`,
    ),
    counter: db.prepare('SELECT id, number, name, priority, active FROM counters WHERE id = ?'),
    counters: db.prepare('SELECT id, number, name, priority, active FROM counters ORDER BY number'),
    counterByNumber: db.prepare('SELECT id, name FROM counters WHERE number = ? AND id != ?'),
    insertCounter: db.prepare(
      `INSERT INTO counters (id, number, name, priority, active, created_at)
       VALUES (@id, @number, @name, @priority, @active, @at)`,
    ),
    updateCounter: db.prepare(
      `UPDATE counters SET number = @number, name = @name, priority = @priority, active = @active
       WHERE id = @id`,
    ),
    counterHistory: db.prepare(
      `SELECT EXISTS (SELECT 1 FROM tickets WHERE counter_id = @id OR target_counter_id = @id)
           OR EXISTS (SELECT 1 FROM ticket_events WHERE counter_id = @id) AS used`,
    ),
    counterCurrent: db.prepare(
      `SELECT t.number FROM counter_state s JOIN tickets t ON t.id = s.current_ticket_id
       WHERE s.counter_id = ? AND t.business_date = ? AND t.status IN (${AT_COUNTER.map(() => '?').join(', ')})`,
    ),
    transfersTo: db.prepare(
      `SELECT COUNT(*) AS n FROM tickets
       WHERE business_date = ? AND target_counter_id = ? AND status IN (${openList})`,
    ),
    links: db.prepare('SELECT counter_id, service_id FROM counter_services'),
    linksOfService: db.prepare('SELECT counter_id FROM counter_services WHERE service_id = ?'),
    linksOfCounter: db.prepare('SELECT service_id FROM counter_services WHERE counter_id = ?'),
    unlinkService: db.prepare('DELETE FROM counter_services WHERE service_id = ?'),
    unlinkCounter: db.prepare('DELETE FROM counter_services WHERE counter_id = ?'),
    link: db.prepare(
      'INSERT INTO counter_services (counter_id, service_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    ),
    unserved: db.prepare(
      `SELECT s.id, s.name FROM queue_services s
       WHERE s.active = 1 AND NOT EXISTS (
         SELECT 1 FROM counter_services cs JOIN counters c ON c.id = cs.counter_id AND c.active = 1
         WHERE cs.service_id = s.id)
       ORDER BY s.sort_order, s.prefix`,
    ),
  };

  // ——— reading ———

  function toService(r: ServiceRow, issued: number, counterIds: string[]): AdminService {
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      prefix: r.prefix,
      targetMinutes: r.target_minutes,
      typicalMinutes: r.default_service_minutes,
      sortOrder: r.sort_order,
      active: r.active === 1,
      counterIds,
      issuedToday: issued,
      hasHistory: (q.serviceHistory.get({ id: r.id }) as { used: number }).used === 1,
    };
  }

  function config(): { services: AdminService[]; counters: AdminCounter[] } {
    const today = vnDate(clock.now());
    const issued = new Map(
      (q.issuedTodayAll.all(today) as { service_id: string; last_seq: number }[]).map((r) => [
        r.service_id,
        r.last_seq,
      ]),
    );
    const links = q.links.all() as { counter_id: string; service_id: string }[];
    const counterRows = q.counters.all() as CounterRow[];
    const serviceRows = q.services.all() as ServiceRow[];
    const counterOrder = new Map(counterRows.map((c) => [c.id, c.number]));
    const serviceOrder = new Map(serviceRows.map((s, i) => [s.id, i]));
    return {
      services: serviceRows.map((s) =>
        toService(
          s,
          issued.get(s.id) ?? 0,
          links
            .filter((l) => l.service_id === s.id)
            .map((l) => l.counter_id)
            .sort((a, b) => (counterOrder.get(a) ?? 0) - (counterOrder.get(b) ?? 0)),
        ),
      ),
      counters: counterRows.map((c) => ({
        id: c.id,
        number: c.number,
        name: c.name,
        priority: c.priority === 1,
        active: c.active === 1,
        serviceIds: links
          .filter((l) => l.counter_id === c.id)
          .map((l) => l.service_id)
          .sort((a, b) => (serviceOrder.get(a) ?? 0) - (serviceOrder.get(b) ?? 0)),
      })),
    };
  }

  function serviceRow(id: string): ServiceRow {
    const s = q.service.get(id) as ServiceRow | undefined;
    if (!s) throw ruleError('queue.err.serviceNotFound', {}, 'NOT_FOUND');
    return s;
  }

  function counterRow(id: string): CounterRow {
    const c = q.counter.get(id) as CounterRow | undefined;
    if (!c) throw ruleError('queue.err.counterNotFound', {}, 'NOT_FOUND');
    return c;
  }

  function adminService(id: string): AdminService {
    const s = serviceRow(id);
    const issued = q.issuedToday.get(id, vnDate(clock.now())) as { last_seq: number } | undefined;
    const counterIds = (q.linksOfService.all(id) as { counter_id: string }[]).map(
      (r) => r.counter_id,
    );
    return toService(s, issued?.last_seq ?? 0, counterIds);
  }

  function adminCounter(id: string): AdminCounter {
    const c = counterRow(id);
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      priority: c.priority === 1,
      active: c.active === 1,
      serviceIds: (q.linksOfCounter.all(id) as { service_id: string }[]).map((r) => r.service_id),
    };
  }

  // ——— rules ———

  function unservedIds(): Map<string, string> {
    return new Map((q.unserved.all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  }

  /**
   * After a change: no active service may have lost its last active counter, and the
   * services in `mustServe` (being saved as active) must have one.
   */
  function assertServed(before: Map<string, string>, mustServe: string[]): void {
    const after = unservedIds();
    const bad = [...after.entries()].filter(([id]) => !before.has(id) || mustServe.includes(id));
    if (bad.length === 0) return;
    throw ruleError(
      'queue.admin.err.serviceNeedsCounter',
      { services: bad.map(([, name]) => `“${name}”`).join(', ') },
      'UNPROCESSABLE',
      { rule: 'service-needs-counter', serviceIds: bad.map(([id]) => id) },
    );
  }

  function assertPrefixFree(prefix: string, id: string): void {
    const other = q.serviceByPrefix.get(prefix, id) as
      { id: string; name: string; active: number } | undefined;
    if (!other) return;
    throw ruleError(
      other.active === 1 ? 'queue.admin.err.prefixTaken' : 'queue.admin.err.prefixTakenInactive',
      { prefix, service: other.name },
      'CONFLICT',
      { rule: 'prefix-taken', serviceId: other.id },
    );
  }

  function assertNumberFree(number: number, id: string): void {
    const other = q.counterByNumber.get(number, id) as { id: string; name: string } | undefined;
    if (!other) return;
    throw ruleError('queue.admin.err.numberTaken', { number, counter: other.name }, 'CONFLICT', {
      rule: 'number-taken',
      counterId: other.id,
    });
  }

  function assertCountersExist(ids: string[]): void {
    for (const id of ids) {
      if (!q.counter.get(id)) {
        throw ruleError('queue.admin.err.unknownCounter', { id }, 'UNPROCESSABLE', {
          rule: 'unknown-counter',
          id,
        });
      }
    }
  }

  function assertServicesExist(ids: string[]): void {
    for (const id of ids) {
      if (!q.service.get(id)) {
        throw ruleError('queue.admin.err.unknownService', { id }, 'UNPROCESSABLE', {
          rule: 'unknown-service',
          id,
        });
      }
    }
  }

  function assertServiceCanStop(s: ServiceRow, today: string): void {
    const open = (q.openInService.get(today, s.id, ...OPEN_STATUSES) as { n: number }).n;
    if (open > 0) {
      throw ruleError(
        'queue.admin.err.serviceHasOpenTickets',
        { service: s.name, count: open },
        'CONFLICT',
        { rule: 'service-open-tickets', count: open },
      );
    }
  }

  function assertCounterCanStop(c: CounterRow, today: string): void {
    const current = q.counterCurrent.get(c.id, today, ...AT_COUNTER) as
      { number: string } | undefined;
    if (current) {
      throw ruleError(
        'queue.admin.err.counterBusy',
        { counter: c.number, number: current.number },
        'CONFLICT',
        { rule: 'counter-busy', number: current.number },
      );
    }
    const transfers = (q.transfersTo.get(today, c.id, ...OPEN_STATUSES) as { n: number }).n;
    if (transfers > 0) {
      throw ruleError(
        'queue.admin.err.counterHasTransfers',
        { counter: c.number, count: transfers },
        'CONFLICT',
        { rule: 'counter-transfers', count: transfers },
      );
    }
  }

  /** Run a change in one immediate transaction, then tell the screens. */
  function change<T>(fn: (now: Date, today: string) => T): T {
    const now = clock.now();
    const result = db.transaction(() => fn(now, vnDate(now))).immediate();
    events.publish(APP_EVENTS.queueChanged, { config: true }, now);
    return result;
  }

  const audit = (
    user: PublicUser,
    now: Date,
    action: string,
    entity: 'queue_service' | 'counter',
    entityId: string,
    details: unknown,
  ) => recordAudit(db, { actor: user, action, entity, entityId, details }, now);

  // ——— services ———

  function createService(
    input: Required<Omit<ServiceInput, 'typicalMinutes' | 'sortOrder'>> & {
      code: string;
      typicalMinutes: number;
      sortOrder: number;
    },
    user: PublicUser,
  ): AdminService {
    return change((now) => {
      const before = unservedIds();
      const byCode = q.serviceByCode.get(input.code, '') as { name: string } | undefined;
      if (byCode) {
        throw ruleError(
          'queue.admin.err.codeTaken',
          { code: input.code, service: byCode.name },
          'CONFLICT',
          { rule: 'code-taken' },
        );
      }
      assertPrefixFree(input.prefix, '');
      assertCountersExist(input.counterIds);
      const id = ulid(now.getTime());
      q.insertService.run({
        id,
        code: input.code,
        name: input.name,
        prefix: input.prefix,
        target: input.targetMinutes,
        typical: input.typicalMinutes,
        sortOrder: input.sortOrder,
        active: input.active ? 1 : 0,
        at: now.toISOString(),
      });
      for (const counterId of input.counterIds) q.link.run(counterId, id);
      assertServed(before, input.active ? [id] : []);
      const created = adminService(id);
      audit(user, now, 'queue.service.create', 'queue_service', id, {
        code: created.code,
        name: created.name,
        prefix: created.prefix,
        targetMinutes: created.targetMinutes,
        typicalMinutes: created.typicalMinutes,
        sortOrder: created.sortOrder,
        active: created.active,
        counterIds: created.counterIds,
      });
      return created;
    });
  }

  function updateService(id: string, input: ServiceInput, user: PublicUser): AdminService {
    return change((now, today) => {
      const before = unservedIds();
      const cur = serviceRow(id);
      const old = adminService(id);
      const next = {
        name: input.name ?? cur.name,
        prefix: input.prefix ?? cur.prefix,
        target: input.targetMinutes ?? cur.target_minutes,
        typical: input.typicalMinutes ?? cur.default_service_minutes,
        sortOrder: input.sortOrder ?? cur.sort_order,
        active: input.active === undefined ? cur.active : input.active ? 1 : 0,
      };
      if (next.prefix !== cur.prefix) {
        assertPrefixFree(next.prefix, id);
        const issued = q.issuedToday.get(id, today) as { last_seq: number } | undefined;
        if (issued) {
          throw ruleError(
            'queue.admin.err.prefixInUseToday',
            {
              service: cur.name,
              prefix: cur.prefix,
              last: formatTicketNumber(cur.prefix, issued.last_seq),
            },
            'CONFLICT',
            { rule: 'prefix-in-use-today', last: formatTicketNumber(cur.prefix, issued.last_seq) },
          );
        }
      }
      if (cur.active === 1 && next.active === 0) assertServiceCanStop(cur, today);
      if (input.counterIds) {
        assertCountersExist(input.counterIds);
        q.unlinkService.run(id);
        for (const counterId of input.counterIds) q.link.run(counterId, id);
      }
      q.updateService.run({ id, ...next });
      assertServed(before, next.active === 1 ? [id] : []);
      const saved = adminService(id);
      audit(user, now, 'queue.service.update', 'queue_service', id, diff(old, saved));
      return saved;
    });
  }

  function removeService(id: string, user: PublicUser): Removal {
    return change((now, today) => {
      const before = unservedIds();
      const cur = serviceRow(id);
      const old = adminService(id);
      const deactivate = (): Removal => {
        if (cur.active === 1) {
          assertServiceCanStop(cur, today);
          q.updateService.run({
            id,
            name: cur.name,
            prefix: cur.prefix,
            target: cur.target_minutes,
            typical: cur.default_service_minutes,
            sortOrder: cur.sort_order,
            active: 0,
          });
        }
        audit(user, now, 'queue.service.deactivate', 'queue_service', id, {
          code: cur.code,
          prefix: cur.prefix,
          reason: 'referenced by tickets',
        });
        return { id, outcome: 'deactivated' };
      };
      if (old.hasHistory) return deactivate();
      try {
        db.transaction(() => {
          q.unlinkService.run(id);
          db.prepare('DELETE FROM queue_sequences WHERE service_id = ?').run(id);
          db.prepare('DELETE FROM queue_services WHERE id = ?').run(id);
        })();
      } catch (e) {
        if (!isForeignKeyError(e)) throw e;
        return deactivate(); // referenced elsewhere: keep it, retired
      }
      assertServed(before, []);
      audit(user, now, 'queue.service.delete', 'queue_service', id, {
        code: old.code,
        name: old.name,
        prefix: old.prefix,
        counterIds: old.counterIds,
      });
      return { id, outcome: 'deleted' };
    });
  }

  // ——— counters ———

  function createCounter(
    input: {
      number: number;
      name: string;
      priority: boolean;
      active: boolean;
      serviceIds: string[];
    },
    user: PublicUser,
  ): AdminCounter {
    return change((now) => {
      assertNumberFree(input.number, '');
      assertServicesExist(input.serviceIds);
      const id = ulid(now.getTime());
      q.insertCounter.run({
        id,
        number: input.number,
        name: input.name,
        priority: input.priority ? 1 : 0,
        active: input.active ? 1 : 0,
        at: now.toISOString(),
      });
      for (const serviceId of input.serviceIds) q.link.run(id, serviceId);
      const created = adminCounter(id);
      audit(user, now, 'counter.create', 'counter', id, {
        number: created.number,
        name: created.name,
        priority: created.priority,
        active: created.active,
        serviceIds: created.serviceIds,
      });
      return created;
    });
  }

  function updateCounter(id: string, input: CounterInput, user: PublicUser): AdminCounter {
    return change((now, today) => {
      const before = unservedIds();
      const cur = counterRow(id);
      const old = adminCounter(id);
      const next = {
        number: input.number ?? cur.number,
        name: input.name ?? cur.name,
        priority: input.priority === undefined ? cur.priority : input.priority ? 1 : 0,
        active: input.active === undefined ? cur.active : input.active ? 1 : 0,
      };
      if (next.number !== cur.number) assertNumberFree(next.number, id);
      if (cur.active === 1 && next.active === 0) assertCounterCanStop(cur, today);
      if (input.serviceIds) {
        assertServicesExist(input.serviceIds);
        q.unlinkCounter.run(id);
        for (const serviceId of input.serviceIds) q.link.run(id, serviceId);
      }
      q.updateCounter.run({ id, ...next });
      assertServed(before, []);
      const saved = adminCounter(id);
      const onlyLinks =
        input.serviceIds !== undefined &&
        Object.keys(input).every(
          (k) => k === 'serviceIds' || input[k as keyof CounterInput] === undefined,
        );
      audit(
        user,
        now,
        onlyLinks ? 'counter.services' : 'counter.update',
        'counter',
        id,
        diff(old, saved),
      );
      return saved;
    });
  }

  function removeCounter(id: string, user: PublicUser): Removal {
    return change((now, today) => {
      const before = unservedIds();
      const cur = counterRow(id);
      const old = adminCounter(id);
      const deactivate = (): Removal => {
        if (cur.active === 1) {
          assertCounterCanStop(cur, today);
          q.updateCounter.run({
            id,
            number: cur.number,
            name: cur.name,
            priority: cur.priority,
            active: 0,
          });
          assertServed(before, []);
        }
        audit(user, now, 'counter.deactivate', 'counter', id, {
          number: cur.number,
          reason: 'referenced by tickets',
        });
        return { id, outcome: 'deactivated' };
      };
      if ((q.counterHistory.get({ id }) as { used: number }).used === 1) return deactivate();
      try {
        db.transaction(() => {
          q.unlinkCounter.run(id);
          db.prepare('DELETE FROM counter_state WHERE counter_id = ?').run(id);
          db.prepare('DELETE FROM counters WHERE id = ?').run(id);
        })();
      } catch (e) {
        if (!isForeignKeyError(e)) throw e;
        return deactivate();
      }
      assertServed(before, []);
      audit(user, now, 'counter.delete', 'counter', id, {
        number: old.number,
        name: old.name,
        serviceIds: old.serviceIds,
      });
      return { id, outcome: 'deleted' };
    });
  }

  return {
    config,
    createService,
    updateService,
    removeService,
    createCounter,
    updateCounter,
    removeCounter,
  };
}

/** What changed, for the audit log: `{ field: [before, after] }`. */
function diff<T extends object>(before: T, after: T): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = [a, b];
  }
  return out;
}
