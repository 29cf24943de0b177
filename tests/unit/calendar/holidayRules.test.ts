import { describe, expect, it } from 'vitest';
import {
  computeHolidayEntries,
  computeYearCalendar,
  DEFAULT_HOLIDAY_RULES,
  nationalDayAdjacentDate,
  OFFICIAL_YEARS,
  resolveSettings,
  type HolidayRule,
} from '../../../src/core/calendar';

const without = (list: string[], remove: string[]): string[] =>
  list.filter((d) => !remove.includes(d));

describe('computed default year calendars (BLLĐ 2019 Art. 111(3), 112)', () => {
  it('reproduces the official 2026 table except the government swaps', () => {
    const computed = computeYearCalendar(2026);
    const official = OFFICIAL_YEARS[2026];
    expect(official).toBeDefined();
    // 02/01 and 31/08 were swapped for worked Saturdays by the yearly notice.
    expect(computed.daysOff).toEqual(
      without(official?.daysOff ?? [], ['2026-01-02', '2026-08-31']),
    );
    expect(computed.workingSaturdays).toEqual([]);
    expect(computed.source).toBe('computed');
  });

  it('reproduces the official 2025 table with the 2025 Tết pattern (2 days before Mùng 1)', () => {
    const computed = computeYearCalendar(2025, { tetDaysBeforeNewYear: 2 });
    expect(computed.daysOff).toEqual(without(OFFICIAL_YEARS[2025]?.daysOff ?? [], ['2025-05-02']));
  });

  it('default Tết pattern is the last day of the old year + Mùng 1–4, weekend days made up', () => {
    // 2025 under the default: 28/01 (29 Chạp) … 01/02 (Mùng 4, Saturday) → Monday 03/02.
    const tet2025 = computeHolidayEntries(2025).filter((e) => e.ruleId === 'tet');
    expect(tet2025.map((e) => [e.date, e.type])).toEqual([
      ['2025-01-28', 'holiday'],
      ['2025-01-29', 'holiday'],
      ['2025-01-30', 'holiday'],
      ['2025-01-31', 'holiday'],
      ['2025-02-01', 'holiday'],
      ['2025-02-03', 'compensatory'],
    ]);
    expect(tet2025[1]?.name).toContain('Mùng 1');
    // 2024: Mùng 1 on Saturday 10/02; Sat + Sun Tết days → Wed 14/02 and Thu 15/02.
    expect(computeYearCalendar(2024).daysOff.filter((d) => d.startsWith('2024-02'))).toEqual([
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-02-15',
    ]);
  });

  it('gives consecutive compensatory days when holidays fill a weekend (2023)', () => {
    // Giỗ Tổ Sat 29/04, 30/04 Sun, 01/05 Mon → off 01, 02, 03/05 (as announced for 2023).
    const y = computeYearCalendar(2023).daysOff;
    expect(y.filter((d) => d >= '2023-04-24' && d <= '2023-05-07')).toEqual([
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
    ]);
    expect(y).toContain('2023-01-02'); // 01/01 was a Sunday
    expect(y).toContain('2023-09-01'); // 02/09 Saturday: adjacent day Friday 01/09
    expect(y).toContain('2023-09-04'); // … and the compensatory Monday
  });

  it('01/01 on a Saturday gives Monday 03/01 (2022)', () => {
    expect(computeYearCalendar(2022).daysOff[0]).toBe('2022-01-03');
  });

  it('can switch off the Art. 111(3) compensation', () => {
    const y = computeYearCalendar(2022, { compensateWeekendHolidays: false }).daysOff;
    expect(y).not.toContain('2022-01-03');
  });

  it.each([
    [2021, 'auto', '2021-09-03'], // Thursday → Friday 03/9
    [2022, 'auto', '2022-09-01'], // Friday → Thursday 01/9
    [2024, 'auto', '2024-09-03'], // Monday → Tuesday 03/9
    [2025, 'auto', '2025-09-01'], // Tuesday → Monday 01/9
    [2026, 'auto', '2026-09-01'], // Wednesday → Tuesday 01/9
    [2025, 'after', '2025-09-03'],
    [2024, 'before', '2024-09-01'],
  ] as const)('National Day %i (%s) adjacent day is %s', (year, choice, expected) => {
    expect(nationalDayAdjacentDate(year, choice)).toBe(expected);
  });

  it('a weekend adjacent day is made up like any holiday', () => {
    // 2024 'before': 01/9 is a Sunday → made up on Tuesday 03/9.
    const entries = computeHolidayEntries(2024, { nationalDayAdjacent: 'before' });
    expect(
      entries.find((e) => e.type === 'compensatory' && e.replaces === '2024-09-01')?.date,
    ).toBe('2024-09-03');
  });

  it('24/11 exists from 01/07/2026 only; weekend make-up is an option (default off)', () => {
    expect(computeYearCalendar(2025).daysOff).not.toContain('2025-11-24');
    expect(computeYearCalendar(2027).daysOff).toContain('2027-11-24'); // Wednesday
    // 24/11/2029 is a Saturday.
    expect(computeYearCalendar(2029).daysOff).not.toContain('2029-11-26');
    expect(computeYearCalendar(2029, { cultureDayMakeUp: true }).daysOff).toContain('2029-11-26');
  });

  it('rules are data: effective dates and new holidays need no code change', () => {
    const ended = DEFAULT_HOLIDAY_RULES.map((r) =>
      r.id === 'culture_day' ? { ...r, effectiveTo: '2027-12-31' } : r,
    );
    expect(computeYearCalendar(2027, { holidayRules: ended }).daysOff).toContain('2027-11-24');
    expect(computeYearCalendar(2028, { holidayRules: ended }).daysOff).not.toContain('2028-11-24');

    const extra: HolidayRule = { id: 'extra', name: 'Ngày thử', kind: 'solar', month: 3, day: 8 };
    const withExtra = [...DEFAULT_HOLIDAY_RULES, extra];
    expect(computeYearCalendar(2027, { holidayRules: withExtra }).daysOff).toContain('2027-03-08');
  });

  it('two holidays on the same date count once', () => {
    const dup: HolidayRule = { id: 'dup', name: 'Trùng', kind: 'solar', month: 4, day: 30 };
    const entries = computeHolidayEntries(2027, {
      holidayRules: [...DEFAULT_HOLIDAY_RULES, dup],
    });
    const apr30 = entries.filter((e) => e.date === '2027-04-30');
    expect(apr30).toHaveLength(1);
    expect(apr30[0]?.ruleId).toBe('reunification+dup');
  });

  it('rejects invalid settings', () => {
    expect(() => resolveSettings({ tetDaysBeforeNewYear: -1 })).toThrow(RangeError);
    expect(() => resolveSettings({ tetDaysBeforeNewYear: 1.5 })).toThrow(RangeError);
  });
});
