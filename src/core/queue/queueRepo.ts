/**
 * Every SQL statement of the queue, in one place, prepared once per database connection;
 * parameters always bound. Callers wrap writes in a transaction together with the ticket
 * event and, where an officer acts, the audit row (queueService.ts).
 */
import type {
  OfficerTicket,
  PriorityCategory,
  TicketPrintStatus,
  TicketStatus,
} from '../../shared/contract/queue';
import { OPEN_STATUSES } from '../../shared/queue/ticketTransitions';
import type { Db } from '../db/connection';

export interface TicketRow {
  id: string;
  number_service_id: string;
  service_id: string;
  business_date: string;
  seq: number;
  number: string;
  priority: PriorityCategory | null;
  status: TicketStatus;
  outcome: OfficerTicket['outcome'];
  channel: 'kiosk' | 'officer';
  issued_at: string;
  queue_key: number;
  first_called_at: string | null;
  called_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  call_count: number;
  counter_id: string | null;
  target_counter_id: string | null;
  officer_user_id: string | null;
  ahead_at_issue: number;
  est_min: number;
  est_max: number;
  print_status: TicketPrintStatus;
  print_job_id: string | null;
  print_error: string | null;
  void_reason: string | null;
  transfer_note: string | null;
  transfer_count: number;
  reactivated_at: string | null;
  wait_seconds: number | null;
  walk_seconds: number | null;
  service_seconds: number | null;
}

export interface ServiceRow {
  id: string;
  code: string;
  name: string;
  prefix: string;
  target_minutes: number;
  default_service_minutes: number;
  sort_order: number;
}

export interface CounterRow {
  id: string;
  number: number;
  name: string;
  priority: number;
  status: 'open' | 'paused';
  pause_reason: string | null;
  current_ticket_id: string | null;
  regular_streak: number;
  streak_date: string | null;
}

/** A waiting ticket as the call order sees it (callOrder.ts). */
export interface CandidateRow {
  id: string;
  service_id: string;
  priority: string | null;
  queue_key: number;
  target_counter_id: string | null;
  target_minutes: number;
}

export interface NewTicket {
  id: string;
  serviceId: string;
  date: string;
  seq: number;
  number: string;
  priority: PriorityCategory | null;
  status: string;
  channel: 'kiosk' | 'officer';
  issuedAt: string;
  queueKey: number;
  ahead: number;
  estMin: number;
  estMax: number;
  printStatus: string;
}

/** Waiting tickets split into regular and priority ones. */
export interface WaitingSplit {
  regular: number;
  priority: number;
}

const COUNTER_COLUMNS = `c.id, c.number, c.name, c.priority, COALESCE(s.status, 'open') AS status,
  s.pause_reason, s.current_ticket_id, COALESCE(s.regular_streak, 0) AS regular_streak,
  s.streak_date
  FROM counters c LEFT JOIN counter_state s ON s.counter_id = c.id`;

