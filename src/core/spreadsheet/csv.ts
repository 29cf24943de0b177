import { neutraliseCell } from './cellGuard';

/**
 * RFC 4180 CSV: fields separated by a delimiter (',' by default; ';' is what Excel writes
 * under a Vietnamese locale), records by CRLF (LF and lone CR accepted on input), fields
 * containing the delimiter, a quote, CR or LF enclosed in double quotes, quotes inside
 * doubled. A leading UTF-8 BOM is dropped.
 */

export interface CsvParseError {
  /** 1-based record number (= spreadsheet row) where the problem starts. */
  row: number;
  message: string;
}

export type CsvParseResult = { ok: true; rows: string[][] } | { ok: false; error: CsvParseError };

export function parseCsv(input: string, delimiter = ','): CsvParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let recordStart = 1;
  let quoted = false; // the current field was quoted (closing quote seen)
  const n = text.length;
  const endField = () => {
    row.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    rows.push(row);
    row = [];
    recordStart = rows.length + 1;
  };
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      if (field !== '' || quoted) {
        return {
          ok: false,
          error: {
            row: recordStart,
            message: 'Dấu ngoặc kép (") đặt sai vị trí trong ô không được bao ngoặc kép',
          },
        };
      }
      // quoted field
      i++;
      let closed = false;
      while (i < n) {
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        field += q;
        i++;
      }
      if (!closed) {
        return {
          ok: false,
          error: { row: recordStart, message: 'Thiếu dấu ngoặc kép (") đóng ô' },
        };
      }
      quoted = true;
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        return {
          ok: false,
          error: { row: recordStart, message: 'Có ký tự sau dấu ngoặc kép đóng ô' },
        };
      }
      continue;
    }
    if (c === delimiter) {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (quoted) {
      return {
        ok: false,
        error: { row: recordStart, message: 'Có ký tự sau dấu ngoặc kép đóng ô' },
      };
    }
    field += c;
    i++;
  }
  if (field !== '' || quoted || row.length > 0) endRecord();
  return { ok: true, rows };
}

function needsQuotes(value: string, delimiter: string): boolean {
  return (
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\r') ||
    value.includes('\n') ||
    value.includes(',') ||
    value.includes(';') ||
    value !== value.trim()
  );
}

/** A cell to write: text (neutralised, see cellGuard.ts), a number (written as is) or empty. */
export type CsvCell = string | number | null;

export interface CsvWriteOptions {
  /** ',' by default; ';' is what Excel expects under a Vietnamese locale. */
  delimiter?: ',' | ';';
  /** Prefix a UTF-8 BOM so Excel opens the file as UTF-8. Default true. */
  bom?: boolean;
}

/**
 * The project's one CSV writer (reports, catalogue): RFC 4180 with CRLF line endings, quotes
 * only where needed. Every text cell goes through neutraliseCell, so no exported cell is ever
 * read as a formula; numbers stay plain numbers (a negative number is not text).
 */
export function writeCsv(
  rows: readonly (readonly CsvCell[])[],
  options: CsvWriteOptions = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const field = (cell: CsvCell): string => {
    if (cell === null) return '';
    if (typeof cell === 'number') return String(cell);
    const text = neutraliseCell(cell);
    return needsQuotes(text, delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const body = rows.map((r) => `${r.map(field).join(delimiter)}\r\n`).join('');
  return (options.bom ?? true) ? `\uFEFF${body}` : body;
}
