/**
 * Shared types of the working-day calendar. Pure data: a year table and the settings that
 * drive the computed defaults. See docs/calendar.md for every setting and its source.
 */
import type { VnDate } from '../../shared/time/vnTime';

/** Units in which procedures state their time limit (docs/domain.md, Working days). */
export type TimeUnit = 'working_day' | 'day' | 'hour' | 'same_day';

/**
 * The effective table of one year: weekdays off (holidays, compensatory days, days given in
 * exchange for a worked Saturday) and Saturdays worked. Weekend dates listed in `daysOff`
 * are harmless (already non-working). `source` says where the table comes from.
 */
export interface YearCalendar {
  year: number;
  daysOff: VnDate[];
  workingSaturdays: VnDate[];
  source?: 'official' | 'computed' | 'admin';
}

/** Which day accompanies Quốc khánh 02/9 (Bộ luật Lao động 2019 Art. 112(1)(đ)). */
export type NationalDayAdjacent = 'auto' | 'before' | 'after';

interface HolidayRuleBase {
  /** Stable identifier, e.g. 'new_year'. */
  id: string;
  /** Vietnamese name shown to administrators. */
  name: string;
  /** First date (inclusive) on which this holiday exists in law; absent = always. */
  effectiveFrom?: VnDate;
  /** Last date (inclusive) on which this holiday exists in law; absent = still in force. */
  effectiveTo?: VnDate;
  /**
   * Whether a weekend occurrence gives a compensatory day on the next working day
   * (Art. 111(3)). Default true.
   */
  makeUp?: boolean;
}

/**
 * One statutory holiday, as data, so that a change in the law is an edit of the rule list
 * (with effective dates), not of code.
 */
export type HolidayRule = HolidayRuleBase &
  (
    | { kind: 'solar'; month: number; day: number }
    | { kind: 'lunar'; month: number; day: number }
    /** Tết Âm lịch: `days` consecutive days around Mùng 1 (split by the Tết setting). */
    | { kind: 'tet'; days: number }
    /** Quốc khánh 02/9 plus one adjacent day (see `nationalDayAdjacent`). */
    | { kind: 'national_day' }
  );

/** Options for the computed defaults (years without an official or admin table). */
export interface CalendarSettings {
  /**
   * How many of the Tết days are taken before Mùng 1 (the last days of the old lunar year);
   * the rest are Mùng 1, 2, …. Default 1 (the 2026 pattern: last day of the old year +
   * Mùng 1–4). 2025 used 2 (+ Mùng 1–3).
   */
  tetDaysBeforeNewYear: number;
  /**
   * The day added to 02/9: 'before' = 01/9, 'after' = 03/9, 'auto' (default) = 03/9 when
   * 02/9 is a Monday or Thursday (joins the weekend), otherwise 01/9.
   */
  nationalDayAdjacent: NationalDayAdjacent;
  /**
   * Whether a 24/11 (Ngày Văn hóa Việt Nam) on a weekend gives a compensatory day.
   * UNCONFIRMED in law; default false (never promise a longer deadline than certain).
   */
  cultureDayMakeUp: boolean;
  /** Art. 111(3): a holiday on Saturday/Sunday gives the next working day off. Default true. */
  compensateWeekendHolidays: boolean;
  /** Use the shipped official tables (2025, 2026) instead of computing them. Default true. */
  useOfficialYears: boolean;
  /** The statutory holidays (Art. 112) with effective dates. Default DEFAULT_HOLIDAY_RULES. */
  holidayRules: HolidayRule[];
}

/** One day of a computed year, with its reason (for administrators and documents). */
export interface HolidayEntry {
  date: VnDate;
  type: 'holiday' | 'compensatory';
  /** Rule id(s) of the holiday, joined by '+' when two holidays share a date. */
  ruleId: string;
  name: string;
  /** For a compensatory day: the weekend holiday it replaces. */
  replaces?: VnDate;
}
