/**
 * The fair-ordering rule as a pure function: ratio interleaving, max-wait override, priority
 * counter, transfer position (queue time kept), reactivated no-show positions, eligibility.
 */
import { describe, expect, it } from 'vitest';
import {
  chooseNext,
  nextStreak,
  queueKeyOf,
  reactivatedQueueKey,
  simulateOrder,
  type Candidate,
  type CounterInfo,
} from '../../../src/core/queue/callOrder';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0); // 08:00 in Vietnam
const MIN = 60_000;

function ticket(id: string, minute: number, opts: Partial<Candidate> = {}): Candidate {
  return {
    id,
    serviceId: 'A',
    priority: false,
    queueKey: queueKeyOf(T0 + minute * MIN),
    targetCounterId: null,
    targetMinutes: 30,
    ...opts,
  };
}
const prio = (id: string, minute: number, opts: Partial<Candidate> = {}) =>
  ticket(id, minute, { priority: true, ...opts });

const COUNTER: CounterInfo = { id: 'c1', priority: false, serviceIds: ['A', 'B'] };
const PRIO_COUNTER: CounterInfo = { id: 'c3', priority: true, serviceIds: ['A', 'B'] };
const DEFAULTS = { regularPerPriority: 2, maxWaitOverride: true };
const order = (
  list: Candidate[],
  now = T0 + 5 * MIN,
  counter = COUNTER,
  settings = DEFAULTS,
  streak = 0,
) => simulateOrder(list, counter, streak, settings, now).map((d) => d.ticketId);

describe('FIFO for regular tickets', () => {
  it('calls regular tickets in queue order whatever the input order', () => {
    expect(order([ticket('r3', 3), ticket('r1', 1), ticket('r2', 2)])).toEqual(['r1', 'r2', 'r3']);
  });
  it('breaks a tie on the same millisecond by id (ULIDs sort by creation)', () => {
    expect(order([ticket('b', 1), ticket('a', 1)])).toEqual(['a', 'b']);
  });
  it('returns null when nobody this counter may call waits', () => {
    expect(chooseNext([ticket('x', 1, { serviceId: 'C' })], COUNTER, 0, DEFAULTS, T0)).toBeNull();
    expect(chooseNext([], COUNTER, 0, DEFAULTS, T0)).toBeNull();
  });
});

describe('ratio: 1 priority after every N regular when both wait', () => {
  const mixed = [
    ticket('r1', 1),
    ticket('r2', 2),
    ticket('r3', 3),
    ticket('r4', 4),
    ticket('r5', 5),
    prio('p1', 2.5),
    prio('p2', 3.5),
  ];
  it('default N = 2: R R P R R P R', () => {
    expect(order(mixed)).toEqual(['r1', 'r2', 'p1', 'r3', 'r4', 'p2', 'r5']);
  });
  it('N = 1 alternates, N = 3 waits three regulars', () => {
    expect(order(mixed, T0 + 6 * MIN, COUNTER, { ...DEFAULTS, regularPerPriority: 1 })).toEqual([
      'r1',
      'p1',
      'r2',
      'p2',
      'r3',
      'r4',
      'r5',
    ]);
    expect(order(mixed, T0 + 6 * MIN, COUNTER, { ...DEFAULTS, regularPerPriority: 3 })).toEqual([
      'r1',
      'r2',
      'r3',
      'p1',
      'r4',
      'r5',
      'p2',
    ]);
  });
  it('N = 0 means priority tickets always first', () => {
    expect(order(mixed, T0 + 6 * MIN, COUNTER, { ...DEFAULTS, regularPerPriority: 0 })).toEqual([
      'p1',
      'p2',
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
    ]);
  });
  it('a streak already earned (regulars called while no priority waited) lets a new priority go next', () => {
    const d = chooseNext([ticket('r9', 1), prio('p9', 4)], COUNTER, 2, DEFAULTS, T0 + 5 * MIN);
    expect(d).toEqual({ ticketId: 'p9', priority: true, reason: 'ratio' });
  });
  it('only priority tickets waiting: FIFO among them', () => {
    expect(order([prio('p2', 2), prio('p1', 1)])).toEqual(['p1', 'p2']);
  });
  it('the streak resets on a priority call and counts regular calls', () => {
    expect(nextStreak(5, true)).toBe(0);
    expect(nextStreak(1, false)).toBe(2);
  });
});

