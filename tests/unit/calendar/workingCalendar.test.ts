import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  yearCalendarSchema,
  type YearCalendar,
} from '../../../src/core/calendar';

const cal = createWorkingCalendar();

describe('official 2025 calendar through isWorkingDay', () => {
  it.each([
    ['2025-01-01', 'Tết Dương lịch'],
    ['2025-01-27', 'Tết'],
    ['2025-01-28', 'Tết'],
    ['2025-01-29', 'Tết (Mùng 1)'],
    ['2025-01-30', 'Tết'],
    ['2025-01-31', 'Tết'],
    ['2025-04-07', 'Giỗ Tổ'],
    ['2025-04-30', '30/4'],
    ['2025-05-01', '1/5'],
    ['2025-05-02', 'swapped for Sat 26/04'],
    ['2025-09-01', 'Quốc khánh (adjacent)'],
    ['2025-09-02', 'Quốc khánh'],
  ])('%s is off (%s)', (date) => {
    expect(cal.isWorkingDay(date)).toBe(false);
  });

  it('Saturday 26/04/2025 is worked; other Saturdays and Sundays are not', () => {
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.isWorkingDay('2025-04-19')).toBe(false);
    expect(cal.isWorkingDay('2025-04-27')).toBe(false);
  });

  it('days around the holidays are working days (official table beats the computed default)', () => {
    for (const d of ['2025-01-24', '2025-02-03', '2025-04-08', '2025-04-29', '2025-05-05']) {
      expect(cal.isWorkingDay(d), d).toBe(true);
    }
    expect(cal.isWorkingDay('2025-09-03')).toBe(true);
  });
});

describe('official 2026 calendar through isWorkingDay', () => {
  it.each([
    ['2026-01-01', 'Tết Dương lịch'],
    ['2026-01-02', 'swapped for Sat 10/01'],
    ['2026-02-16', 'Tết'],
    ['2026-02-17', 'Tết (Mùng 1)'],
    ['2026-02-18', 'Tết'],
    ['2026-02-19', 'Tết'],
    ['2026-02-20', 'Tết'],
    ['2026-04-27', 'Giỗ Tổ on Sunday 26/04 → Monday'],
    ['2026-04-30', '30/4'],
    ['2026-05-01', '1/5'],
    ['2026-08-31', 'swapped for Sat 22/08'],
    ['2026-09-01', 'Quốc khánh (adjacent)'],
    ['2026-09-02', 'Quốc khánh'],
    ['2026-11-24', 'Ngày Văn hóa Việt Nam'],
  ])('%s is off (%s)', (date) => {
    expect(cal.isWorkingDay(date)).toBe(false);
  });

  it('Saturdays 10/01 and 22/08/2026 are worked', () => {
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(cal.isWorkingDay('2026-01-17')).toBe(false);
    expect(cal.isWorkingDay('2026-04-26')).toBe(false); // Giỗ Tổ itself, a Sunday
  });

  it('neighbours of the holidays are working days', () => {
    for (const d of [
      '2026-01-05',
      '2026-02-13',
      '2026-02-23',
      '2026-04-24',
      '2026-04-28',
      '2026-05-04',
      '2026-09-03',
      '2026-11-23',
      '2026-11-25',
    ]) {
      expect(cal.isWorkingDay(d), d).toBe(true);
    }
  });
});

describe('working-day arithmetic', () => {
  it('nextWorkingDay is strictly after the date', () => {
    expect(cal.nextWorkingDay('2026-03-02')).toBe('2026-03-03');
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.nextWorkingDay('2026-01-09')).toBe('2026-01-10'); // worked Saturday
    expect(cal.nextWorkingDay('2025-12-31')).toBe('2026-01-05'); // across the year
  });

  it('addWorkingDays does not count the start date; n = 0 gives the date or the next', () => {
    expect(cal.addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
    expect(cal.addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(cal.addWorkingDays('2025-12-31', 5)).toBe('2026-01-09');
    expect(cal.addWorkingDays('2025-12-31', 6)).toBe('2026-01-10');
    expect(() => cal.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });

  it('workingDaysBetween counts (from, to]', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
    expect(cal.workingDaysBetween('2026-02-27', '2026-02-13')).toBe(-5);
    expect(cal.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(2);
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    // consistent with addWorkingDays
    expect(cal.workingDaysBetween('2026-04-24', cal.addWorkingDays('2026-04-24', 7))).toBe(7);
  });

  it('rejects invalid dates', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('26-02-01')).toThrow(RangeError);
  });
});

