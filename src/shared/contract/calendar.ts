import { z } from 'zod';
import { isVnDate } from '../time/vnTime';
import { defineOperation } from './operation';
import { isoInstant } from './common';

const vnDateSchema = z.string().refine(isVnDate, { message: 'Ngày không hợp lệ (YYYY-MM-DD)' });
const yearSchema = z.coerce.number().int().min(1900).max(2199);

export const calendarYearSchema = z.object({
  year: z.number().int(),
  daysOff: z.array(z.string()),
  workingSaturdays: z.array(z.string()),
});

export const calendarOperations = {
  // Listed before calendar.year: '/calendar/{year}' would also match '/calendar/due-date'.
  dueDate: defineOperation({
    name: 'calendar.dueDate',
    method: 'GET',
    path: '/calendar/due-date',
    role: 'public',
    summary:
      'Due date of a time limit from a receipt instant (Vietnam working-day calendar); same_day: amount optional and ignored, today until the cut-off (15:00:00 inclusive); hour: dueAt is the exact instant',
    input: z
      .object({
        receivedAt: isoInstant,
        amount: z.coerce.number().nonnegative().max(3650).optional(),
        unit: z.enum(['working_day', 'day', 'hour', 'same_day']),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (v.unit !== 'same_day' && v.amount === undefined) {
          ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Thiếu thời hạn (amount)' });
        }
      }),
    output: z.object({ dueDate: vnDateSchema, dueAt: isoInstant }),
  }),
  year: defineOperation({
    name: 'calendar.year',
    method: 'GET',
    path: '/calendar/{year}',
    role: 'public',
    summary: 'Weekdays off and worked Saturdays of a year (admin table > official > computed)',
    input: z.object({ year: yearSchema }).strict(),
    output: calendarYearSchema,
  }),
  setYear: defineOperation({
    name: 'calendar.setYear',
    method: 'PUT',
    path: '/calendar/{year}',
    role: 'admin',
    summary: 'Replace the table of a year (when the government notice is published)',
    input: z
      .object({
        year: yearSchema,
        daysOff: z.array(z.string()).max(366),
        workingSaturdays: z.array(z.string()).max(53),
      })
      .strict(),
    output: calendarYearSchema,
  }),
  resetYear: defineOperation({
    name: 'calendar.resetYear',
    method: 'DELETE',
    path: '/calendar/{year}',
    role: 'admin',
    summary: "Drop the administrator's table of a year (back to official or computed)",
    input: z.object({ year: yearSchema }).strict(),
    output: calendarYearSchema,
  }),
} as const;
