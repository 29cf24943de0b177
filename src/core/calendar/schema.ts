/**
 * Validation of administrator-edited data (the database layer stores it; this module only
 * says whether it is acceptable).
 */
import { z } from 'zod';
import { isVnDate, weekdayOf } from '../../shared/time/vnTime';
import { LUNAR_MAX_YEAR, LUNAR_MIN_YEAR } from './lunar';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const dateString = z.string().regex(DATE_SHAPE, 'Date must be YYYY-MM-DD');

/**
 * A year table as an administrator edits it: every date real and inside that year, worked
 * Saturdays are Saturdays, no duplicates, and no date both off and worked.
 */
export const yearCalendarSchema = z
  .object({
    year: z.number().int().min(LUNAR_MIN_YEAR).max(LUNAR_MAX_YEAR),
    daysOff: z.array(dateString),
    workingSaturdays: z.array(dateString),
    source: z.enum(['official', 'computed', 'admin']).optional(),
  })
  .superRefine((value, ctx) => {
    const check = (list: 'daysOff' | 'workingSaturdays'): void => {
      const seen = new Set<string>();
      value[list].forEach((date, index) => {
        const path = [list, index];
        if (typeof date !== 'string' || !DATE_SHAPE.test(date)) return; // reported by the shape check
        if (!isVnDate(date)) {
          ctx.addIssue({ code: 'custom', path, message: `Not a real date: ${date}` });
          return;
        }
        if (Number(date.slice(0, 4)) !== value.year) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is not in ${value.year}` });
        }
        if (seen.has(date)) {
          ctx.addIssue({ code: 'custom', path, message: `Duplicate date ${date}` });
        }
        seen.add(date);
        if (list === 'workingSaturdays' && weekdayOf(date) !== 6) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is not a Saturday` });
        }
      });
    };
    check('daysOff');
    check('workingSaturdays');
    const off = new Set(value.daysOff);
    value.workingSaturdays.forEach((date, index) => {
      if (off.has(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workingSaturdays', index],
          message: `${date} is both a day off and a worked Saturday`,
        });
      }
    });
  });

export type YearCalendarInput = z.input<typeof yearCalendarSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time must be HH:mm');

const holidayRuleBase = {
  id: z.string().min(1),
  name: z.string().min(1),
  effectiveFrom: dateString.refine(isVnDate, 'Not a real date').optional(),
  effectiveTo: dateString.refine(isVnDate, 'Not a real date').optional(),
  makeUp: z.boolean().optional(),
};

const dayMonth = {
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
};

/** One statutory holiday rule (see types.ts HolidayRule). */
export const holidayRuleSchema = z.discriminatedUnion('kind', [
  z.object({ ...holidayRuleBase, kind: z.literal('solar'), ...dayMonth }),
  z.object({
    ...holidayRuleBase,
    kind: z.literal('lunar'),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(30),
  }),
  z.object({ ...holidayRuleBase, kind: z.literal('tet'), days: z.number().int().min(1).max(10) }),
  z.object({ ...holidayRuleBase, kind: z.literal('national_day') }),
]);

/** Calendar settings as stored by an administrator (every field optional). */
export const calendarSettingsSchema = z
  .object({
    tetDaysBeforeNewYear: z.number().int().min(0).max(10),
    nationalDayAdjacent: z.enum(['auto', 'before', 'after']),
    cultureDayMakeUp: z.boolean(),
    compensateWeekendHolidays: z.boolean(),
    useOfficialYears: z.boolean(),
    holidayRules: z.array(holidayRuleSchema),
  })
  .partial();

/** Options of computeDueDate as stored by an administrator. */
export const dueDateOptionsSchema = z
  .object({
    cutoff: hhmm,
    closingTime: hhmm,
    officeHours: z.array(z.object({ start: hhmm, end: hhmm })).min(1),
  })
  .partial();
