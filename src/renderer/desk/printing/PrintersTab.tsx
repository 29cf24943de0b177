import { useEffect, useMemo, useState } from 'react';
import type { ApiError, OutputOf, PrintJob } from '../../../shared/contract';
import { formatVnDateTime } from '../../../shared/time/vnTime';
import { isMessageKey, type MessageKey } from '../../../shared/i18n';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorMessage, FormOutcome } from '../../components/ErrorMessage';

type Status = OutputOf<'printers.status'>;

/** Printers and recent print jobs: nothing that failed is hidden, everything can be reprinted. */
export function PrintersTab() {
  const { t, api, session } = useApp();
  // Live: 'print.job' and 'printers.changed' reload both (src/renderer/api/query.tsx).
  const printers = useOp('printers.status', {});
  const failed = useOp('printJobs.list', { status: 'failed', limit: 30 });
  const recent = useOp('printJobs.list', { limit: 30 });
  const status: Status = printers.data ?? [];
  // Failures first (even older than the last 30 jobs), then the rest, newest first.
  const jobs: PrintJob[] = useMemo(() => {
    if (!failed.data || !recent.data) return [];
    const ids = new Set(failed.data.map((j) => j.id));
    return [...failed.data, ...recent.data.filter((j) => !ids.has(j.id))];
  }, [failed.data, recent.data]);
  const [error, setError] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  /** After a retry or a profile change: the printers and both job lists, now. */
  const reload = () => Promise.all([printers.refetch(), failed.refetch(), recent.refetch()]);

  /** "Giấy tiếp nhận — 000.00.14.H56-261207-0002" (docs/desk.md, "Print jobs"). */
  const jobName = (j: PrintJob) => {
    const key = `printing.kindName.${j.kind}`;
    const name = isMessageKey(key) ? t(key) : j.kind;
    return j.refLabel ? (
      <>
        {name} — <span className="nowrap">{j.refLabel}</span>
      </>
    ) : (
      name
    );
  };

  const retry = async (id: string) => {
    const r = await api.call('printJobs.retry', { id });
    setError(r.ok ? null : r.error);
    void reload();
  };
  const showPreview = async (id: string) => {
    const r = await api.call('printJobs.preview', { id });
    if (r.ok) setPreview(r.data.png);
    else setError(r.error);
  };

  const columns: Column<PrintJob>[] = [
    { id: 'at', header: t('admin.auditAt'), cell: (j) => formatVnDateTime(new Date(j.createdAt)) },
    { id: 'kind', header: t('printing.kind'), cell: jobName, testId: 'print-job-name' },
    {
      id: 'status',
      header: t('printing.statusHeader'),
      cell: (j) => t(`printing.status.${j.status}` as MessageKey),
    },
    { id: 'attempts', header: t('printing.attempts'), cell: (j) => j.attempts },
    {
      id: 'error',
      header: t('printing.error'),
      cell: (j) => (
        <>
          {j.error?.message}
          {j.nextAttemptAt && (
            <div className="hint">
              {t('printing.nextAttempt', { time: formatVnDateTime(new Date(j.nextAttemptAt)) })}
            </div>
          )}
        </>
      ),
    },
    {
      id: 'actions',
      header: null,
      className: 'actions',
      cell: (j) => (
        <>
          {session && j.status !== 'printing' && j.status !== 'queued' && j.status !== 'screen' && (
            <button type="button" className="btn btn-small" onClick={() => void retry(j.id)}>
              {t('printing.retry')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => void showPreview(j.id)}
          >
            {t('printing.preview')}
          </button>
        </>
      ),
    },
  ];

  return (
    <div className="stack">
      <section className="card" aria-labelledby="printers-title">
        <h2 id="printers-title">{t('printing.title')}</h2>
        {status.length === 0 ? (
          <p>{t('printing.noPrinters')}</p>
        ) : (
          <ul className="counter-list" data-testid="printer-list">
            {status.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong> — <span className={`state-${p.state}`}>{p.message}</span>
                {p.detail && <span className="hint"> ({p.detail})</span>}
                {p.failedJobs > 0 && (
                  <span className="badge">
                    {t('printing.status.failed')}: {p.failedJobs}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="jobs-title">
        <h2 id="jobs-title">{t('printing.jobs')}</h2>
        <ErrorMessage error={error} />
        <DataTable
          columns={columns}
          rows={jobs}
          rowKey="id"
          rowClassName={(j) => (j.status === 'failed' ? 'row-failed' : undefined)}
          testId="print-jobs"
        />
        {preview && (
          <div className="slip-preview">
            <img src={preview} alt={t('printing.preview')} />
            <button type="button" className="btn btn-ghost" onClick={() => setPreview(null)}>
              {t('common.close')}
            </button>
          </div>
        )}
      </section>
      {session?.user.role === 'admin' && <PrinterProfilesEditor onSaved={() => void reload()} />}
    </div>
  );
}

function PrinterProfilesEditor({ onSaved }: { onSaved(): void }) {
  const { t, api } = useApp();
  const [text, setText] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void api.call('printers.list', {}).then((r) => {
      if (r.ok) {
        setText(JSON.stringify(r.data, null, 2));
        setIds(r.data.map((p) => p.id));
      }
    });
  }, [api]);
  const save = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      setError(t('printing.invalidJson'));
      return;
    }
    const r = await api.call('printers.replace', { printers: parsed as OutputOf<'printers.list'> });
    if (r.ok) {
      setError(null);
      setNotice(t('admin.saved'));
      setIds(r.data.map((p) => p.id));
      onSaved();
    } else {
      setNotice(null);
      setError(r.error);
    }
  };
  const test = async (id: string) => {
    const r = await api.call('printers.test', { id });
    if (!r.ok || r.data.status === 'failed') {
      setNotice(null);
      setError(r.ok ? (r.data.error?.message ?? null) : r.error);
    } else {
      setError(null);
      setNotice(
        `${t('printing.testPrint')}: ${t(`printing.status.${r.data.status}` as MessageKey)}`,
      );
    }
    onSaved();
  };
  return (
    <section className="card" aria-labelledby="profiles-title">
      <h2 id="profiles-title">{t('printing.profiles')}</h2>
      <p className="hint">{t('printing.profilesHint')}</p>
      <textarea
        className="code-editor"
        aria-label={t('printing.profiles')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={12}
        spellCheck={false}
      />
      <div className="form-row">
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('admin.save')}
        </button>
        {ids.map((id) => (
          <button key={id} type="button" className="btn btn-ghost" onClick={() => void test(id)}>
            {t('printing.testPrint')}: {id}
          </button>
        ))}
      </div>
      <FormOutcome error={error} notice={notice} />
    </section>
  );
}
