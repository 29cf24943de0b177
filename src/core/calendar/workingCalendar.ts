/**
 * The deadline calendar: which days are working days, and due-date arithmetic
 * (Bộ luật Dân sự 2015 Art. 147–148; NĐ 118/2025 Art. 17(3); NĐ 23/2015 Art. 7 for the
 * 15:00 cut-off of same-day procedures). Everything is computed on business dates of
 * Asia/Ho_Chi_Minh; no local-time Date method is used, so results do not depend on the
 * machine's time zone.
 *
 * Saturday reception hours are a separate (opening-hours) setting: a Saturday is a working
 * day here only when the year table lists it as worked.
 */
import {
  addDays,
  vnDate,
  vnInstant,
  vnParts,
  vnStartOfDay,
  weekdayOf,
  type VnDate,
} from '../../shared/time/vnTime';
import { computeYearCalendar, resolveSettings } from './holidayRules';
import { officialYear } from './officialYears';
import { yearCalendarSchema } from './schema';
import type { CalendarSettings, TimeUnit, YearCalendar } from './types';

export type { CalendarSettings, TimeUnit, YearCalendar } from './types';

export interface WorkingCalendar {
  /** Mon–Fri not off, or a worked Saturday. */
  isWorkingDay(date: VnDate): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: VnDate): VnDate;
  /**
   * The n-th working day after `date` (`date` itself not counted), n ≥ 0 integer;
   * n = 0 → `date` if it is a working day, else the next working day.
   */
  addWorkingDays(date: VnDate, n: number): VnDate;
  /** Working days in (from, to]; negative (−count of (to, from]) when to < from. */
  workingDaysBetween(from: VnDate, to: VnDate): number;
  /** The effective table for a year: admin override > official > computed. */
  year(year: number): YearCalendar;
}

/** Longest run of consecutive non-working days tolerated before we call a table broken. */
const MAX_NON_WORKING_RUN = 366;

interface YearIndex {
  table: YearCalendar;
  off: Set<VnDate>;
  saturdays: Set<VnDate>;
}

const copyTable = (t: YearCalendar, source: NonNullable<YearCalendar['source']>): YearCalendar => ({
  year: t.year,
  daysOff: [...t.daysOff].sort(),
  workingSaturdays: [...t.workingSaturdays].sort(),
  source: t.source ?? source,
});

export function createWorkingCalendar(options?: {
  overrides?: YearCalendar[];
  settings?: Partial<CalendarSettings>;
}): WorkingCalendar {
  const settings = resolveSettings(options?.settings);
  const overrides = new Map<number, YearCalendar>();
  for (const o of options?.overrides ?? []) {
    const parsed = yearCalendarSchema.safeParse(o);
    if (!parsed.success) {
      const msg = parsed.error.issues.map((i) => i.message).join('; ');
      throw new RangeError(`Invalid calendar for ${String(o.year)}: ${msg}`);
    }
    if (overrides.has(o.year)) throw new RangeError(`Two overrides for year ${o.year}`);
    overrides.set(o.year, copyTable(o, 'admin'));
  }

  const cache = new Map<number, YearIndex>();
  const index = (year: number): YearIndex => {
    const hit = cache.get(year);
    if (hit) return hit;
    const official = settings.useOfficialYears ? officialYear(year) : undefined;
    const table = overrides.get(year) ?? official ?? computeYearCalendar(year, settings);
    const entry: YearIndex = {
      table,
      off: new Set(table.daysOff),
      saturdays: new Set(table.workingSaturdays),
    };
    cache.set(year, entry);
    return entry;
  };

  const isWorkingDay = (date: VnDate): boolean => {
    const wd = weekdayOf(date); // validates the date
    if (wd === 0) return false;
    const y = index(Number(date.slice(0, 4)));
    if (wd === 6) return y.saturdays.has(date);
    return !y.off.has(date);
  };

  const nextWorkingDay = (date: VnDate): VnDate => {
    let day = addDays(date, 1);
    for (let i = 0; i < MAX_NON_WORKING_RUN; i += 1) {
      if (isWorkingDay(day)) return day;
      day = addDays(day, 1);
    }
    throw new RangeError(`No working day within ${MAX_NON_WORKING_RUN} days after ${date}`);
  };

  const addWorkingDays = (date: VnDate, n: number): VnDate => {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`Working days must be a non-negative integer: ${n}`);
    }
    if (n === 0) return isWorkingDay(date) ? date : nextWorkingDay(date);
    let day = date;
    for (let i = 0; i < n; i += 1) day = nextWorkingDay(day);
    return day;
  };

  const workingDaysBetween = (from: VnDate, to: VnDate): number => {
    if (to < from) return -workingDaysBetween(to, from);
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (isWorkingDay(day)) count += 1;
    }
    return count;
  };

  const year = (y: number): YearCalendar => copyTable(index(y).table, 'computed');

  return { isWorkingDay, nextWorkingDay, addWorkingDays, workingDaysBetween, year };
}

/** A period of office hours on a working day, 'HH:mm'–'HH:mm' Vietnam time. */
export interface OfficeHoursPeriod {
  start: string;
  end: string;
}

export interface DueDateOptions {
  /**
   * Same-day procedures received *after* this time ('HH:mm') go to the next working day:
   * "sau 15 giờ" (NĐ 23/2015 Art. 7; Luật Hộ tịch procedures) — a receipt at exactly
   * 15:00:00 still counts today, 15:00:01 does not.
   */
  cutoff?: string;
  /** Time of day of `dueAt` for day-based units. */
  closingTime?: string;
  /** Office hours within which 'hour' periods run (working days only). */
  officeHours?: OfficeHoursPeriod[];
}

