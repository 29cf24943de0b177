/**
 * Reports (issue 7): the numbers a commune acts on and sends upward, computed with SQL
 * aggregates over covering indexes (reportQueries.ts) and, for the whole office's summary,
 * over the daily rollups of migration 008. Definitions: docs/reports.md.
 */
import type { Period } from '../../shared/reports/period';
import { asOfDate, periodDays } from '../../shared/reports/period';
import { addDays, vnDate, vnInstant } from '../../shared/time/vnTime';
import { RESULT_DOCUMENT_NAME } from '../../shared/contract/files';
import type { Db } from '../db/connection';
import {
  createReportQueries,
  type DossierGrouping,
  type KeyCount,
  type OpenRow,
  type ReportQueries,
} from './reportQueries';

export interface DossierCounts {
  received: number;
  returned: number;
  /** Settled (result ready or refused) in the period, by class against the due date. */
  early: number;
  onTime: number;
  late: number;
  completed: number;
  /** Still in process at the end of the period (or today). */
  inProcess: number;
  inProcessWithinTime: number;
  inProcessOverdue: number;
  overdueNow: number;
  /** Apology letters for late dossiers issued in the period (apology events). */
  apologyLetters: number;
  /** Percent, 1 decimal; null when nothing was received and processed. */
  onTimeRate: number | null;
}

export interface QueueCounts {
  issued: number;
  served: number;
  noShow: number;
  called: number;
  avgWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  avgServiceMinutes: number | null;
  overTarget: number;
  /** Percent of called tickets that waited longer than their service's target. */
  overTargetRate: number | null;
}

export interface RatingCounts {
  satisfied: number;
  neutral: number;
  unsatisfied: number;
  total: number;
}

const emptyDossierCounts = (): DossierCounts => ({
  received: 0,
  returned: 0,
  early: 0,
  onTime: 0,
  late: 0,
  completed: 0,
  inProcess: 0,
  inProcessWithinTime: 0,
  inProcessOverdue: 0,
  overdueNow: 0,
  apologyLetters: 0,
  onTimeRate: null,
});

/** Percent with one decimal, or null for 0/0. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The digitisation figures of a period (docs/reports.md, "Digitisation"). */
export interface DigitisationFigures {
  /** Dossiers received in the period with at least one paper document. */
  dossiers: number;
  /** Of those, the ones whose every paper document has a file (attached or linked). */
  digitised: number;
  /** digitised / dossiers in percent, one decimal; null when there are no such dossiers. */
  rate: number | null;
  /** Dossiers received in the period whose result has a scan (a file named "result"). */
  resultsDigitised: number;
}

/**
 * The figures of the dossiers received from `from` to `to` (Vietnam dates, inclusive), for
 * the whole office ('' key) and per procedure id. Counted now: a scan attached after the
 * period still counts for the dossier's period (the rate is about the dossiers, not the day
 * of scanning).
 */
export interface PeriodDigitisation {
  overall: DigitisationFigures;
  byProcedure: Map<string, DigitisationFigures>;
}

