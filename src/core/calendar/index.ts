/**
 * Working-day calendar and due-date arithmetic (pure, no database, no HTTP).
 * See docs/calendar.md.
 */
export {
  createWorkingCalendar,
  computeDueDate,
  DEFAULT_CUTOFF,
  DEFAULT_CLOSING_TIME,
  DEFAULT_OFFICE_HOURS,
  type WorkingCalendar,
  type DueDateOptions,
  type OfficeHoursPeriod,
} from './workingCalendar';
export type {
  TimeUnit,
  YearCalendar,
  CalendarSettings,
  HolidayRule,
  HolidayEntry,
  NationalDayAdjacent,
} from './types';
export {
  DEFAULT_CALENDAR_SETTINGS,
  DEFAULT_HOLIDAY_RULES,
  CULTURE_DAY_RULE_ID,
  computeHolidayEntries,
  computeYearCalendar,
  nationalDayAdjacentDate,
  resolveSettings,
} from './holidayRules';
export {
  OFFICIAL_YEARS,
  officialYear,
  type OfficialYear,
  type OfficialDayNote,
} from './officialYears';
export {
  yearCalendarSchema,
  holidayRuleSchema,
  calendarSettingsSchema,
  dueDateOptionsSchema,
  type YearCalendarInput,
} from './schema';
export {
  solarToLunar,
  lunarToSolar,
  leapMonthOf,
  tetDate,
  createLunarCalendar,
  vietnameseLunarCalendar,
  VN_LUNAR_TIME_ZONE_HOURS,
  LUNAR_MIN_YEAR,
  LUNAR_MAX_YEAR,
  type LunarDate,
  type LunarCalendar,
} from './lunar';
