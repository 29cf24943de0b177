import { afterEach, describe, expect, it } from 'vitest';
import { computeDueDate, createWorkingCalendar, type TimeUnit } from '../../../src/core/calendar';
import { vnInstant } from '../../../src/shared/time/vnTime';

const cal = createWorkingCalendar();

/** Due date of a procedure received at hh:mm Vietnam time on `date`. */
const due = (date: string, amount: number, unit: TimeUnit, hh = 10, mm = 0): string =>
  computeDueDate(cal, { receivedAt: vnInstant(date, hh, mm), amount, unit }).dueDate;

describe('working-day periods straddling the 2025 and 2026 holidays', () => {
  it.each([
    // received the last working day before Tết 2026 (Fri 13/02; off 14–22/02)
    ['2026-02-13', 1, '2026-02-23'],
    ['2026-02-13', 3, '2026-02-25'],
    ['2026-02-13', 5, '2026-02-27'],
    // … before Tết 2025 (Fri 24/01; off 25/01–02/02; Mon 03/02 is worked)
    ['2025-01-24', 1, '2025-02-03'],
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-01-24', 5, '2025-02-07'],
    // received on the worked Saturday 10/01/2026 (a real working day)
    ['2026-01-10', 1, '2026-01-12'],
    ['2026-01-10', 3, '2026-01-14'],
    ['2026-01-10', 5, '2026-01-16'],
    // the day before the worked Saturday: Saturday counts
    ['2026-01-09', 1, '2026-01-10'],
    ['2026-01-09', 3, '2026-01-13'],
    // New Year 2026: 01 and 02/01 off, 03–04 weekend
    ['2025-12-31', 1, '2026-01-05'],
    ['2025-12-31', 5, '2026-01-09'],
    // 30/4–1/5/2026 (Thu, Fri, no swap)
    ['2026-04-29', 1, '2026-05-04'],
    ['2026-04-29', 3, '2026-05-06'],
    // 30/4–2/5/2025 with Saturday 26/04 worked
    ['2025-04-25', 1, '2025-04-26'],
    ['2025-04-25', 3, '2025-04-29'],
    ['2025-04-25', 4, '2025-05-05'],
    ['2025-04-29', 1, '2025-05-05'],
    // 31/8–2/9/2026 with Saturday 22/08 worked
    ['2026-08-21', 1, '2026-08-22'],
    ['2026-08-21', 2, '2026-08-24'],
    ['2026-08-28', 1, '2026-09-03'],
    ['2026-08-28', 3, '2026-09-07'],
    ['2026-08-28', 5, '2026-09-09'],
    // 1–2/9/2025
    ['2025-08-29', 1, '2025-09-03'],
    // 24/11/2026
    ['2026-11-23', 1, '2026-11-25'],
    ['2026-11-23', 3, '2026-11-27'],
    // Giỗ Tổ 2026 on Sunday 26/04 → Monday 27/04 off, then 30/4–1/5
    ['2026-04-24', 1, '2026-04-28'],
    ['2026-04-24', 3, '2026-05-04'],
    ['2026-04-24', 5, '2026-05-06'],
    // Giỗ Tổ 2025 Monday 07/04
    ['2025-04-04', 1, '2025-04-08'],
  ])('received %s, %i working day(s) → %s', (received, n, expected) => {
    expect(due(received, n, 'working_day')).toBe(expected);
  });

  it('a receipt on an ordinary Saturday or Sunday counts from the next working day', () => {
    expect(due('2026-01-17', 1, 'working_day')).toBe('2026-01-19');
    expect(due('2026-01-18', 3, 'working_day')).toBe('2026-01-21');
    expect(due('2026-02-14', 1, 'working_day')).toBe('2026-02-23'); // inside the Tết break
  });

  it('the receipt time does not move working-day periods', () => {
    expect(due('2026-03-02', 1, 'working_day', 16, 30)).toBe('2026-03-03');
    expect(due('2026-03-02', 1, 'working_day', 7, 0)).toBe('2026-03-03');
  });

  it('a 0-day period is due on the receipt day if it is a working day', () => {
    expect(due('2026-03-02', 0, 'working_day')).toBe('2026-03-02');
    expect(due('2026-03-07', 0, 'working_day')).toBe('2026-03-09');
  });

  it('dueAt is the due date at closing time, Vietnam time', () => {
    const r = computeDueDate(cal, {
      receivedAt: vnInstant('2026-02-13', 10),
      amount: 1,
      unit: 'working_day',
    });
    expect(r.dueAt.toISOString()).toBe('2026-02-23T10:00:00.000Z');
    const late = computeDueDate(
      cal,
      { receivedAt: vnInstant('2026-02-13', 10), amount: 1, unit: 'working_day' },
      { closingTime: '17:30' },
    );
    expect(late.dueAt.toISOString()).toBe('2026-02-23T10:30:00.000Z');
  });
});

