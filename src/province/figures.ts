import { percent } from '../core/reports/reportService';
import type { CommuneFigures } from '../shared/contract/province';
import type { Queryable } from './db';

/**
 * The ranking of communes (docs/province.md, "Figures"). Every number reuses the definitions
 * of the commune's own report (docs/reports.md), over the dossiers of the agency codes the
 * site has registered (the others are held out):
 * - `received`: received_date in the period;
 * - `onTimeRate`: (early + on time + in process within time) / (settled in the period + in
 *   process at asOf), percent with one decimal, `null` when nothing is counted; asOf = the
 *   period's last day, or today when the period has not ended;
 * - `overdue`: received / in process, due date before today, received on or before `to`;
 * - `satisfaction`: share of "hài lòng" among the kiosk ratings of the period, percent;
 * - `apologies`, `digitisationRate`: null — payload version 1 does not carry apology letters
 *   nor digitisation counts (docs/province.md).
 */
export async function communeFigures(
  db: Queryable,
  period: { from: string; to: string },
  today: string,
): Promise<CommuneFigures[]> {
  const asOf = period.to < today ? period.to : today;
  const rows = await db.query<{
    site_id: string;
    name: string;
    last_received_at: Date | string | null;
    received: number;
    settled: number;
    settled_in_time: number;
    open_n: number;
    open_within: number;
    overdue: number;
    satisfied: number;
    ratings: number;
  }>(
    `WITH registered AS (
       SELECT d.* FROM daily d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.day BETWEEN $1 AND $2
     ), rolled AS (
       SELECT site_id, sum(received)::int AS received, sum(settled)::int AS settled,
              sum(settled_in_time)::int AS settled_in_time
         FROM registered GROUP BY site_id
     ), open_at AS (
       SELECT d.site_id, count(*)::int AS open_n,
              count(*) FILTER (WHERE d.due_date IS NULL OR d.due_date >= $3)::int AS open_within
         FROM dossiers d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.received_date <= $3
          AND (d.status IN ('received', 'in_process', 'awaiting_supplement')
               OR d.settled_date > $3 OR d.ended_date > $3)
        GROUP BY d.site_id
     ), overdue_now AS (
       SELECT d.site_id, count(*)::int AS overdue
         FROM dossiers d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.status IN ('received', 'in_process', 'awaiting_supplement')
          AND d.status <> 'awaiting_supplement' AND d.received_date <= $2 AND d.due_date < $4
        GROUP BY d.site_id
     ), rating_counts AS (
       SELECT site_id, sum(satisfied)::int AS satisfied,
              sum(satisfied + neutral + unsatisfied)::int AS ratings
         FROM daily WHERE agency_code = '' AND day BETWEEN $1 AND $2 GROUP BY site_id
     )
     SELECT s.site_id, s.name, s.last_received_at,
            COALESCE(c.received, 0) AS received, COALESCE(c.settled, 0) AS settled,
            COALESCE(c.settled_in_time, 0) AS settled_in_time, COALESCE(o.open_n, 0) AS open_n,
            COALESCE(o.open_within, 0) AS open_within, COALESCE(v.overdue, 0) AS overdue,
            COALESCE(r.satisfied, 0) AS satisfied, COALESCE(r.ratings, 0) AS ratings
       FROM sites s
       LEFT JOIN rolled c ON c.site_id = s.site_id
       LEFT JOIN open_at o ON o.site_id = s.site_id
       LEFT JOIN overdue_now v ON v.site_id = s.site_id
       LEFT JOIN rating_counts r ON r.site_id = s.site_id
      ORDER BY s.site_id`,
    [period.from, period.to, asOf, today],
  );
  const figures = rows.map((r) => ({
    siteId: r.site_id,
    name: r.name,
    received: r.received,
    onTimeRate: percent(r.settled_in_time + r.open_within, r.settled + r.open_n),
    overdue: r.overdue,
    apologies: null,
    satisfaction: percent(r.satisfied, r.ratings),
    digitisationRate: null,
    lastReceivedAt: r.last_received_at === null ? null : new Date(r.last_received_at).toISOString(),
  }));
  // Ranked by on-time rate, best first; communes without a rate last.
  return figures.sort(
    (a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.siteId.localeCompare(b.siteId),
  );
}

/**
 * One commune's page: by procedure (received, settled, late — docs/reports.md classes) and its
 * overdue dossiers (code, procedure, due date, days late; never a name), period `from`–`to`.
 */
export async function communeDetail(
  db: Queryable,
  siteId: string,
  period: { from: string; to: string },
  today: string,
) {
  const procedures = await db.query<{
    procedure_id: string;
    received: number;
    settled: number;
    late: number;
  }>(
    `SELECT d.procedure_id,
            count(*) FILTER (WHERE received_date BETWEEN $2 AND $3)::int AS received,
            count(*) FILTER (WHERE settled_date BETWEEN $2 AND $3)::int AS settled,
            count(*) FILTER (WHERE settled_date BETWEEN $2 AND $3 AND settled_date > due_date)::int AS late
       FROM dossiers d
       JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
      WHERE d.site_id = $1
      GROUP BY d.procedure_id
     HAVING count(*) FILTER (WHERE received_date BETWEEN $2 AND $3 OR settled_date BETWEEN $2 AND $3) > 0
      ORDER BY d.procedure_id`,
    [siteId, period.from, period.to],
  );
  const late = await db.query<{
    dossier_code: string;
    procedure_id: string;
    due_date: string;
    days_late: number;
  }>(
    `SELECT d.dossier_code, d.procedure_id, d.due_date, ($3::date - d.due_date)::int AS days_late
       FROM dossiers d
       JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
      WHERE d.site_id = $1 AND d.status IN ('received', 'in_process')
        AND d.received_date <= $2 AND d.due_date < $3
      ORDER BY d.due_date, d.dossier_code LIMIT 200`,
    [siteId, period.to, today],
  );
  return {
    procedures: procedures.map((p) => ({
      procedureId: p.procedure_id,
      received: p.received,
      settled: p.settled,
      late: p.late,
    })),
    overdue: late.map((d) => ({
      dossierCode: d.dossier_code,
      procedureId: d.procedure_id,
      dueDate: d.due_date,
      daysLate: d.days_late,
    })),
  };
}
