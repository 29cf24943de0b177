import { useState } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import { REPORT_EXPORT_KINDS, type ReportExportKind } from '../../../shared/contract/reports';
import type { MessageKey } from '../../../shared/i18n';
import {
  periodOf,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
} from '../../../shared/reports/period';
import { formatVnDate, vnDate } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { downloadBytes } from '../../api/download';
import { useOp } from '../../api/query';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ColumnChart, DonutChart, StackedBars } from './charts';
import './reports.css';

type Details = OutputOf<'reports.details'>;
type Choice = PeriodKind | 'custom';

const COLORS = {
  early: '#1b7f3b',
  onTime: '#5cb85c',
  within: '#7fa7d9',
  overdue: '#d9822b',
  late: '#c0392b',
  satisfied: '#1b7f3b',
  neutral: '#e0b000',
  unsatisfied: '#c0392b',
  bar: '#1f5fa8',
};

/** The reports dashboard: a period, the figures that matter, charts, tables and exports. */
export function ReportsTab() {
  const { t, api } = useApp();
  const today = vnDate(new Date());
  const [choice, setChoice] = useState<Choice>('day');
  const [custom, setCustom] = useState<Period>(() => periodOf('month', today));
  const [period, setPeriod] = useState<Period>(() => periodOf('day', today));
  const details = useOp('reports.details', period, { keepPrevious: true });
  // An export's failure is shown where the report's own error is.
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const error = exportError ?? details.error;
  const busy = details.loading;

  const pick = (c: Choice) => {
    setChoice(c);
    if (c !== 'custom') setPeriod(periodOf(c, today));
  };
  const exportFile = async (kind: ReportExportKind, format: 'csv' | 'xlsx' | 'html') => {
    const r = await api.call('reports.export', { kind, format, ...period });
    if (!r.ok) return setExportError(r.error);
    setExportError(null);
    if (format === 'html') {
      const blob = new Blob([r.data.body as BlobPart], { type: r.data.contentType });
      window.open(URL.createObjectURL(blob), '_blank', 'noopener');
    } else downloadBytes(r.data.fileName, r.data.contentType, r.data.body);
  };
  const exportProvince = async () => {
    const r = await api.call('reports.province', period);
    if (!r.ok) return setExportError(r.error);
    setExportError(null);
    downloadBytes(
      `bao-cao-tinh_${period.from}_${period.to}.json`,
      'application/json',
      JSON.stringify(r.data, null, 2),
    );
  };

  const pct = (v: number | null) =>
    v === null ? t('reports.none') : `${v.toLocaleString('vi-VN')}%`;
  const min = (v: number | null) =>
    v === null ? t('reports.none') : t('reports.minutes', { value: v.toLocaleString('vi-VN') });
  const d: Details | undefined = details.data;
  const none = t('reports.none');

  return (
    <div className="stack rp" data-testid="reports">
      <section className="card rp-period" aria-labelledby="rp-title">
        <h2 id="rp-title">{t('reports.title')}</h2>
        <div className="rp-choices" role="group" aria-label={t('reports.period')}>
          {[...PERIOD_KINDS, 'custom' as const].map((c) => (
            <button
              key={c}
              type="button"
              className={`btn ${choice === c ? 'btn-primary' : 'btn-ghost'}`}
              aria-pressed={choice === c}
              onClick={() => pick(c)}
            >
              {t(`reports.period.${c}` as MessageKey)}
            </button>
          ))}
        </div>
        {choice === 'custom' && (
          <form
            className="rp-custom"
            onSubmit={(e) => {
              e.preventDefault();
              setPeriod({ ...custom });
            }}
          >
            <label>
              {t('reports.from')}
              <input
                type="date"
                value={custom.from}
                onChange={(e) => setCustom({ ...custom, from: e.target.value })}
              />
            </label>
            <label>
              {t('reports.to')}
              <input
                type="date"
                value={custom.to}
                onChange={(e) => setCustom({ ...custom, to: e.target.value })}
              />
            </label>
            <button type="submit" className="btn btn-primary">
              {t('reports.apply')}
            </button>
          </form>
        )}
        <p className="hint" data-testid="report-range">
          {t('reports.range', { from: formatVnDate(period.from), to: formatVnDate(period.to) })}
          {d ? ` — ${t('reports.asOf', { date: formatVnDate(d.period.asOf) })}` : ''}
          {busy ? ` — ${t('reports.loading')}` : ''}
        </p>
        <ErrorMessage error={error} />
      </section>

      {d && (
        <>
          <section className="card" aria-labelledby="rp-dossiers">
            <h2 id="rp-dossiers">{t('reports.section.dossiers')}</h2>
            <div className="rp-tiles">
              <Tile label={t('reports.kpi.received')} value={d.dossiers.received} />
              <Tile label={t('reports.kpi.returned')} value={d.dossiers.returned} />
              <Tile label={t('reports.kpi.inProcess')} value={d.dossiers.inProcess} />
              <Tile
                label={t('reports.kpi.onTimeRate')}
                value={pct(d.dossiers.onTimeRate)}
                tone={
                  d.dossiers.onTimeRate !== null && d.dossiers.onTimeRate < 90 ? 'warn' : 'good'
                }
                testId="kpi-on-time-rate"
              />
              <Tile
                label={t('reports.kpi.overdueNow')}
                value={d.dossiers.overdueNow}
                tone={d.dossiers.overdueNow > 0 ? 'bad' : 'good'}
              />
              <Tile
                label={t('reports.kpi.digitisationRate', {
                  digitised: d.digitisation.digitised,
                  dossiers: d.digitisation.dossiers,
                })}
                value={pct(d.digitisation.rate)}
                testId="kpi-digitisation-rate"
              />
              <Tile
                label={t('reports.kpi.resultsDigitised')}
                value={d.digitisation.resultsDigitised}
                testId="kpi-results-digitised"
              />
            </div>
            <div className="rp-charts">
              <DonutChart
                title={t('reports.chart.onTime')}
                center={pct(d.dossiers.onTimeRate)}
                sub={t('reports.kpi.onTimeRate')}
                segments={[
                  { label: t('reports.class.early'), value: d.dossiers.early, color: COLORS.early },
                  {
                    label: t('reports.class.onTime'),
                    value: d.dossiers.onTime,
                    color: COLORS.onTime,
                  },
                  {
                    label: t('reports.class.within'),
                    value: d.dossiers.inProcessWithinTime,
                    color: COLORS.within,
                  },
                  {
                    label: t('reports.class.overdue'),
                    value: d.dossiers.inProcessOverdue,
                    color: COLORS.overdue,
                  },
                  { label: t('reports.class.late'), value: d.dossiers.late, color: COLORS.late },
                ]}
              />
              {d.byProcedure.length > 0 && (
                <StackedBars
                  title={t('reports.chart.byProcedure')}
                  rows={d.byProcedure.slice(0, 10).map((p) => ({
                    label: p.name,
                    parts: [p.early + p.onTime, p.late, p.inProcessWithinTime, p.inProcessOverdue],
                  }))}
                  legend={[
                    {
                      label: `${t('reports.class.early')} / ${t('reports.class.onTime')}`,
                      color: COLORS.onTime,
                    },
                    { label: t('reports.class.late'), color: COLORS.late },
                    { label: t('reports.class.within'), color: COLORS.within },
                    { label: t('reports.class.overdue'), color: COLORS.overdue },
                  ]}
                />
              )}
            </div>
            <h3>{t('reports.overdue')}</h3>
            {d.overdue.length === 0 ? (
              <p>{t('reports.noOverdue')}</p>
            ) : (
              <DataTable
                testId="overdue-list"
                rows={d.overdue}
                rowKey={(o) => o.code}
                columns={overdueColumns(t)}
              />
            )}
            <div className="rp-grid2">
              <div>
                <h3>{t('reports.byField')}</h3>
                <DataTable
                  testId="by-field"
                  rows={d.byField}
                  rowKey={(f) => f.field}
                  columns={byFieldColumns(t, pct)}
                />
              </div>
              <div>
                <h3>{t('reports.byOfficer')}</h3>
                <DataTable
                  testId="by-officer"
                  rows={d.byOfficer}
                  rowKey={(o) => o.userId}
                  columns={byOfficerColumns(t, pct)}
                />
              </div>
            </div>
          </section>

          <section className="card" aria-labelledby="rp-queue">
            <h2 id="rp-queue">{t('reports.section.queue')}</h2>
            <div className="rp-tiles">
              <Tile label={t('reports.kpi.issued')} value={d.queue.issued} />
              <Tile label={t('reports.kpi.served')} value={d.queue.served} />
              <Tile label={t('reports.kpi.noShow')} value={d.queue.noShow} />
              <Tile label={t('reports.kpi.avgWait')} value={min(d.queue.avgWaitMinutes)} />
              <Tile label={t('reports.kpi.p90Wait')} value={min(d.queue.p90WaitMinutes)} />
              <Tile
                label={t('reports.kpi.overTarget')}
                value={pct(d.queue.overTargetRate)}
                tone={
                  d.queue.overTargetRate !== null && d.queue.overTargetRate > 20 ? 'warn' : 'good'
                }
              />
            </div>
            <div className="rp-charts">
              <ColumnChart
                title={t('reports.chart.byHour')}
                color={COLORS.bar}
                bars={d.queueByHour
                  .filter((h) => (h.hour >= 7 && h.hour <= 17) || h.issued > 0)
                  .map((h) => ({ label: `${h.hour}h`, value: h.issued }))}
              />
              <div className="rp-grow">
                <h3>{t('reports.byService')}</h3>
                <DataTable
                  testId="by-service"
                  rows={d.queueByService}
                  rowKey={(s) => s.serviceId}
                  columns={byServiceColumns(t, pct, none)}
                />
                <h3>{t('reports.byCounter')}</h3>
                <DataTable
                  testId="by-counter"
                  rows={d.queueByCounter}
                  rowKey={(c) => c.counterId}
                  columns={byCounterColumns(t, none)}
                />
              </div>
            </div>
          </section>

          <section className="card" aria-labelledby="rp-ratings">
            <h2 id="rp-ratings">{t('reports.section.ratings')}</h2>
            <div className="rp-charts">
              <DonutChart
                title={t('reports.chart.satisfaction')}
                center={pct(d.ratings.satisfiedRate)}
                sub={t('reports.kpi.satisfiedRate')}
                segments={[
                  {
                    label: t('rating.score.satisfied'),
                    value: d.ratings.satisfied,
                    color: COLORS.satisfied,
                  },
                  {
                    label: t('rating.score.neutral'),
                    value: d.ratings.neutral,
                    color: COLORS.neutral,
                  },
                  {
                    label: t('rating.score.unsatisfied'),
                    value: d.ratings.unsatisfied,
                    color: COLORS.unsatisfied,
                  },
                ]}
              />
              <div className="rp-grow">
                <Tile
                  label={t('reports.kpi.nationalRatio')}
                  value={pct(d.satisfaction.ratio)}
                  tone={d.satisfaction.fullMarks ? 'good' : 'warn'}
                  testId="kpi-national-ratio"
                />
                <p className="hint">
                  {t('reports.national', {
                    ratio: pct(d.satisfaction.ratio),
                    bad: d.satisfaction.excluded,
                    total: d.satisfaction.dossiers,
                  })}
                </p>
                <h3>{t('reports.reasons')}</h3>
                {d.ratings.reasons.length === 0 ? (
                  <p>{t('reports.noData')}</p>
                ) : (
                  <DataTable
                    testId="reasons"
                    rows={d.ratings.reasons}
                    rowKey={(r) => r.reason}
                    columns={reasonColumns(t)}
                  />
                )}
              </div>
            </div>
          </section>

          <section className="card" aria-labelledby="rp-exports">
            <h2 id="rp-exports">{t('reports.section.exports')}</h2>
            <div className="rp-exports">
              {REPORT_EXPORT_KINDS.map((kind) => (
                <div key={kind} className="rp-export">
                  <span>{t(`reports.export.${kind}`)}</span>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    onClick={() => void exportFile(kind, 'xlsx')}
                  >
                    Excel
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    onClick={() => void exportFile(kind, 'csv')}
                  >
                    CSV
                  </button>
                  {kind === 'register' && (
                    <button
                      type="button"
                      className="btn btn-ghost"
                      onClick={() => void exportFile(kind, 'html')}
                    >
                      {t('reports.export.print')}
                    </button>
                  )}
                </div>
              ))}
              <div className="rp-export">
                <span>{t('reports.export.province')}</span>
                <button
                  type="button"
                  className="btn btn-ghost"
                  onClick={() => void exportProvince()}
                >
                  JSON
                </button>
              </div>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function Tile(props: {
  label: string;
  value: number | string;
  tone?: 'good' | 'warn' | 'bad';
  testId?: string;
}) {
  return (
    <div className={`rp-tile ${props.tone ? `rp-${props.tone}` : ''}`} data-testid={props.testId}>
      <div className="rp-tile-value">{props.value}</div>
      <div className="rp-tile-label">{props.label}</div>
    </div>
  );
}

// The six report tables: their columns, in the order shown.
type T = ReturnType<typeof useApp>['t'];
type Pct = (v: number | null) => string;

function overdueColumns(t: T): Column<Details['overdue'][number]>[] {
  return [
    { id: 'code', header: t('reports.col.code'), cell: (o) => o.code },
    { id: 'procedure', header: t('reports.col.procedure'), cell: (o) => o.procedureName },
    { id: 'applicant', header: t('reports.col.applicant'), cell: (o) => o.applicantName },
    { id: 'due', header: t('reports.col.due'), cell: (o) => formatVnDate(o.dueDate) },
    {
      id: 'days',
      header: t('reports.col.daysOverdue'),
      cell: (o) => o.daysOverdue,
      numeric: true,
      className: 'rp-bad',
    },
    { id: 'unit', header: t('reports.col.unit'), cell: (o) => o.unit ?? '' },
  ];
}

function byFieldColumns(t: T, pct: Pct): Column<Details['byField'][number]>[] {
  return [
    { id: 'field', header: t('reports.col.field'), cell: (f) => f.field },
    { id: 'received', header: t('reports.col.received'), cell: (f) => f.received, numeric: true },
    {
      id: 'completed',
      header: t('reports.col.completed'),
      cell: (f) => f.completed,
      numeric: true,
    },
    {
      id: 'inProcess',
      header: t('reports.col.inProcess'),
      cell: (f) => f.inProcess,
      numeric: true,
    },
    { id: 'rate', header: t('reports.col.rate'), cell: (f) => pct(f.onTimeRate), numeric: true },
  ];
}

function byOfficerColumns(t: T, pct: Pct): Column<Details['byOfficer'][number]>[] {
  return [
    { id: 'officer', header: t('reports.col.officer'), cell: (o) => o.name },
    { id: 'received', header: t('reports.col.received'), cell: (o) => o.received, numeric: true },
    { id: 'rate', header: t('reports.col.rate'), cell: (o) => pct(o.onTimeRate), numeric: true },
    {
      id: 'ratings',
      header: t('reports.col.ratings'),
      cell: (o) => `${o.ratings.satisfied} / ${o.ratings.total}`,
      numeric: true,
    },
  ];
}

function byServiceColumns(
  t: T,
  pct: Pct,
  none: string,
): Column<Details['queueByService'][number]>[] {
  return [
    { id: 'service', header: t('reports.col.service'), cell: (s) => `${s.prefix} — ${s.name}` },
    { id: 'issued', header: t('reports.kpi.issued'), cell: (s) => s.issued, numeric: true },
    { id: 'served', header: t('reports.col.served'), cell: (s) => s.served, numeric: true },
    {
      id: 'avgWait',
      header: t('reports.col.avgWait'),
      cell: (s) => s.avgWaitMinutes ?? none,
      numeric: true,
    },
    {
      id: 'overTarget',
      header: t('reports.col.overTarget'),
      cell: (s) => pct(s.overTargetRate),
      numeric: true,
    },
  ];
}

function byCounterColumns(t: T, none: string): Column<Details['queueByCounter'][number]>[] {
  return [
    { id: 'counter', header: t('reports.col.counter'), cell: (c) => c.name },
    { id: 'called', header: t('reports.col.called'), cell: (c) => c.called, numeric: true },
    { id: 'served', header: t('reports.col.served'), cell: (c) => c.served, numeric: true },
    { id: 'noShow', header: t('reports.col.noShow'), cell: (c) => c.noShow, numeric: true },
    {
      id: 'avgWait',
      header: t('reports.col.avgWait'),
      cell: (c) => c.avgWaitMinutes ?? none,
      numeric: true,
    },
    {
      id: 'avgService',
      header: t('reports.col.avgService'),
      cell: (c) => c.avgServiceMinutes ?? none,
      numeric: true,
    },
  ];
}

function reasonColumns(t: T): Column<Details['ratings']['reasons'][number]>[] {
  return [
    {
      id: 'reason',
      header: t('reports.col.reason'),
      cell: (r) => t(`rating.reason.${r.reason}` as MessageKey),
    },
    { id: 'count', header: t('reports.col.count'), cell: (r) => r.count, numeric: true },
  ];
}
