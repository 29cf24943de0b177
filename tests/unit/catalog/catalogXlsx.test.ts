import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS, proceduresToTable } from '../../../src/core/catalog/catalogIO';
import {
  CATALOG_SHEET_NAME,
  cellText,
  exportCatalogXlsx,
  importCatalogXlsx,
  MAX_XLSX_UNCOMPRESSED_BYTES,
  XlsxFileError,
} from '../../../src/core/catalog/catalogXlsx';
import { catalogFileSchema, type Procedure } from '../../../src/shared/catalog/procedure';

const defaults: Procedure[] = catalogFileSchema.parse(
  JSON.parse(
    readFileSync(join(__dirname, '../../../resources/catalog/default-procedures.json'), 'utf8'),
  ),
).procedures;

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

async function workbookOf(rows: ExcelJS.CellValue[][], date1904 = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((row, i) => {
    if (row.length > 0) ws.getRow(i + 1).values = row;
  });
  wb.addWorksheet('Second sheet').addRow(['ignored']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A minimal zip writer (deflate, CRC left 0): enough to reach the size guard. */
function zipOf(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const HEADER = [
  'STT',
  'Mã TTHC',
  'Tên thủ tục hành chính',
  'Lĩnh vực',
  'Cơ quan thực hiện',
  'Thời hạn giải quyết',
  'Đơn vị thời hạn',
  'Phí, lệ phí',
  'Mức phí',
  'Thành phần hồ sơ',
  'Hiệu lực từ',
  'Ghi chú của tỉnh',
];
const DOCS = 'Tờ khai [bản chính, 1 bản]; Giấy chứng sinh [bản chính]';
const good = (stt: number, code: string): ExcelJS.CellValue[] => [
  stt,
  code,
  'Đăng ký khai sinh',
  'Hộ tịch',
  'UBND cấp xã',
  1,
  'ngày làm việc',
  'Miễn phí',
  0,
  DOCS,
  new Date('2025-07-01T00:00:00Z'),
  'x',
];

describe('catalogue XLSX export', () => {
  it('writes one sheet "Danh mục thủ tục" with the CSV headers, bold frozen header and widths', async () => {
    const ws = await readBack(await exportCatalogXlsx(defaults));
    expect(ws.name).toBe(CATALOG_SHEET_NAME);
    expect(ws.getRow(1).values).toEqual([undefined, ...CATALOG_COLUMNS.map((c) => c.header)]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(1 + defaults.length);
    const width = (header: string) =>
      ws.getColumn(CATALOG_COLUMNS.findIndex((c) => c.header === header) + 1).width;
    expect(width('Thành phần hồ sơ')).toBeGreaterThanOrEqual(60);
    expect(width('Tên thủ tục')).toBeGreaterThanOrEqual(30);
    expect(width('Thời hạn')).toBeLessThanOrEqual(12);
    // amounts are numbers and dates real date cells; the codes stay text
    const ks = defaults.findIndex((p) => p.id === '1.001193') + 2;
    const cell = (header: string) =>
      ws.getRow(ks).getCell(CATALOG_COLUMNS.findIndex((c) => c.header === header) + 1);
    expect(cell('Mã thủ tục').value).toBe('1.001193');
    expect(typeof cell('Thời hạn').value).toBe('number');
    expect(cell('Hiệu lực từ').value).toEqual(new Date('2025-07-01T00:00:00Z'));
    expect(cell('Hiệu lực từ').numFmt).toBe('dd/mm/yyyy');
  });

  it('round-trips the default catalogue: export → import gives the same procedures', async () => {
    const result = await importCatalogXlsx(await exportCatalogXlsx(defaults));
    expect(result.errors).toEqual([]);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.ok).toEqual(defaults);
  });

  it('reads the same table as the CSV path', async () => {
    const ws = await readBack(await exportCatalogXlsx(defaults));
    const table: string[][] = [];
    ws.eachRow((row, r) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        cells[col - 1] = cellText(c.value, col === 13 || col === 14);
      });
      table[r - 1] = Array.from({ length: CATALOG_COLUMNS.length }, (_, i) => cells[i] ?? '');
    });
    expect(table).toEqual(proceduresToTable(defaults));
  });
});

