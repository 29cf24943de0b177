/**
 * The deadline calendar as the product uses it: the pure calendar of this folder plus the
 * administrator's year tables stored in `calendar_years`. Edits are validated by
 * `yearCalendarSchema`, audited, and take effect for dossiers received afterwards (stored
 * due dates are never recomputed, docs/calendar.md §5).
 */
import { AppError, siteSchema, type PublicUser } from '../../shared/contract';
import { recordAudit } from '../audit/auditLog';
import type { Db } from '../db/connection';
import { readSetting } from '../settings/settingsRepo';
import {
  computeDueDate,
  DEFAULT_CUTOFF,
  type DueDateOptions,
  createWorkingCalendar,
  yearCalendarSchema,
  type TimeUnit,
  type WorkingCalendar,
  type YearCalendar,
} from './index';

interface YearRow {
  year: number;
  days_off: string;
  working_saturdays: string;
}

export type CalendarService = ReturnType<typeof createCalendarService>;

export function createCalendarService(db: Db) {
  let cached: WorkingCalendar | null = null;

  function overrides(): YearCalendar[] {
    const rows = db
      .prepare('SELECT year, days_off, working_saturdays FROM calendar_years ORDER BY year')
      .all() as YearRow[];
    return rows.map((r) => ({
      year: r.year,
      daysOff: JSON.parse(r.days_off) as string[],
      workingSaturdays: JSON.parse(r.working_saturdays) as string[],
      source: 'admin' as const,
    }));
  }

  function calendar(): WorkingCalendar {
    return (cached ??= createWorkingCalendar({ overrides: overrides() }));
  }

  function year(y: number) {
    const t = calendar().year(y);
    return { year: t.year, daysOff: t.daysOff, workingSaturdays: t.workingSaturdays };
  }

  /**
   * The site's due-date options: the same-day cut-off (`sameDayCutoff` of the site settings,
   * default 15:00, "sau 15 giờ" inclusive of 15:00:00; docs/calendar.md §6).
   */
  function dueDateOptions(): DueDateOptions {
    const site = readSetting(db, 'site', siteSchema);
    return { cutoff: site?.sameDayCutoff ?? DEFAULT_CUTOFF };
  }

  function dueDate(input: { receivedAt: Date; amount: number; unit: TimeUnit }) {
    try {
      return computeDueDate(calendar(), input, dueDateOptions());
    } catch (e) {
      if (e instanceof RangeError) {
        throw new AppError('VALIDATION_ERROR', {
          details: [{ path: 'amount', message: e.message }],
        });
      }
      throw e;
    }
  }

  function setYear(
    input: { year: number; daysOff: string[]; workingSaturdays: string[] },
    actor: PublicUser,
    now: Date,
  ) {
    const parsed = yearCalendarSchema.safeParse(input);
    if (!parsed.success) {
      throw new AppError('VALIDATION_ERROR', {
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const daysOff = [...new Set(parsed.data.daysOff)].sort();
    const saturdays = [...new Set(parsed.data.workingSaturdays)].sort();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO calendar_years (year, days_off, working_saturdays, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(year) DO UPDATE SET days_off = excluded.days_off,
           working_saturdays = excluded.working_saturdays, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by`,
      ).run(
        input.year,
        JSON.stringify(daysOff),
        JSON.stringify(saturdays),
        now.toISOString(),
        actor.id,
      );
      recordAudit(
        db,
        {
          actor,
          action: 'calendar.setYear',
          entity: 'calendar_year',
          entityId: String(input.year),
          details: { daysOff, workingSaturdays: saturdays },
        },
        now,
      );
    })();
    cached = null;
    return year(input.year);
  }

  function resetYear(y: number, actor: PublicUser, now: Date) {
    db.transaction(() => {
      db.prepare('DELETE FROM calendar_years WHERE year = ?').run(y);
      recordAudit(
        db,
        { actor, action: 'calendar.resetYear', entity: 'calendar_year', entityId: String(y) },
        now,
      );
    })();
    cached = null;
    return year(y);
  }

  return { calendar, year, dueDate, dueDateOptions, setYear, resetYear };
}
