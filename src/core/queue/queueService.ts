import { APP_EVENTS, AppError, type AppEventData, type PublicUser } from '../../shared/contract';
import type {
  PriorityCategory,
  TicketAction,
  TicketPrintStatus,
} from '../../shared/contract/queue';
import { translate } from '../../shared/i18n';
import { maskPersonalNumbers } from '../../shared/citizenId/mask';
import { ulid } from '../../shared/ids';
import { AT_COUNTER, isAllowed } from '../../shared/queue/ticketTransitions';
import { formatVnDate, vnDate } from '../../shared/time/vnTime';
import { recordAudit } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import { outboxTicketOutcome } from '../sync/producers';
import {
  chooseNext,
  nextStreak,
  queueKeyOf,
  reactivatedQueueKey,
  type Candidate,
  type CallReason,
} from './callOrder';
import { createDayRollover } from './dayRollover';
import { queueLookups } from './queueLookups';
import { queueRepo, type CounterRow, type TicketRow } from './queueRepo';
import { createQueueReadModels } from './readModels';
import { getQueueSettings } from './settings';
import {
  formatTicketNumber,
  illegal,
  peopleAhead,
  ruleError,
  secondsBetween,
  statusParams,
  VOID_PRINT_FAILED,
} from './ticketViews';

export type QueueService = ReturnType<typeof createQueueService>;

/**
 * Tickets, calls and counters: the writes. Every change is one transaction (state + ticket
 * event + audit where an officer acts); events for screens are published after the commit and
 * carry only numbers, counters and services. The statements live in queueRepo.ts (prepared
 * once per connection), the allowed moves in src/shared/queue/ticketTransitions.ts (shared
 * with the counter screen), the screens' reads in readModels.ts and the day rollover in
 * dayRollover.ts.
 */
export function createQueueService(db: Db, clock: Clock, events: EventBus) {
  const repo = queueRepo(db);
  const closePreviousDays = createDayRollover(db);
  const lookups = queueLookups(repo);
  const { getTicketRow, getService, getCounter, estimateFor } = lookups;
  const reads = createQueueReadModels(db, clock, closePreviousDays, lookups);

  const nowDate = () => clock.now();

  function event(
    t: TicketRow,
    type: string,
    at: Date,
    counterId: string | null,
    user: PublicUser | null,
    details?: unknown,
  ) {
    repo.insertEvent(
      ulid(at.getTime()),
      t.id,
      at.toISOString(),
      type,
      counterId,
      user?.id ?? null,
      details === undefined ? null : JSON.stringify(details),
    );
    // A closed ticket's outcome goes to the province, in this same transaction (docs/sync.md).
    if (type === 'complete' || type === 'no-show') outboxTicketOutcome(db, t, at);
  }

  function touch(t: TicketRow, changes: Partial<TicketRow>, now: Date): TicketRow {
    const next: TicketRow = { ...t, ...changes };
    repo.update(next, now.toISOString());
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
        const seq = repo.nextSeq(service.id, date);
        const counts = repo.waitingInService(date, service.id);
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
        repo.insertTicket(row);
        const t = getTicketRow(row.id);
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
      const cur = repo.ticket(c.current_ticket_id);
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
    repo.setCurrent(counter.id, next.id, user.id, now.toISOString());
    const today = vnDate(now);
    const streak = counter.streak_date === today ? counter.regular_streak : 0;
    repo.setStreak(counter.id, nextStreak(streak, next.priority !== null), today);
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
        repo.ensureCounterState(counterId, now.toISOString());
        assertCounterFree(counter, now);
        const today = vnDate(now);
        const candidates: Candidate[] = repo.candidates(today, counterId).map((r) => ({
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
        repo.ensureCounterState(counterId, now.toISOString());
        const t = repo.ticketByNumber(vnDate(now), number);
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
          const c = repo.counter(cur.counter_id);
          throw ruleError(
            'queue.rule.otherCounter',
            { number: cur.number, counter: c?.number ?? '?' },
            'CONFLICT',
            { rule: 'other-counter' },
          );
        }
        const iso = now.toISOString();
        const release = () => {
          if (cur.counter_id) repo.clearCurrentIf(cur.counter_id, cur.id, iso);
        };
        const servedSoFar = () =>
          cur.status === 'serving'
            ? (cur.service_seconds ?? 0) + (secondsBetween(cur.started_at, now) ?? 0)
            : cur.service_seconds;
        let next: TicketRow;
        switch (action) {
          case 'recall': {
            next = touch(cur, { call_count: cur.call_count + 1 }, now);
            const c = repo.counter(cur.counter_id ?? '');
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
            const keys = repo.waitingKeys(cur.business_date, cur.service_id);
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
    // Opens the 30 s satisfaction-rating window of this counter (src/core/ratings).
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
        repo.ensureCounterState(counterId, now.toISOString());
        repo.setPause(c.id, paused ? 'paused' : 'open', paused ? reason : null, now.toISOString());
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

  return {
    issue,
    recordPrint,
    callNext,
    callNumber,
    act,
    setPaused,
    ...reads,
    getTicket: getTicketRow,
    getService,
    closePreviousDays,
  };
}
