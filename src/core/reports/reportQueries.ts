/**
 * Every SQL statement of the reports, in one place. Parameters are always bound; the only
 * text spliced into SQL is a fixed grouping column chosen from `GROUP_COLUMN` (never input)
 * and the indexed expressions of migration 007, which must be repeated VERBATIM for SQLite
 * to read them from the covering indexes instead of the rows (see docs/reports.md and the
 * query-plan test in tests/integration/reports/reports.test.ts).
 */
import type { Db } from '../db/connection';
import {
  DOSSIER_DONE_DATE as DONE,
  DOSSIER_END_DATE as END,
  DOSSIER_RETURNED_DATE as RETURNED,
  TICKET_VN_HOUR as HOUR,
} from '../db/migrations/007-reports';
import {
  DOSSIER_SETTLED_CLASS as CLASS,
  LATE_ON_DUE_TABLE,
} from '../db/migrations/016-settled-class';

/** Dossier breakdowns: everything at once, per procedure, per receiving officer. */
export const GROUP_COLUMN = {
  all: "''",
  procedure: 'procedure_id',
  officer: 'received_by',
} as const;
export type DossierGrouping = keyof typeof GROUP_COLUMN;

export interface PeriodParams {
  from: string;
  to: string;
}
export interface AsOfParams {
  asOf: string;
}

export interface KeyCount {
  k: string | null;
  n: number;
}
export interface DoneRow {
  k: string | null;
  early: number;
  onTime: number;
  late: number;
}
export interface OpenRow {
  k: string | null;
  n: number;
  within: number;
}

const OPEN_STATUSES = `('received', 'in_process', 'awaiting_supplement')`;
const WITHIN = `SUM(CASE WHEN due_date IS NULL OR due_date >= @asOf THEN 1 ELSE 0 END)`;

function dossierStatements(db: Db, grouping: DossierGrouping) {
  const k = GROUP_COLUMN[grouping];
  // One row for the whole office needs no GROUP BY (and no temp B-tree to sort 1,000,000 keys).
  const sql = (text: string) => (grouping === 'all' ? text.replace(/\s+GROUP BY k\s*$/, '') : text);
  const prepare = <P extends object, R>(text: string) => db.prepare<P, R>(sql(text));
  return {
    received: prepare<PeriodParams, KeyCount>(
      `SELECT ${k} AS k, COUNT(*) AS n FROM dossiers
       WHERE received_date BETWEEN @from AND @to GROUP BY k`,
    ),
    returned: prepare<PeriodParams, KeyCount>(
      `SELECT ${k} AS k, COUNT(*) AS n FROM dossiers
       WHERE ${RETURNED} BETWEEN @from AND @to GROUP BY k`,
    ),
    /**
     * Settled in the period, classed by the settling date against the stored due date; on the
     * due day the class the lifecycle stored decides (late after the due instant of an
     * hour-based or same-day procedure, docs/reports.md).
     */
    done: prepare<PeriodParams, DoneRow>(
      `SELECT ${k} AS k,
         SUM(CASE WHEN due_date IS NOT NULL AND ${DONE} < due_date THEN 1 ELSE 0 END) AS early,
         SUM(CASE WHEN due_date IS NULL OR (${DONE} = due_date AND ${CLASS} IS NOT 'late')
           THEN 1 ELSE 0 END) AS onTime,
         SUM(CASE WHEN ${DONE} > due_date OR (${DONE} = due_date AND ${CLASS} = 'late')
           THEN 1 ELSE 0 END) AS late
       FROM dossiers WHERE ${DONE} BETWEEN @from AND @to GROUP BY k`,
    ),
    /** Still in process at the end of the day `asOf`, in three disjoint parts. */
    openNow: prepare<AsOfParams, OpenRow>(
      `SELECT ${k} AS k, COUNT(*) AS n, ${WITHIN} AS within FROM dossiers
       WHERE status IN ${OPEN_STATUSES} AND received_date <= @asOf GROUP BY k`,
    ),
    openDoneLater: prepare<AsOfParams, OpenRow>(
      `SELECT ${k} AS k, COUNT(*) AS n, ${WITHIN} AS within FROM dossiers
       WHERE ${DONE} > @asOf AND received_date <= @asOf GROUP BY k`,
    ),
    openEndedLater: prepare<AsOfParams, OpenRow>(
      `SELECT ${k} AS k, COUNT(*) AS n, ${WITHIN} AS within FROM dossiers
       WHERE ${END} > @asOf AND received_date <= @asOf GROUP BY k`,
    ),
    overdueNow: prepare<{ to: string; today: string }, KeyCount>(
      `SELECT ${k} AS k, COUNT(*) AS n FROM dossiers
       WHERE status IN ('received', 'in_process') AND received_date <= @to AND due_date < @today
       GROUP BY k`,
    ),
    /**
     * Apology letters for late dossiers issued in [@fromAt, @toAt) (instants), read through
     * the partial index of migration 011 (only 'apology' events are in it).
     */
    apologies: prepare<{ fromAt: string; toAt: string }, KeyCount>(
      `SELECT ${k} AS k, COUNT(*) AS n FROM dossier_events e
       JOIN dossiers ON dossiers.id = e.dossier_id
       WHERE e.type = 'apology' AND e.at >= @fromAt AND e.at < @toAt GROUP BY k`,
    ),
  };
}
export type DossierStatements = ReturnType<typeof dossierStatements>;

