/**
 * Report files: every table as CSV (UTF-8 with BOM, so Excel shows Vietnamese) or XLSX
 * (Vietnamese headers, real date cells), and the register — Sổ theo dõi hồ sơ, Mẫu 06 — as an
 * A4 landscape HTML page for print / PDF, drawn by the one Mẫu 06 renderer (dossiers/forms).
 * Rater identity never appears: none is stored.
 */
import type ExcelJS from 'exceljs';
import type { FileBody, Site } from '../../shared/contract';
import type { ReportExportKind } from '../../shared/contract/reports';
import type { PeriodDigitisation } from './reportService';
import { isMessageKey, translate } from '../../shared/i18n';
import { asOfDate, type Period } from '../../shared/reports/period';
import { formatVnDate, vnDate, vnParts } from '../../shared/time/vnTime';
import { neutraliseCell } from '../spreadsheet/cellGuard';
import { writeCsv, type CsvCell } from '../spreadsheet/csv';
import {
  agencyOf,
  REGISTER_HEADERS,
  registerContact,
  registerHtml,
  type RegisterRow,
} from '../dossiers/forms';
import type {
  DossierExportRow,
  RatingExportRow,
  ReportQueries,
  TicketExportRow,
} from './reportQueries';

/**
 * exceljs (≈ 27 MB of resident memory once loaded) is loaded on the first workbook, not at
 * start: the hub's serving thread seldom needs it (docs/performance.md, "Memory").
 */
async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export type CellType = 'text' | 'int' | 'number' | 'date' | 'datetime';
/** date: a Vietnam business date 'YYYY-MM-DD'; datetime: a UTC instant shown in Vietnam time. */
export type Cell = string | number | null;

export interface Column {
  header: string;
  type: CellType;
  width: number;
}

export interface Table {
  title: string;
  columns: Column[];
  rows: Cell[][];
}

/** Status names in exports: the same wording as the screens and forms (i18n `dossier.status.*`). */
function statusVi(status: string): string {
  const key = `dossier.status.${status}`;
  return isMessageKey(key) ? translate('vi', key) : status;
}

export const OUTCOME_VI: Record<string, string> = {
  served: 'Đã phục vụ',
  no_show: 'Vắng mặt',
  transferred: 'Đã chuyển',
  abandoned: 'Bỏ về',
  void: 'Hủy (lỗi in)',
};

const TICKET_STATUS_VI: Record<string, string> = {
  printing: 'Đang in',
  waiting: 'Đang chờ',
  called: 'Đã gọi',
  serving: 'Đang phục vụ',
  parked: 'Tạm hoãn',
  no_show: 'Vắng mặt',
  done: 'Xong',
  void: 'Hủy',
};

/**
 * A rating score or reason in Vietnamese: the labels the kiosk shows (i18n `rating.score.*`,
 * `rating.reason.*`, codes of RATING_SCORES / RATING_REASONS); an unknown code as is.
 */
function ratingLabel(kind: 'score' | 'reason', code: string): string {
  const key = `rating.${kind}.${code}`;
  return isMessageKey(key) ? translate('vi', key) : code;
}

/** The class of one dossier in the report (docs/reports.md). */
export type DossierClass = 'early' | 'onTime' | 'late' | 'within' | 'overdue' | 'none';

/** The class in Vietnamese, as the dashboard words it (i18n `reports.class.*`); none is blank. */
const classLabel = (c: DossierClass): string =>
  c === 'none' ? '' : translate('vi', `reports.class.${c}`);

/** How a dossier counts in the period's on-time indicator. */
export function classifyForPeriod(r: DossierExportRow, period: Period, asOf: string): DossierClass {
  if (r.doneDate && r.doneDate >= period.from && r.doneDate <= period.to) {
    if (!r.dueDate) return 'onTime';
    if (r.doneDate === r.dueDate) return r.settledClass === 'late' ? 'late' : 'onTime';
    return r.doneDate < r.dueDate ? 'early' : 'late';
  }
  const openAtAsOf =
    r.receivedDate <= asOf &&
    (!r.doneDate || r.doneDate > asOf) &&
    (!r.endDate || r.endDate > asOf);
  if (openAtAsOf) return !r.dueDate || r.dueDate >= asOf ? 'within' : 'overdue';
  return 'none';
}

