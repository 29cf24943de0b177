/**
 * Report periods in Vietnam time (Asia/Ho_Chi_Minh). A period is a pair of business dates
 * `from`..`to`, both INCLUSIVE ('YYYY-MM-DD'). The presets (day, week, month, quarter, year)
 * are computed from an anchor date; weeks run Monday → Sunday. Pure: used by the core and
 * by the desk's period picker alike.
 */
import {
  addDays,
  daysBetween,
  isVnDate,
  makeVnDate,
  vnStartOfDay,
  weekdayOf,
  type VnDate,
} from '../time/vnTime';

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  from: VnDate;
  to: VnDate;
}

/** Longest period a report accepts (5 years and a bit): bounds the work of one request. */
export const MAX_PERIOD_DAYS = 1830;

function ymd(date: VnDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day / week (Mon–Sun) / month / quarter / year containing `anchor`. */
export function periodOf(kind: PeriodKind, anchor: VnDate): Period {
  if (!isVnDate(anchor)) throw new RangeError(`Not a date (YYYY-MM-DD): ${anchor}`);
  const [y, m] = ymd(anchor);
  switch (kind) {
    case 'day':
      return { from: anchor, to: anchor };
    case 'week': {
      const monday = addDays(anchor, -((weekdayOf(anchor) + 6) % 7));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'month':
      return { from: makeVnDate(y, m, 1), to: makeVnDate(y, m, lastDayOfMonth(y, m)) };
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return {
        from: makeVnDate(y, first, 1),
        to: makeVnDate(y, first + 2, lastDayOfMonth(y, first + 2)),
      };
    }
    case 'year':
      return { from: makeVnDate(y, 1, 1), to: makeVnDate(y, 12, 31) };
  }
}

export type PeriodProblem = 'from' | 'to' | 'order' | 'tooLong';

/** Why `from`/`to` is not a valid custom period, or null when it is. */
export function periodProblem(from: string, to: string): PeriodProblem | null {
  if (!isVnDate(from)) return 'from';
  if (!isVnDate(to)) return 'to';
  if (to < from) return 'order';
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) return 'tooLong';
  return null;
}

/** Number of days in the period (both ends counted). */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** The instants bounding the period: [start of `from`, start of the day after `to`) in Vietnam. */
export function periodInstants(p: Period): { start: Date; endExclusive: Date } {
  return { start: vnStartOfDay(p.from), endExclusive: vnStartOfDay(addDays(p.to, 1)) };
}

/**
 * The date at which "still in process" is judged: the period's last day, or today when the
 * period has not ended yet (nothing can be known about days that have not come).
 */
export function asOfDate(p: Period, today: VnDate): VnDate {
  return p.to < today ? p.to : today;
}
