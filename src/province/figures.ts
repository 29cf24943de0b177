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
 * - `apologies`: apology letters for late dossiers issued in the period (the commune's
 *   `apologyLetters`); `lateWithApologyRate`: of the late dossiers (settled late in the period,
 *   or past due and in process at asOf) whose latest event carries the letter count (payload
 *   version ≥ 2), the share with at least one letter. Both null for a site that never sent
 *   version 2 (its letters cannot be known);
 * - `digitisationRate`: of the dossiers received in the period with at least one paper
 *   document (payload version 3, the latest event of each dossier), the share whose every
 *   paper document has a stored scan; `resultDigitisationRate`: of the dossiers settled with a
 *   result in the period carrying the counts, the share whose result has a scan. Null when
 *   nothing is counted (docs/province.md);
 * - `waitP90Minutes`: the commune's `p90WaitMinutes` (nearest-rank, called tickets).
 */
export async function communeFigures(
  db: Queryable,
  period: { from: string; to: string },
  today: string,
  /** Only this commune (its page's monthly trend); all when omitted. */
  onlySite: string | null = null,
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
    payload_version: number;
    apologies: number;
    late_known: number;
    late_with_letter: number;
    paper: number;
    paper_digitised: number;
    results: number;
    results_digitised: number;
    p90_wait: number | null;
  }>(
    `WITH registered AS (
       SELECT d.* FROM daily d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.day BETWEEN $1 AND $2 AND ($5::text IS NULL OR d.site_id = $5)
     ), rolled AS (
       SELECT site_id, sum(received)::int AS received, sum(settled)::int AS settled,
              sum(settled_in_time)::int AS settled_in_time, sum(apologies)::int AS apologies
         FROM registered GROUP BY site_id
     ), open_at AS (
       SELECT d.site_id, count(*)::int AS open_n,
              count(*) FILTER (WHERE d.due_date IS NULL OR d.due_date >= $3)::int AS open_within
         FROM dossiers d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.received_date <= $3 AND ($5::text IS NULL OR d.site_id = $5)
          AND (d.status IN ('received', 'in_process', 'awaiting_supplement')
               OR d.settled_date > $3 OR d.ended_date > $3)
        GROUP BY d.site_id
     ), overdue_now AS (
       SELECT d.site_id, count(*)::int AS overdue
         FROM dossiers d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.status IN ('received', 'in_process', 'awaiting_supplement')
          AND d.status <> 'awaiting_supplement' AND d.received_date <= $2 AND d.due_date < $4
          AND ($5::text IS NULL OR d.site_id = $5)
        GROUP BY d.site_id
     ), late_letters AS (
       SELECT d.site_id, count(*)::int AS late_known,
              count(*) FILTER (WHERE d.apology_letters > 0)::int AS late_with_letter
         FROM dossiers d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.apology_letters IS NOT NULL AND d.due_date IS NOT NULL
          AND ($5::text IS NULL OR d.site_id = $5)
          AND ((d.settled_date BETWEEN $1 AND $2 AND d.settled_date > d.due_date)
            OR (d.received_date <= $3 AND d.due_date < $3
                AND (d.status IN ('received', 'in_process', 'awaiting_supplement')
                     OR d.settled_date > $3 OR d.ended_date > $3)))
        GROUP BY d.site_id
     ), digitised AS (
       SELECT d.site_id,
              count(*) FILTER (WHERE d.received_date BETWEEN $1 AND $2
                                 AND d.paper_documents > 0)::int AS paper,
              count(*) FILTER (WHERE d.received_date BETWEEN $1 AND $2 AND d.paper_documents > 0
                                 AND d.digitised_documents >= d.paper_documents)::int
                AS paper_digitised,
              count(*) FILTER (WHERE d.settled_date BETWEEN $1 AND $2
                                 AND d.settled_action = 'result_ready'
                                 AND d.result_digitised IS NOT NULL)::int AS results,
              count(*) FILTER (WHERE d.settled_date BETWEEN $1 AND $2
                                 AND d.settled_action = 'result_ready'
                                 AND d.result_digitised)::int AS results_digitised
         FROM dossiers d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.paper_documents IS NOT NULL AND ($5::text IS NULL OR d.site_id = $5)
          AND (d.received_date BETWEEN $1 AND $2 OR d.settled_date BETWEEN $1 AND $2)
        GROUP BY d.site_id
     ), rating_counts AS (
       SELECT site_id, sum(satisfied)::int AS satisfied,
              sum(satisfied + neutral + unsatisfied)::int AS ratings
         FROM daily WHERE agency_code = '' AND day BETWEEN $1 AND $2
          AND ($5::text IS NULL OR site_id = $5)
        GROUP BY site_id
     ), waits AS (
       -- docs/reports.md: the exact nearest-rank 90th percentile of the called tickets' waits
       -- (percentile_disc takes the first wait whose cumulative share reaches 90 %).
       SELECT site_id, percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_seconds) AS p90_wait
         FROM tickets
        WHERE business_date BETWEEN $1 AND $2 AND wait_seconds IS NOT NULL
          AND ($5::text IS NULL OR site_id = $5)
        GROUP BY site_id
     )
     SELECT s.site_id, s.name, s.last_received_at,
            COALESCE(c.received, 0) AS received, COALESCE(c.settled, 0) AS settled,
            COALESCE(c.settled_in_time, 0) AS settled_in_time, COALESCE(o.open_n, 0) AS open_n,
            COALESCE(o.open_within, 0) AS open_within, COALESCE(v.overdue, 0) AS overdue,
            COALESCE(r.satisfied, 0) AS satisfied, COALESCE(r.ratings, 0) AS ratings,
            s.payload_version, COALESCE(c.apologies, 0) AS apologies,
            COALESCE(l.late_known, 0) AS late_known,
            COALESCE(l.late_with_letter, 0) AS late_with_letter,
            COALESCE(g.paper, 0) AS paper, COALESCE(g.paper_digitised, 0) AS paper_digitised,
            COALESCE(g.results, 0) AS results,
            COALESCE(g.results_digitised, 0) AS results_digitised, w.p90_wait
       FROM sites s
       LEFT JOIN rolled c ON c.site_id = s.site_id
       LEFT JOIN open_at o ON o.site_id = s.site_id
       LEFT JOIN overdue_now v ON v.site_id = s.site_id
       LEFT JOIN rating_counts r ON r.site_id = s.site_id
       LEFT JOIN late_letters l ON l.site_id = s.site_id
       LEFT JOIN digitised g ON g.site_id = s.site_id
       LEFT JOIN waits w ON w.site_id = s.site_id
      WHERE ($5::text IS NULL OR s.site_id = $5)
      ORDER BY s.site_id`,
    [period.from, period.to, asOf, today, onlySite],
  );
  const figures = rows.map((r) => ({
    siteId: r.site_id,
    name: r.name,
    received: r.received,
    onTimeRate: percent(r.settled_in_time + r.open_within, r.settled + r.open_n),
    overdue: r.overdue,
    apologies: r.payload_version >= 2 ? r.apologies : null,
    lateWithApologyRate: r.payload_version >= 2 ? percent(r.late_with_letter, r.late_known) : null,
    satisfaction: percent(r.satisfied, r.ratings),
    digitisationRate: percent(r.paper_digitised, r.paper),
    resultDigitisationRate: percent(r.results_digitised, r.results),
    // Minutes with one decimal, as the commune's own p90WaitMinutes.
    waitP90Minutes: r.p90_wait === null ? null : Math.round(Number(r.p90_wait) / 6) / 10,
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
    apology_letters: number | null;
    appointment_date: string | null;
  }>(
    `SELECT d.dossier_code, d.procedure_id, d.due_date, ($3::date - d.due_date)::int AS days_late,
            d.apology_letters, d.appointment_date
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
      // Payload version ≥ 2: letters issued and the new date the latest one gave; else null.
      apologyLetters: d.apology_letters,
      appointmentDate: d.appointment_date,
    })),
  };
}

/**
 * A commune's on-time rate by month: the 12 months ending with the month of `to`, each
 * computed exactly as the ranking for that month alone (asOf = the month's end or today).
 * Its own request, so the commune's page answers without waiting for twelve rankings.
 */
export async function communeTrend(db: Queryable, siteId: string, to: string, today: string) {
  const trend: { month: string; received: number; onTimeRate: number | null }[] = [];
  for (let k = 11; k >= 0; k--) {
    const y = Number(to.slice(0, 4));
    const m = Number(to.slice(5, 7)) - 1 - k;
    const first = new Date(Date.UTC(y, m, 1));
    const last = new Date(Date.UTC(y, m + 1, 0));
    const from = first.toISOString().slice(0, 10);
    if (from > today) continue;
    const end = last.toISOString().slice(0, 10);
    const [f] = await communeFigures(db, { from, to: end }, today, siteId);
    trend.push({
      month: from.slice(0, 7),
      received: f?.received ?? 0,
      onTimeRate: f?.onTimeRate ?? null,
    });
  }
  return trend;
}
