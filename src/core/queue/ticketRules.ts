import type { TicketAction, TicketStatus } from '../../shared/contract/queue';

/**
 * The ticket state machine. Each action is allowed only from the statuses listed here; any
 * other status answers 409 with the rule in plain words (i18n `queue.rule.<action>`).
 *
 *   printing ─(printed / shown on screen)→ waiting ─call→ called ─start→ serving ─complete→ done
 *   called ─complete→ done (start implied at the call: walk time 0, docs/desk.md)
 *   called ─recall→ called          called|serving ─park→ parked ─call a number→ called
 *   called ─no-show→ no_show ─reactivate (same day)→ waiting
 *   waiting|called|serving|parked ─transfer→ waiting (new service/counter, same queue time)
 *   printing ─(print failed, "issue only if printed")→ void ─reprint OK→ waiting
 */
export const ALLOWED_FROM: Record<TicketAction | 'call', readonly TicketStatus[]> = {
  call: ['waiting', 'parked'],
  recall: ['called'],
  start: ['called'],
  complete: ['called', 'serving'],
  'no-show': ['called'],
  reactivate: ['no_show'],
  park: ['called', 'serving'],
  transfer: ['waiting', 'called', 'serving', 'parked'],
};

export function isAllowed(action: TicketAction | 'call', status: TicketStatus): boolean {
  return ALLOWED_FROM[action].includes(status);
}

/** Statuses in which a ticket occupies its counter. */
export const AT_COUNTER: readonly TicketStatus[] = ['called', 'serving'];

/** Statuses still open at the end of the day (closed lazily as 'abandoned' the next day). */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'printing',
  'waiting',
  'called',
  'serving',
  'parked',
];
