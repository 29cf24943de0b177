import { describe, expect, it } from 'vitest';
import {
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketStatus,
} from '../../../src/shared/contract/queue';
import {
  ALLOWED_FROM,
  AT_COUNTER,
  OPEN_STATUSES,
  allowedActions,
  isAllowed,
} from '../../../src/shared/queue/ticketTransitions';

/** The ticket state machine as docs/queue.md draws it, written out status by status. */
const EXPECTED: Record<TicketStatus, string[]> = {
  printing: [],
  waiting: ['transfer'],
  called: ['recall', 'start', 'complete', 'no-show', 'park', 'transfer'],
  serving: ['complete', 'park', 'transfer'],
  parked: ['transfer'],
  no_show: ['reactivate'],
  done: [],
  void: [],
};

describe('ticket transition table (shared by the core and the counter screen)', () => {
  it('allows exactly the documented actions from each status', () => {
    for (const status of TICKET_STATUSES) {
      expect(allowedActions(status).sort(), status).toEqual([...EXPECTED[status]].sort());
    }
  });

  it('calls only waiting or parked tickets', () => {
    const callable = TICKET_STATUSES.filter((s) => isAllowed('call', s));
    expect(callable).toEqual(['waiting', 'parked']);
  });

  it('covers every action, and names only real statuses', () => {
    expect(Object.keys(ALLOWED_FROM).sort()).toEqual([...TICKET_ACTIONS, 'call'].sort());
    for (const list of Object.values(ALLOWED_FROM))
      for (const s of list) expect(TICKET_STATUSES).toContain(s);
  });

  it('a finished ticket can do nothing more; a ticket at a counter can always be completed', () => {
    for (const a of TICKET_ACTIONS) {
      expect(isAllowed(a, 'done')).toBe(false);
      expect(isAllowed(a, 'void')).toBe(false);
    }
    for (const s of AT_COUNTER) expect(isAllowed('complete', s)).toBe(true);
    for (const s of AT_COUNTER) expect(OPEN_STATUSES).toContain(s);
  });
});