describe('year tables: admin override > official > computed', () => {
  it('reports where each year comes from', () => {
    expect(cal.year(2025).source).toBe('official');
    expect(cal.year(2026).source).toBe('official');
    expect(cal.year(2027).source).toBe('computed');
    expect(cal.year(2026).workingSaturdays).toEqual(['2026-01-10', '2026-08-22']);
  });

  it('returns copies that cannot change the calendar', () => {
    const y = cal.year(2026);
    y.daysOff.push('2026-03-02');
    expect(cal.isWorkingDay('2026-03-02')).toBe(true);
  });

  it('an administrator table replaces the computed or official year', () => {
    const admin2027: YearCalendar = {
      year: 2027,
      daysOff: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'],
      workingSaturdays: ['2027-02-20'],
    };
    const admin2026: YearCalendar = { year: 2026, daysOff: ['2026-01-01'], workingSaturdays: [] };
    const c = createWorkingCalendar({ overrides: [admin2027, admin2026] });
    expect(c.year(2027).source).toBe('admin');
    expect(c.isWorkingDay('2027-02-20')).toBe(true);
    expect(c.isWorkingDay('2027-02-11')).toBe(true); // computed default had it off
    expect(c.isWorkingDay('2026-01-02')).toBe(true); // official had it off
    expect(c.isWorkingDay('2026-01-10')).toBe(false); // no longer a worked Saturday
  });

  it('can ignore the shipped official tables', () => {
    const c = createWorkingCalendar({ settings: { useOfficialYears: false } });
    expect(c.year(2026).source).toBe('computed');
    expect(c.isWorkingDay('2026-01-02')).toBe(true);
    expect(c.isWorkingDay('2026-01-10')).toBe(false);
    expect(c.isWorkingDay('2026-02-16')).toBe(false);
  });

  it('refuses invalid or duplicate overrides', () => {
    const bad: YearCalendar = { year: 2027, daysOff: ['2028-01-01'], workingSaturdays: [] };
    expect(() => createWorkingCalendar({ overrides: [bad] })).toThrow(/not in 2027/);
    const ok: YearCalendar = { year: 2027, daysOff: [], workingSaturdays: [] };
    expect(() => createWorkingCalendar({ overrides: [ok, ok] })).toThrow(/Two overrides/);
  });
});

describe('yearCalendarSchema (admin-edited year)', () => {
  const messages = (value: unknown): string[] => {
    const r = yearCalendarSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('accepts the official tables', () => {
    expect(messages(cal.year(2025))).toEqual([]);
    expect(messages(cal.year(2026))).toEqual([]);
  });

  it('rejects impossible dates, other years, non-Saturdays, duplicates and contradictions', () => {
    expect(messages({ year: 2027, daysOff: ['2027-02-30'], workingSaturdays: [] })).toEqual([
      'Not a real date: 2027-02-30',
    ]);
    expect(messages({ year: 2027, daysOff: ['2027/02/01'], workingSaturdays: [] })).toHaveLength(1);
    expect(messages({ year: 2027, daysOff: ['2026-12-31'], workingSaturdays: [] })).toEqual([
      '2026-12-31 is not in 2027',
    ]);
    expect(messages({ year: 2027, daysOff: [], workingSaturdays: ['2027-02-21'] })).toEqual([
      '2027-02-21 is not a Saturday',
    ]);
    expect(
      messages({ year: 2027, daysOff: ['2027-02-08', '2027-02-08'], workingSaturdays: [] }),
    ).toEqual(['Duplicate date 2027-02-08']);
    expect(
      messages({ year: 2027, daysOff: ['2027-02-20'], workingSaturdays: ['2027-02-20'] }),
    ).toEqual(['2027-02-20 is both a day off and a worked Saturday']);
    expect(messages({ year: 2027.5, daysOff: [], workingSaturdays: [] })).toHaveLength(1);
  });
});