describe('same-day procedures (cut-off 15:00, NĐ 23/2015 Art. 7)', () => {
  // "sau 15 giờ" (after 15:00): 15:00:00 still counts today. The old rule sent a receipt at
  // exactly 15:00 to the next working day.
  it('15:00:00 is the same day, 15:00:01 is the next working day', () => {
    expect(due('2026-03-02', 0, 'same_day', 14, 59)).toBe('2026-03-02');
    expect(due('2026-03-02', 0, 'same_day', 15, 0)).toBe('2026-03-02');
    const at = (s: number) =>
      computeDueDate(cal, {
        receivedAt: vnInstant('2026-03-02', 15, 0, s),
        amount: 0,
        unit: 'same_day',
      }).dueDate;
    expect(at(0)).toBe('2026-03-02');
    expect(at(1)).toBe('2026-03-03');
    const r = computeDueDate(cal, {
      receivedAt: vnInstant('2026-03-02', 14, 59),
      amount: 0,
      unit: 'same_day',
    });
    expect(r.dueAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('after the cut-off before a holiday goes past the holiday', () => {
    expect(due('2026-02-13', 0, 'same_day', 15, 1)).toBe('2026-02-23');
    expect(due('2026-11-23', 0, 'same_day', 16, 0)).toBe('2026-11-25');
  });

  it('a non-working day goes to the next working day; a worked Saturday is the same day', () => {
    expect(due('2026-01-17', 0, 'same_day', 9, 0)).toBe('2026-01-19');
    expect(due('2026-01-10', 0, 'same_day', 9, 0)).toBe('2026-01-10');
  });

  it('the cut-off is an option', () => {
    const r = computeDueDate(
      cal,
      { receivedAt: vnInstant('2026-03-02', 15, 30), amount: 0, unit: 'same_day' },
      { cutoff: '16:00' },
    );
    expect(r.dueDate).toBe('2026-03-02');
  });
});

describe('calendar-day periods', () => {
  it.each([
    ['2026-02-09', 7, '2026-02-23'], // ends Mon 16/02 (Tết) → next working day
    ['2026-04-22', 5, '2026-04-28'], // ends Mon 27/04 (Giỗ Tổ make-up)
    ['2026-08-16', 15, '2026-09-03'], // ends Mon 31/08 (swapped day off)
    ['2026-11-19', 5, '2026-11-25'], // ends Tue 24/11
    ['2025-04-25', 5, '2025-05-05'], // ends Wed 30/04 → 01, 02/05 off, weekend
    ['2026-03-02', 6, '2026-03-09'], // ends Sunday
    ['2026-03-02', 25, '2026-03-27'], // ends on a working day
    ['2026-08-15', 7, '2026-08-22'], // ends on the worked Saturday
    ['2026-03-07', 2, '2026-03-09'], // received Saturday: Sunday is day 1
  ])('received %s, %i day(s) → %s', (received, n, expected) => {
    expect(due(received, n, 'day')).toBe(expected);
  });
});

describe("'hour' periods: office hours of working days only", () => {
  const at = (date: string, hh: number, mm: number, hours: number) =>
    computeDueDate(cal, { receivedAt: vnInstant(date, hh, mm), amount: hours, unit: 'hour' });

  it('counts inside the day, skipping the lunch break', () => {
    expect(at('2026-03-02', 9, 30, 2).dueAt.toISOString()).toBe('2026-03-02T04:30:00.000Z'); // 11:30
    expect(at('2026-03-02', 9, 30, 4).dueAt.toISOString()).toBe('2026-03-02T07:30:00.000Z'); // 14:30
    expect(at('2026-03-02', 12, 30, 1).dueAt.toISOString()).toBe('2026-03-02T07:00:00.000Z'); // 14:00
    expect(at('2026-03-02', 7, 0, 1).dueAt.toISOString()).toBe('2026-03-02T02:00:00.000Z'); // 09:00
  });

  it('carries over nights, weekends and holidays', () => {
    const r = at('2026-02-13', 16, 0, 4); // 1 h on Friday, 3 h after Tết
    expect(r.dueDate).toBe('2026-02-23');
    expect(r.dueAt.toISOString()).toBe('2026-02-23T04:00:00.000Z'); // 11:00
    expect(at('2026-03-02', 17, 30, 0.5).dueAt.toISOString()).toBe('2026-03-03T01:30:00.000Z');
    const sunday = at('2026-03-01', 10, 0, 8); // a full day: Monday 08:00–17:00
    expect(sunday.dueDate).toBe('2026-03-02');
    expect(sunday.dueAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('office hours are an option', () => {
    const r = computeDueDate(
      cal,
      { receivedAt: vnInstant('2026-03-02', 11, 0), amount: 1, unit: 'hour' },
      {
        officeHours: [
          { start: '07:30', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
      },
    );
    expect(r.dueAt.toISOString()).toBe('2026-03-02T07:00:00.000Z'); // 14:00
    expect(() =>
      computeDueDate(
        cal,
        { receivedAt: vnInstant('2026-03-02', 11, 0), amount: 1, unit: 'hour' },
        { officeHours: [{ start: '13:00', end: '12:00' }] },
      ),
    ).toThrow(RangeError);
  });
});

describe('input checks', () => {
  it('rejects bad amounts, dates and times', () => {
    const receivedAt = vnInstant('2026-03-02', 10);
    expect(() => computeDueDate(cal, { receivedAt, amount: -1, unit: 'working_day' })).toThrow(
      RangeError,
    );
    expect(() => computeDueDate(cal, { receivedAt, amount: 1.5, unit: 'day' })).toThrow(RangeError);
    expect(() =>
      computeDueDate(cal, { receivedAt: new Date(Number.NaN), amount: 1, unit: 'day' }),
    ).toThrow(RangeError);
    expect(() =>
      computeDueDate(cal, { receivedAt, amount: 1, unit: 'same_day' }, { cutoff: '3pm' }),
    ).toThrow(RangeError);
  });
});

describe('independent of the machine time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  // 23:30 Thursday 05/03/2026 and 00:30 Friday 06/03/2026 in Vietnam, as UTC instants:
  // in UTC both are still Thursday 05/03.
  const lateThursday = new Date('2026-03-05T16:30:00Z');
  const earlyFriday = new Date('2026-03-05T17:30:00Z');

  const results = () => ({
    lateSame: computeDueDate(cal, { receivedAt: lateThursday, amount: 0, unit: 'same_day' }),
    earlySame: computeDueDate(cal, { receivedAt: earlyFriday, amount: 0, unit: 'same_day' }),
    lateOne: computeDueDate(cal, { receivedAt: lateThursday, amount: 1, unit: 'working_day' }),
    earlyOne: computeDueDate(cal, { receivedAt: earlyFriday, amount: 1, unit: 'working_day' }),
    hour: computeDueDate(cal, { receivedAt: earlyFriday, amount: 2, unit: 'hour' }),
  });

  it('receipts at 23:30 and 00:30 Vietnam time fall on the right business day', () => {
    const r = results();
    expect(r.lateSame.dueDate).toBe('2026-03-06'); // Thursday after 15:00 → Friday
    expect(r.earlySame.dueDate).toBe('2026-03-06'); // Friday before 15:00 → Friday
    expect(r.earlySame.dueAt.toISOString()).toBe('2026-03-06T10:00:00.000Z');
    expect(r.lateOne.dueDate).toBe('2026-03-06'); // day 1 after Thursday
    expect(r.earlyOne.dueDate).toBe('2026-03-09'); // day 1 after Friday
    expect(r.hour.dueAt.toISOString()).toBe('2026-03-06T03:00:00.000Z'); // Friday 08:00 + 2 h
  });

  it('gives identical results whatever process.env.TZ is', () => {
    const serialise = (): string =>
      JSON.stringify(
        Object.entries(results()).map(([k, v]) => [k, v.dueDate, v.dueAt.toISOString()]),
      );
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    const vn = serialise();
    for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata']) {
      process.env.TZ = tz;
      expect(serialise(), tz).toBe(vn);
    }
  });
});
