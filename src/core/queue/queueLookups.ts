import type { QueueSettings } from '../../shared/contract/queue';
import { estimateWait } from './estimates';
import type { CounterRow, QueueRepo, ServiceRow, TicketRow } from './queueRepo';
import { peopleAhead, ruleError } from './ticketViews';

/** Lookups shared by the queue's writes and read models: 404 with a plain rule when missing. */
export function queueLookups(repo: QueueRepo) {
  function getTicketRow(id: string): TicketRow {
    const t = repo.ticket(id);
    if (!t) throw ruleError('queue.err.ticketNotFound', {}, 'NOT_FOUND');
    return t;
  }

  function getService(id: string): ServiceRow {
    const s = repo.service(id);
    if (!s) throw ruleError('queue.err.serviceNotFound', {}, 'NOT_FOUND');
    return s;
  }

  function getCounter(id: string): CounterRow & { serviceIds: string[] } {
    const c = repo.counter(id);
    if (!c) throw ruleError('queue.err.counterNotFound', {}, 'NOT_FOUND');
    return { ...c, serviceIds: repo.counterServiceIds(id) };
  }

  function estimateFor(service: ServiceRow, date: string, ahead: number): [number, number] {
    return estimateWait({
      ahead,
      todayServiceMinutes: repo.todayServiceMinutes(date, service.id),
      fallbackMinutes: service.default_service_minutes,
      openCounters: repo.openCountersFor(service.id),
    });
  }

  /** Live people-ahead of a waiting ticket (for its public status page). */
  function liveAhead(t: TicketRow, settings: QueueSettings): number {
    if (t.status !== 'waiting') return 0;
    const { regular, priority } = repo.waitingAhead(t);
    return peopleAhead(regular, priority, t.priority !== null, settings.regularPerPriority);
  }

  return { getTicketRow, getService, getCounter, estimateFor, liveAhead };
}

export type QueueLookups = ReturnType<typeof queueLookups>;