export interface OverdueRow {
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  receivedDate: string;
  dueDate: string;
  status: string;
  unit: string | null;
  officer: string | null;
}

export interface ServiceRow {
  id: string;
  code: string;
  prefix: string;
  name: string;
  target: number;
}
export interface TicketAggRow {
  total: number;
  issued: number;
  served: number;
  noShow: number;
  called: number;
  waitSum: number | null;
  overTarget: number;
  serviceN: number;
  serviceSum: number | null;
}
export interface HourRow {
  h: number;
  issued: number;
  served: number;
  called: number;
  waitSum: number | null;
}
export interface CounterAggRow {
  counterId: string;
  called: number;
  served: number;
  noShow: number;
  waitSum: number | null;
  serviceN: number;
  serviceSum: number | null;
}

/** Export rows: one per dossier / ticket / rating, all the columns the files show. */
export interface DossierExportRow {
  code: string;
  procedureCode: string;
  procedureName: string;
  field: string;
  applicantName: string;
  applicantAddress: string | null;
  applicantPhone: string | null;
  decidingAuthority: string;
  receivedAt: string;
  receivedDate: string;
  dueDate: string | null;
  doneDate: string | null;
  /** The class the lifecycle stored when the dossier was settled (null: not settled). */
  settledClass: string | null;
  endDate: string | null;
  returnedAt: string | null;
  resultReadyAt: string | null;
  transferredAt: string | null;
  status: string;
  officer: string | null;
  registerYear: number;
  registerEntry: number;
  documentCount: number;
}
export interface TicketExportRow {
  number: string;
  businessDate: string;
  service: string;
  priority: string | null;
  channel: string;
  issuedAt: string;
  firstCalledAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  counterNumber: number | null;
  officer: string | null;
  outcome: string | null;
  status: string;
  waitSeconds: number | null;
  serviceSeconds: number | null;
  target: number;
}
export interface RatingExportRow {
  businessDate: string;
  createdAt: string;
  ticketNumber: string;
  counterNumber: number | null;
  officer: string | null;
  dossierCode: string | null;
  score: string;
  reasons: string;
}

const TICKET_AGG = `COUNT(*) AS total,
  COALESCE(SUM(CASE WHEN outcome IS NOT 'void' THEN 1 ELSE 0 END), 0) AS issued,
  COALESCE(SUM(CASE WHEN outcome = 'served' THEN 1 ELSE 0 END), 0) AS served,
  COALESCE(SUM(CASE WHEN outcome = 'no_show' THEN 1 ELSE 0 END), 0) AS noShow,
  COALESCE(SUM(CASE WHEN wait_seconds IS NOT NULL THEN 1 ELSE 0 END), 0) AS called,
  SUM(wait_seconds) AS waitSum,
  COALESCE(SUM(CASE WHEN wait_seconds > @targetSeconds THEN 1 ELSE 0 END), 0) AS overTarget,
  COALESCE(SUM(CASE WHEN outcome = 'served' AND service_seconds IS NOT NULL THEN 1 ELSE 0 END), 0)
    AS serviceN,
  SUM(CASE WHEN outcome = 'served' THEN service_seconds END) AS serviceSum`;

