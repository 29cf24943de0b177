/**
 * The procedure catalogue as an XLSX workbook — the spreadsheet a province publishes.
 * Same columns as CSV: export writes `proceduresToTable` to a sheet, import turns the first
 * sheet into `string[][]` (one array per sheet row, so row numbers in errors are the ones
 * Excel shows) and calls `tableToProcedures`. Mapping and cell formats: docs/catalog.md.
 *
 * A file that is not an XLSX workbook (or inflates beyond MAX_XLSX_UNCOMPRESSED_BYTES) throws
 * `XlsxFileError` with a Vietnamese and an English message; row problems are values, as CSV.
 */
import { inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';
import type { Procedure } from '../../shared/catalog/procedure';
import { neutraliseCell } from '../spreadsheet/cellGuard';
import {
  catalogColumnForHeader,
  parseCellDate,
  proceduresToTable,
  tableToProcedures,
  type CatalogColumnKey,
  type CatalogImportOptions,
  type CatalogImportResult,
} from './catalogIO';

/**
 * exceljs (≈ 27 MB of resident memory once loaded) is loaded on the first workbook, not at
 * start: the hub's serving thread seldom needs it (docs/performance.md, "Memory").
 */
async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CATALOG_SHEET_NAME = 'Danh mục thủ tục';
/** Sum of the uncompressed parts of an imported workbook: guards the hub against zip bombs. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024;

/** The file as a whole cannot be read as a workbook (HTTP 422). */
export class XlsxFileError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(vi);
    this.name = 'XlsxFileError';
  }
}

const notXlsx = (): XlsxFileError =>
  new XlsxFileError(
    'Tệp không phải bảng tính Excel .xlsx hợp lệ (tệp .xls cũ: hãy mở bằng Excel và lưu lại dưới dạng .xlsx)',
    'The file is not a valid Excel .xlsx workbook (an old .xls file: open it in Excel and save it as .xlsx)',
  );

// ---------------------------------------------------------------------------------------
// Export

const WIDTHS: Record<CatalogColumnKey, number> = {
  id: 14,
  nationalCode: 14,
  name: 42,
  field: 16,
  decidingAuthority: 22,
  timeAmount: 9,
  timeUnit: 14,
  timeNote: 30,
  verificationAmount: 12,
  verificationUnit: 16,
  feeText: 32,
  feeAmount: 12,
  documents: 70,
  legalBasis: 42,
  effectiveFrom: 12,
  effectiveTo: 12,
  queueService: 14,
  collectors: 10,
};
const NUMBER_COLUMNS = new Set<CatalogColumnKey>(['timeAmount', 'feeAmount']);
const DATE_COLUMNS = new Set<CatalogColumnKey>(['effectiveFrom', 'effectiveTo']);
const WRAPPED_COLUMNS = new Set<CatalogColumnKey>([
  'name',
  'timeNote',
  'feeText',
  'documents',
  'legalBasis',
]);

/**
 * A table cell as an Excel value: amounts as numbers, dates as date cells, the rest text,
 * neutralised like every export cell (spreadsheet/cellGuard.ts; the import strips it again).
 */
function excelValue(key: CatalogColumnKey | undefined, cell: string): ExcelJS.CellValue {
  if (cell === '') return null;
  if (key && NUMBER_COLUMNS.has(key) && /^\d+(?:\.\d+)?$/.test(cell)) return Number(cell);
  if (key && DATE_COLUMNS.has(key)) {
    const date = parseCellDate(cell);
    if (date) return new Date(`${date}T00:00:00Z`);
  }
  return neutraliseCell(cell);
}

