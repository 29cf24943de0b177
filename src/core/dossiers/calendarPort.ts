/**
 * The calendar API the dossier lifecycle is written against. It mirrors, structurally, the
 * API of `src/core/calendar/index.ts` (built in parallel); any object with this shape works,
 * so the real calendar can be passed without an adapter. When the calendar module lands,
 * these local types can be replaced by imports from it.
 */
import type { VnDate } from '../../shared/time/vnTime';

export type TimeUnit = 'working_day' | 'day' | 'hour' | 'same_day';

export interface WorkingCalendar {
  isWorkingDay(d: VnDate): boolean;
  nextWorkingDay(d: VnDate): VnDate;
  addWorkingDays(d: VnDate, n: number): VnDate;
  workingDaysBetween(from: VnDate, to: VnDate): number;
}

export interface DueDateOptions {
  /** 'HH:mm' after which a reception counts from the next working day (e.g. '15:00'). */
  cutoff?: string;
  /** 'HH:mm' of the end of the working day, used for `dueAt`. */
  closingTime?: string;
}

export type ComputeDueDate = (
  calendar: WorkingCalendar,
  input: { receivedAt: Date; amount: number; unit: TimeUnit },
  options?: DueDateOptions,
) => { dueDate: VnDate; dueAt: Date };