/** The dossiers in a report's scope: received in the period, settled in it, or open at its end. */
const DOSSIER_EXPORT_SCOPE = `d.received_date BETWEEN @from AND @to
  OR ${DONE.replaceAll('state', 'd.state')} BETWEEN @from AND @to
  OR (d.received_date <= @asOf AND (d.status IN ${OPEN_STATUSES}
      OR ${DONE.replaceAll('state', 'd.state')} > @asOf OR ${END.replaceAll('state', 'd.state')} > @asOf))`;

export interface DoneClassRow {
  early: number;
  onTime: number;
  late: number;
}
export interface OpenCountRow {
  n: number;
  within: number;
}

/**
 * The summary from the daily rollups of migration 008 (kept by triggers in the same
 * transaction as every write). Each statement is the GROUP-BY-free twin of a direct query
 * above, over the rollup rows: `n` replaces COUNT(*), `has_due = 0` means due_date IS NULL.
 */
function rollupStatements(db: Db) {
  const within = `COALESCE(SUM(CASE WHEN has_due = 0 OR due >= @asOf THEN n ELSE 0 END), 0)`;
  return {
    dossierDays: db.prepare<PeriodParams, { received: number; returned: number }>(
      `SELECT COALESCE(SUM(received), 0) AS received, COALESCE(SUM(returned), 0) AS returned
       FROM report_dossier_days WHERE day BETWEEN @from AND @to`,
    ),
    /** By date, then the dossiers settled late on their due day move from on time to late. */
    done: db.prepare<PeriodParams, DoneClassRow>(
      `SELECT byDate.early, byDate.onTime - lateOnDue.n AS onTime, byDate.late + lateOnDue.n AS late
       FROM (SELECT
         COALESCE(SUM(CASE WHEN has_due = 1 AND done_date < due THEN n ELSE 0 END), 0) AS early,
         COALESCE(SUM(CASE WHEN has_due = 0 OR done_date = due THEN n ELSE 0 END), 0) AS onTime,
         COALESCE(SUM(CASE WHEN has_due = 1 AND done_date > due THEN n ELSE 0 END), 0) AS late
       FROM report_dossier_done WHERE done_date BETWEEN @from AND @to) AS byDate,
       (SELECT COALESCE(SUM(n), 0) AS n FROM ${LATE_ON_DUE_TABLE}
        WHERE done_date BETWEEN @from AND @to) AS lateOnDue`,
    ),
    openNow: db.prepare<AsOfParams, OpenCountRow>(
      `SELECT COALESCE(SUM(n), 0) AS n, ${within} AS within FROM report_dossier_open
       WHERE status IN ${OPEN_STATUSES} AND received_date <= @asOf`,
    ),
    openDoneLater: db.prepare<AsOfParams, OpenCountRow>(
      `SELECT COALESCE(SUM(n), 0) AS n, ${within} AS within FROM report_dossier_done
       WHERE done_date > @asOf AND received_date <= @asOf`,
    ),
    openEndedLater: db.prepare<AsOfParams, OpenCountRow>(
      `SELECT COALESCE(SUM(n), 0) AS n, ${within} AS within FROM report_dossier_end
       WHERE end_date > @asOf AND received_date <= @asOf`,
    ),
    overdueNow: db.prepare<{ to: string; today: string }, { n: number }>(
      `SELECT COALESCE(SUM(n), 0) AS n FROM report_dossier_open
       WHERE status IN ('received', 'in_process') AND received_date <= @to
         AND has_due = 1 AND due < @today`,
    ),
    tickets: db.prepare<
      PeriodParams,
      { issued: number; served: number; noShow: number; called: number; waitSum: number }
    >(
      `SELECT COALESCE(SUM(issued), 0) AS issued, COALESCE(SUM(served), 0) AS served,
         COALESCE(SUM(no_show), 0) AS noShow, COALESCE(SUM(called), 0) AS called,
         COALESCE(SUM(wait_sum), 0) AS waitSum
       FROM report_ticket_days WHERE business_date BETWEEN @from AND @to`,
    ),
    /** Waits by whole minute (floor(wait_seconds / 60)) → count, for the p90's minute. */
    waitMinutes: db.prepare<PeriodParams, { m: number; n: number }>(
      `SELECT minute AS m, SUM(n) AS n FROM report_ticket_waits
       WHERE business_date BETWEEN @from AND @to GROUP BY minute HAVING SUM(n) <> 0`,
    ),
    /** The waits of one minute to the second, from the wait-ordered index (one minute's entries). */
    waitSeconds: db.prepare<PeriodParams & { lo: number; hi: number }, { w: number; n: number }>(
      `SELECT wait_seconds AS w, COUNT(*) AS n FROM tickets INDEXED BY reports_tickets_wait
       WHERE wait_seconds IS NOT NULL AND wait_seconds BETWEEN @lo AND @hi
         AND business_date BETWEEN @from AND @to
       GROUP BY wait_seconds`,
    ),
    ratingScores: db.prepare<PeriodParams, { score: string; n: number }>(
      `SELECT score, SUM(n) AS n FROM report_rating_days WHERE business_date BETWEEN @from AND @to
       GROUP BY score`,
    ),
  };
}
export type RollupStatements = ReturnType<typeof rollupStatements>;

