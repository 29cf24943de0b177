/**
 * Exports never carry formulas (docs/security.md, "Exports"). Old behaviour: report CSVs
 * skipped the guard for any cell matching /^-?\d/, so `-2+3+cmd|' /C calc'!A0` in a
 * citizen's name was written raw; report XLSX and the catalogue CSV/XLSX had no guard at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCatalogCsv, importCatalogCsv } from '../../../src/core/catalog/catalogIO';
import { exportCatalogXlsx, importCatalogXlsx } from '../../../src/core/catalog/catalogXlsx';
import { toCsv, toXlsx, type Table } from '../../../src/core/reports/exports';
import { neutraliseCell, unneutraliseCell } from '../../../src/core/spreadsheet/cellGuard';
import { parseCsv, writeCsv } from '../../../src/core/spreadsheet/csv';
import { catalogFileSchema, type Procedure } from '../../../src/shared/catalog/procedure';

const PAYLOAD = "-2+3+cmd|' /C calc'!A0";
const DANGEROUS = /^[=+\-@\t\r]/;

const defaults: Procedure[] = catalogFileSchema.parse(
  JSON.parse(
    readFileSync(join(__dirname, '../../../resources/catalog/default-procedures.json'), 'utf8'),
  ),
).procedures;

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

function csvRows(text: string): string[][] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.rows;
}

describe('neutraliseCell / unneutraliseCell', () => {
  it('prefixes every formula character, leaves other text alone', () => {
    for (const t of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', PAYLOAD]) {
      expect(neutraliseCell(t)).toBe(`'${t}`);
    }
    for (const t of ['Nguyễn Văn A', '1.001193', "'quoted", '', '2025-07-01']) {
      expect(neutraliseCell(t)).toBe(t);
    }
    expect(neutraliseCell("'=1")).toBe("''=1"); // so that the import's strip is exact
  });
  it('never yields a formula-like cell, and the import inverts it exactly (any text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
        const out = neutraliseCell(s);
        expect(DANGEROUS.test(out)).toBe(false);
        expect(unneutraliseCell(out)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the one CSV writer', () => {
  it('neutralises text but writes numbers (also negative) as numbers', () => {
    const csv = writeCsv([[PAYLOAD, -1.5, 42, null, '=HYPERLINK("x")']], { bom: false });
    expect(csv).toBe(`'${PAYLOAD},-1.5,42,,"'=HYPERLINK(""x"")"\r\n`);
  });
});

describe('report exports', () => {
  const table: Table = {
    title: 'Hồ sơ',
    columns: [
      { header: 'Người nộp', type: 'text', width: 20 },
      { header: 'Chờ (phút)', type: 'number', width: 8 },
      { header: 'Quầy', type: 'int', width: 6 },
      { header: 'Ngày', type: 'date', width: 12 },
    ],
    rows: [
      [PAYLOAD, -2.5, 3, '2025-07-01'],
      ['@evil', 1.5, null, null],
    ],
  };

  it('CSV: the name gets a leading apostrophe, numbers stay numbers', () => {
    const rows = csvRows(toCsv(table).slice(1));
    expect(rows[1]).toEqual([`'${PAYLOAD}`, '-2.5', '3', '2025-07-01']);
    expect(rows[2]?.[0]).toBe("'@evil");
  });

  it('XLSX: the name is text with a leading apostrophe, numbers are number cells', async () => {
    const ws = await sheetOf(await toXlsx(table, '=subtitle typed by an admin'));
    expect(ws.getCell('A2').value).toBe("'=subtitle typed by an admin");
    expect(ws.getCell('A4').value).toBe(`'${PAYLOAD}`);
    expect(ws.getCell('B4').value).toBe(-2.5);
    expect(ws.getCell('C4').value).toBe(3);
    expect(ws.getCell('A5').value).toBe("'@evil");
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') expect(DANGEROUS.test(cell.value)).toBe(false);
      }),
    );
  });
});

describe('catalogue exports', () => {
  const base = defaults[0] as Procedure;
  const poisoned: Procedure = {
    ...base,
    id: 'poisoned',
    name: PAYLOAD,
    field: '=1+1',
    decidingAuthority: '+cmd',
    processingTime: { ...base.processingTime, note: '@SUM(1)' },
    fee: { amountVnd: 8000, text: "'=already quoted" },
    legalBasis: ['-Luật', 'Nghị định'],
  };
  const list = [poisoned, ...defaults.slice(1, 4)];

  it('CSV: formula-like cells are neutralised, and an export → import round trip is exact', () => {
    const csv = exportCatalogCsv(list);
    const rows = csvRows(csv.slice(1));
    const data = rows[1] ?? [];
    expect(data[2]).toBe(`'${PAYLOAD}`);
    expect(data[3]).toBe("'=1+1");
    expect(data[4]).toBe("'+cmd");
    expect(data[11]).toBe('8000'); // Mức phí (đồng), after the two verification columns
    for (const r of rows) for (const c of r) expect(DANGEROUS.test(c)).toBe(false);
    const back = importCatalogCsv(csv);
    expect(back.errors).toEqual([]);
    expect(back.ok).toEqual(list);
  });

  it('XLSX: text cells neutralised, amounts still number cells, round trip exact', async () => {
    const bytes = await exportCatalogXlsx(list);
    const ws = await sheetOf(bytes);
    expect(ws.getCell('C2').value).toBe(`'${PAYLOAD}`);
    expect(ws.getCell('D2').value).toBe("'=1+1");
    expect(ws.getCell('L2').value).toBe(8000); // Mức phí (đồng)
    expect(typeof ws.getCell('F2').value).toBe('number');
    const back = await importCatalogXlsx(bytes);
    expect(back.errors).toEqual([]);
    expect(back.ok).toEqual(list);
  });

  it('a hand-typed cell that merely starts with an apostrophe is imported as typed', () => {
    const csv = exportCatalogCsv([{ ...base, name: "'Tên có nháy" }]);
    expect(importCatalogCsv(csv).ok[0]?.name).toBe("'Tên có nháy");
  });
});