const minutes = (s: number | null): number | null => (s === null ? null : Math.round(s / 6) / 10);

function dossiersTable(rows: DossierExportRow[], period: Period, asOf: string): Table {
  return {
    title: 'Hồ sơ',
    columns: [
      { header: 'Mã hồ sơ', type: 'text', width: 26 },
      { header: 'Mã thủ tục', type: 'text', width: 11 },
      { header: 'Tên thủ tục', type: 'text', width: 40 },
      { header: 'Lĩnh vực', type: 'text', width: 18 },
      { header: 'Người nộp', type: 'text', width: 22 },
      { header: 'Thời gian tiếp nhận', type: 'datetime', width: 17 },
      { header: 'Hạn trả kết quả', type: 'date', width: 12 },
      { header: 'Ngày có kết quả', type: 'date', width: 12 },
      { header: 'Ngày trả kết quả', type: 'date', width: 12 },
      { header: 'Trạng thái', type: 'text', width: 18 },
      { header: 'Đánh giá trong kỳ', type: 'text', width: 24 },
      { header: 'Cán bộ tiếp nhận', type: 'text', width: 20 },
    ],
    rows: rows.map((r) => [
      r.code,
      r.procedureCode,
      r.procedureName,
      r.field,
      r.applicantName,
      r.receivedAt,
      r.dueDate,
      r.doneDate,
      r.returnedAt ? vnDate(new Date(r.returnedAt)) : null,
      statusVi(r.status),
      classLabel(classifyForPeriod(r, period, asOf)),
      r.officer,
    ]),
  };
}

function ticketsTable(rows: TicketExportRow[]): Table {
  return {
    title: 'Lượt lấy số',
    columns: [
      { header: 'Số thứ tự', type: 'text', width: 10 },
      { header: 'Ngày', type: 'date', width: 12 },
      { header: 'Dịch vụ', type: 'text', width: 20 },
      { header: 'Ưu tiên', type: 'text', width: 10 },
      { header: 'Lấy số lúc', type: 'datetime', width: 17 },
      { header: 'Gọi lúc', type: 'datetime', width: 17 },
      { header: 'Bắt đầu lúc', type: 'datetime', width: 17 },
      { header: 'Xong lúc', type: 'datetime', width: 17 },
      { header: 'Quầy', type: 'int', width: 7 },
      { header: 'Cán bộ', type: 'text', width: 20 },
      { header: 'Kết quả', type: 'text', width: 14 },
      { header: 'Chờ (phút)', type: 'number', width: 10 },
      { header: 'Phục vụ (phút)', type: 'number', width: 10 },
      { header: 'Chờ quá mục tiêu', type: 'text', width: 10 },
    ],
    rows: rows.map((r) => [
      r.number,
      r.businessDate,
      r.service,
      r.priority ? 'Có' : '',
      r.issuedAt,
      r.firstCalledAt,
      r.startedAt,
      r.completedAt,
      r.counterNumber,
      r.officer,
      r.outcome ? (OUTCOME_VI[r.outcome] ?? r.outcome) : (TICKET_STATUS_VI[r.status] ?? r.status),
      minutes(r.waitSeconds),
      r.outcome === 'served' ? minutes(r.serviceSeconds) : null,
      r.waitSeconds === null ? '' : r.waitSeconds > r.target * 60 ? 'Có' : 'Không',
    ]),
  };
}

function ratingsTable(rows: RatingExportRow[]): Table {
  return {
    title: 'Đánh giá hài lòng',
    columns: [
      { header: 'Ngày', type: 'date', width: 12 },
      { header: 'Thời gian', type: 'datetime', width: 17 },
      { header: 'Số thứ tự', type: 'text', width: 10 },
      { header: 'Quầy', type: 'int', width: 7 },
      { header: 'Cán bộ phục vụ', type: 'text', width: 20 },
      { header: 'Mã hồ sơ', type: 'text', width: 26 },
      { header: 'Mức độ hài lòng', type: 'text', width: 16 },
      { header: 'Lý do', type: 'text', width: 50 },
    ],
    rows: rows.map((r) => {
      let reasons: string[] = [];
      try {
        const parsed: unknown = JSON.parse(r.reasons);
        if (Array.isArray(parsed)) reasons = parsed.map(String);
      } catch {
        reasons = [];
      }
      return [
        r.businessDate,
        r.createdAt,
        r.ticketNumber,
        r.counterNumber,
        r.officer,
        r.dossierCode,
        ratingLabel('score', r.score),
        reasons.map((x) => ratingLabel('reason', x)).join('; '),
      ];
    }),
  };
}

