/**
 * Import / export of the procedure catalogue as JSON and as CSV (XLSX, in catalogXlsx.ts,
 * uses the same table: `proceduresToTable` / `tableToProcedures`). Column mapping and cell
 * formats: docs/catalog.md.
 *
 * Every import returns `{ ok, errors }`: `ok` = the procedures to import, `errors` = one
 * entry per problem with its row (spreadsheet row: header = 1, first procedure = 2; for
 * JSON the 1-based position in `procedures`) and column (Vietnamese header for CSV/XLSX,
 * field path for JSON). If there is any error, `ok` is empty unless the caller passes
 * `validRowsOnly: true`, in which case the valid rows are returned next to the errors.
 * File-level problems (not UTF-8, broken CSV quoting, missing required column, invalid
 * JSON) have row 0 or the row where parsing broke and always import nothing.
 */
import type { z } from 'zod';
import { foldVietnamese } from '../../shared/text/fold';
import { isVnDate, makeVnDate } from '../../shared/time/vnTime';
import {
  CATALOG_FORMAT,
  CATALOG_VERSION,
  DOCUMENT_KINDS,
  DOCUMENT_KIND_LABELS,
  TIME_UNITS,
  TIME_UNIT_LABELS,
  procedureSchema,
} from '../../shared/catalog/procedure';
import type {
  DocumentKind,
  Procedure,
  ProcedureTimeUnit,
  RequiredDocument,
} from '../../shared/catalog/procedure';
import { unneutraliseCell } from '../spreadsheet/cellGuard';
import { parseCsv, writeCsv, type CsvWriteOptions } from '../spreadsheet/csv';

export interface CatalogRowError {
  row: number;
  column: string | null;
  message: string;
}

export interface CatalogImportResult {
  ok: Procedure[];
  errors: CatalogRowError[];
  /** CSV/XLSX: headers that were not recognised and were ignored (e.g. "STT"). */
  ignoredColumns: string[];
}

export interface CatalogImportOptions {
  /** Import the valid rows even if other rows have errors. Default false: all or nothing. */
  validRowsOnly?: boolean;
}

// ---------------------------------------------------------------------------------------
// Columns

export type CatalogColumnKey =
  | 'id'
  | 'nationalCode'
  | 'name'
  | 'field'
  | 'decidingAuthority'
  | 'timeAmount'
  | 'timeUnit'
  | 'timeNote'
  | 'verificationAmount'
  | 'verificationUnit'
  | 'feeText'
  | 'feeAmount'
  | 'documents'
  | 'legalBasis'
  | 'effectiveFrom'
  | 'effectiveTo'
  | 'queueService'
  | 'collectors';

export interface CatalogColumn {
  key: CatalogColumnKey;
  /** Header written on export (and matched on import, accents and case ignored). */
  header: string;
  /** Other accepted headers. */
  aliases: readonly string[];
  required: boolean;
}

/** The column mapping, in export order. CSV and XLSX share it. */
export const CATALOG_COLUMNS: readonly CatalogColumn[] = [
  { key: 'id', header: 'Mã nội bộ', aliases: ['ID'], required: false },
  { key: 'nationalCode', header: 'Mã thủ tục', aliases: ['Mã TTHC', 'Mã số TTHC'], required: true },
  {
    key: 'name',
    header: 'Tên thủ tục',
    aliases: ['Tên TTHC', 'Tên thủ tục hành chính'],
    required: true,
  },
  { key: 'field', header: 'Lĩnh vực', aliases: [], required: true },
  {
    key: 'decidingAuthority',
    header: 'Cơ quan giải quyết',
    aliases: ['Cơ quan có thẩm quyền', 'Cơ quan có thẩm quyền quyết định', 'Cơ quan thực hiện'],
    required: true,
  },
  { key: 'timeAmount', header: 'Thời hạn', aliases: ['Thời hạn giải quyết'], required: true },
  { key: 'timeUnit', header: 'Đơn vị thời hạn', aliases: [], required: true },
  { key: 'timeNote', header: 'Ghi chú thời hạn', aliases: [], required: false },
  {
    key: 'verificationAmount',
    header: 'Thời hạn khi cần xác minh',
    aliases: [],
    required: false,
  },
  {
    key: 'verificationUnit',
    header: 'Đơn vị thời hạn khi cần xác minh',
    aliases: [],
    required: false,
  },
  {
    key: 'feeText',
    header: 'Phí, lệ phí',
    aliases: ['Phí lệ phí', 'Lệ phí', 'Phí'],
    required: false,
  },
  { key: 'feeAmount', header: 'Mức phí (đồng)', aliases: ['Mức phí', 'Số tiền'], required: false },
  { key: 'documents', header: 'Thành phần hồ sơ', aliases: [], required: true },
  { key: 'legalBasis', header: 'Căn cứ pháp lý', aliases: [], required: false },
  {
    key: 'effectiveFrom',
    header: 'Hiệu lực từ',
    aliases: ['Ngày hiệu lực', 'Có hiệu lực từ'],
    required: true,
  },
  { key: 'effectiveTo', header: 'Hiệu lực đến', aliases: ['Hết hiệu lực'], required: false },
  { key: 'queueService', header: 'Dịch vụ xếp hàng', aliases: ['Dịch vụ'], required: false },
  {
    key: 'collectors',
    header: 'Số người nhận kết quả',
    aliases: ['Người nhận kết quả'],
    required: false,
  },
];

