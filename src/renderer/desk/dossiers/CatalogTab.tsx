import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { useApp } from '../../app-context';

type ImportResult = OutputOf<'catalog.import'>;

/** Catalogue admin: the procedures, import JSON/CSV (row errors shown), export JSON/CSV. */
export function CatalogTab() {
  const { t, api } = useApp();
  const [procedures, setProcedures] = useState<OutputOf<'procedures.list'>>([]);
  const [validRowsOnly, setValidRowsOnly] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    void api.call('procedures.list', {}).then((r) => r.ok && setProcedures(r.data));
  useEffect(load, [api]);

  async function importFile(file: File) {
    const content = await file.text();
    const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
    const r = await api.call('catalog.import', { format, content, validRowsOnly });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    setResult(r.data);
    load();
  }

  async function exportFile(format: 'json' | 'csv') {
    const r = await api.call('catalog.export', { format });
    if (!r.ok) return;
    const url = URL.createObjectURL(new Blob([r.data.content], { type: r.data.mimeType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.data.filename;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="card" aria-labelledby="catalog-title">
      <h2 id="catalog-title">{t('catalog.title')}</h2>
      <div className="actions">
        <label className="btn">
          {t('catalog.import')}
          <input
            type="file"
            accept=".json,.csv"
            hidden
            data-testid="catalog-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importFile(f);
              e.target.value = '';
            }}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={validRowsOnly}
            onChange={(e) => setValidRowsOnly(e.target.checked)}
          />{' '}
          {t('catalog.validRowsOnly')}
        </label>
        <button type="button" className="btn" onClick={() => void exportFile('json')}>
          {t('catalog.exportJson')}
        </button>
        <button type="button" className="btn" onClick={() => void exportFile('csv')}>
          {t('catalog.exportCsv')}
        </button>
      </div>
      {error && (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      )}
      {result && result.errors.length === 0 && (
        <p className="alert alert-ok">
          {t('catalog.imported', {
            count: result.imported,
            added: result.added,
            updated: result.updated,
          })}
        </p>
      )}
      {result && result.errors.length > 0 && (
        <div role="alert" className="alert alert-error" data-testid="catalog-errors">
          <p>{t('catalog.rowErrors', { count: result.errors.length })}</p>
          <table className="table">
            <thead>
              <tr>
                <th>{t('catalog.row')}</th>
                <th>{t('catalog.column')}</th>
                <th>{t('catalog.message')}</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>{e.column ?? ''}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <table className="table" data-testid="catalog-list">
        <tbody>
          {procedures.map((p) => (
            <tr key={p.id}>
              <td>{p.code}</td>
              <td>{p.name}</td>
              <td>{p.field}</td>
              <td>
                {p.processingTime.unit === 'same_day'
                  ? 'Trong ngày'
                  : `${p.processingTime.amount} ${p.processingTime.unit === 'working_day' ? 'ngày làm việc' : p.processingTime.unit === 'day' ? 'ngày' : 'giờ'}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
