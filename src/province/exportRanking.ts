import { toCsv, toXlsx, type Table } from '../core/reports/exports';
import type { CommuneFigures } from '../shared/contract/province';
import { translate, type MessageKey } from '../shared/i18n';
import { formatVnDate } from '../shared/time/vnTime';

/**
 * The ranking as a file (docs/province.md, "Exports"): the same rows and order as the screen,
 * through the reports' one CSV / XLSX writer (UTF-8 with BOM, Vietnamese headers, every text
 * cell neutralised so no cell is read as a formula).
 */
const COLUMNS: { key: MessageKey; type: Table['columns'][number]['type']; width: number }[] = [
  { key: 'province.col.rank', type: 'int', width: 6 },
  { key: 'province.col.siteId', type: 'text', width: 16 },
  { key: 'province.col.name', type: 'text', width: 28 },
  { key: 'province.col.received', type: 'int', width: 10 },
  { key: 'province.col.onTimeRate', type: 'number', width: 11 },
  { key: 'province.col.overdue', type: 'int', width: 9 },
  { key: 'province.col.apologies', type: 'int', width: 10 },
  { key: 'province.col.lateWithApology', type: 'number', width: 14 },
  { key: 'province.col.satisfaction', type: 'number', width: 11 },
  { key: 'province.col.digitisation', type: 'number', width: 11 },
  { key: 'province.col.resultDigitisation', type: 'number', width: 12 },
  { key: 'province.col.waitP90', type: 'number', width: 12 },
  { key: 'province.col.lastReceived', type: 'datetime', width: 18 },
];

export function rankingTable(rows: readonly CommuneFigures[]): Table {
  return {
    title: translate('vi', 'province.export.title'),
    columns: COLUMNS.map((c) => ({ header: translate('vi', c.key), type: c.type, width: c.width })),
    rows: rows.map((r, i) => [
      i + 1,
      r.siteId,
      r.name,
      r.received,
      r.onTimeRate,
      r.overdue,
      r.apologies,
      r.lateWithApologyRate,
      r.satisfaction,
      r.digitisationRate,
      r.resultDigitisationRate,
      r.waitP90Minutes,
      r.lastReceivedAt,
    ]),
  };
}

export async function rankingFile(
  rows: readonly CommuneFigures[],
  period: { from: string; to: string },
  format: 'csv' | 'xlsx',
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const table = rankingTable(rows);
  const fileName = `xep-hang-xa_${period.from}_${period.to}.${format}`;
  if (format === 'csv') {
    return {
      body: Buffer.from(toCsv(table), 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      fileName,
    };
  }
  const subtitle = translate('vi', 'province.export.period', {
    from: formatVnDate(period.from),
    to: formatVnDate(period.to),
  });
  return {
    body: await toXlsx(table, subtitle),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName,
  };
}
