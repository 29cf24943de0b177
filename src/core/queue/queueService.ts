import { APP_EVENTS, AppError, type AppEventData, type PublicUser } from '../../shared/contract';
import type {
  OfficerTicket,
  PriorityCategory,
  QueueSettings,
  TicketAction,
  TicketPrintStatus,
  TicketStatus,
} from '../../shared/contract/queue';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { maskPersonalNumbers } from '../../shared/citizenId/mask';
import { ulid } from '../../shared/ids';
import { recordAudit } from '../audit/auditLog';
import { formatVnDate, vnDate, vnStartOfDay } from '../../shared/time/vnTime';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import {
  chooseNext,
  nextStreak,
  queueKeyOf,
  reactivatedQueueKey,
  type Candidate,
  type CallReason,
} from './callOrder';
import { outboxTicketOutcome } from '../sync/producers';
import { estimateWait } from './estimates';
import { getQueueSettings } from './settings';
import { AT_COUNTER, isAllowed, OPEN_STATUSES } from './ticketRules';

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

export const VOID_PRINT_FAILED = 'print_failed';

/** A rule broken: 409 with the rule in plain Vietnamese (English on request). */
export function ruleError(
  key: MessageKey,
  params: MessageParams,
  code: 'CONFLICT' | 'NOT_FOUND' | 'UNPROCESSABLE' = 'CONFLICT',
  details?: unknown,
): AppError {
  return new AppError(code, {
    message: { vi: translate('vi', key, params), en: translate('en', key, params) },
    ...(details === undefined ? {} : { details }),
  });
}

function statusParams(t: TicketRow): { vi: string; en: string } {
  const key = `queue.status.${t.status}` as MessageKey;
  return { vi: translate('vi', key), en: translate('en', key) };
}

/** An illegal action for the ticket's status: 409 naming the rule and the current status. */
function illegal(action: TicketAction | 'call', t: TicketRow): AppError {
  const key = `queue.rule.${action}` as MessageKey;
  const s = statusParams(t);
  return new AppError('CONFLICT', {
    message: {
      vi: translate('vi', key, { number: t.number, status: s.vi }),
      en: translate('en', key, { number: t.number, status: s.en }),
    },
    details: { rule: action, status: t.status, number: t.number },
  });
}

const secondsBetween = (from: string | null, to: Date): number | null =>
  from === null ? null : Math.max(0, Math.round((to.getTime() - new Date(from).getTime()) / 1000));

export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

export function toOfficerTicket(r: TicketRow): OfficerTicket {
  return {
    id: r.id,
    number: r.number,
    serviceId: r.service_id,
    status: r.status,
    outcome: r.outcome,
    priority: r.priority,
    channel: r.channel,
    businessDate: r.business_date,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    callCount: r.call_count,
    counterId: r.counter_id,
    targetCounterId: r.target_counter_id,
    transferNote: r.transfer_note,
    transferCount: r.transfer_count,
    printStatus: r.print_status,
    printError: r.print_error,
    voidReason: r.void_reason,
    aheadAtIssue: r.ahead_at_issue,
    estimatedWaitMinutes: [r.est_min, r.est_max],
    waitSeconds: r.wait_seconds,
    walkSeconds: r.walk_seconds,
    serviceSeconds: r.service_seconds,
  };
}

/**
 * People ahead of a ticket in its service: for a regular ticket everyone waiting before it;
 * for a priority ticket the priority tickets before it plus at most `regularPerPriority`
 * regular ones (the ratio lets that many regulars go first).
 */
export function peopleAhead(
  regularBefore: number,
  priorityBefore: number,
  isPriority: boolean,
  regularPerPriority: number,
): number {
  if (!isPriority) return regularBefore + priorityBefore;
  return priorityBefore + Math.min(regularBefore, regularPerPriority * (priorityBefore + 1));
}

export type QueueService = ReturnType<typeof createQueueService>;