/** One sheet "Danh mục thủ tục": bold frozen header row, the CSV columns in the CSV order. */
export async function exportCatalogXlsx(procedures: readonly Procedure[]): Promise<Buffer> {
  const [header = [], ...rows] = proceduresToTable(procedures);
  const keys = header.map((h) => catalogColumnForHeader(h)?.key);
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = 'Một Cửa Kiosk';
  const ws = wb.addWorksheet(CATALOG_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToHeight: 0 },
  });
  ws.columns = keys.map((key) => ({
    width: key ? WIDTHS[key] : 16,
    style: {
      // text columns stay text when edited in Excel: "1.000100" must not become 1.0001
      numFmt:
        key && NUMBER_COLUMNS.has(key)
          ? 'General'
          : key && DATE_COLUMNS.has(key)
            ? 'dd/mm/yyyy'
            : '@',
      alignment: { vertical: 'top', wrapText: key !== undefined && WRAPPED_COLUMNS.has(key) },
    },
  }));
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of rows) ws.addRow(row.map((cell, i) => excelValue(keys[i], cell)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------
// Import

const pad2 = (n: number): string => String(n).padStart(2, '0');
const dateText = (d: Date): string =>
  `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;

/** Numbers as Excel shows them at most (15 significant digits), never with an exponent. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(15));
  if (Number.isInteger(rounded)) return BigInt(rounded).toString();
  return String(rounded);
}

/** An Excel date serial (days since 1899-12-30, or 1904-01-01) as a date, if plausible. */
function serialDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + serial * 86_400_000);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * A cell as the text the CSV path expects: rich text joined, formulas as their cached result,
 * dates as dd/MM/yyyy, numbers as plain digits; in a date column a bare serial is a date too.
 */
export function cellText(value: unknown, dateColumn = false, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const date = dateColumn ? serialDate(value, date1904) : null;
    return date ? dateText(date) : numberText(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if (!isRecord(value)) return '';
  if (Array.isArray(value.richText)) {
    return value.richText.map((r: unknown) => (isRecord(r) ? cellText(r.text) : '')).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText(value.result, dateColumn, date1904);
  }
  if ('hyperlink' in value) return cellText(value.text);
  if (typeof value.error === 'string') return value.error;
  if ('text' in value) return cellText(value.text);
  return '';
}

/**
 * Inflate every part of the zip with a running budget before ExcelJS sees it: rejects what
 * is not a zip, and a small upload that would expand to gigabytes, without trusting the
 * sizes the archive declares.
 */
function checkZip(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint32(0, true) !== 0x04034b50) throw notXlsx();
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let budget = MAX_XLSX_UNCOMPRESSED_BYTES;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw notXlsx();
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const local = view.getUint32(p + 42, true);
    p +=
      46 +
      view.getUint16(p + 28, true) +
      view.getUint16(p + 30, true) +
      view.getUint16(p + 32, true);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw notXlsx();
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressed > bytes.length) throw notXlsx();
    const data = bytes.subarray(start, start + compressed);
    let size: number;
    if (method === 0) size = compressed;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch (e) {
        if (e instanceof RangeError) size = budget + 1;
        else throw notXlsx();
      }
    } else throw notXlsx();
    budget -= size;
    if (budget < 0) {
      throw new XlsxFileError(
        `Bảng tính quá lớn khi giải nén (tối đa ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB)`,
        `The workbook is too large when unpacked (at most ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB)`,
      );
    }
  }
}

/** Import the first sheet of a workbook. Header in row 1; blank rows are skipped. */
export async function importCatalogXlsx(
  bytes: Uint8Array,
  options: CatalogImportOptions = {},
): Promise<CatalogImportResult> {
  checkZip(bytes);
  const wb = new (await loadExcelJs()).Workbook();
  try {
    // ExcelJS types its input as an ArrayBuffer (JSZip reads both)
    await wb.xlsx.load(bytes.slice().buffer);
  } catch {
    throw notXlsx();
  }
  const ws = wb.worksheets[0];
  if (!ws) {
    throw new XlsxFileError('Bảng tính không có trang tính nào', 'The workbook has no sheet');
  }
  const date1904 = wb.properties.date1904 === true;
  const dateColumns = new Set<number>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = catalogColumnForHeader(cellText(cell.value))?.key;
    if (key === 'effectiveFrom' || key === 'effectiveTo') dateColumns.add(col);
  });
  // table[r - 1] is sheet row r; rows without cells stay holes (read as blank rows)
  const table: string[][] = [];
  ws.eachRow((row, r) => {
    const cells: string[] = [];
    // a merged range (e.g. "Lĩnh vực" over several procedures) counts in every row it covers
    row.eachCell((cell, col) => {
      cells[col - 1] = cellText(cell.value, dateColumns.has(col), date1904);
    });
    table[r - 1] = Array.from(cells, (c) => c ?? '');
  });
  return tableToProcedures(table, options);
}