describe('maximum-wait override', () => {
  it('a regular ticket that waited ≥ its target goes before a priority one, even when the ratio says priority', () => {
    const list = [ticket('r1', 0, { targetMinutes: 20 }), prio('p1', 5)];
    const now = T0 + 20 * MIN; // r1 has waited exactly 20 minutes
    const d = chooseNext(list, COUNTER, 2, DEFAULTS, now);
    expect(d).toEqual({ ticketId: 'r1', priority: false, reason: 'max-wait' });
    expect(chooseNext(list, COUNTER, 2, DEFAULTS, now - 1)?.ticketId).toBe('p1'); // 1 ms short
  });
  it('does nothing when switched off', () => {
    const list = [ticket('r1', 0, { targetMinutes: 20 }), prio('p1', 5)];
    const off = { ...DEFAULTS, maxWaitOverride: false };
    expect(chooseNext(list, COUNTER, 2, off, T0 + 60 * MIN)?.ticketId).toBe('p1');
  });
  it('does not push a regular ahead of a priority ticket that has waited even longer', () => {
    const list = [prio('p1', 0), ticket('r1', 1, { targetMinutes: 10 })];
    expect(chooseNext(list, COUNTER, 2, DEFAULTS, T0 + 30 * MIN)?.ticketId).toBe('p1');
  });
  it('uses the target of the ticket’s own service', () => {
    const list = [ticket('b1', 0, { serviceId: 'B', targetMinutes: 10 }), prio('p1', 2)];
    expect(chooseNext(list, COUNTER, 5, DEFAULTS, T0 + 10 * MIN)?.reason).toBe('max-wait');
    const slow = [ticket('a1', 0, { targetMinutes: 30 }), prio('p1', 2)];
    expect(chooseNext(slow, COUNTER, 5, DEFAULTS, T0 + 10 * MIN)?.reason).toBe('ratio');
  });
});

describe('priority counter', () => {
  it('serves every waiting priority ticket first, regardless of ratio and max wait', () => {
    const list = [
      ticket('r1', 0, { targetMinutes: 5 }),
      ticket('r2', 1),
      prio('p1', 10),
      prio('p2', 11),
    ];
    expect(order(list, T0 + 60 * MIN, PRIO_COUNTER)).toEqual(['p1', 'p2', 'r1', 'r2']);
    expect(chooseNext(list, PRIO_COUNTER, 0, DEFAULTS, T0 + 60 * MIN)?.reason).toBe(
      'priority-counter',
    );
  });
  it('serves regular tickets FIFO when no priority waits', () => {
    expect(order([ticket('r2', 2), ticket('r1', 1)], T0, PRIO_COUNTER)).toEqual(['r1', 'r2']);
  });
});

describe('transfer position and eligibility', () => {
  it('a transferred ticket keeps its queue time: ahead of tickets issued after it in the new service', () => {
    // A005 issued at minute 1 for service A, transferred to B at minute 9.
    const transferred = ticket('A005', 1, { serviceId: 'B' });
    const list = [
      ticket('B003', 3, { serviceId: 'B' }),
      ticket('B001', 0.5, { serviceId: 'B' }),
      transferred,
    ];
    expect(order(list, T0 + 9 * MIN, { id: 'c2', priority: false, serviceIds: ['B'] })).toEqual([
      'B001',
      'A005',
      'B003',
    ]);
  });
  it('a ticket transferred to a counter is called only by that counter, in its queue-time place', () => {
    const toC2 = ticket('x', 1, { serviceId: 'C', targetCounterId: 'c2' });
    const c2: CounterInfo = { id: 'c2', priority: false, serviceIds: ['A'] };
    expect(order([ticket('a2', 2), toC2], T0 + 5 * MIN, c2)).toEqual(['x', 'a2']);
    expect(chooseNext([toC2], c2, 0, DEFAULTS, T0)?.reason).toBe('transferred-here');
    // Counter 1 serves C? no — and even a counter serving C does not take a ticket sent to c2.
    const serveC: CounterInfo = { id: 'c9', priority: false, serviceIds: ['C'] };
    expect(chooseNext([toC2], serveC, 0, DEFAULTS, T0)).toBeNull();
  });
});

describe('reactivated no-show position', () => {
  const waiting = [100, 200, 300, 400].map((m) => queueKeyOf(T0 + m * 1000));
  const now = T0 + 600 * 1000;
  const original = queueKeyOf(T0);
  it("'original' restores its first place", () => {
    expect(reactivatedQueueKey('original', 2, original, now, waiting)).toBe(original);
  });
  it("'end' puts it behind everyone, as if issued now", () => {
    expect(reactivatedQueueKey('end', 2, original, now, waiting)).toBe(queueKeyOf(now));
  });
  it("'after' N slots it behind the next N waiting and before the rest", () => {
    const key = reactivatedQueueKey('after', 2, original, now, waiting);
    expect(key).toBeGreaterThan(waiting[1] as number);
    expect(key).toBeLessThan(waiting[2] as number);
    // In the call order that means: two others first, then the reactivated ticket.
    const list = [
      ...waiting.map((k, i) => ({ ...ticket(`w${i}`, 0), queueKey: k })),
      { ...ticket('back', 0), queueKey: key },
    ];
    expect(order(list, now)).toEqual(['w0', 'w1', 'back', 'w2', 'w3']);
  });
  it("'after' with fewer than N waiting goes to the end", () => {
    expect(reactivatedQueueKey('after', 5, original, now, waiting)).toBe(queueKeyOf(now));
    expect(reactivatedQueueKey('after', 2, original, now, [])).toBe(queueKeyOf(now));
  });
});
