/**
 * The official civil-service calendars already announced (docs/domain.md, Working days and
 * deadlines), shipped as data. They override the computed defaults for their years; an
 * administrator's table overrides them in turn. Only weekdays off are listed (weekends are off
 * anyway).
 */
import type { VnDate } from '../../shared/time/vnTime';
import type { YearCalendar } from './types';

export interface OfficialDayNote {
  date: VnDate;
  note: string;
}

export interface OfficialYear extends YearCalendar {
  source: 'official';
  /** Why each listed day is off or worked. */
  notes: OfficialDayNote[];
}

const year2025: OfficialYear = {
  year: 2025,
  source: 'official',
  daysOff: [
    '2025-01-01',
    '2025-01-27',
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-04-07',
    '2025-04-30',
    '2025-05-01',
    '2025-05-02',
    '2025-09-01',
    '2025-09-02',
  ],
  workingSaturdays: ['2025-04-26'],
  notes: [
    { date: '2025-01-01', note: 'Tết Dương lịch' },
    { date: '2025-01-27', note: 'Tết Âm lịch (25/01–02/02 with weekends; Mùng 1 = 29/01)' },
    { date: '2025-04-07', note: 'Giỗ Tổ Hùng Vương (10/3 ÂL)' },
    { date: '2025-04-30', note: 'Ngày Chiến thắng' },
    { date: '2025-05-01', note: 'Ngày Quốc tế lao động' },
    { date: '2025-05-02', note: 'Swapped for Saturday 26/04 worked' },
    { date: '2025-04-26', note: 'Saturday worked (in exchange for 02/05)' },
    { date: '2025-09-01', note: 'Quốc khánh (adjacent day)' },
    { date: '2025-09-02', note: 'Quốc khánh' },
  ],
};

const year2026: OfficialYear = {
  year: 2026,
  source: 'official',
  daysOff: [
    '2026-01-01',
    '2026-01-02',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-04-27',
    '2026-04-30',
    '2026-05-01',
    '2026-08-31',
    '2026-09-01',
    '2026-09-02',
    '2026-11-24',
  ],
  workingSaturdays: ['2026-01-10', '2026-08-22'],
  notes: [
    { date: '2026-01-01', note: 'Tết Dương lịch' },
    { date: '2026-01-02', note: 'Swapped for Saturday 10/01 worked' },
    { date: '2026-01-10', note: 'Saturday worked (in exchange for 02/01)' },
    { date: '2026-02-16', note: 'Tết Âm lịch (14–22/02 with weekends; Mùng 1 = 17/02)' },
    { date: '2026-04-27', note: 'Giỗ Tổ Hùng Vương falls on Sunday 26/04: compensatory day' },
    { date: '2026-04-30', note: 'Ngày Chiến thắng' },
    { date: '2026-05-01', note: 'Ngày Quốc tế lao động (no swap)' },
    { date: '2026-08-22', note: 'Saturday worked (in exchange for 31/08)' },
    { date: '2026-08-31', note: 'Swapped for Saturday 22/08 worked' },
    { date: '2026-09-01', note: 'Quốc khánh (adjacent day)' },
    { date: '2026-09-02', note: 'Quốc khánh' },
    { date: '2026-11-24', note: 'Ngày Văn hóa Việt Nam (from 01/07/2026)' },
  ],
};

/** Official tables by year. */
export const OFFICIAL_YEARS: Readonly<Record<number, OfficialYear>> = Object.freeze({
  2025: year2025,
  2026: year2026,
});

/** The official table of a year as a plain YearCalendar (a copy), or undefined. */
export function officialYear(year: number): YearCalendar | undefined {
  const y = OFFICIAL_YEARS[year];
  if (!y) return undefined;
  return {
    year: y.year,
    daysOff: [...y.daysOff],
    workingSaturdays: [...y.workingSaturdays],
    source: 'official',
  };
}