const COLUMN_BY_KEY = new Map(CATALOG_COLUMNS.map((c) => [c.key, c]));
const headerOf = (key: CatalogColumnKey): string => COLUMN_BY_KEY.get(key)?.header ?? key;

const COLUMN_BY_FOLDED = new Map<string, CatalogColumn>();
for (const c of CATALOG_COLUMNS) {
  for (const h of [c.header, ...c.aliases]) COLUMN_BY_FOLDED.set(foldVietnamese(h), c);
}

/** The column a header names (export header or alias, accents and case ignored), if any. */
export function catalogColumnForHeader(header: string): CatalogColumn | undefined {
  return COLUMN_BY_FOLDED.get(foldVietnamese(header.trim()));
}

/** Headers that are silently ignored (row numbers in spreadsheets). */
const IGNORED_SILENTLY = new Set(['stt', 'so thu tu']);

// ---------------------------------------------------------------------------------------
// Cell formats

const UNIT_BY_FOLDED = new Map<string, ProcedureTimeUnit>();
for (const u of TIME_UNITS) {
  UNIT_BY_FOLDED.set(u, u);
  UNIT_BY_FOLDED.set(foldVietnamese(TIME_UNIT_LABELS.vi[u]), u);
}
UNIT_BY_FOLDED.set('ngay lam viec', 'working_day');
UNIT_BY_FOLDED.set('ngay trong ngay', 'same_day');
UNIT_BY_FOLDED.set('ngay', 'day');
UNIT_BY_FOLDED.set('gio lam viec', 'hour');

const KIND_BY_FOLDED = new Map<string, DocumentKind>();
for (const k of DOCUMENT_KINDS) {
  KIND_BY_FOLDED.set(k, k);
  KIND_BY_FOLDED.set(foldVietnamese(DOCUMENT_KIND_LABELS.vi[k]), k);
}
KIND_BY_FOLDED.set('ban sao co chung thuc', 'certified_copy');
KIND_BY_FOLDED.set('ban chinh hoac ban sao chung thuc', 'original_or_copy');
KIND_BY_FOLDED.set('ban chinh hoac ban sao co chung thuc', 'original_or_copy');

const OPTIONAL_WORDS = new Set(['khong bat buoc', 'tuy chon', 'neu co', 'optional']);
const COUNT_RE = /^(?:[x×]\s*(\d+)|(\d+)\s*(?:ban|bo)?)$/;

/** One item of the "Thành phần hồ sơ" cell, as exported: `Name [bản chính, 1 bản]`. */
export function formatDocumentCell(docs: readonly RequiredDocument[]): string {
  return docs
    .map((d) => {
      const attrs = [DOCUMENT_KIND_LABELS.vi[d.kind].toLowerCase(), `${d.count} bản`];
      if (d.optional) attrs.push('không bắt buộc');
      return `${d.name} [${attrs.join(', ')}]`;
    })
    .join('; ');
}

