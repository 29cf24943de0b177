import { useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { DOSSIER_STATUS_VALUES } from '../../../shared/contract/dossiers';
import type { MessageKey } from '../../../shared/i18n';
import { formatVnDate } from '../../../shared/time/vnTime';
import { formMeta, registerSetFor } from '../../../shared/forms/formSets';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { DataTable, type Column } from '../../components/DataTable';
import { DossierDetail, type Dossier } from './DossierDetail';
import { openForm } from './ReceptionTab';

type Summary = OutputOf<'dossiers.search'>['items'][number];
type Status = (typeof DOSSIER_STATUS_VALUES)[number];
const PAGE = 20;
/** How long typing must pause before the search runs (at least 250 ms, docs/desk.md). */
export const SEARCH_DEBOUNCE_MS = 300;
/** Overdue is red; due today / due tomorrow / supplement overdue are amber. */
const WARNING_CLASS: Record<string, string> = {
  overdue: 'badge badge-danger',
  due_today: 'badge badge-amber',
  due_tomorrow: 'badge badge-amber',
  supplement_overdue: 'badge badge-amber',
  transfer_overdue: 'badge badge-amber',
};

/** Warnings panel, search (code, ID, phone, folded name) with filters and paging, detail. */
export function DossiersTab() {
  const { t, api } = useApp();
  const searchRef = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [page, setPage] = useState(1);
  const [detail, setDetail] = useState<Dossier | null>(null);

  // The search waits until typing pauses (SEARCH_DEBOUNCE_MS); the warnings are loaded once
  // and again only when a dossier changes (hub event), never per keystroke (docs/desk.md).
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  // Both reload when a dossier changes ('dossier.changed' in EVENT_INVALIDATES); the list
  // keeps the previous page on screen while the next one loads.
  const search = useOp(
    'dossiers.search',
    { ...(query ? { q: query } : {}), ...(status ? { status } : {}), page, pageSize: PAGE },
    { keepPrevious: true },
  );
  const result: { items: Summary[]; total: number } = search.data ?? { items: [], total: 0 };
  const warnings: Summary[] = useOp('dossiers.warnings', {}).data ?? [];
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function open(code: string) {
    const r = await api.call('dossiers.get', { code });
    if (r.ok) setDetail(r.data);
  }

  const columns: Column<Summary>[] = [
    {
      id: 'code',
      header: t('dossier.list.code'),
      cell: (d) => (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void open(d.code)}>
          {d.code}
        </button>
      ),
    },
    { id: 'applicant', header: t('dossier.list.applicant'), cell: (d) => d.applicantName },
    { id: 'procedure', header: t('dossier.list.procedure'), cell: (d) => d.procedureName },
    {
      id: 'status',
      header: t('dossier.list.status'),
      cell: (d) => (
        <>
          {t(`dossier.status.${d.status}` as MessageKey)}
          {d.warnings.map((w) => (
            <span
              key={w.kind}
              className={WARNING_CLASS[w.kind] ?? 'badge'}
              title={w.message}
              data-warning={w.kind}
            >
              {w.message}
            </span>
          ))}
        </>
      ),
    },
    {
      id: 'due',
      header: t('dossier.list.due'),
      cell: (d) => (d.dueDate ? formatVnDate(d.dueDate) : '—'),
    },
  ];
  const rows = (items: Summary[], testId: string) => (
    <DataTable columns={columns} rows={items} rowKey="id" testId={testId} density="normal" />
  );

  const year = new Date().getFullYear();
  return (
    <div>
      <section className="card warnings-panel" aria-labelledby="warnings-title">
        <h2 id="warnings-title">
          {t('dossier.warnings.title')} ({warnings.length})
        </h2>
        {warnings.length === 0 ? (
          <p>{t('dossier.warnings.none')}</p>
        ) : (
          <div className="warnings-scroll">{rows(warnings, 'warnings')}</div>
        )}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="search-title">
          <h2 id="search-title">{t('dossier.tab.list')}</h2>
          <label className="form-row">
            <span>{t('dossier.list.search')}</span>
            <input
              ref={searchRef}
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                setPage(1);
              }}
              data-testid="dossier-search"
            />
          </label>
          <label className="form-row">
            <span>{t('dossier.list.status')}</span>
            <select
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as Status | '');
                setPage(1);
              }}
            >
              <option value="">{t('dossier.list.all')}</option>
              {DOSSIER_STATUS_VALUES.map((s) => (
                <option key={s} value={s}>
                  {t(`dossier.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <p data-testid="dossier-total">{t('dossier.list.total', { total: result.total })}</p>
          {result.items.length === 0 ? (
            <p>{t('dossier.list.empty')}</p>
          ) : (
            rows(result.items, 'dossier-list')
          )}
          <div className="actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('dossier.list.prev')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={page * PAGE >= result.total}
              onClick={() => setPage(page + 1)}
            >
              {t('dossier.list.next')}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() =>
                void api
                  .call('dossiers.registerLink', { year })
                  .then((r) => r.ok && openForm(r.data.url))
              }
            >
              {t('dossier.form.register', {
                year,
                n: formMeta(registerSetFor(year), 'register').n,
              })}
            </button>
          </div>
        </section>
        {detail && <DossierDetail dossier={detail} onChange={setDetail} />}
      </div>
    </div>
  );
}
