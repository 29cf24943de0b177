import { describe, expect, it } from 'vitest';
import {
  createLunarCalendar,
  leapMonthOf,
  lunarToSolar,
  solarToLunar,
  tetDate,
} from '../../../src/core/calendar';
import { addDays } from '../../../src/shared/time/vnTime';

/**
 * Mùng 1 Tết 1968–2100 and the leap months of those lunar years, read from the year tables
 * published by Hồ Ngọc Đức (the reference Vietnamese lunar calendar, UTC+7 since 1968).
 */
const PUBLISHED_TET_FROM_1968: readonly string[] = [
  '1968-01-29',
  '1969-02-16',
  '1970-02-06',
  '1971-01-27',
  '1972-02-15',
  '1973-02-03',
  '1974-01-23',
  '1975-02-11',
  '1976-01-31',
  '1977-02-18',
  '1978-02-07',
  '1979-01-28',
  '1980-02-16',
  '1981-02-05',
  '1982-01-25',
  '1983-02-13',
  '1984-02-02',
  '1985-01-21',
  '1986-02-09',
  '1987-01-29',
  '1988-02-17',
  '1989-02-06',
  '1990-01-27',
  '1991-02-15',
  '1992-02-04',
  '1993-01-23',
  '1994-02-10',
  '1995-01-31',
  '1996-02-19',
  '1997-02-07',
  '1998-01-28',
  '1999-02-16',
  '2000-02-05',
  '2001-01-24',
  '2002-02-12',
  '2003-02-01',
  '2004-01-22',
  '2005-02-09',
  '2006-01-29',
  '2007-02-17',
  '2008-02-07',
  '2009-01-26',
  '2010-02-14',
  '2011-02-03',
  '2012-01-23',
  '2013-02-10',
  '2014-01-31',
  '2015-02-19',
  '2016-02-08',
  '2017-01-28',
  '2018-02-16',
  '2019-02-05',
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
  '2030-02-02',
  '2031-01-23',
  '2032-02-11',
  '2033-01-31',
  '2034-02-19',
  '2035-02-08',
  '2036-01-28',
  '2037-02-15',
  '2038-02-04',
  '2039-01-24',
  '2040-02-12',
  '2041-02-01',
  '2042-01-22',
  '2043-02-10',
  '2044-01-30',
  '2045-02-17',
  '2046-02-06',
  '2047-01-26',
  '2048-02-14',
  '2049-02-02',
  '2050-01-23',
  '2051-02-11',
  '2052-02-01',
  '2053-02-18',
  '2054-02-08',
  '2055-01-28',
  '2056-02-15',
  '2057-02-04',
  '2058-01-24',
  '2059-02-12',
  '2060-02-02',
  '2061-01-21',
  '2062-02-09',
  '2063-01-29',
  '2064-02-17',
  '2065-02-05',
  '2066-01-26',
  '2067-02-14',
  '2068-02-03',
  '2069-01-23',
  '2070-02-11',
  '2071-01-31',
  '2072-02-19',
  '2073-02-07',
  '2074-01-27',
  '2075-02-15',
  '2076-02-05',
  '2077-01-24',
  '2078-02-12',
  '2079-02-02',
  '2080-01-22',
  '2081-02-09',
  '2082-01-29',
  '2083-02-17',
  '2084-02-06',
  '2085-01-26',
  '2086-02-14',
  '2087-02-03',
  '2088-01-24',
  '2089-02-10',
  '2090-01-30',
  '2091-02-18',
  '2092-02-07',
  '2093-01-27',
  '2094-02-15',
  '2095-02-05',
  '2096-01-25',
  '2097-02-12',
  '2098-02-01',
  '2099-01-21',
  '2100-02-09',
];
const PUBLISHED_LEAP_MONTHS: Readonly<Record<number, number>> = {
  1968: 7,
  1971: 5,
  1974: 4,
  1976: 8,
  1979: 6,
  1982: 4,
  1985: 2,
  1987: 7,
  1990: 5,
  1993: 3,
  1995: 8,
  1998: 5,
  2001: 4,
  2004: 2,
  2006: 7,
  2009: 5,
  2012: 4,
  2014: 9,
  2017: 6,
  2020: 4,
  2023: 2,
  2025: 6,
  2028: 5,
  2031: 3,
  2033: 11,
  2036: 6,
  2039: 5,
  2042: 2,
  2044: 7,
  2047: 5,
  2050: 3,
  2052: 8,
  2055: 6,
  2058: 4,
  2061: 3,
  2063: 7,
  2066: 5,
  2069: 4,
  2071: 8,
  2074: 6,
  2077: 4,
  2080: 3,
  2082: 7,
  2085: 5,
  2088: 4,
  2090: 8,
  2093: 6,
  2096: 4,
  2099: 2,
};

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2023, '2023-01-22'],
    [2022, '2022-02-01'],
    [2021, '2021-02-12'],
    [2020, '2020-01-25'],
    [2000, '2000-02-05'],
  ])('Tết %i is %s', (year, date) => {
    expect(tetDate(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('computes for UTC+7, not UTC+8: the years where Vietnam and China differ', () => {
    const china = createLunarCalendar(8);
    // Tết 1985: 21/01 in Vietnam, 20/02 in China (the leap month falls in different years).
    expect(tetDate(1985)).toBe('1985-01-21');
    expect(china.lunarToSolar(1, 1, 1985)).toBe('1985-02-20');
    expect(leapMonthOf(1984)).toBeNull();
    expect(china.leapMonthOf(1984)).toBe(10);
    // The new moon of 17/02/2007 and of 02/02/2030 falls between 23:00 and 24:00 UTC+7.
    expect(tetDate(2007)).toBe('2007-02-17');
    expect(china.lunarToSolar(1, 1, 2007)).toBe('2007-02-18');
    expect(tetDate(2030)).toBe('2030-02-02');
    expect(china.lunarToSolar(1, 1, 2030)).toBe('2030-02-03');
    expect(tetDate(1968)).toBe('1968-01-29');
    expect(china.lunarToSolar(1, 1, 1968)).toBe('1968-01-30');
  });

  it.each([
    [2019, '2019-04-14'],
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương (10/3 lunar) %i is %s', (year, date) => {
    expect(lunarToSolar(10, 3, year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 10, month: 3, year, leap: false });
  });

  it('names the days before Tết after the old lunar year', () => {
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2025-01-27')).toEqual({ day: 28, month: 12, year: 2024, leap: false });
    expect(solarToLunar('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
    expect(solarToLunar('2000-01-01')).toEqual({ day: 25, month: 11, year: 1999, leap: false });
  });

  it('handles leap months (nhuận), including the leap 11th month of 2033', () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2026)).toBeNull();
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(lunarToSolar(1, 2, 2023, true)).toBe('2023-03-22');
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(solarToLunar('2033-12-22')).toEqual({ day: 1, month: 11, year: 2033, leap: true });
    expect(leapMonthOf(2033)).toBe(11);
  });

  it('rejects lunar dates that do not exist', () => {
    expect(() => lunarToSolar(1, 3, 2026, true)).toThrow(RangeError);
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(/only 29 days/);
    expect(() => lunarToSolar(0, 1, 2026)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2026)).toThrow(RangeError);
    expect(() => solarToLunar('2026-02-30')).toThrow(RangeError);
    expect(() => tetDate(1700)).toThrow(RangeError);
  });

  it('matches the published Tết dates and leap months for every year 1968–2100', () => {
    PUBLISHED_TET_FROM_1968.forEach((date, i) => {
      const year = 1968 + i;
      expect(tetDate(year), String(year)).toBe(date);
      expect(leapMonthOf(year), String(year)).toBe(PUBLISHED_LEAP_MONTHS[year] ?? null);
    });
  });

  it('round-trips every day from 1900-01-01 to 2100-12-31 with consecutive lunar days', () => {
    let date = '1900-01-01';
    let prev = solarToLunar(date);
    let days = 0;
    while (date <= '2100-12-31') {
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap)).toBe(date);
      if (days > 0 && lunar.day !== prev.day + 1) {
        // a new month starts after day 29 or 30
        expect(lunar.day).toBe(1);
        expect([29, 30]).toContain(prev.day);
      }
      prev = lunar;
      date = addDays(date, 1);
      days += 1;
    }
    expect(days).toBe(73414);
  });
});