/** Parse the "Thành phần hồ sơ" cell. Items are separated by ';' or line breaks. */
export function parseDocumentCell(
  cell: string,
): { ok: true; value: RequiredDocument[] } | { ok: false; message: string } {
  const items = cell
    .split(/[;\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const docs: RequiredDocument[] = [];
  for (const item of items) {
    const m = /^(.*?)\s*\[([^\]]*)\]$/.exec(item);
    const name = (m ? (m[1] ?? '') : item).trim();
    if (!name) return { ok: false, message: `Thiếu tên giấy tờ: "${item}"` };
    if (/[[\]]/.test(name)) {
      return {
        ok: false,
        message: `Thuộc tính giấy tờ phải nằm cuối tên, trong một cặp ngoặc vuông: "${item}"`,
      };
    }
    const doc: RequiredDocument = { name, kind: 'original', count: 1, optional: false };
    for (const raw of m ? (m[2] ?? '').split(',') : []) {
      const attr = foldVietnamese(raw);
      if (!attr) continue;
      const kind = KIND_BY_FOLDED.get(attr);
      const count = COUNT_RE.exec(attr);
      if (kind) doc.kind = kind;
      else if (count) doc.count = Number(count[1] ?? count[2]);
      else if (OPTIONAL_WORDS.has(attr)) doc.optional = true;
      else if (attr === 'bat buoc') doc.optional = false;
      else
        return {
          ok: false,
          message: `Thuộc tính không hiểu "${raw.trim()}" của giấy tờ "${name}"`,
        };
    }
    docs.push(doc);
  }
  return { ok: true, value: docs };
}

/** 'dd/MM/yyyy' (also d/M/yyyy, '-' or '.') or 'yyyy-MM-dd' → 'YYYY-MM-DD', else null. */
export function parseCellDate(cell: string): string | null {
  const s = cell.trim();
  if (isVnDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const date = makeVnDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return isVnDate(date) ? date : null;
}

const formatCellDate = (date: string): string => {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
};

/** '8.000', '8 000', '8,000', '8000 đ', '8.000 đồng' → 8000; '' → undefined; else null. */
export function parseVndAmount(cell: string): number | undefined | null {
  const s = foldVietnamese(cell).replace(/\s*(dong|d|vnd)$/, '');
  if (!s) return undefined;
  if (!/^\d{1,3}(?:[.,\s]\d{3})*$|^\d+$/.test(s)) return null;
  return Number(s.replace(/[.,\s]/g, ''));
}

/** Time amount: integer, or decimal with '.' or ',' (hours). */
function parseAmount(cell: string): number | null {
  const s = cell.trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(s)) return null;
  return Number(s);
}

const splitList = (cell: string): string[] =>
  cell
    .split(/[;\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

// ---------------------------------------------------------------------------------------
// Table ⇄ procedures (shared by CSV and XLSX)

/** Header row + one row per procedure, every cell a string. */
export function proceduresToTable(procedures: readonly Procedure[]): string[][] {
  const header = CATALOG_COLUMNS.map((c) => c.header);
  const rows = procedures.map((p) =>
    CATALOG_COLUMNS.map((c): string => {
      switch (c.key) {
        case 'id':
          return p.id;
        case 'nationalCode':
          return p.nationalCode;
        case 'name':
          return p.name;
        case 'field':
          return p.field;
        case 'decidingAuthority':
          return p.decidingAuthority;
        case 'timeAmount':
          return String(p.processingTime.amount);
        case 'timeUnit':
          return TIME_UNIT_LABELS.vi[p.processingTime.unit];
        case 'timeNote':
          return p.processingTime.note ?? '';
        case 'verificationAmount':
          return p.verificationTime ? String(p.verificationTime.amount) : '';
        case 'verificationUnit':
          return p.verificationTime ? TIME_UNIT_LABELS.vi[p.verificationTime.unit] : '';
        case 'feeText':
          return p.fee.text ?? '';
        case 'feeAmount':
          return p.fee.amountVnd === undefined ? '' : String(p.fee.amountVnd);
        case 'documents':
          return formatDocumentCell(p.requiredDocuments);
        case 'legalBasis':
          return p.legalBasis.join('; ');
        case 'effectiveFrom':
          return formatCellDate(p.effectiveFrom);
        case 'effectiveTo':
          return p.effectiveTo ? formatCellDate(p.effectiveTo) : '';
        case 'queueService':
          return p.queueService ?? '';
        case 'collectors':
          return p.collectorsRequired > 1 ? String(p.collectorsRequired) : '';
      }
    }),
  );
  return [header, ...rows];
}

const PATH_TO_COLUMN: Record<string, CatalogColumnKey> = {
  id: 'id',
  nationalCode: 'nationalCode',
  name: 'name',
  field: 'field',
  decidingAuthority: 'decidingAuthority',
  'processingTime.amount': 'timeAmount',
  'processingTime.unit': 'timeUnit',
  'processingTime.note': 'timeNote',
  processingTime: 'timeAmount',
  'verificationTime.amount': 'verificationAmount',
  'verificationTime.unit': 'verificationUnit',
  verificationTime: 'verificationAmount',
  'fee.text': 'feeText',
  'fee.amountVnd': 'feeAmount',
  fee: 'feeText',
  requiredDocuments: 'documents',
  legalBasis: 'legalBasis',
  effectiveFrom: 'effectiveFrom',
  effectiveTo: 'effectiveTo',
  queueService: 'queueService',
  collectorsRequired: 'collectors',
};

function columnForPath(path: readonly PropertyKey[]): string {
  const p = path.map(String);
  const key = PATH_TO_COLUMN[p.slice(0, 2).join('.')] ?? PATH_TO_COLUMN[p[0] ?? ''] ?? undefined;
  return key ? headerOf(key) : p.join('.');
}

function finish(
  ok: Procedure[],
  errors: CatalogRowError[],
  ignoredColumns: string[],
  options: CatalogImportOptions,
): CatalogImportResult {
  return { ok: errors.length > 0 && !options.validRowsOnly ? [] : ok, errors, ignoredColumns };
}

function checkDuplicates(
  items: { row: number; procedure: Procedure }[],
  errors: CatalogRowError[],
  column: (p: Procedure) => string,
): Procedure[] {
  const seen = new Map<string, number>();
  const ok: Procedure[] = [];
  for (const { row, procedure } of items) {
    const first = seen.get(procedure.id);
    if (first !== undefined) {
      errors.push({
        row,
        column: column(procedure),
        message: `Trùng mã "${procedure.id}" với dòng ${first}`,
      });
      continue;
    }
    seen.set(procedure.id, row);
    ok.push(procedure);
  }
  return ok;
}

/**
 * Read a table (first row = header) into procedures. Used for CSV and, with cells turned
 * into strings, for XLSX (dates as dd/MM/yyyy or yyyy-MM-dd text).
 */
export function tableToProcedures(
  table: readonly (readonly string[])[],
  options: CatalogImportOptions = {},
): CatalogImportResult {
  const errors: CatalogRowError[] = [];
  const ignoredColumns: string[] = [];
  const header = table[0];
  if (!header || header.every((h) => h.trim() === '')) {
    return {
      ok: [],
      errors: [{ row: 1, column: null, message: 'Tệp không có dòng tiêu đề' }],
      ignoredColumns,
    };
  }
  const index = new Map<CatalogColumnKey, number>();
  header.forEach((raw, i) => {
    const h = raw.trim();
    if (!h) return;
    const col = COLUMN_BY_FOLDED.get(foldVietnamese(h));
    if (!col) {
      if (!IGNORED_SILENTLY.has(foldVietnamese(h))) ignoredColumns.push(h);
      return;
    }
    if (index.has(col.key)) {
      errors.push({ row: 1, column: h, message: `Cột "${col.header}" xuất hiện hai lần` });
      return;
    }
    index.set(col.key, i);
  });
  for (const c of CATALOG_COLUMNS) {
    if (c.required && !index.has(c.key)) {
      errors.push({ row: 1, column: c.header, message: `Thiếu cột bắt buộc "${c.header}"` });
    }
  }
  if (!index.has('feeText') && !index.has('feeAmount')) {
    errors.push({
      row: 1,
      column: headerOf('feeText'),
      message: `Thiếu cột "${headerOf('feeText')}" hoặc "${headerOf('feeAmount')}"`,
    });
  }
  if (errors.length > 0) return { ok: [], errors, ignoredColumns };

  const items: { row: number; procedure: Procedure }[] = [];
  for (let r = 1; r < table.length; r++) {
    const cells = table[r] ?? [];
    const rowNo = r + 1;
    if (cells.every((c) => c.trim() === '')) continue; // blank line
    // Exports neutralise formula-like text with a leading "'" (spreadsheet/cellGuard.ts):
    // drop it again, so an export → import round trip gives back the same text.
    const get = (key: CatalogColumnKey): string => {
      const i = index.get(key);
      return i === undefined ? '' : unneutraliseCell(cells[i] ?? '').trim();
    };
    const rowErrors: CatalogRowError[] = [];
    const err = (key: CatalogColumnKey, message: string) =>
      rowErrors.push({ row: rowNo, column: headerOf(key), message });

    const amount = parseAmount(get('timeAmount'));
    if (amount === null) err('timeAmount', `Thời hạn phải là số: "${get('timeAmount')}"`);
    const unitCell = get('timeUnit');
    const unit = UNIT_BY_FOLDED.get(foldVietnamese(unitCell));
    if (!unit) {
      err(
        'timeUnit',
        `Đơn vị thời hạn không hợp lệ "${unitCell}" (ngày làm việc, ngày, giờ, trong ngày)`,
      );
    }
    // The longer limit when verification is needed: both cells or neither.
    const vAmountCell = get('verificationAmount');
    const vUnitCell = get('verificationUnit');
    const vAmount = vAmountCell ? parseAmount(vAmountCell) : undefined;
    const vUnit = vUnitCell ? UNIT_BY_FOLDED.get(foldVietnamese(vUnitCell)) : undefined;
    if (vAmount === null || (vAmountCell && !vUnit) || (!vAmountCell && vUnitCell)) {
      err(
        'verificationAmount',
        `Thời hạn khi cần xác minh không hợp lệ: "${vAmountCell}" "${vUnitCell}"`,
      );
    }
    const feeAmount = parseVndAmount(get('feeAmount'));
    if (feeAmount === null)
      err('feeAmount', `Mức phí phải là số tiền (đồng): "${get('feeAmount')}"`);
    const docs = parseDocumentCell(get('documents'));
    if (!docs.ok) err('documents', docs.message);
    const effectiveFrom = parseCellDate(get('effectiveFrom'));
    if (!effectiveFrom)
      err('effectiveFrom', `Ngày không hợp lệ "${get('effectiveFrom')}" (dd/MM/yyyy)`);
    const effectiveToCell = get('effectiveTo');
    const effectiveTo = effectiveToCell ? parseCellDate(effectiveToCell) : undefined;
    if (effectiveTo === null)
      err('effectiveTo', `Ngày không hợp lệ "${effectiveToCell}" (dd/MM/yyyy)`);
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }

    const nationalCode = get('nationalCode');
    const candidate: z.input<typeof procedureSchema> = {
      id: get('id') || nationalCode,
      nationalCode,
      name: get('name'),
      field: get('field'),
      decidingAuthority: get('decidingAuthority'),
      processingTime: {
        amount: amount ?? 0,
        unit: unit ?? 'working_day',
        ...(get('timeNote') ? { note: get('timeNote') } : {}),
      },
      ...(vAmount !== undefined && vAmount !== null && vUnit
        ? { verificationTime: { amount: vAmount, unit: vUnit } }
        : {}),
      fee: {
        ...(feeAmount !== undefined && feeAmount !== null ? { amountVnd: feeAmount } : {}),
        ...(get('feeText') ? { text: get('feeText') } : {}),
      },
      requiredDocuments: docs.ok ? docs.value : [],
      legalBasis: splitList(get('legalBasis')),
      effectiveFrom: effectiveFrom ?? '',
      ...(effectiveTo ? { effectiveTo } : {}),
      ...(get('queueService') ? { queueService: get('queueService') } : {}),
      ...(get('collectors') ? { collectorsRequired: Number(get('collectors')) } : {}),
    };
    const parsed = procedureSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ row: rowNo, column: columnForPath(issue.path), message: issue.message });
      }
      continue;
    }
    items.push({ row: rowNo, procedure: parsed.data });
  }
  const ok = checkDuplicates(items, errors, (p) =>
    p.id === p.nationalCode && !index.has('id') ? headerOf('nationalCode') : headerOf('id'),
  );
  errors.sort((a, b) => a.row - b.row);
  return finish(ok, errors, ignoredColumns, options);
}

