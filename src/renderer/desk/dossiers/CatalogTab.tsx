import { useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { CATALOG_IMPORT_MAX_CHARS } from '../../../shared/contract/catalog';
import { processingTimeLabel } from '../../../shared/catalog/procedure';
import { useApp } from '../../app-context';
import { downloadBytes } from '../../api/download';
import { useOp } from '../../api/query';
import { DataTable, type Column } from '../../components/DataTable';

type ImportResult = OutputOf<'catalog.import'>;
type CatalogFormat = 'json' | 'csv' | 'xlsx';

/** An XLSX upload travels as base64 in the JSON body: 4 characters per 3 bytes. */
const MAX_XLSX_BYTES = Math.floor(CATALOG_IMPORT_MAX_CHARS / 4) * 3;

function formatOf(fileName: string): CatalogFormat {
  const name = fileName.toLowerCase();
  return name.endsWith('.xlsx') ? 'xlsx' : name.endsWith('.csv') ? 'csv' : 'json';
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Catalogue admin: the procedures, import JSON/CSV/XLSX (row errors shown with the
 * spreadsheet's row numbers), export JSON/CSV/XLSX.
 */
export function CatalogTab() {
  const { t, api } = useApp();
  const catalogue = useOp('procedures.list', {});
  const procedures: OutputOf<'procedures.list'> = catalogue.data ?? [];
  const [validRowsOnly, setValidRowsOnly] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const errorColumns: Column<ImportResult['errors'][number]>[] = [
    { id: 'row', header: t('catalog.row'), cell: (e) => e.row },
    { id: 'column', header: t('catalog.column'), cell: (e) => e.column ?? '' },
    { id: 'message', header: t('catalog.message'), cell: (e) => e.message },
  ];

  async function importFile(file: File) {
    const format = formatOf(file.name);
    if (format === 'xlsx' && file.size > MAX_XLSX_BYTES) {
      setResult(null);
      setError(t('catalog.fileTooLarge', { max: Math.floor(MAX_XLSX_BYTES / 1024) }));
      return;
    }
    const content =
      format === 'xlsx' ? toBase64(new Uint8Array(await file.arrayBuffer())) : await file.text();
    const r = await api.call('catalog.import', { format, content, validRowsOnly });
    if (!r.ok) {
      setResult(null);
      setError(r.error.message);
      return;
    }
    setError(null);
    setResult(r.data);
    void catalogue.refetch();
  }

  async function exportFile(format: CatalogFormat) {
    const r = await api.call('catalog.export', { format });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    downloadBytes(r.data.fileName, r.data.contentType, r.data.body);
  }

  return (
    <section className="card" aria-labelledby="catalog-title">
      <h2 id="catalog-title">{t('catalog.title')}</h2>
      <div className="actions">
        <label className="btn">
          {t('catalog.import')}
          <input
            type="file"
            accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
        <button type="button" className="btn" onClick={() => void exportFile('xlsx')}>
          {t('catalog.exportXlsx')}
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
          <p>
            {result.imported > 0
              ? t('catalog.rowErrorsPartial', {
                  count: result.errors.length,
                  imported: result.imported,
                })
              : t('catalog.rowErrors', { count: result.errors.length })}
          </p>
          <DataTable
            columns={errorColumns}
            rows={result.errors}
            rowKey={(_, i) => i}
            density="normal"
          />
        </div>
      )}
      {result && result.ignoredColumns.length > 0 && (
        <p className="hint" data-testid="catalog-ignored">
          {t('catalog.ignoredColumns', { columns: result.ignoredColumns.join(', ') })}
        </p>
      )}
      <DataTable
        header={false}
        density="normal"
        columns={procedureColumns}
        rows={procedures}
        rowKey="id"
        testId="catalog-list"
      />
    </section>
  );
}

type Procedure = OutputOf<'procedures.list'>[number];

/** The catalogue list: code, name, field and the processing time. */
const procedureColumns: Column<Procedure>[] = [
  { id: 'code', header: null, cell: (p) => p.code },
  { id: 'name', header: null, cell: (p) => p.name },
  { id: 'field', header: null, cell: (p) => p.field },
  {
    id: 'time',
    header: null,
    cell: (p) => processingTimeLabel(p.processingTime, 'vi'),
  },
];
