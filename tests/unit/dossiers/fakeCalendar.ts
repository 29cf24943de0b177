import {
  addDays,
  vnDate,
  vnInstant,
  vnParts,
  vnTimeOfDay,
  weekdayOf,
  type VnDate,
} from '../../../src/shared/time/vnTime';
import type { ComputeDueDate, WorkingCalendar } from '../../../src/core/dossiers/calendarPort';

/** Mon–Fri working days, plus optional holidays. Same API as src/core/calendar. */
export function fakeCalendar(holidays: VnDate[] = []): WorkingCalendar {
  const off = new Set(holidays);
  const isWorkingDay = (d: VnDate): boolean => {
    const w = weekdayOf(d);
    return w !== 0 && w !== 6 && !off.has(d);
  };
  const nextWorkingDay = (d: VnDate): VnDate => {
    let day = addDays(d, 1);
    while (!isWorkingDay(day)) day = addDays(day, 1);
    return day;
  };
  return {
    isWorkingDay,
    nextWorkingDay,
    addWorkingDays(d, n) {
      let day = d;
      for (let i = 0; i < n; i++) day = nextWorkingDay(day);
      return day;
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
        if (isWorkingDay(day)) count++;
      }
      return count;
    },
  };
}

const vnTimeOfDaySeconds = (at: Date): string =>
  `${vnTimeOfDay(at)}:${String(vnParts(at).second).padStart(2, '0')}`;

/** A simple due-date function: receipt day not counted, 15:00 cutoff for same_day, 17:00 close. */
export const fakeDueDate: ComputeDueDate = (calendar, input, options) => {
  const cutoff = options?.cutoff ?? '15:00';
  const day = vnDate(input.receivedAt);
  let dueDate: VnDate;
  switch (input.unit) {
    case 'working_day':
      dueDate = calendar.addWorkingDays(day, input.amount);
      break;
    case 'day': {
      dueDate = addDays(day, input.amount);
      if (!calendar.isWorkingDay(dueDate)) dueDate = calendar.nextWorkingDay(dueDate);
      break;
    }
    case 'hour':
      dueDate = vnDate(new Date(input.receivedAt.getTime() + input.amount * 3_600_000));
      break;
    case 'same_day':
      dueDate =
        // "sau 15 giờ": 15:00:00 is still today (docs/calendar.md §6).
        vnTimeOfDaySeconds(input.receivedAt) > `${cutoff}:00` || !calendar.isWorkingDay(day)
          ? calendar.nextWorkingDay(day)
          : day;
      break;
  }
  return { dueDate, dueAt: vnInstant(dueDate, 17, 0) };
};