export function digitisationFigures(
  db: Db,
  period: { from: string; to: string },
): PeriodDigitisation {
  const rows = db
    .prepare(
      `WITH received AS (
         SELECT id, procedure_id, documents FROM dossiers
          WHERE received_date BETWEEN @from AND @to
       ),
       paper AS (
         SELECT DISTINCT r.id, r.procedure_id, json_extract(j.value, '$.name') AS name
           FROM received r, json_each(r.documents) j
          WHERE coalesce(json_extract(j.value, '$.source'), 'paper') = 'paper'
       ),
       per_dossier AS (
         SELECT p.id, p.procedure_id,
                COUNT(*) AS paper,
                SUM(EXISTS (SELECT 1 FROM dossier_files f
                             WHERE f.dossier_id = p.id AND f.document_name = p.name)) AS scanned
           FROM paper p GROUP BY p.id, p.procedure_id
       ),
       results AS (
         SELECT r.procedure_id, COUNT(*) AS n FROM received r
          WHERE EXISTS (SELECT 1 FROM dossier_files f
                         WHERE f.dossier_id = r.id AND f.document_name = @result)
          GROUP BY r.procedure_id
       ),
       per_procedure AS (
         SELECT procedure_id, COUNT(*) AS dossiers, SUM(scanned = paper) AS digitised
           FROM per_dossier GROUP BY procedure_id
       )
       SELECT pp.procedure_id AS procedureId, pp.dossiers, pp.digitised,
              coalesce(res.n, 0) AS resultsDigitised
         FROM per_procedure pp LEFT JOIN results res ON res.procedure_id = pp.procedure_id
       UNION ALL
       SELECT res.procedure_id, 0, 0, res.n FROM results res
        WHERE res.procedure_id NOT IN (SELECT procedure_id FROM per_procedure)`,
    )
    .all({ from: period.from, to: period.to, result: RESULT_DOCUMENT_NAME }) as Array<{
    procedureId: string;
    dossiers: number;
    digitised: number;
    resultsDigitised: number;
  }>;
  const byProcedure = new Map<string, DigitisationFigures>();
  const total = { dossiers: 0, digitised: 0, resultsDigitised: 0 };
  for (const r of rows) {
    byProcedure.set(r.procedureId, {
      dossiers: r.dossiers,
      digitised: r.digitised,
      rate: percent(r.digitised, r.dossiers),
      resultsDigitised: r.resultsDigitised,
    });
    total.dossiers += r.dossiers;
    total.digitised += r.digitised;
    total.resultsDigitised += r.resultsDigitised;
  }
  return { overall: { ...total, rate: percent(total.digitised, total.dossiers) }, byProcedure };
}

/** The figures of a procedure with no dossier in the period. */
export const NO_DIGITISATION: DigitisationFigures = {
  dossiers: 0,
  digitised: 0,
  rate: null,
  resultsDigitised: 0,
};

const minutes = (seconds: number | null, n: number): number | null =>
  n > 0 && seconds !== null ? Math.round(seconds / n / 6) / 10 : null;

