/**
 * The part of the working calendar (`src/core/calendar`) the dossier lifecycle uses. The
 * lifecycle is generic over the calendar type `C`, so the real calendar goes with the real
 * `computeDueDate`, and tests may pass any object with these four methods together with a
 * due-date function that accepts it.
 */
import type { DueDateOptions, TimeUnit, WorkingCalendar as FullWorkingCalendar } from '../calendar';
import type { VnDate } from '../../shared/time/vnTime';

export type { DueDateOptions, TimeUnit };

export type WorkingCalendar = Pick<
  FullWorkingCalendar,
  'isWorkingDay' | 'nextWorkingDay' | 'addWorkingDays' | 'workingDaysBetween'
>;

export type ComputeDueDate<C extends WorkingCalendar = WorkingCalendar> = (
  calendar: C,
  input: { receivedAt: Date; amount: number; unit: TimeUnit },
  options?: DueDateOptions,
) => { dueDate: VnDate; dueAt: Date };