// ---------------------------------------------------------------------------------------
// Text decoding

function decodeUtf8(
  input: string | Uint8Array,
): { ok: true; text: string } | { ok: false; error: CatalogRowError } {
  if (typeof input === 'string') return { ok: true, text: input.replace(/^\uFEFF/, '') };
  try {
    // fatal: invalid UTF-8 (e.g. a file saved as Windows-1258) is an error, not mojibake
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
    return { ok: true, text: text.replace(/^\uFEFF/, '') };
  } catch {
    return {
      ok: false,
      error: {
        row: 0,
        column: null,
        message: 'Tệp không phải UTF-8; hãy lưu lại dưới dạng "CSV UTF-8"',
      },
    };
  }
}

// ---------------------------------------------------------------------------------------
// CSV

export interface CsvImportOptions extends CatalogImportOptions {
  /** Default: detected from the header row (',' or ';'). */
  delimiter?: ',' | ';';
}

function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const score = (d: ',' | ';'): number => {
    const parsed = parseCsv(firstLine, d);
    if (!parsed.ok) return -1;
    return (parsed.rows[0] ?? []).filter((h) => COLUMN_BY_FOLDED.has(foldVietnamese(h.trim())))
      .length;
  };
  return score(';') > score(',') ? ';' : ',';
}

