import { percent } from '../core/reports/reportService';
import type { CommuneFigures } from '../shared/contract/province';
import type { Queryable } from './db';
import { WAIT_MINUTE_CAP } from './fold';

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
 * - `waitP90Minutes`: the commune's `p90WaitMinutes` (nearest-rank, called tickets), from the
 *   waits-by-minute rollup (waitP90Seconds).
 * The letter and digitisation counts of settled / received dossiers come from `daily` (the
 * fold keeps them); the late dossiers in process at asOf from the same scan as the on-time
 * rate's (open_at).
 */
export async function communeFigures(
  db: Queryable,
  period: { from: string; to: string },
  today: string,
  /** Only this commune (its page's monthly trend); all when omitted. */
  onlySite: string | null = null,
): Promise<CommuneFigures[]> {
  const asOf = period.to < today ? period.to : today;
  // The counts and the waiting p90 are independent queries: on a server they run side by side.
  const [rows, p90] = await Promise.all([
    db.query<{
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
    }>(
      `WITH registered AS (
       SELECT d.* FROM daily d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.day BETWEEN $1 AND $2 AND ($5::text IS NULL OR d.site_id = $5)
     ), rolled AS (
       SELECT site_id, sum(received)::int AS received, sum(settled)::int AS settled,
              sum(settled_in_time)::int AS settled_in_time, sum(apologies)::int AS apologies,
              sum(late_known)::int AS late_settled_known,
              sum(late_with_letter)::int AS late_settled_with_letter,
              sum(paper)::int AS paper, sum(paper_digitised)::int AS paper_digitised,
              sum(results)::int AS results, sum(results_digitised)::int AS results_digitised
         FROM registered GROUP BY site_id
     ), in_process_at AS (
       -- In process at asOf: open now (an index-only scan of dossiers_open_cover), or closed
       -- since asOf (settled or ended after it: the few of the period's last days).
       SELECT site_id, agency_code, due_date, apology_letters FROM dossiers
        WHERE status IN ('received', 'in_process', 'awaiting_supplement')
          AND received_date <= $3 AND ($5::text IS NULL OR site_id = $5)
       UNION ALL
       SELECT site_id, agency_code, due_date, apology_letters FROM dossiers
        WHERE status NOT IN ('received', 'in_process', 'awaiting_supplement')
          AND (settled_date > $3 OR ended_date > $3)
          AND received_date <= $3 AND ($5::text IS NULL OR site_id = $5)
     ), open_at AS (
       SELECT d.site_id, count(*)::int AS open_n,
              count(*) FILTER (WHERE d.due_date IS NULL OR d.due_date >= $3)::int AS open_within,
              -- late and in process at asOf, with the letter count known (payload version ≥ 2)
              count(*) FILTER (WHERE d.due_date < $3 AND d.apology_letters IS NOT NULL)::int
                AS late_open_known,
              count(*) FILTER (WHERE d.due_date < $3 AND d.apology_letters > 0)::int
                AS late_open_with_letter
         FROM in_process_at d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        GROUP BY d.site_id
     ), overdue_now AS (
       SELECT d.site_id, count(*)::int AS overdue
         FROM dossiers d
         JOIN site_agencies a ON a.site_id = d.site_id AND a.agency_code = d.agency_code
        WHERE d.status IN ('received', 'in_process', 'awaiting_supplement')
          AND d.status <> 'awaiting_supplement' AND d.received_date <= $2 AND d.due_date < $4
          AND ($5::text IS NULL OR d.site_id = $5)
        GROUP BY d.site_id
     ), rating_counts AS (
       SELECT site_id, sum(satisfied)::int AS satisfied,
              sum(satisfied + neutral + unsatisfied)::int AS ratings
         FROM daily WHERE agency_code = '' AND day BETWEEN $1 AND $2
          AND ($5::text IS NULL OR site_id = $5)
        GROUP BY site_id
     )
     SELECT s.site_id, s.name, s.last_received_at,
            COALESCE(c.received, 0) AS received, COALESCE(c.settled, 0) AS settled,
            COALESCE(c.settled_in_time, 0) AS settled_in_time, COALESCE(o.open_n, 0) AS open_n,
            COALESCE(o.open_within, 0) AS open_within, COALESCE(v.overdue, 0) AS overdue,
            COALESCE(r.satisfied, 0) AS satisfied, COALESCE(r.ratings, 0) AS ratings,
            s.payload_version, COALESCE(c.apologies, 0) AS apologies,
            COALESCE(c.late_settled_known, 0) + COALESCE(o.late_open_known, 0) AS late_known,
            COALESCE(c.late_settled_with_letter, 0) + COALESCE(o.late_open_with_letter, 0)
              AS late_with_letter,
            COALESCE(c.paper, 0) AS paper, COALESCE(c.paper_digitised, 0) AS paper_digitised,
            COALESCE(c.results, 0) AS results,
            COALESCE(c.results_digitised, 0) AS results_digitised
       FROM sites s
       LEFT JOIN rolled c ON c.site_id = s.site_id
       LEFT JOIN open_at o ON o.site_id = s.site_id
       LEFT JOIN overdue_now v ON v.site_id = s.site_id
       LEFT JOIN rating_counts r ON r.site_id = s.site_id
      WHERE ($5::text IS NULL OR s.site_id = $5)
      ORDER BY s.site_id`,
      [period.from, period.to, asOf, today, onlySite],
    ),
    waitP90Seconds(db, period, onlySite),
  ]);
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
    waitP90Minutes: minutesOf(p90.get(r.site_id)),
    lastReceivedAt: r.last_received_at === null ? null : new Date(r.last_received_at).toISOString(),
  }));
  // Ranked by on-time rate, best first; communes without a rate last.
  return figures.sort(
    (a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.siteId.localeCompare(b.siteId),
  );
}