/** Mẫu 06 (TT 01/2018/TT-VPCP): one line per dossier received in the period. */
function registerRows(rows: DossierExportRow[]): RegisterRow[] {
  return rows.map((r) => ({
    entry: r.registerEntry,
    code: r.code,
    procedureName: r.procedureName,
    sets: 1,
    applicantName: r.applicantName,
    contact: registerContact(r.applicantAddress, r.applicantPhone),
    decidingAuthority: r.decidingAuthority,
    receivedAt: r.receivedAt,
    dueDate: r.dueDate,
    transferredAt: r.transferredAt,
    resultAt: r.resultReadyAt,
    returnedAt: r.returnedAt,
    note:
      r.status === 'returned' ||
      r.status === 'result_ready' ||
      r.status === 'in_process' ||
      r.status === 'received'
        ? ''
        : statusVi(r.status),
  }));
}

/** The register as a table (CSV/XLSX), with the columns of the printed book. */
function registerTable(rows: RegisterRow[]): Table {
  const day = (iso: string | null) => (iso ? vnDate(new Date(iso)) : null);
  const cells: [CellType, number][] = [
    ['int', 6],
    ['text', 26],
    ['text', 36],
    ['int', 8],
    ['text', 22],
    ['text', 28],
    ['text', 18],
    ['datetime', 17],
    ['date', 12],
    ['date', 12],
    ['date', 12],
    ['date', 12],
    ['text', 10],
    ['text', 18],
  ];
  return {
    title: 'Sổ theo dõi hồ sơ',
    columns: REGISTER_HEADERS.map((header, i) => {
      const [type, width] = cells[i] ?? ['text', 12];
      return { header, type, width };
    }),
    rows: rows.map((r) => [
      r.entry,
      r.code,
      r.procedureName,
      r.sets,
      r.applicantName,
      r.contact,
      r.decidingAuthority,
      r.receivedAt,
      r.dueDate,
      day(r.transferredAt),
      day(r.resultAt),
      day(r.returnedAt),
      '',
      r.note,
    ]),
  };
}

/** The digitisation figures per procedure and in total (docs/reports.md, "Digitisation"). */
function digitisationTable(
  figures: PeriodDigitisation,
  procedures: ReadonlyArray<{ id: string; code: string; name: string }>,
): Table {
  const names = new Map(procedures.map((p) => [p.id, p]));
  const rows: Cell[][] = [...figures.byProcedure]
    .map(([id, f]) => ({ p: names.get(id) ?? { id, code: id, name: id }, f }))
    .sort((a, b) => b.f.dossiers - a.f.dossiers || a.p.code.localeCompare(b.p.code))
    .map(({ p, f }) => [p.code, p.name, f.dossiers, f.digitised, f.rate, f.resultsDigitised]);
  const t = figures.overall;
  rows.push(['', 'Tổng cộng', t.dossiers, t.digitised, t.rate, t.resultsDigitised]);
  return {
    title: 'Số hóa hồ sơ',
    columns: [
      { header: 'Mã thủ tục', type: 'text', width: 11 },
      { header: 'Tên thủ tục', type: 'text', width: 40 },
      { header: 'Hồ sơ có giấy tờ bản giấy', type: 'int', width: 14 },
      { header: 'Hồ sơ đã số hóa đủ', type: 'int', width: 14 },
      { header: 'Tỷ lệ số hóa (%)', type: 'number', width: 12 },
      { header: 'Kết quả đã số hóa', type: 'int', width: 14 },
    ],
    rows,
  };
}

