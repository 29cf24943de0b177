import { TICKET_ACTIONS, type TicketAction, type TicketStatus } from '../contract/queue';

/** What an officer can do to a ticket: the ticket actions plus calling it to a counter. */
export type TicketMove = TicketAction | 'call';

/**
 * The ticket state machine, pure: the core checks every action against it (a 409 naming the
 * rule otherwise, i18n `queue.rule.<action>`) and the counter screen enables its buttons from
 * it, so both say the same (docs/queue.md).
 *
 *   printing ─(printed / shown on screen)→ waiting ─call→ called ─start→ serving ─complete→ done
 *   called ─complete→ done (start implied at the call: walk time 0, docs/desk.md)
 *   called ─recall→ called          called|serving ─park→ parked ─call a number→ called
 *   called ─no-show→ no_show ─reactivate (same day)→ waiting
 *   waiting|called|serving|parked ─transfer→ waiting (new service/counter, same queue time)
 *   printing ─(print failed, "issue only if printed")→ void ─reprint OK→ waiting
 */
export const ALLOWED_FROM: Readonly<Record<TicketMove, readonly TicketStatus[]>> = {
  call: ['waiting', 'parked'],
  recall: ['called'],
  start: ['called'],
  complete: ['called', 'serving'],
  'no-show': ['called'],
  reactivate: ['no_show'],
  park: ['called', 'serving'],
  transfer: ['waiting', 'called', 'serving', 'parked'],
};

/** May `action` be taken on a ticket in `status`? */
export function isAllowed(action: TicketMove, status: TicketStatus): boolean {
  return ALLOWED_FROM[action].includes(status);
}

/** The ticket actions allowed from `status` (the counter screen's enabled buttons). */
export function allowedActions(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => isAllowed(a, status));
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