/** Nearest-rank percentile of a histogram (value → count), e.g. p = 0.9. */
export function percentileOfHistogram(
  rows: readonly { w: number; n: number }[],
  p: number,
): number | null {
  const total = rows.reduce((s, r) => s + r.n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  const sorted = [...rows].sort((a, b) => a.w - b.w);
  let seen = 0;
  for (const r of sorted) {
    seen += r.n;
    if (seen >= rank) return r.w;
  }
  return sorted[sorted.length - 1]?.w ?? null;
}

/** The instants bounding a period of Vietnam days: [from 00:00, day after `to` 00:00). */
function periodInstants(period: Period): { fromAt: string; toAt: string } {
  return {
    fromAt: vnInstant(period.from).toISOString(),
    toAt: vnInstant(addDays(period.to, 1)).toISOString(),
  };
}

export type ReportService = ReturnType<typeof createReportService>;

/** Where the whole-office numbers come from: the daily rollups, or the rows themselves. */
type Source = 'rollups' | 'rows';

export function createReportService(db: Db, now: () => Date) {
  let q: ReportQueries | null = null;
  const queries = () => (q ??= createReportQueries(db));

  /**
   * Dossier counts per group key ('' for the whole office). The whole office is read from the
   * daily rollups (migration 008) unless `source` is 'rows'; the groupings always from the rows.
   */
  function dossierCounts(
    period: Period,
    grouping: DossierGrouping,
    source: Source = 'rollups',
  ): Map<string, DossierCounts> {
    if (grouping === 'all' && source === 'rollups') {
      return new Map([['', dossierTotalsFromRollups(period)]]);
    }
    const s = queries().dossiers[grouping];
    const today = vnDate(now());
    const asOf = asOfDate(period, today);
    const out = new Map<string, DossierCounts>();
    const at = (k: string | null) => {
      const key = k ?? '';
      let c = out.get(key);
      if (!c) out.set(key, (c = emptyDossierCounts()));
      return c;
    };
    const p = { from: period.from, to: period.to };
    for (const r of s.received.all(p)) at(r.k).received += r.n;
    for (const r of s.returned.all(p)) at(r.k).returned += r.n;
    for (const r of s.done.all(p)) {
      const c = at(r.k);
      c.early += r.early;
      c.onTime += r.onTime;
      c.late += r.late;
    }
    const open = (rows: OpenRow[]) => {
      for (const r of rows) {
        const c = at(r.k);
        c.inProcess += r.n;
        c.inProcessWithinTime += r.within;
      }
    };
    open(s.openNow.all({ asOf }));
    open(s.openDoneLater.all({ asOf }));
    open(s.openEndedLater.all({ asOf }));
    for (const r of s.overdueNow.all({ to: period.to, today }) as KeyCount[]) {
      at(r.k).overdueNow += r.n;
    }
    for (const r of s.apologies.all(periodInstants(period))) at(r.k).apologyLetters += r.n;
    for (const c of out.values()) finishDossierCounts(c);
    if (grouping === 'all' && !out.has('')) out.set('', emptyDossierCounts());
    return out;
  }

  /** The same numbers as dossierCounts(period, 'all', 'rows'), from a few thousand rollup rows. */
  function dossierTotalsFromRollups(period: Period): DossierCounts {
    const r = queries().rollups;
    const today = vnDate(now());
    const asOf = asOfDate(period, today);
    const p = { from: period.from, to: period.to };
    const c = emptyDossierCounts();
    const days = r.dossierDays.get(p);
    c.received = days?.received ?? 0;
    c.returned = days?.returned ?? 0;
    const done = r.done.get(p);
    c.early = done?.early ?? 0;
    c.onTime = done?.onTime ?? 0;
    c.late = done?.late ?? 0;
    for (const open of [r.openNow, r.openDoneLater, r.openEndedLater]) {
      const o = open.get({ asOf });
      c.inProcess += o?.n ?? 0;
      c.inProcessWithinTime += o?.within ?? 0;
    }
    c.overdueNow = r.overdueNow.get({ to: period.to, today })?.n ?? 0;
    // Apology events are few (a partial index of migration 011): no rollup needed.
    c.apologyLetters = queries().dossiers.all.apologies.get(periodInstants(period))?.n ?? 0;
    finishDossierCounts(c);
    return c;
  }

  function finishDossierCounts(c: DossierCounts): void {
    c.completed = c.early + c.onTime + c.late;
    c.inProcessOverdue = c.inProcess - c.inProcessWithinTime;
    c.onTimeRate = percent(c.early + c.onTime + c.inProcessWithinTime, c.completed + c.inProcess);
  }

  function queueCounts(period: Period) {
    const services = queries().services.all();
    const byService = services.map((s) => {
      const r = queries().ticketsOfService.get({
        ...period,
        serviceId: s.id,
        targetSeconds: s.target * 60,
      });
      return { service: s, agg: r };
    });
    const total: QueueCounts = {
      issued: 0,
      served: 0,
      noShow: 0,
      called: 0,
      avgWaitMinutes: null,
      p90WaitMinutes: null,
      avgServiceMinutes: null,
      overTarget: 0,
      overTargetRate: null,
    };
    let waitSum = 0;
    let serviceSum = 0;
    let serviceN = 0;
    const perService = byService.map(({ service, agg }) => {
      const a = agg ?? {
        total: 0,
        issued: 0,
        served: 0,
        noShow: 0,
        called: 0,
        waitSum: null,
        overTarget: 0,
        serviceN: 0,
        serviceSum: null,
      };
      total.issued += a.issued;
      total.served += a.served;
      total.noShow += a.noShow;
      total.called += a.called;
      total.overTarget += a.overTarget;
      waitSum += a.waitSum ?? 0;
      serviceSum += a.serviceSum ?? 0;
      serviceN += a.serviceN;
      return {
        serviceId: service.id,
        prefix: service.prefix,
        name: service.name,
        targetMinutes: service.target,
        issued: a.issued,
        served: a.served,
        noShow: a.noShow,
        called: a.called,
        avgWaitMinutes: minutes(a.waitSum, a.called),
        avgServiceMinutes: minutes(a.serviceSum, a.serviceN),
        overTarget: a.overTarget,
        overTargetRate: percent(a.overTarget, a.called),
      };
    });
    total.avgWaitMinutes = minutes(waitSum, total.called);
    total.avgServiceMinutes = minutes(serviceSum, serviceN);
    total.overTargetRate = percent(total.overTarget, total.called);
    total.p90WaitMinutes = p90WaitMinutes(period);
    return { total, perService };
  }

  function ratingCounts(period: Period, source: Source = 'rollups'): RatingCounts {
    const c: RatingCounts = { satisfied: 0, neutral: 0, unsatisfied: 0, total: 0 };
    const scores = source === 'rollups' ? queries().rollups.ratingScores : queries().ratingScores;
    for (const r of scores.all(period)) {
      if (r.score === 'satisfied' || r.score === 'neutral' || r.score === 'unsatisfied') {
        c[r.score] += r.n;
        c.total += r.n;
      }
    }
    return c;
  }

  function p90WaitMinutes(period: Period, source: Source = 'rollups'): number | null {
    const p90 = source === 'rollups' ? p90WaitFromRollups(period) : p90WaitFromRows(period);
    return p90 === null ? null : Math.round(p90 / 6) / 10;
  }

  function p90WaitFromRows(period: Period): number | null {
    const histogram =
      periodDays(period) > 31 ? queries().waitHistogramLong : queries().waitHistogram;
    return percentileOfHistogram(histogram.all(period), 0.9);
  }

  /**
   * The exact nearest-rank p90 in seconds, as percentileOfHistogram over every wait: the
   * rollup's per-minute counts find the minute holding the rank, then that minute's waits are
   * read to the second from the wait-ordered index. Should that minute's count ever disagree
   * with the rows, the answer comes from the rows.
   */
  function p90WaitFromRollups(period: Period): number | null {
    const r = queries().rollups;
    const buckets = r.waitMinutes.all(period).sort((a, b) => a.m - b.m);
    const total = buckets.reduce((sum, b) => sum + b.n, 0);
    if (total === 0) return null;
    const rank = Math.ceil(0.9 * total);
    let seen = 0;
    for (const b of buckets) {
      if (seen + b.n >= rank) {
        const seconds = r.waitSeconds
          .all({ from: period.from, to: period.to, lo: b.m * 60, hi: b.m * 60 + 59 })
          .sort((x, y) => x.w - y.w);
        if (seconds.reduce((sum, x) => sum + x.n, 0) !== b.n) break;
        for (const x of seconds) {
          seen += x.n;
          if (seen >= rank) return x.w;
        }
        break;
      }
      seen += b.n;
    }
    return p90WaitFromRows(period);
  }

  /** The summary's queue block from the daily rollups: a few hundred rows for a year. */
  function queueSummary(period: Period, source: Source = 'rollups') {
    if (source === 'rows') return queueSummaryFromRows(period);
    const t = queries().rollups.tickets.get(period);
    return {
      issued: t?.issued ?? 0,
      served: t?.served ?? 0,
      noShow: t?.noShow ?? 0,
      avgWaitMinutes: minutes(t?.waitSum ?? 0, t?.called ?? 0),
      p90WaitMinutes: p90WaitMinutes(period),
    };
  }

  /** The same from the rows: one index-ordered pass, no per-service split. */
  function queueSummaryFromRows(period: Period) {
    let issued = 0;
    let served = 0;
    let noShow = 0;
    let called = 0;
    let waitSum = 0;
    for (const r of queries().ticketsSummary.all(period)) {
      if (r.outcome !== 'void') issued += r.n;
      if (r.outcome === 'served') served += r.n;
      if (r.outcome === 'no_show') noShow += r.n;
      called += r.called;
      waitSum += r.waitSum ?? 0;
    }
    return {
      issued,
      served,
      noShow,
      avgWaitMinutes: minutes(waitSum, called),
      p90WaitMinutes: p90WaitMinutes(period, 'rows'),
    };
  }

  /**
   * The contract's summary: the three blocks of GET /reports/summary, from the daily rollups
   * (migration 008). `summaryFromRows` computes the same from the rows with the direct
   * queries — the previous implementation, kept as the oracle the rollups are tested against.
   */
  function summary(period: Period) {
    return summaryOf(period, 'rollups');
  }

  function summaryFromRows(period: Period) {
    return summaryOf(period, 'rows');
  }

  function summaryOf(period: Period, source: Source) {
    const d = dossierCounts(period, 'all', source).get('') ?? emptyDossierCounts();
    const qc = queueSummary(period, source);
    const r = ratingCounts(period, source);
    return {
      dossiers: {
        received: d.received,
        returned: d.returned,
        inProcess: d.inProcess,
        onTime: d.onTime,
        early: d.early,
        late: d.late,
        overdueNow: d.overdueNow,
        apologyLetters: d.apologyLetters,
        onTimeRate: d.onTimeRate,
      },
      queue: {
        issued: qc.issued,
        served: qc.served,
        noShow: qc.noShow,
        avgWaitMinutes: qc.avgWaitMinutes,
        p90WaitMinutes: qc.p90WaitMinutes,
      },
      ratings: { satisfied: r.satisfied, neutral: r.neutral, unsatisfied: r.unsatisfied },
      digitisation: digitisationFigures(db, period).overall,
    };
  }

  /**
   * National satisfaction ratio (domain §7): (dossiers − those rated "không hài lòng" or
   * complained or late) / dossiers, over the dossiers settled in the period.
   */
  function satisfaction(period: Period, d: DossierCounts) {
    const bad = queries().ratedBadNotLate.get(period) ?? { unsatisfied: 0, complained: 0, n: 0 };
    const excluded = d.late + bad.n;
    const ratio = percent(d.completed - excluded, d.completed);
    return {
      dossiers: d.completed,
      late: d.late,
      ratedUnsatisfiedNotLate: bad.unsatisfied,
      complainedNotLate: bad.complained,
      excluded,
      ratio,
      fullMarks: ratio !== null && ratio >= 90,
    };
  }

  function details(period: Period, overdueLimit = 200) {
    const today = vnDate(now());
    const all = dossierCounts(period, 'all').get('') ?? emptyDossierCounts();
    const procedures = new Map(
      queries()
        .procedures.all()
        .map((p) => [p.id, p]),
    );
    const users = new Map(
      queries()
        .users.all()
        .map((u) => [u.id, u.name]),
    );
    const digitisation = digitisationFigures(db, period);
    const byProcedure = [...dossierCounts(period, 'procedure')]
      .map(([id, c]) => {
        const p = procedures.get(id);
        return {
          id,
          code: p?.code ?? id,
          name: p?.name ?? id,
          field: p?.field ?? '',
          ...c,
          digitisation: digitisation.byProcedure.get(id) ?? NO_DIGITISATION,
        };
      })
      .sort(
        (a, b) =>
          b.received - a.received || b.completed - a.completed || a.code.localeCompare(b.code),
      );
    const fields = new Map<string, DossierCounts>();
    for (const p of byProcedure) {
      let f = fields.get(p.field);
      if (!f) fields.set(p.field, (f = emptyDossierCounts()));
      for (const k of [
        'received',
        'returned',
        'early',
        'onTime',
        'late',
        'inProcess',
        'inProcessWithinTime',
        'overdueNow',
        'apologyLetters',
      ] as const) {
        f[k] += p[k];
      }
    }
    for (const f of fields.values()) finishDossierCounts(f);
    const byField = [...fields]
      .map(([field, c]) => ({ field, ...c }))
      .sort((a, b) => b.received - a.received || a.field.localeCompare(b.field, 'vi'));

    const ratingsByOfficer = new Map<string, RatingCounts>();
    for (const r of queries().ratingsByOfficer.all(period)) {
      const key = r.k ?? '';
      let c = ratingsByOfficer.get(key);
      if (!c)
        ratingsByOfficer.set(key, (c = { satisfied: 0, neutral: 0, unsatisfied: 0, total: 0 }));
      if (r.score === 'satisfied' || r.score === 'neutral' || r.score === 'unsatisfied') {
        c[r.score] += r.n;
        c.total += r.n;
      }
    }
    const officerCounts = dossierCounts(period, 'officer');
    const officerIds = new Set([...officerCounts.keys(), ...ratingsByOfficer.keys()]);
    const byOfficer = [...officerIds]
      .filter((id) => id !== '')
      .map((id) => ({
        userId: id,
        name: users.get(id) ?? id,
        ...(officerCounts.get(id) ?? emptyDossierCounts()),
        ratings: ratingsByOfficer.get(id) ?? { satisfied: 0, neutral: 0, unsatisfied: 0, total: 0 },
      }))
      .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, 'vi'));

    const queue = queueCounts(period);
    const hours = Array.from({ length: 24 }, (_, h) => ({
      hour: h,
      issued: 0,
      served: 0,
      called: 0,
      waitSum: 0,
    }));
    for (const r of queries().ticketsByDayHour.all(period)) {
      const h = hours[r.h];
      if (!h) continue;
      h.issued += r.issued;
      h.served += r.served;
      h.called += r.called;
      h.waitSum += r.waitSum ?? 0;
    }
    const counters = new Map(
      queries()
        .counters.all()
        .map((c) => [
          c.id,
          { ...c, called: 0, served: 0, noShow: 0, waitSum: 0, serviceN: 0, serviceSum: 0 },
        ]),
    );
    for (const r of queries().ticketsByDayCounter.all(period)) {
      const c = counters.get(r.counterId);
      if (!c) continue;
      c.called += r.called;
      c.served += r.served;
      c.noShow += r.noShow;
      c.waitSum += r.waitSum ?? 0;
      c.serviceN += r.serviceN;
      c.serviceSum += r.serviceSum ?? 0;
    }

    const ratings = ratingCounts(period);
    return {
      period: { from: period.from, to: period.to, asOf: asOfDate(period, today), today },
      dossiers: {
        received: all.received,
        returned: all.returned,
        early: all.early,
        onTime: all.onTime,
        late: all.late,
        completed: all.completed,
        inProcess: all.inProcess,
        inProcessWithinTime: all.inProcessWithinTime,
        inProcessOverdue: all.inProcessOverdue,
        overdueNow: all.overdueNow,
        apologyLetters: all.apologyLetters,
        onTimeRate: all.onTimeRate,
      },
      byProcedure,
      byField,
      byOfficer,
      overdue: queries()
        .overdueList.all({ to: period.to, today, limit: overdueLimit })
        .map((r) => ({
          ...r,
          daysOverdue: Math.round(
            (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.dueDate}T00:00:00Z`)) / 86_400_000,
          ),
        })),
      queue: queue.total,
      queueByService: queue.perService,
      queueByHour: hours.map((h) => ({
        hour: h.hour,
        issued: h.issued,
        served: h.served,
        avgWaitMinutes: minutes(h.waitSum, h.called),
      })),
      queueByCounter: [...counters.values()].map((c) => ({
        counterId: c.id,
        number: c.number,
        name: c.name,
        called: c.called,
        served: c.served,
        noShow: c.noShow,
        avgWaitMinutes: minutes(c.waitSum, c.called),
        avgServiceMinutes: minutes(c.serviceSum, c.serviceN),
      })),
      ratings: {
        ...ratings,
        satisfiedRate: percent(ratings.satisfied, ratings.total),
        reasons: queries()
          .ratingReasons.all(period)
          .map((r) => ({ reason: r.reason, count: r.n })),
      },
      satisfaction: satisfaction(period, all),
      digitisation: digitisation.overall,
    };
  }

  return { summary, summaryFromRows, details, dossierCounts, queries };
}