export function buildTable(
  q: ReportQueries,
  kind: ReportExportKind,
  period: Period,
  today: string,
  digitisation: (period: Period) => PeriodDigitisation,
): Table {
  const asOf = asOfDate(period, today);
  switch (kind) {
    case 'digitisation':
      return digitisationTable(digitisation(period), q.procedures.all());
    case 'dossiers':
      return dossiersTable(q.exportDossiers.all({ ...period, asOf }), period, asOf);
    case 'tickets':
      return ticketsTable(q.exportTickets.all(period));
    case 'ratings':
      return ratingsTable(q.exportRatings.all(period));
    case 'register':
      return registerTable(registerRows(q.exportRegister.all(period)));
  }
}

// ——— CSV ———

/**
 * CSV cell of a value: numbers stay numbers, dates as 'YYYY-MM-DD', instants as
 * 'YYYY-MM-DD HH:mm' in Vietnam; text is neutralised by the one CSV writer (spreadsheet/csv.ts).
 */
function csvCell(value: Cell, type: CellType): CsvCell {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (type === 'datetime') {
    const p = vnParts(new Date(value));
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
  }
  return value;
}

export function toCsv(table: Table): string {
  return writeCsv([
    table.columns.map((c) => c.header),
    ...table.rows.map((row) => row.map((v, i) => csvCell(v, table.columns[i]?.type ?? 'text'))),
  ]);
}

// ——— XLSX ———

/** Excel has no time zones: a cell shows the Date's UTC fields, so write Vietnam wall time. */
function excelDate(value: string, type: 'date' | 'datetime'): Date {
  if (type === 'date') return new Date(`${value}T00:00:00Z`);
  const p = vnParts(new Date(value));
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

export async function toXlsx(table: Table, subtitle: string): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = 'Một Cửa Kiosk';
  const ws = wb.addWorksheet(table.title.slice(0, 31), {
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = table.columns.map((c) => ({
    width: c.width,
    style:
      c.type === 'date'
        ? { numFmt: 'dd/mm/yyyy' }
        : c.type === 'datetime'
          ? { numFmt: 'dd/mm/yyyy hh:mm' }
          : c.type === 'number'
            ? { numFmt: '0.0' }
            : {},
  }));
  // Every text cell is neutralised like the CSV's (spreadsheet/cellGuard.ts): the subtitle
  // carries the agency name an admin typed, the rows names citizens gave.
  ws.addRow([neutraliseCell(table.title.toUpperCase())]).font = { bold: true, size: 13 };
  ws.addRow([neutraliseCell(subtitle)]).font = { italic: true };
  const header = ws.addRow(table.columns.map((c) => neutraliseCell(c.header)));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of table.rows) {
    ws.addRow(
      row.map((v, i) => {
        const type = table.columns[i]?.type ?? 'text';
        if (v === null || v === '') return null;
        if ((type === 'date' || type === 'datetime') && typeof v === 'string') {
          return excelDate(v, type);
        }
        return typeof v === 'string' ? neutraliseCell(v) : v;
      }),
    );
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: table.columns.length } };
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

export async function exportFile(
  q: ReportQueries,
  kind: ReportExportKind,
  format: 'csv' | 'xlsx' | 'html',
  period: Period,
  now: Date,
  site: Site,
  digitisation: (period: Period) => PeriodDigitisation,
): Promise<FileBody> {
  const base = `${kind === 'register' ? 'so-theo-doi-ho-so' : `bao-cao-${kind}`}_${period.from}_${period.to}`;
  if (format === 'html') {
    // The contract allows html for the register only: the printed book (Mẫu 06).
    return {
      contentType: 'text/html; charset=utf-8',
      fileName: `${base}.html`,
      body: registerHtml({
        agency: agencyOf(site),
        at: now,
        scope: { from: period.from, to: period.to },
        rows: registerRows(q.exportRegister.all(period)),
      }),
    };
  }
  const table = buildTable(q, kind, period, vnDate(now), digitisation);
  if (format === 'csv') {
    return { contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv`, body: toCsv(table) };
  }
  const subtitle = `${site.agencyName} — từ ngày ${formatVnDate(period.from)} đến ngày ${formatVnDate(period.to)}`;
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${base}.xlsx`,
    body: await toXlsx(table, subtitle),
  };
}