export const DEFAULT_CUTOFF = '15:00';
export const DEFAULT_CLOSING_TIME = '17:00';
/** 8 hours a day (Quyết định 188/1999/QĐ-TTg: 40-hour week); set per province. */
export const DEFAULT_OFFICE_HOURS: readonly OfficeHoursPeriod[] = Object.freeze([
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
]);

const MINUTE_MS = 60_000;

function minutesOf(hhmm: string, what: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`${what} must be 'HH:mm': ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function checkedOfficeHours(periods: readonly OfficeHoursPeriod[]): Array<[number, number]> {
  if (periods.length === 0) throw new RangeError('officeHours must not be empty');
  const out = periods.map((p): [number, number] => [
    minutesOf(p.start, 'officeHours.start'),
    minutesOf(p.end, 'officeHours.end'),
  ]);
  out.forEach(([s, e], i) => {
    const prevEnd = i > 0 ? (out[i - 1] as [number, number])[1] : -1;
    if (e <= s || s < prevEnd) {
      throw new RangeError('officeHours must be ordered, non-overlapping, each start < end');
    }
  });
  return out;
}

/**
 * 'hour' rule: clock hours counted only inside office hours of working days, starting at
 * receipt (or at the next opening if received outside office hours or on a non-working
 * day). The due instant is the exact moment the hours run out.
 */
function addOfficeHours(
  calendar: WorkingCalendar,
  receivedAt: Date,
  hours: number,
  periods: Array<[number, number]>,
): Date {
  let remainingMs = Math.round(hours * 60 * MINUTE_MS);
  let day = vnDate(receivedAt);
  let fromMs = receivedAt.getTime() - vnStartOfDay(day).getTime(); // ms since 00:00 VN
  for (;;) {
    if (calendar.isWorkingDay(day)) {
      const dayStart = vnStartOfDay(day).getTime();
      for (const [start, end] of periods) {
        const s = Math.max(start * MINUTE_MS, fromMs);
        const e = end * MINUTE_MS;
        if (s >= e) continue;
        if (remainingMs <= e - s) return new Date(dayStart + s + remainingMs);
        remainingMs -= e - s;
      }
    }
    day = calendar.nextWorkingDay(day);
    fromMs = 0;
  }
}

/**
 * The due date of a procedure received at `receivedAt` with a time limit of `amount` `unit`s.
 *
 * - working_day: the receipt day is not counted; day 1 is the next working day (a receipt on a
 *   non-working day, e.g. Saturday reception, therefore counts from the next working day).
 * - day: every calendar day counts from the day after receipt; a period ending on a day off
 *   ends on the next working day.
 * - same_day: the receipt day if it is a working day and receipt is not after the cut-off
 *   (15:00:00 inclusive), otherwise the next working day. `amount` is ignored.
 * - hour: see addOfficeHours; `dueAt` is the exact instant, `dueDate` its Vietnamese day.
 *
 * For the day-based units `dueAt` is `dueDate` at the closing time, Vietnam time.
 */
export function computeDueDate(
  calendar: WorkingCalendar,
  input: { receivedAt: Date; amount: number; unit: TimeUnit },
  options?: DueDateOptions,
): { dueDate: VnDate; dueAt: Date } {
  const { receivedAt, amount, unit } = input;
  if (!(receivedAt instanceof Date) || Number.isNaN(receivedAt.getTime())) {
    throw new RangeError('receivedAt must be a valid Date');
  }
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`amount must be a non-negative number: ${amount}`);
  }
  if ((unit === 'working_day' || unit === 'day') && !Number.isInteger(amount)) {
    throw new RangeError(`amount must be a whole number of ${unit}s: ${amount}`);
  }
  const cutoff = minutesOf(options?.cutoff ?? DEFAULT_CUTOFF, 'cutoff');
  const closing = minutesOf(options?.closingTime ?? DEFAULT_CLOSING_TIME, 'closingTime');
  const received = vnDate(receivedAt);
  const atClosing = (dueDate: VnDate): { dueDate: VnDate; dueAt: Date } => ({
    dueDate,
    dueAt: vnInstant(dueDate, Math.floor(closing / 60), closing % 60),
  });

  switch (unit) {
    case 'working_day':
      return atClosing(calendar.addWorkingDays(received, amount));
    case 'day': {
      const end = addDays(received, amount);
      return atClosing(calendar.isWorkingDay(end) ? end : calendar.nextWorkingDay(end));
    }
    case 'same_day': {
      // Whole seconds since 00:00 Vietnam time: "sau 15 giờ" leaves 15:00:00 on the day.
      const p = vnParts(receivedAt);
      const notAfterCutoff = p.hour * 3600 + p.minute * 60 + p.second <= cutoff * 60;
      return atClosing(
        calendar.isWorkingDay(received) && notAfterCutoff
          ? received
          : calendar.nextWorkingDay(received),
      );
    }
    case 'hour': {
      const periods = checkedOfficeHours(options?.officeHours ?? DEFAULT_OFFICE_HOURS);
      const dueAt = addOfficeHours(calendar, receivedAt, amount, periods);
      return { dueDate: vnDate(dueAt), dueAt };
    }
    default: {
      const never: never = unit;
      throw new RangeError(`Unknown time unit: ${String(never)}`);
    }
  }
}