/**
 * Tickets, calls and counters. Every change is one transaction (state + ticket event + audit
 * where an officer acts); events for screens are published after the commit and carry only
 * numbers, counters and services.
 */
export function createQueueService(db: Db, clock: Clock, events: EventBus) {
  const q = {
    service: db.prepare('SELECT * FROM queue_services WHERE id = ? AND active = 1'),
    services: db.prepare(
      'SELECT * FROM queue_services WHERE active = 1 ORDER BY sort_order, prefix',
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
    counter: db.prepare(
      `SELECT c.id, c.number, c.name, c.priority, COALESCE(s.status, 'open') AS status,
         s.pause_reason, s.current_ticket_id, COALESCE(s.regular_streak, 0) AS regular_streak,
         s.streak_date
       FROM counters c LEFT JOIN counter_state s ON s.counter_id = c.id
       WHERE c.id = ? AND c.active = 1`,
    ),
    counters: db.prepare(
      `SELECT c.id, c.number, c.name, c.priority, COALESCE(s.status, 'open') AS status,
         s.pause_reason, s.current_ticket_id, COALESCE(s.regular_streak, 0) AS regular_streak,
         s.streak_date
       FROM counters c LEFT JOIN counter_state s ON s.counter_id = c.id
       WHERE c.active = 1 ORDER BY c.number`,
    ),
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
  };

  const nowDate = () => clock.now();
  let closedThrough: string | null = null;

  function event(
    t: TicketRow,
    type: string,
    at: Date,
    counterId: string | null,
    user: PublicUser | null,
    details?: unknown,
  ) {
    q.insertEvent.run(
      ulid(at.getTime()),
      t.id,
      at.toISOString(),
      type,
      counterId,
      user?.id ?? null,
      details === undefined ? null : JSON.stringify(details),
    );
    // Issue 8: a closed ticket's outcome goes to the province, in this same transaction.
    if (type === 'complete' || type === 'no-show') outboxTicketOutcome(db, t, at);
  }

  /**
   * Tickets left open from a previous Vietnam day are closed as 'abandoned' (lazily, on the
   * first queue operation of a new day). No-shows keep their outcome.
   */
  function closePreviousDays(now: Date): void {
    const today = vnDate(now);
    if (closedThrough === today) return;
    db.transaction(() => {
      const closed = q.closeOld.all(now.toISOString(), today, ...OPEN_STATUSES) as { id: string }[];
      for (const { id } of closed) {
        q.insertEvent.run(
          ulid(now.getTime()),
          id,
          now.toISOString(),
          'abandoned',
          null,
          null,
          null,
        );
        outboxTicketOutcome(db, q.ticket.get(id) as TicketRow, now); // issue 8: same transaction
      }
      q.clearOldCurrent.run(today);
    }).immediate();
    closedThrough = today;
  }

  function getTicketRow(id: string): TicketRow {
    const t = q.ticket.get(id) as TicketRow | undefined;
    if (!t) throw ruleError('queue.err.ticketNotFound', {}, 'NOT_FOUND');
    return t;
  }

  function getService(id: string): ServiceRow {
    const s = q.service.get(id) as ServiceRow | undefined;
    if (!s) throw ruleError('queue.err.serviceNotFound', {}, 'NOT_FOUND');
    return s;
  }

  function getCounter(id: string): CounterRow & { serviceIds: string[] } {
    const c = q.counter.get(id) as CounterRow | undefined;
    if (!c) throw ruleError('queue.err.counterNotFound', {}, 'NOT_FOUND');
    const serviceIds = (q.counterServices.all(id) as { service_id: string }[]).map(
      (r) => r.service_id,
    );
    return { ...c, serviceIds };
  }

  function waitingCounts(date: string, serviceId: string): { regular: number; priority: number } {
    const rows = q.waitingInService.all(date, serviceId) as { prio: number; n: number }[];
    return {
      regular: rows.find((r) => r.prio === 0)?.n ?? 0,
      priority: rows.find((r) => r.prio === 1)?.n ?? 0,
    };
  }

  function estimateFor(service: ServiceRow, date: string, ahead: number): [number, number] {
    const samples = (q.todayServiceMinutes.all(date, service.id) as { m: number }[]).map(
      (r) => r.m,
    );
    const open = (q.openCountersFor.get(service.id) as { n: number }).n;
    return estimateWait({
      ahead,
      todayServiceMinutes: samples,
      fallbackMinutes: service.default_service_minutes,
      openCounters: open,
    });
  }

  /** Live people-ahead of a waiting ticket (for its public status page). */
  function liveAhead(t: TicketRow, settings: QueueSettings): number {
    if (t.status !== 'waiting') return 0;
    const rows = q.aheadOf.all(t.business_date, t.service_id, t.queue_key, t.queue_key, t.id) as {
      prio: number;
      n: number;
    }[];
    const regular = rows.find((r) => r.prio === 0)?.n ?? 0;
    const priority = rows.find((r) => r.prio === 1)?.n ?? 0;
    return peopleAhead(regular, priority, t.priority !== null, settings.regularPerPriority);
  }

  function touch(t: TicketRow, changes: Partial<TicketRow>, now: Date): TicketRow {
    const next: TicketRow = { ...t, ...changes };
    q.update.run({ ...next, updated_at: now.toISOString() });
    return next;
  }

  function changed(data: AppEventData<typeof APP_EVENTS.queueChanged>, at: Date): void {
    events.publish(APP_EVENTS.queueChanged, data, at);
  }

  // ——— issuing ———

  function issue(
    input: { serviceId: string; priority?: PriorityCategory | undefined },
    channel: 'kiosk' | 'officer',
    opts: {
      awaitPrint: boolean;
      printStatus: 'pending' | 'none';
      /**
       * Record the ticket's print job in the same transaction (one commit per ticket).
       * `screen`: no ticket printer — the ticket counts at once and shows on screen.
       */
      attachPrint?: ((t: TicketRow) => { jobId: string; screen: boolean }) | undefined;
    },
  ): TicketRow {
    const now = nowDate();
    closePreviousDays(now);
    const settings = getQueueSettings(db);
    if (input.priority) {
      const cat = settings.priorityCategories.find((c) => c.code === input.priority);
      if (!cat || !cat.enabled) {
        throw ruleError(
          'queue.err.priorityDisabled',
          { category: cat?.label ?? input.priority },
          'UNPROCESSABLE',
        );
      }
    }
    const ticket = db
      .transaction(() => {
        const service = getService(input.serviceId);
        const date = vnDate(now);
        const { last_seq: seq } = q.nextSeq.get(service.id, date) as { last_seq: number };
        const counts = waitingCounts(date, service.id);
        const ahead = peopleAhead(
          counts.regular,
          counts.priority,
          input.priority !== undefined,
          settings.regularPerPriority,
        );
        const [estMin, estMax] = estimateFor(service, date, ahead);
        const row = {
          id: ulid(now.getTime()),
          serviceId: service.id,
          date,
          seq,
          number: formatTicketNumber(service.prefix, seq),
          priority: input.priority ?? null,
          status: opts.awaitPrint ? 'printing' : 'waiting',
          channel,
          issuedAt: now.toISOString(),
          queueKey: queueKeyOf(now.getTime()),
          ahead,
          estMin,
          estMax,
          printStatus: opts.printStatus,
        };
        q.insertTicket.run(row);
        const t = q.ticket.get(row.id) as TicketRow;
        event(t, 'issued', now, null, null, { channel, priority: t.priority !== null });
        const attached = opts.attachPrint?.(t);
        if (!attached) return t;
        if (!attached.screen) return touch(t, { print_job_id: attached.jobId }, now);
        const shown = touch(
          t,
          {
            print_status: 'screen',
            print_job_id: attached.jobId,
            print_error: null,
            status: 'waiting',
          },
          now,
        );
        event(shown, 'print.screen', now, null, null);
        return shown;
      })
      .immediate();
    if (ticket.status === 'waiting') {
      changed({ serviceId: ticket.service_id, number: ticket.number }, now);
    }
    return ticket;
  }

  /** Record the outcome of printing a ticket (and make it count, or void it). */
  function recordPrint(
    id: string,
    job: {
      id: string | null;
      status: 'done' | 'failed' | 'queued' | 'screen' | 'none';
      error: string | null;
    },
    issueOnlyIfPrinted: boolean,
  ): TicketRow {
    const now = nowDate();
    const printStatus: TicketPrintStatus = job.status === 'done' ? 'printed' : job.status;
    const t = db
      .transaction(() => {
        const cur = getTicketRow(id);
        const changes: Partial<TicketRow> = {
          print_status: printStatus,
          print_job_id: job.id,
          print_error: job.status === 'failed' ? (job.error ?? 'print failed') : null,
        };
        if (cur.status === 'printing') {
          if (job.status === 'failed' && issueOnlyIfPrinted) {
            changes.status = 'void';
            changes.outcome = 'void';
            changes.void_reason = VOID_PRINT_FAILED;
          } else changes.status = 'waiting';
        } else if (
          cur.status === 'void' &&
          cur.void_reason === VOID_PRINT_FAILED &&
          job.status !== 'failed' &&
          cur.business_date === vnDate(now)
        ) {
          // Reprinted successfully: the ticket counts again, at its original queue time.
          changes.status = 'waiting';
          changes.outcome = null;
          changes.void_reason = null;
        }
        const next = touch(cur, changes, now);
        event(
          next,
          `print.${printStatus}`,
          now,
          null,
          null,
          job.error ? { error: job.error } : undefined,
        );
        return next;
      })
      .immediate();
    changed({ serviceId: t.service_id, number: t.number }, now);
    return t;
  }

  // ——— officer actions ———

  function assertToday(t: TicketRow, now: Date): void {
    if (t.business_date !== vnDate(now)) {
      throw ruleError(
        'queue.rule.previousDay',
        { number: t.number, date: formatVnDate(t.business_date) },
        'CONFLICT',
        { rule: 'previous-day' },
      );
    }
  }

  function assertCounterFree(c: CounterRow, now: Date): void {
    if (c.status === 'paused') {
      throw ruleError(
        'queue.rule.counterPaused',
        { counter: c.number, reason: c.pause_reason ?? '' },
        'CONFLICT',
        { rule: 'counter-paused' },
      );
    }
    if (c.current_ticket_id) {
      const cur = q.ticket.get(c.current_ticket_id) as TicketRow | undefined;
      if (cur && AT_COUNTER.includes(cur.status) && cur.business_date === vnDate(now)) {
        const s = statusParams(cur);
        throw new AppError('CONFLICT', {
          message: {
            vi: translate('vi', 'queue.rule.counterBusy', {
              counter: c.number,
              number: cur.number,
              status: s.vi,
            }),
            en: translate('en', 'queue.rule.counterBusy', {
              counter: c.number,
              number: cur.number,
              status: s.en,
            }),
          },
          details: { rule: 'counter-busy', number: cur.number },
        });
      }
    }
  }

  function callTicket(
    t: TicketRow,
    counter: CounterRow,
    user: PublicUser,
    now: Date,
    reason: CallReason | 'specific',
  ): TicketRow {
    const next = touch(
      t,
      {
        status: 'called',
        counter_id: counter.id,
        officer_user_id: user.id,
        called_at: now.toISOString(),
        first_called_at: t.first_called_at ?? now.toISOString(),
        wait_seconds: t.wait_seconds ?? secondsBetween(t.issued_at, now),
        call_count: t.call_count + 1,
        target_counter_id: null,
        started_at: null,
      },
      now,
    );
    q.setCurrent.run(next.id, user.id, now.toISOString(), counter.id);
    const today = vnDate(now);
    const streak = counter.streak_date === today ? counter.regular_streak : 0;
    q.setStreak.run(nextStreak(streak, next.priority !== null), today, counter.id);
    event(next, 'called', now, counter.id, user, { reason, counter: counter.number });
    return next;
  }

  function publishCall(t: TicketRow, counterNumber: number, recall: boolean, at: Date): void {
    events.publish(
      APP_EVENTS.queueCalled,
      { number: t.number, counter: counterNumber, recall },
      at,
    );
    changed({ serviceId: t.service_id, number: t.number }, at);
  }

  function callNext(counterId: string, user: PublicUser): TicketRow | null {
    const now = nowDate();
    closePreviousDays(now);
    const settings = getQueueSettings(db);
    const result = db
      .transaction(() => {
        const counter = getCounter(counterId); // 404 for an unknown id, before any write
        q.ensureState.run(counterId, now.toISOString());
        assertCounterFree(counter, now);
        const today = vnDate(now);
        const rows = q.candidates.all(today, { counterId }) as {
          id: string;
          service_id: string;
          priority: string | null;
          queue_key: number;
          target_counter_id: string | null;
          target_minutes: number;
        }[];
        const candidates: Candidate[] = rows.map((r) => ({
          id: r.id,
          serviceId: r.service_id,
          priority: r.priority !== null,
          queueKey: r.queue_key,
          targetCounterId: r.target_counter_id,
          targetMinutes: r.target_minutes,
        }));
        const streak = counter.streak_date === today ? counter.regular_streak : 0;
        const decision = chooseNext(
          candidates,
          { id: counter.id, priority: counter.priority === 1, serviceIds: counter.serviceIds },
          streak,
          settings,
          now.getTime(),
        );
        if (!decision) return null;
        const t = getTicketRow(decision.ticketId);
        return { t: callTicket(t, counter, user, now, decision.reason), counter };
      })
      .immediate();
    if (!result) return null;
    publishCall(result.t, result.counter.number, false, now);
    return result.t;
  }

  function callNumber(counterId: string, number: string, user: PublicUser): TicketRow {
    const now = nowDate();
    closePreviousDays(now);
    const result = db
      .transaction(() => {
        const counter = getCounter(counterId); // 404 for an unknown id, before any write
        q.ensureState.run(counterId, now.toISOString());
        const t = q.ticketByNumber.get(vnDate(now), number) as TicketRow | undefined;
        if (!t) throw ruleError('queue.err.numberNotFound', { number }, 'NOT_FOUND');
        if (!isAllowed('call', t.status)) throw illegal('call', t);
        assertCounterFree(counter, now);
        return { t: callTicket(t, counter, user, now, 'specific'), counter };
      })
      .immediate();
    publishCall(result.t, result.counter.number, false, now);
    return result.t;
  }

  function act(
    id: string,
    input: {
      action: TicketAction;
      counterId?: string | undefined;
      toServiceId?: string | undefined;
      note?: string | undefined;
    },
    user: PublicUser,
  ): TicketRow {
    const now = nowDate();
    closePreviousDays(now);
    const settings = getQueueSettings(db);
    let announce: { counter: number } | null = null;
    const t = db
      .transaction(() => {
        const cur = getTicketRow(id);
        assertToday(cur, now);
        const { action } = input;
        if (!isAllowed(action, cur.status)) throw illegal(action, cur);
        const atCounter = ['recall', 'start', 'complete', 'no-show', 'park'].includes(action);
        if (atCounter && input.counterId && cur.counter_id && input.counterId !== cur.counter_id) {
          const c = q.counter.get(cur.counter_id) as CounterRow | undefined;
          throw ruleError(
            'queue.rule.otherCounter',
            { number: cur.number, counter: c?.number ?? '?' },
            'CONFLICT',
            { rule: 'other-counter' },
          );
        }
        const iso = now.toISOString();
        const release = () => {
          if (cur.counter_id) q.clearCurrentIf.run(iso, cur.counter_id, cur.id);
        };
        const servedSoFar = () =>
          cur.status === 'serving'
            ? (cur.service_seconds ?? 0) + (secondsBetween(cur.started_at, now) ?? 0)
            : cur.service_seconds;
        let next: TicketRow;
        switch (action) {
          case 'recall': {
            next = touch(cur, { call_count: cur.call_count + 1 }, now);
            const c = q.counter.get(cur.counter_id ?? '') as CounterRow | undefined;
            announce = { counter: c?.number ?? 0 };
            break;
          }
          case 'start':
            next = touch(
              cur,
              {
                status: 'serving',
                started_at: iso,
                walk_seconds: secondsBetween(cur.called_at, now),
                officer_user_id: user.id,
              },
              now,
            );
            break;
          case 'complete':
            // Completing a called ticket implies starting it when it was called (F1 then F4,
            // docs/desk.md): the walk time is counted as zero, the service time from the call.
            next = touch(
              cur,
              cur.status === 'called'
                ? {
                    status: 'done',
                    outcome: 'served',
                    started_at: cur.called_at,
                    walk_seconds: 0,
                    officer_user_id: user.id,
                    completed_at: iso,
                    service_seconds:
                      (cur.service_seconds ?? 0) + (secondsBetween(cur.called_at, now) ?? 0),
                  }
                : {
                    status: 'done',
                    outcome: 'served',
                    completed_at: iso,
                    service_seconds: servedSoFar(),
                  },
              now,
            );
            release();
            break;
          case 'no-show':
            next = touch(cur, { status: 'no_show', outcome: 'no_show' }, now);
            release();
            break;
          case 'park':
            next = touch(
              cur,
              { status: 'parked', service_seconds: servedSoFar(), started_at: null },
              now,
            );
            release();
            break;
          case 'reactivate': {
            const keys = (
              db
                .prepare(
                  `SELECT queue_key FROM tickets WHERE business_date = ? AND service_id = ?
                   AND status = 'waiting' ORDER BY queue_key`,
                )
                .all(cur.business_date, cur.service_id) as { queue_key: number }[]
            ).map((r) => r.queue_key);
            next = touch(
              cur,
              {
                status: 'waiting',
                outcome: null,
                counter_id: null,
                called_at: null,
                reactivated_at: iso,
                queue_key: reactivatedQueueKey(
                  settings.reactivatePosition,
                  settings.reactivateAfter,
                  cur.queue_key,
                  now.getTime(),
                  keys,
                ),
              },
              now,
            );
            break;
          }
          case 'transfer': {
            if (!input.toServiceId && !input.counterId) {
              throw ruleError('queue.rule.transferTarget', {}, 'CONFLICT', {
                rule: 'transfer-target',
              });
            }
            const service = input.toServiceId ? getService(input.toServiceId) : null;
            const target = input.counterId ? getCounter(input.counterId) : null;
            if (service && !target && service.id === cur.service_id) {
              throw ruleError('queue.rule.transferSame', { number: cur.number }, 'CONFLICT', {
                rule: 'transfer-same',
              });
            }
            // Same queue time: it goes ahead of everyone issued after it.
            next = touch(
              cur,
              {
                status: 'waiting',
                outcome: 'transferred',
                service_id: service?.id ?? cur.service_id,
                target_counter_id: target?.id ?? null,
                counter_id: null,
                called_at: null,
                started_at: null,
                service_seconds: servedSoFar(),
                transfer_note: input.note ?? null,
                transfer_count: cur.transfer_count + 1,
              },
              now,
            );
            release();
            break;
          }
        }
        event(next, action, now, cur.counter_id, user, {
          from: cur.status,
          ...(action === 'transfer'
            ? {
                toServiceId: next.service_id,
                toCounterId: next.target_counter_id,
                note: input.note ?? null,
              }
            : {}),
        });
        return next;
      })
      .immediate();
    if (announce) publishCall(t, (announce as { counter: number }).counter, true, now);
    else changed({ serviceId: t.service_id, number: t.number }, now);
    // Opens the 30 s satisfaction-rating window of this counter (src/core/ratings, issue 6).
    // Internal: the ticket id names the rating, so it never reaches the public stream
    // (docs/security.md, "Devices").
    if (input.action === 'complete')
      events.publish(
        APP_EVENTS.queueCompleted,
        { ticketId: t.id, counterId: t.counter_id, number: t.number },
        now,
      );
    return t;
  }

  function setPaused(counterId: string, paused: boolean, reason: string | null, user: PublicUser) {
    const now = nowDate();
    const counter = db
      .transaction(() => {
        const c = getCounter(counterId); // 404 for an unknown id, before any write
        q.ensureState.run(counterId, now.toISOString());
        q.setPause.run(paused ? 'paused' : 'open', paused ? reason : null, now.toISOString(), c.id);
        // The reason is free text: ID and phone numbers typed into it are masked.
        recordAudit(
          db,
          {
            actor: user,
            action: paused ? 'counter.pause' : 'counter.resume',
            entity: 'counter',
            entityId: c.id,
            details: paused ? { reason: reason === null ? null : maskPersonalNumbers(reason) } : {},
          },
          now,
        );
        return c;
      })
      .immediate();
    changed({ counter: counter.number }, now);
    return { counterId: counter.id, status: paused ? ('paused' as const) : ('open' as const) };
  }

  // ——— reading ———

  function services() {
    const now = nowDate();
    closePreviousDays(now);
    const date = vnDate(now);
    const counts = new Map(
      (
        db
          .prepare(
            `SELECT service_id, COUNT(*) AS n FROM tickets WHERE business_date = ? AND status = 'waiting'
             GROUP BY service_id`,
          )
          .all(date) as { service_id: string; n: number }[]
      ).map((r) => [r.service_id, r.n]),
    );
    return (q.services.all() as ServiceRow[]).map((s) => ({
      ...s,
      waiting: counts.get(s.id) ?? 0,
    }));
  }

  function publicTicket(id: string) {
    const now = nowDate();
    closePreviousDays(now);
    const t = getTicketRow(id);
    const settings = getQueueSettings(db);
    const service = db
      .prepare('SELECT * FROM queue_services WHERE id = ?')
      .get(t.service_id) as ServiceRow;
    const ahead = liveAhead(t, settings);
    const counter = t.counter_id
      ? (db.prepare('SELECT number FROM counters WHERE id = ?').get(t.counter_id) as {
          number: number;
        })
      : null;
    return {
      id: t.id,
      number: t.number,
      serviceId: t.service_id,
      serviceName: service.name,
      status: t.status,
      priority: t.priority !== null,
      businessDate: t.business_date,
      issuedAt: t.issued_at,
      ahead,
      estimatedWaitMinutes:
        t.status === 'waiting'
          ? estimateFor(service, t.business_date, ahead)
          : ([0, 0] as [number, number]),
      counterNumber: AT_COUNTER.includes(t.status) ? (counter?.number ?? null) : null,
      calledAt: t.called_at,
      printStatus: t.print_status,
    };
  }

  function board() {
    const now = nowDate();
    closePreviousDays(now);
    const date = vnDate(now);
    const counters = q.counters.all() as CounterRow[];
    const current = new Map(
      (
        db
          .prepare(
            `SELECT id, number FROM tickets WHERE business_date = ? AND status IN ('called', 'serving')`,
          )
          .all(date) as { id: string; number: string }[]
      ).map((r) => [r.id, r.number]),
    );
    const recent = db
      .prepare(
        `SELECT t.number, c.number AS counter, e.at FROM ticket_events e
         JOIN tickets t ON t.id = e.ticket_id JOIN counters c ON c.id = e.counter_id
         WHERE e.type = 'called' AND e.at >= ? ORDER BY e.id DESC LIMIT 6`,
      )
      .all(vnStartOfDay(date).toISOString()) as { number: string; counter: number; at: string }[];
    const waiting = services().map((s) => ({ serviceId: s.id, count: s.waiting }));
    return {
      serving: counters.map((c) => ({
        counter: c.number,
        number: c.current_ticket_id ? (current.get(c.current_ticket_id) ?? null) : null,
        paused: c.status === 'paused',
      })),
      recent,
      waiting,
    };
  }

  function counterView(counterId: string) {
    const now = nowDate();
    closePreviousDays(now);
    const date = vnDate(now);
    const c = getCounter(counterId);
    const cur = c.current_ticket_id
      ? (q.ticket.get(c.current_ticket_id) as TicketRow | undefined)
      : undefined;
    const current =
      cur && AT_COUNTER.includes(cur.status) && cur.business_date === date ? cur : null;
    const waitingRows = db
      .prepare(
        `SELECT * FROM tickets WHERE business_date = @date AND status = 'waiting'
           AND (target_counter_id = @counterId OR (target_counter_id IS NULL AND service_id IN
             (SELECT service_id FROM counter_services WHERE counter_id = @counterId)))
         ORDER BY queue_key, id LIMIT 300`,
      )
      .all({ date, counterId }) as TicketRow[];
    const byService = new Map<string, TicketRow[]>(c.serviceIds.map((id) => [id, []]));
    for (const r of waitingRows) {
      const list = byService.get(r.service_id) ?? [];
      list.push(r);
      byService.set(r.service_id, list);
    }
    const listOf = (sql: string, ...params: unknown[]) =>
      (db.prepare(sql).all(...params) as TicketRow[]).map(toOfficerTicket);
    const startIso = vnStartOfDay(date).toISOString();
    const stat = db
      .prepare(
        `SELECT COUNT(*) AS served, AVG(t.wait_seconds) AS wait, AVG(t.service_seconds) AS service,
           SUM(CASE WHEN t.wait_seconds > s.target_minutes * 60 THEN 1 ELSE 0 END) AS over
         FROM tickets t JOIN queue_services s ON s.id = t.service_id
         WHERE t.business_date = ? AND t.counter_id = ? AND t.outcome = 'served'`,
      )
      .get(date, counterId) as {
      served: number;
      wait: number | null;
      service: number | null;
      over: number | null;
    };
    const evCount = (type: string) =>
      (
        db
          .prepare(
            'SELECT COUNT(*) AS n FROM ticket_events WHERE type = ? AND counter_id = ? AND at >= ?',
          )
          .get(type, counterId, startIso) as { n: number }
      ).n;
    const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
    return {
      counter: {
        id: c.id,
        number: c.number,
        name: c.name,
        priority: c.priority === 1,
        serviceIds: c.serviceIds,
        status: c.status,
        pauseReason: c.pause_reason,
      },
      current: current ? toOfficerTicket(current) : null,
      waiting: [...byService.entries()].map(([serviceId, list]) => ({
        serviceId,
        tickets: list.map(toOfficerTicket),
      })),
      parked: listOf(
        `SELECT * FROM tickets WHERE business_date = ? AND status = 'parked' ORDER BY queue_key`,
        date,
      ),
      noShows: listOf(
        `SELECT * FROM tickets WHERE business_date = ? AND status = 'no_show' ORDER BY updated_at DESC LIMIT 50`,
        date,
      ),
      printFailed: listOf(
        `SELECT * FROM tickets WHERE business_date = ? AND print_status = 'failed'
           AND status IN ('waiting', 'void', 'printing') ORDER BY id DESC LIMIT 20`,
        date,
      ),
      stats: {
        served: stat.served,
        noShow: evCount('no-show'),
        transferred: evCount('transfer'),
        called: evCount('called'),
        avgWaitMinutes: stat.wait === null ? null : round1(stat.wait / 60),
        avgServiceMinutes: stat.service === null ? null : round1(stat.service / 60),
        overTargetPercent: stat.served ? Math.round(((stat.over ?? 0) * 100) / stat.served) : null,
      },
    };
  }

  return {
    issue,
    recordPrint,
    callNext,
    callNumber,
    act,
    setPaused,
    services,
    publicTicket,
    board,
    counterView,
    getTicket: getTicketRow,
    getService,
    closePreviousDays,
  };
}