describe('catalogue XLSX import', () => {
  it('converts numbers, rich text, formulas, hyperlinks and dates to the CSV text', () => {
    expect(cellText(8000)).toBe('8000');
    expect(cellText(0.5)).toBe('0.5');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText(1.001193)).toBe('1.001193');
    expect(
      cellText({ richText: [{ text: 'Đăng ký ' }, { text: 'khai sinh', font: { bold: true } }] }),
    ).toBe('Đăng ký khai sinh');
    expect(cellText({ formula: 'A1*1000', result: 8000 })).toBe('8000');
    expect(cellText({ formula: 'NOW()' })).toBe('');
    expect(cellText({ text: 'Nghị định 63', hyperlink: 'https://example.vn' })).toBe(
      'Nghị định 63',
    );
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(new Date('2025-07-01T00:00:00Z'))).toBe('01/07/2025');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
    // a bare Excel serial in a date column: 45839 = 01/07/2025 (1900 system), 44377 in 1904
    expect(cellText(45839, true)).toBe('01/07/2025');
    expect(cellText(44377, true, true)).toBe('01/07/2025');
    expect(cellText(45839)).toBe('45839');
  });

  it('maps headers like CSV (aliases, STT silent, extra columns listed) and typed cells', async () => {
    const bytes = await workbookOf([
      HEADER,
      good(1, '1.001193'),
      [
        2,
        { richText: [{ text: '2.000' }, { text: '815' }] },
        'Chứng thực bản sao',
        'Chứng thực',
        'UBND cấp xã',
        { formula: '2*2', result: 4 },
        'giờ',
        '',
        { formula: 'B1', result: 2000 },
        DOCS,
        45839,
        '',
      ],
    ]);
    const result = await importCatalogXlsx(bytes);
    expect(result.errors).toEqual([]);
    expect(result.ignoredColumns).toEqual(['Ghi chú của tỉnh']);
    expect(result.ok).toHaveLength(2);
    expect(result.ok[1]).toMatchObject({
      id: '2.000815',
      processingTime: { amount: 4, unit: 'hour' },
      fee: { amountVnd: 2000 },
      effectiveFrom: '2025-07-01',
    });
  });

  it('reports bad rows with the spreadsheet row numbers and imports nothing; validRowsOnly imports the rest', async () => {
    const badUnit = good(2, '1.000001');
    badUnit[6] = 'tuần';
    const badDate = good(4, '1.000003');
    badDate[10] = '31/02/2025';
    const rows = [
      HEADER,
      good(1, '1.000000'),
      badUnit, // row 3
      [], // row 4: blank, still counted
      good(3, '1.000002'), // row 5
      badDate, // row 6
      good(5, '1.000004'),
    ];
    const bytes = await workbookOf(rows);
    const strict = await importCatalogXlsx(bytes);
    expect(strict.ok).toEqual([]);
    expect(strict.errors).toEqual([
      { row: 3, column: 'Đơn vị thời hạn', message: expect.stringContaining('tuần') as string },
      { row: 6, column: 'Hiệu lực từ', message: expect.stringContaining('31/02/2025') as string },
    ]);
    const lenient = await importCatalogXlsx(bytes, { validRowsOnly: true });
    expect(lenient.errors).toEqual(strict.errors);
    expect(lenient.ok.map((p) => p.id)).toEqual(['1.000000', '1.000002', '1.000004']);
  });

  it('reports a missing required column on row 1', async () => {
    const result = await importCatalogXlsx(
      await workbookOf([HEADER.filter((h) => h !== 'Lĩnh vực'), good(1, '1.001193')]),
    );
    expect(result.ok).toEqual([]);
    expect(result.errors).toEqual([
      { row: 1, column: 'Lĩnh vực', message: 'Thiếu cột bắt buộc "Lĩnh vực"' },
    ]);
  });

  it('rejects what is not an XLSX workbook with a Vietnamese message, never a crash', async () => {
    const csv = new TextEncoder().encode(
      'Mã thủ tục,Tên thủ tục\r\n1.001193,Đăng ký khai sinh\r\n',
    );
    const real = new Uint8Array(await exportCatalogXlsx(defaults));
    const notWorkbook = zipOf([{ name: 'hello.txt', data: Buffer.from('xin chào') }]);
    for (const bytes of [
      csv,
      new Uint8Array(0),
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), // old .xls
      real.subarray(0, real.length - 100), // truncated
      notWorkbook,
    ]) {
      const failure = await importCatalogXlsx(bytes).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(XlsxFileError);
      expect((failure as XlsxFileError).vi).toMatch(/Tệp không phải bảng tính|không có trang tính/);
    }
  });

  it('refuses a small upload that would inflate beyond the limit (zip bomb)', async () => {
    const bomb = zipOf([
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(MAX_XLSX_UNCOMPRESSED_BYTES + 1) },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    await expect(importCatalogXlsx(bomb)).rejects.toThrow(/quá lớn khi giải nén/);
  });
});
