import { describe, expect, it } from 'vitest';
import { estimateWait, MIN_SAMPLES, perTicketMinutes } from '../../../src/core/queue/estimates';
import { formatTicketNumber, peopleAhead } from '../../../src/core/queue/ticketViews';

describe('estimated wait', () => {
  it('uses the configured typical minutes until today has enough completed tickets', () => {
    expect(perTicketMinutes([2, 4], 8)).toBe(8);
    expect(MIN_SAMPLES).toBe(3);
    expect(perTicketMinutes([2, 4, 6], 8)).toBe(4);
  });
  it('ahead × minutes / open counters, as a ±25 % range', () => {
    expect(
      estimateWait({ ahead: 4, todayServiceMinutes: [], fallbackMinutes: 10, openCounters: 2 }),
    ).toEqual([15, 25]);
    expect(
      estimateWait({
        ahead: 3,
        todayServiceMinutes: [5, 5, 5],
        fallbackMinutes: 10,
        openCounters: 1,
      }),
    ).toEqual([11, 19]);
  });
  it('nobody ahead: up to one service time; no open counter counts as one', () => {
    expect(
      estimateWait({ ahead: 0, todayServiceMinutes: [], fallbackMinutes: 8, openCounters: 2 }),
    ).toEqual([0, 4]);
    expect(
      estimateWait({ ahead: 2, todayServiceMinutes: [], fallbackMinutes: 8, openCounters: 0 }),
    ).toEqual([12, 20]);
  });
});

describe('people ahead and numbers', () => {
  it('a regular ticket has everyone waiting ahead; a priority one only priorities + up to the ratio', () => {
    expect(peopleAhead(5, 1, false, 2)).toBe(6);
    expect(peopleAhead(5, 0, true, 2)).toBe(2);
    expect(peopleAhead(5, 1, true, 2)).toBe(5);
    expect(peopleAhead(1, 0, true, 2)).toBe(1);
    expect(peopleAhead(5, 0, true, 0)).toBe(0);
  });
  it('prefix + 3 digits, widening past 999', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('B', 42)).toBe('B042');
    expect(formatTicketNumber('C', 1000)).toBe('C1000');
  });
});