function prepareStatements(db: Db) {
  return {
    service: db.prepare('SELECT * FROM queue_services WHERE id = ? AND active = 1'),
    anyService: db.prepare('SELECT * FROM queue_services WHERE id = ?'),
    services: db.prepare(
      'SELECT * FROM queue_services WHERE active = 1 ORDER BY sort_order, prefix',
    ),
    waitingByService: db.prepare(
      `SELECT service_id, COUNT(*) AS n FROM tickets WHERE business_date = ? AND status = 'waiting'
       GROUP BY service_id`,
    ),
    nextSeq: db.prepare(
      `INSERT INTO queue_sequences (service_id, business_date, last_seq) VALUES (?, ?, 1)
       ON CONFLICT (service_id, business_date) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    ),
    ticket: db.prepare('SELECT * FROM tickets WHERE id = ?'),
    ticketByNumber: db.prepare(
      'SELECT * FROM tickets WHERE business_date = ? AND number = ? ORDER BY id DESC LIMIT 1',
    ),
    insertTicket: db.prepare(
      `INSERT INTO tickets (id, number_service_id, service_id, business_date, seq, number, priority,
         status, channel, issued_at, queue_key, ahead_at_issue, est_min, est_max, print_status,
         updated_at)
       VALUES (@id, @serviceId, @serviceId, @date, @seq, @number, @priority, @status, @channel,
         @issuedAt, @queueKey, @ahead, @estMin, @estMax, @printStatus, @issuedAt)`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO ticket_events (id, ticket_id, at, type, counter_id, user_id, details)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    waitingInService: db.prepare(
      `SELECT priority IS NOT NULL AS prio, COUNT(*) AS n FROM tickets
       WHERE business_date = ? AND status = 'waiting' AND service_id = ? GROUP BY 1`,
    ),
    waitingKeys: db.prepare(
      `SELECT queue_key FROM tickets WHERE business_date = ? AND service_id = ?
       AND status = 'waiting' ORDER BY queue_key`,
    ),
    counter: db.prepare(`SELECT ${COUNTER_COLUMNS} WHERE c.id = ? AND c.active = 1`),
    counters: db.prepare(`SELECT ${COUNTER_COLUMNS} WHERE c.active = 1 ORDER BY c.number`),
    counterNumber: db.prepare('SELECT number FROM counters WHERE id = ?'),
    counterServices: db.prepare('SELECT service_id FROM counter_services WHERE counter_id = ?'),
    ensureState: db.prepare(
      `INSERT INTO counter_state (counter_id, status, updated_at) VALUES (?, 'open', ?)
       ON CONFLICT (counter_id) DO NOTHING`,
    ),
    setCurrent: db.prepare(
      `UPDATE counter_state SET current_ticket_id = ?, officer_user_id = COALESCE(?, officer_user_id),
         updated_at = ? WHERE counter_id = ?`,
    ),
    clearCurrentIf: db.prepare(
      `UPDATE counter_state SET current_ticket_id = NULL, updated_at = ?
       WHERE counter_id = ? AND current_ticket_id = ?`,
    ),
    setStreak: db.prepare(
      'UPDATE counter_state SET regular_streak = ?, streak_date = ? WHERE counter_id = ?',
    ),
    setPause: db.prepare(
      `UPDATE counter_state SET status = ?, pause_reason = ?, updated_at = ? WHERE counter_id = ?`,
    ),
    openCountersFor: db.prepare(
      `SELECT COUNT(*) AS n FROM counter_services cs
       JOIN counters c ON c.id = cs.counter_id AND c.active = 1
       LEFT JOIN counter_state s ON s.counter_id = c.id
       WHERE cs.service_id = ? AND COALESCE(s.status, 'open') = 'open'`,
    ),
    todayServiceMinutes: db.prepare(
      `SELECT (julianday(completed_at) - julianday(called_at)) * 1440.0 AS m FROM tickets
       WHERE business_date = ? AND service_id = ? AND outcome = 'served'
         AND called_at IS NOT NULL AND completed_at IS NOT NULL
       ORDER BY completed_at DESC LIMIT 50`,
    ),
    candidates: db.prepare(
      `SELECT t.id, t.service_id, t.priority, t.queue_key, t.target_counter_id, s.target_minutes
       FROM tickets t JOIN queue_services s ON s.id = t.service_id
       WHERE t.business_date = ? AND t.status = 'waiting'
         AND (t.target_counter_id = @counterId OR (t.target_counter_id IS NULL AND t.service_id IN
           (SELECT service_id FROM counter_services WHERE counter_id = @counterId)))`,
    ),
    closeOld: db.prepare(
      `UPDATE tickets SET status = 'done', outcome = 'abandoned', updated_at = ?
       WHERE business_date < ? AND status IN (${OPEN_STATUSES.map(() => '?').join(', ')})
       RETURNING id`,
    ),
    update: db.prepare(
      `UPDATE tickets SET service_id = @service_id, status = @status, outcome = @outcome,
         queue_key = @queue_key, first_called_at = @first_called_at, called_at = @called_at,
         started_at = @started_at, completed_at = @completed_at, call_count = @call_count,
         counter_id = @counter_id, target_counter_id = @target_counter_id,
         officer_user_id = @officer_user_id, print_status = @print_status,
         print_job_id = @print_job_id, print_error = @print_error, void_reason = @void_reason,
         transfer_note = @transfer_note, transfer_count = @transfer_count,
         reactivated_at = @reactivated_at, wait_seconds = @wait_seconds,
         walk_seconds = @walk_seconds, service_seconds = @service_seconds, updated_at = @updated_at
       WHERE id = @id`,
    ),
    aheadOf: db.prepare(
      `SELECT priority IS NOT NULL AS prio, COUNT(*) AS n FROM tickets
       WHERE business_date = ? AND status = 'waiting' AND service_id = ?
         AND (queue_key < ? OR (queue_key = ? AND id < ?)) GROUP BY 1`,
    ),
    clearOldCurrent: db.prepare(
      `UPDATE counter_state SET current_ticket_id = NULL
       WHERE current_ticket_id IN (SELECT id FROM tickets WHERE business_date < ?)`,
    ),
    // ——— read models (readModels.ts) ———
    atCounters: db.prepare(
      `SELECT id, number FROM tickets WHERE business_date = ? AND status IN ('called', 'serving')`,
    ),
    recentCalls: db.prepare(
      `SELECT t.number, c.number AS counter, e.at FROM ticket_events e
       JOIN tickets t ON t.id = e.ticket_id JOIN counters c ON c.id = e.counter_id
       WHERE e.type = 'called' AND e.at >= ? ORDER BY e.id DESC LIMIT 6`,
    ),
    waitingForCounter: db.prepare(
      `SELECT * FROM tickets WHERE business_date = @date AND status = 'waiting'
         AND (target_counter_id = @counterId OR (target_counter_id IS NULL AND service_id IN
           (SELECT service_id FROM counter_services WHERE counter_id = @counterId)))
       ORDER BY queue_key, id LIMIT 300`,
    ),
    parked: db.prepare(
      `SELECT * FROM tickets WHERE business_date = ? AND status = 'parked' ORDER BY queue_key`,
    ),
    noShows: db.prepare(
      `SELECT * FROM tickets WHERE business_date = ? AND status = 'no_show' ORDER BY updated_at DESC LIMIT 50`,
    ),
    printFailed: db.prepare(
      `SELECT * FROM tickets WHERE business_date = ? AND print_status = 'failed'
         AND status IN ('waiting', 'void', 'printing') ORDER BY id DESC LIMIT 20`,
    ),
    counterStats: db.prepare(
      `SELECT COUNT(*) AS served, AVG(t.wait_seconds) AS wait, AVG(t.service_seconds) AS service,
         SUM(CASE WHEN t.wait_seconds > s.target_minutes * 60 THEN 1 ELSE 0 END) AS over
       FROM tickets t JOIN queue_services s ON s.id = t.service_id
       WHERE t.business_date = ? AND t.counter_id = ? AND t.outcome = 'served'`,
    ),
    counterEvents: db.prepare(
      'SELECT COUNT(*) AS n FROM ticket_events WHERE type = ? AND counter_id = ? AND at >= ?',
    ),
  };
}

const split = (rows: { prio: number; n: number }[]): WaitingSplit => ({
  regular: rows.find((r) => r.prio === 0)?.n ?? 0,
  priority: rows.find((r) => r.prio === 1)?.n ?? 0,
});

function build(db: Db) {
  const s = prepareStatements(db);
  return {
    service: (id: string) => s.service.get(id) as ServiceRow | undefined,
    /** A service even when deactivated (a ticket's own service). */
    anyService: (id: string) => s.anyService.get(id) as ServiceRow | undefined,
    activeServices: () => s.services.all() as ServiceRow[],
    waitingByService: (date: string) =>
      new Map(
        (s.waitingByService.all(date) as { service_id: string; n: number }[]).map((r) => [
          r.service_id,
          r.n,
        ]),
      ),
    nextSeq: (serviceId: string, date: string) =>
      (s.nextSeq.get(serviceId, date) as { last_seq: number }).last_seq,
    ticket: (id: string) => s.ticket.get(id) as TicketRow | undefined,
    ticketByNumber: (date: string, number: string) =>
      s.ticketByNumber.get(date, number) as TicketRow | undefined,
    insertTicket: (t: NewTicket): void => {
      s.insertTicket.run(t);
    },
    insertEvent(
      id: string,
      ticketId: string,
      at: string,
      type: string,
      counterId: string | null,
      userId: string | null,
      details: string | null,
    ): void {
      s.insertEvent.run(id, ticketId, at, type, counterId, userId, details);
    },
    waitingInService: (date: string, serviceId: string): WaitingSplit =>
      split(s.waitingInService.all(date, serviceId) as { prio: number; n: number }[]),
    /** Waiting tickets of a service queued before the given position. */
    waitingAhead: (t: TicketRow): WaitingSplit =>
      split(
        s.aheadOf.all(t.business_date, t.service_id, t.queue_key, t.queue_key, t.id) as {
          prio: number;
          n: number;
        }[],
      ),
    waitingKeys: (date: string, serviceId: string): number[] =>
      (s.waitingKeys.all(date, serviceId) as { queue_key: number }[]).map((r) => r.queue_key),
    counter: (id: string) => s.counter.get(id) as CounterRow | undefined,
    counters: () => s.counters.all() as CounterRow[],
    counterNumber: (id: string) =>
      (s.counterNumber.get(id) as { number: number } | undefined)?.number ?? null,
    counterServiceIds: (counterId: string): string[] =>
      (s.counterServices.all(counterId) as { service_id: string }[]).map((r) => r.service_id),
    ensureCounterState: (counterId: string, now: string): void => {
      s.ensureState.run(counterId, now);
    },
    setCurrent: (counterId: string, ticketId: string, userId: string | null, now: string): void => {
      s.setCurrent.run(ticketId, userId, now, counterId);
    },
    clearCurrentIf: (counterId: string, ticketId: string, now: string): void => {
      s.clearCurrentIf.run(now, counterId, ticketId);
    },
    setStreak: (counterId: string, streak: number, date: string): void => {
      s.setStreak.run(streak, date, counterId);
    },
    setPause: (
      counterId: string,
      status: 'open' | 'paused',
      reason: string | null,
      now: string,
    ) => {
      s.setPause.run(status, reason, now, counterId);
    },
    openCountersFor: (serviceId: string) => (s.openCountersFor.get(serviceId) as { n: number }).n,
    todayServiceMinutes: (date: string, serviceId: string): number[] =>
      (s.todayServiceMinutes.all(date, serviceId) as { m: number }[]).map((r) => r.m),
    candidates: (date: string, counterId: string) =>
      s.candidates.all(date, { counterId }) as CandidateRow[],
    /** Close tickets of days before `today` (RETURNING their ids). */
    closeOld: (now: string, today: string): string[] =>
      (s.closeOld.all(now, today, ...OPEN_STATUSES) as { id: string }[]).map((r) => r.id),
    clearOldCurrent: (today: string): void => {
      s.clearOldCurrent.run(today);
    },
    update: (t: TicketRow, now: string): void => {
      s.update.run({ ...t, updated_at: now });
    },
    atCounters: (date: string) =>
      new Map(
        (s.atCounters.all(date) as { id: string; number: string }[]).map((r) => [r.id, r.number]),
      ),
    recentCalls: (since: string) =>
      s.recentCalls.all(since) as { number: string; counter: number; at: string }[],
    waitingForCounter: (date: string, counterId: string) =>
      s.waitingForCounter.all({ date, counterId }) as TicketRow[],
    parked: (date: string) => s.parked.all(date) as TicketRow[],
    noShows: (date: string) => s.noShows.all(date) as TicketRow[],
    printFailed: (date: string) => s.printFailed.all(date) as TicketRow[],
    counterStats: (date: string, counterId: string) =>
      s.counterStats.get(date, counterId) as {
        served: number;
        wait: number | null;
        service: number | null;
        over: number | null;
      },
    counterEvents: (type: string, counterId: string, since: string) =>
      (s.counterEvents.get(type, counterId, since) as { n: number }).n,
  };
}

export type QueueRepo = ReturnType<typeof build>;

const repos = new WeakMap<Db, QueueRepo>();

/** The queue's statements for this connection, prepared on first use and kept with it. */
export function queueRepo(db: Db): QueueRepo {
  let repo = repos.get(db);
  if (!repo) {
    repo = build(db);
    repos.set(db, repo);
  }
  return repo;
}