/**
 * The calendar months lying wholly inside a period, as [fromMonth, toMonth): first days of
 * months. When there is none both are the day after the period, so that the days
 * [from, fromMonth) are the whole period and [toMonth, to] is empty.
 */
export function wholeMonths(period: { from: string; to: string }): {
  fromMonth: string;
  toMonth: string;
} {
  const firstOf = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const fy = Number(period.from.slice(0, 4));
  const fm = Number(period.from.slice(5, 7)) - 1;
  const fromMonth = period.from.slice(8) === '01' ? period.from : firstOf(fy, fm + 1);
  const ty = Number(period.to.slice(0, 4));
  const tm = Number(period.to.slice(5, 7)) - 1;
  const dayAfter = new Date(Date.UTC(ty, tm, Number(period.to.slice(8)) + 1));
  const toMonth =
    dayAfter.getUTCDate() === 1 ? dayAfter.toISOString().slice(0, 10) : firstOf(ty, tm);
  if (fromMonth >= toMonth) {
    const after = dayAfter.toISOString().slice(0, 10);
    return { fromMonth: after, toMonth: after };
  }
  return { fromMonth, toMonth };
}

/** PostgreSQL's largest `integer`: no wait is longer. */
const MAX_INT = 2_147_483_647;

/** Minutes with one decimal, as the commune's own p90WaitMinutes (docs/reports.md). */
const minutesOf = (seconds: number | undefined): number | null =>
  seconds === undefined ? null : Math.round(seconds / 6) / 10;

/**
 * Each site's exact nearest-rank 90th percentile of the called tickets' waits in the period,
 * in seconds — the commune's own definition (docs/reports.md; percentileOfHistogram), found
 * as the commune's report finds it: the rollup `ticket_waits` (waits by whole minute) gives
 * the minute holding the rank, then that minute's waits are read to the second from the
 * `tickets_wait` index, in order, up to the rank. Never sorts every wait of the period (a year: ≈ 20,000 per commune).
 */
export async function waitP90Seconds(
  db: Queryable,
  period: { from: string; to: string },
  onlySite: string | null,
): Promise<Map<string, number>> {
  // Whole calendar months [fromMonth, toMonth) from the monthly rollup, the days outside
  // them from the daily one. Per site and minute: the waits before that minute, in it, and the
  // site's rank (⌈0.9 n⌉).
  const { fromMonth, toMonth } = wholeMonths(period);
  const minutes = await db.query<{ site_id: string; minute: number; below: number; rank: number }>(
    `WITH m AS (
       SELECT site_id, minute, sum(n)::int AS n FROM (
         SELECT site_id, minute, n FROM ticket_waits_month
          WHERE month >= $4::date AND month < $5::date AND ($3::text IS NULL OR site_id = $3)
         UNION ALL
         SELECT site_id, minute, n FROM ticket_waits
          WHERE ((day >= $1 AND day < $4::date) OR (day >= $5::date AND day <= $2))
            AND ($3::text IS NULL OR site_id = $3)
       ) x
        GROUP BY site_id, minute HAVING sum(n) <> 0
     ), c AS (
       SELECT site_id, minute, n,
              (sum(n) OVER (PARTITION BY site_id ORDER BY minute) - n)::int AS below,
              ceil(0.9 * sum(n) OVER (PARTITION BY site_id))::int AS rank
         FROM m
     )
     SELECT site_id, minute, below, rank FROM c WHERE below < rank AND below + n >= rank`,
    [period.from, period.to, onlySite, fromMonth, toMonth],
  );
  const out = new Map<string, number>();
  if (minutes.length === 0) return out;
  // In that minute, the wait of rank (rank − below): read in the index's order, up to it.
  const seconds = await db.query<{ site_id: string; w: number }>(
    `SELECT b.site_id, w.wait_seconds AS w
       FROM unnest($3::text[], $4::int[], $5::int[], $6::int[]) AS b(site_id, lo, hi, skip)
       CROSS JOIN LATERAL (
         SELECT t.wait_seconds FROM tickets t
          WHERE t.site_id = b.site_id AND t.wait_seconds IS NOT NULL
            AND t.wait_seconds BETWEEN b.lo AND b.hi AND t.business_date BETWEEN $1 AND $2
          ORDER BY t.wait_seconds OFFSET b.skip LIMIT 1) w`,
    [
      period.from,
      period.to,
      minutes.map((m) => m.site_id),
      minutes.map((m) => m.minute * 60),
      // The last minute of the rollup holds every longer wait.
      minutes.map((m) => (m.minute >= WAIT_MINUTE_CAP ? MAX_INT : m.minute * 60 + 59)),
      minutes.map((m) => m.rank - m.below - 1),
    ],
  );
  for (const r of seconds) out.set(r.site_id, r.w);
  // Should a minute's count ever disagree with the rows, that site's answer comes from the
  // rows themselves (as the commune's report does).
  const unsure = minutes.map((m) => m.site_id).filter((site) => !out.has(site));
  if (unsure.length > 0) {
    const exact = await db.query<{ site_id: string; w: number }>(
      `SELECT site_id, percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_seconds) AS w
         FROM tickets
        WHERE site_id = ANY($3::text[]) AND wait_seconds IS NOT NULL
          AND business_date BETWEEN $1 AND $2
        GROUP BY site_id`,
      [period.from, period.to, unsure],
    );
    for (const r of exact) out.set(r.site_id, Number(r.w));
  }
  return out;
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
            count(*) FILTER (WHERE settled_date BETWEEN $2 AND $3 AND (settled_date > due_date
              OR (settled_date = due_date AND settled_class = 'late')))::int AS late
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