export function importCatalogCsv(
  input: string | Uint8Array,
  options: CsvImportOptions = {},
): CatalogImportResult {
  const decoded = decodeUtf8(input);
  if (!decoded.ok) return { ok: [], errors: [decoded.error], ignoredColumns: [] };
  const delimiter = options.delimiter ?? detectDelimiter(decoded.text);
  const parsed = parseCsv(decoded.text, delimiter);
  if (!parsed.ok) {
    return {
      ok: [],
      errors: [{ row: parsed.error.row, column: null, message: parsed.error.message }],
      ignoredColumns: [],
    };
  }
  return tableToProcedures(parsed.rows, options);
}

export type CsvExportOptions = CsvWriteOptions;

export function exportCatalogCsv(
  procedures: readonly Procedure[],
  options: CsvExportOptions = {},
): string {
  return writeCsv(proceduresToTable(procedures), options);
}

// ---------------------------------------------------------------------------------------
// JSON

/** `{ "format": "motcua.catalog", "version": 1, "procedures": [...] }`, 2-space indent. */
export function exportCatalogJson(procedures: readonly Procedure[]): string {
  return `${JSON.stringify({ format: CATALOG_FORMAT, version: CATALOG_VERSION, procedures }, null, 2)}\n`;
}

/** Accepts the envelope written by exportCatalogJson or a bare array of procedures. */
export function importCatalogJson(
  input: string | Uint8Array,
  options: CatalogImportOptions = {},
): CatalogImportResult {
  const decoded = decodeUtf8(input);
  if (!decoded.ok) return { ok: [], errors: [decoded.error], ignoredColumns: [] };
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: [],
      errors: [{ row: 0, column: null, message: `JSON không hợp lệ: ${detail}` }],
      ignoredColumns: [],
    };
  }
  let list: unknown;
  if (Array.isArray(data)) list = data;
  else if (data && typeof data === 'object' && 'procedures' in data) {
    const env = data as { format?: unknown; version?: unknown; procedures?: unknown };
    if (env.format !== undefined && env.format !== CATALOG_FORMAT) {
      return {
        ok: [],
        errors: [
          { row: 0, column: 'format', message: `Định dạng tệp không đúng: ${String(env.format)}` },
        ],
        ignoredColumns: [],
      };
    }
    if (env.version !== undefined && env.version !== CATALOG_VERSION) {
      return {
        ok: [],
        errors: [
          {
            row: 0,
            column: 'version',
            message: `Phiên bản tệp không hỗ trợ: ${String(env.version)}`,
          },
        ],
        ignoredColumns: [],
      };
    }
    list = env.procedures;
  }
  if (!Array.isArray(list)) {
    return {
      ok: [],
      errors: [
        { row: 0, column: 'procedures', message: 'Không tìm thấy danh sách thủ tục (procedures)' },
      ],
      ignoredColumns: [],
    };
  }
  const errors: CatalogRowError[] = [];
  const items: { row: number; procedure: Procedure }[] = [];
  list.forEach((item: unknown, i) => {
    const parsed = procedureSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({
          row: i + 1,
          column: issue.path.map(String).join('.') || null,
          message: issue.message,
        });
      }
      return;
    }
    items.push({ row: i + 1, procedure: parsed.data });
  });
  const ok = checkDuplicates(items, errors, () => 'id');
  errors.sort((a, b) => a.row - b.row);
  return finish(ok, errors, [], options);
}