/** The columns of a dossier export row (dossier list and Mẫu 06 register): one SELECT for both. */
const DOSSIER_EXPORT_SELECT = `SELECT d.code, p.national_code AS procedureCode, p.name AS procedureName, p.field,
         d.applicant_name AS applicantName, d.applicant_address AS applicantAddress,
         d.applicant_phone AS applicantPhone, d.deciding_authority AS decidingAuthority,
         d.received_at AS receivedAt, d.received_date AS receivedDate, d.due_date AS dueDate,
         ${DONE.replaceAll('state', 'd.state')} AS doneDate,
         ${CLASS.replaceAll('state', 'd.state')} AS settledClass,
         ${END.replaceAll('state', 'd.state')} AS endDate,
         json_extract(d.state, '$.returned.at') AS returnedAt,
         json_extract(d.state, '$.resultReadyAt') AS resultReadyAt,
         (SELECT MIN(e.at) FROM dossier_events e WHERE e.dossier_id = d.id
            AND e.type = 'transferred') AS transferredAt,
         d.status, u.full_name AS officer, d.register_year AS registerYear,
         d.register_entry AS registerEntry, json_array_length(d.documents) AS documentCount
       FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
       LEFT JOIN users u ON u.id = d.received_by`;

export function createReportQueries(db: Db) {
  const dossiers = {
    all: dossierStatements(db, 'all'),
    procedure: dossierStatements(db, 'procedure'),
    officer: dossierStatements(db, 'officer'),
  } satisfies Record<DossierGrouping, DossierStatements>;

  return {
    dossiers,
    rollups: rollupStatements(db),
    procedures: db.prepare<[], { id: string; code: string; name: string; field: string }>(
      'SELECT id, national_code AS code, name, field FROM procedures',
    ),
    users: db.prepare<[], { id: string; name: string }>('SELECT id, full_name AS name FROM users'),
    overdueList: db.prepare<{ to: string; today: string; limit: number }, OverdueRow>(
      `SELECT d.code, p.national_code AS procedureCode, p.name AS procedureName,
         d.applicant_name AS applicantName, d.received_date AS receivedDate,
         d.due_date AS dueDate, d.status, json_extract(d.state, '$.currentUnit') AS unit,
         u.full_name AS officer
       FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
       LEFT JOIN users u ON u.id = d.received_by
       WHERE d.status IN ('received', 'in_process') AND d.received_date <= @to
         AND d.due_date < @today
       ORDER BY d.due_date, d.received_date, d.code LIMIT @limit`,
    ),

    services: db.prepare<[], ServiceRow>(
      `SELECT id, code, prefix, name, target_minutes AS target FROM queue_services
       ORDER BY sort_order, prefix`,
    ),
    ticketsOfService: db.prepare<
      PeriodParams & { serviceId: string; targetSeconds: number },
      TicketAggRow
    >(
      `SELECT ${TICKET_AGG} FROM tickets
       WHERE service_id = @serviceId AND business_date BETWEEN @from AND @to`,
    ),
    /**
     * The summary's queue figures in one index-ordered pass with built-in aggregates only
     * (grouped in the order of reports_tickets_counter, so no sort; summed up in code).
     */
    ticketsSummary: db.prepare<
      PeriodParams,
      { outcome: string | null; n: number; called: number; waitSum: number | null }
    >(
      `SELECT outcome, COUNT(*) AS n, COUNT(wait_seconds) AS called, SUM(wait_seconds) AS waitSum
       FROM tickets WHERE business_date BETWEEN @from AND @to
       GROUP BY business_date, counter_id, outcome`,
    ),
    /** Exact distribution of waits (seconds → count), for percentiles. */
    waitHistogram: db.prepare<PeriodParams, { w: number; n: number }>(
      `SELECT wait_seconds AS w, COUNT(*) AS n FROM tickets
       WHERE wait_seconds IS NOT NULL AND business_date BETWEEN @from AND @to
       GROUP BY wait_seconds`,
    ),
    /**
     * The same for long periods: walking the wait-ordered index groups without sorting
     * millions of values (the planner, without statistics, would sort).
     */
    waitHistogramLong: db.prepare<PeriodParams, { w: number; n: number }>(
      `SELECT wait_seconds AS w, COUNT(*) AS n FROM tickets INDEXED BY reports_tickets_wait
       WHERE wait_seconds IS NOT NULL AND business_date BETWEEN @from AND @to
       GROUP BY wait_seconds`,
    ),
    ticketsByDayHour: db.prepare<PeriodParams, HourRow>(
      // MIN(expr) and GROUP BY expr, not "expr AS h": SQLite then reads the indexed value
      // from the covering index and groups in index order (no temp B-tree).
      `SELECT MIN(${HOUR}) AS h,
         SUM(CASE WHEN outcome IS NOT 'void' THEN 1 ELSE 0 END) AS issued,
         SUM(CASE WHEN outcome = 'served' THEN 1 ELSE 0 END) AS served,
         SUM(CASE WHEN wait_seconds IS NOT NULL THEN 1 ELSE 0 END) AS called,
         SUM(wait_seconds) AS waitSum
       FROM tickets WHERE business_date BETWEEN @from AND @to
       GROUP BY business_date, ${HOUR}`,
    ),
    ticketsByDayCounter: db.prepare<PeriodParams, CounterAggRow>(
      `SELECT counter_id AS counterId,
         SUM(CASE WHEN wait_seconds IS NOT NULL THEN 1 ELSE 0 END) AS called,
         SUM(CASE WHEN outcome = 'served' THEN 1 ELSE 0 END) AS served,
         SUM(CASE WHEN outcome = 'no_show' THEN 1 ELSE 0 END) AS noShow,
         SUM(wait_seconds) AS waitSum,
         SUM(CASE WHEN outcome = 'served' AND service_seconds IS NOT NULL THEN 1 ELSE 0 END) AS serviceN,
         SUM(CASE WHEN outcome = 'served' THEN service_seconds END) AS serviceSum
       FROM tickets WHERE business_date BETWEEN @from AND @to AND counter_id IS NOT NULL
       GROUP BY business_date, counter_id`,
    ),
    counters: db.prepare<[], { id: string; number: number; name: string }>(
      'SELECT id, number, name FROM counters ORDER BY number',
    ),

    ratingScores: db.prepare<PeriodParams, { score: string; n: number }>(
      `SELECT score, COUNT(*) AS n FROM ratings WHERE business_date BETWEEN @from AND @to
       GROUP BY score`,
    ),
    ratingReasons: db.prepare<PeriodParams, { reason: string; n: number }>(
      `SELECT j.value AS reason, COUNT(*) AS n FROM ratings r, json_each(r.reasons) j
       WHERE r.business_date BETWEEN @from AND @to GROUP BY j.value ORDER BY n DESC, reason`,
    ),
    ratingsByOfficer: db.prepare<PeriodParams, { k: string | null; score: string; n: number }>(
      `SELECT officer_user_id AS k, score, COUNT(*) AS n FROM ratings
       WHERE business_date BETWEEN @from AND @to GROUP BY officer_user_id, score`,
    ),
    /**
     * Dossiers settled in the period that are NOT late but were rated "không hài lòng" or
     * carry a complaint (reason complaint_handling), at any time. Driven by the ratings
     * (few) and primary-key lookups of their dossiers.
     */
    ratedBadNotLate: db.prepare<
      PeriodParams,
      { unsatisfied: number; complained: number; n: number }
    >(
      `SELECT
         COALESCE(SUM(bad.unsatisfied), 0) AS unsatisfied,
         COALESCE(SUM(bad.complained), 0) AS complained,
         COUNT(*) AS n
       FROM (SELECT r.dossier_id AS id,
               MAX(r.score = 'unsatisfied') AS unsatisfied,
               MAX(EXISTS (SELECT 1 FROM json_each(r.reasons) j WHERE j.value = 'complaint_handling')) AS complained
             FROM ratings r WHERE r.dossier_id IS NOT NULL GROUP BY r.dossier_id) bad
       JOIN dossiers d ON d.id = bad.id
       WHERE (bad.unsatisfied OR bad.complained)
         AND ${DONE.replaceAll('state', 'd.state')} BETWEEN @from AND @to
         AND NOT (d.due_date IS NOT NULL AND ${DONE.replaceAll('state', 'd.state')} > d.due_date)`,
    ),

    exportDossiers: db.prepare<PeriodParams & AsOfParams, DossierExportRow>(
      `${DOSSIER_EXPORT_SELECT}
       WHERE ${DOSSIER_EXPORT_SCOPE}
       ORDER BY d.received_at, d.code`,
    ),
    /** Mẫu 06: the dossiers received in the period, in register order. */
    exportRegister: db.prepare<PeriodParams, DossierExportRow>(
      `${DOSSIER_EXPORT_SELECT}
       WHERE d.received_date BETWEEN @from AND @to
       ORDER BY d.register_year, d.register_entry`,
    ),
    exportTickets: db.prepare<PeriodParams, TicketExportRow>(
      `SELECT t.number, t.business_date AS businessDate, s.name AS service, t.priority,
         t.channel, t.issued_at AS issuedAt, t.first_called_at AS firstCalledAt,
         t.started_at AS startedAt, t.completed_at AS completedAt, c.number AS counterNumber,
         u.full_name AS officer, t.outcome, t.status, t.wait_seconds AS waitSeconds,
         t.service_seconds AS serviceSeconds, s.target_minutes AS target
       FROM tickets t JOIN queue_services s ON s.id = t.service_id
       LEFT JOIN counters c ON c.id = t.counter_id
       LEFT JOIN users u ON u.id = t.officer_user_id
       WHERE t.business_date BETWEEN @from AND @to
       ORDER BY t.issued_at, t.number`,
    ),
    /** No rater identity exists to export (Art. 29(3)); only what was rated and how. */
    exportRatings: db.prepare<PeriodParams, RatingExportRow>(
      `SELECT r.business_date AS businessDate, r.created_at AS createdAt,
         r.ticket_number AS ticketNumber, c.number AS counterNumber, u.full_name AS officer,
         r.dossier_code AS dossierCode, r.score, r.reasons
       FROM ratings r LEFT JOIN counters c ON c.id = r.counter_id
       LEFT JOIN users u ON u.id = r.officer_user_id
       WHERE r.business_date BETWEEN @from AND @to
       ORDER BY r.created_at, r.id`,
    ),
  };
}
export type ReportQueries = ReturnType<typeof createReportQueries>;
