import { vnDate, vnStartOfDay } from '../../shared/time/vnTime';
import { AT_COUNTER } from '../../shared/queue/ticketTransitions';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { QueueLookups } from './queueLookups';
import { queueRepo, type ServiceRow, type TicketRow } from './queueRepo';
import { getQueueSettings } from './settings';
import { toOfficerTicket } from './ticketViews';

/**
 * What the screens read: the services with their waiting counts (kiosk), a ticket's public
 * status page, the lobby board and the counter screen. Read only, apart from the day
 * rollover that runs first so yesterday's open tickets never show (dayRollover.ts).
 */
export function createQueueReadModels(
  db: Db,
  clock: Clock,
  closePreviousDays: (now: Date) => void,
  lookups: QueueLookups,
) {
  const repo = queueRepo(db);
  const { getTicketRow, getCounter, estimateFor, liveAhead } = lookups;

  function services() {
    const now = clock.now();
    closePreviousDays(now);
    const counts = repo.waitingByService(vnDate(now));
    return repo.activeServices().map((s) => ({ ...s, waiting: counts.get(s.id) ?? 0 }));
  }

  function publicTicket(id: string) {
    const now = clock.now();
    closePreviousDays(now);
    const t = getTicketRow(id);
    const settings = getQueueSettings(db);
    const service = repo.anyService(t.service_id) as ServiceRow;
    const ahead = liveAhead(t, settings);
    const counterNumber = t.counter_id ? repo.counterNumber(t.counter_id) : null;
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
      counterNumber: AT_COUNTER.includes(t.status) ? counterNumber : null,
      calledAt: t.called_at,
      printStatus: t.print_status,
    };
  }

  function board() {
    const now = clock.now();
    closePreviousDays(now);
    const date = vnDate(now);
    const counters = repo.counters();
    const current = repo.atCounters(date);
    const recent = repo.recentCalls(vnStartOfDay(date).toISOString());
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
    const now = clock.now();
    closePreviousDays(now);
    const date = vnDate(now);
    const c = getCounter(counterId);
    const cur = c.current_ticket_id ? repo.ticket(c.current_ticket_id) : undefined;
    const current =
      cur && AT_COUNTER.includes(cur.status) && cur.business_date === date ? cur : null;
    const byService = new Map<string, TicketRow[]>(c.serviceIds.map((id) => [id, []]));
    for (const r of repo.waitingForCounter(date, counterId)) {
      const list = byService.get(r.service_id) ?? [];
      list.push(r);
      byService.set(r.service_id, list);
    }
    const startIso = vnStartOfDay(date).toISOString();
    const stat = repo.counterStats(date, counterId);
    const evCount = (type: string) => repo.counterEvents(type, counterId, startIso);
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
      parked: repo.parked(date).map(toOfficerTicket),
      noShows: repo.noShows(date).map(toOfficerTicket),
      printFailed: repo.printFailed(date).map(toOfficerTicket),
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

  return { services, publicTicket, board, counterView };
}
