import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CATALOG_COLUMNS,
  exportCatalogCsv,
  exportCatalogJson,
  importCatalogCsv,
  importCatalogJson,
  parseDocumentCell,
  parseVndAmount,
  proceduresToTable,
  tableToProcedures,
} from '../../../src/core/catalog/catalogIO';
import { parseCsv, writeCsv } from '../../../src/core/spreadsheet/csv';
import { catalogFileSchema, type Procedure } from '../../../src/shared/catalog/procedure';

const defaults: Procedure[] = catalogFileSchema.parse(
  JSON.parse(
    readFileSync(join(__dirname, '../../../resources/catalog/default-procedures.json'), 'utf8'),
  ),
).procedures;

const HEADER =
  'Mã thủ tục,Tên thủ tục,Lĩnh vực,Cơ quan giải quyết,Thời hạn,Đơn vị thời hạn,"Phí, lệ phí",Mức phí (đồng),Thành phần hồ sơ,Hiệu lực từ';
const row = (code: string, unit = 'ngày làm việc', from = '01/07/2025') =>
  `${code},Đăng ký khai sinh,Hộ tịch,UBND cấp xã,1,${unit},Miễn phí,0,"Tờ khai đăng ký khai sinh [bản chính, 1 bản]; Giấy chứng sinh [bản chính]",${from}`;

describe('parseCsv / writeCsv (RFC 4180)', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'a,"b,c","say ""hi""","line1\r\nline2"\r\n1,,3,\r\n';
    expect(parseCsv(text)).toEqual({
      ok: true,
      rows: [
        ['a', 'b,c', 'say "hi"', 'line1\r\nline2'],
        ['1', '', '3', ''],
      ],
    });
  });
  it('accepts LF and CR line endings and a missing final newline', () => {
    expect(parseCsv('a,b\nc,d')).toEqual({
      ok: true,
      rows: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    });
    expect(parseCsv('a,b\rc,d\r')).toEqual({
      ok: true,
      rows: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    });
  });
  it('drops a BOM', () => {
    expect(parseCsv('\uFEFFa,b')).toEqual({ ok: true, rows: [['a', 'b']] });
  });
  it('reports an unterminated quote and a stray quote with the record number', () => {
    expect(parseCsv('a,b\nc,"d\ne,f\n')).toMatchObject({ ok: false, error: { row: 2 } });
    expect(parseCsv('a,b\nc,d"x\n')).toMatchObject({ ok: false, error: { row: 2 } });
    expect(parseCsv('a,"b"x\n')).toMatchObject({ ok: false, error: { row: 1 } });
  });
  it('round-trips awkward values', () => {
    const rows = [
      ['Phí, lệ phí', 'He said "ok"', 'a\nb', ' padded ', ''],
      ['x;y', 'plain', 'Đặng Văn Đức', '0', '"'],
    ];
    const out = writeCsv(rows, { bom: false });
    expect(out.endsWith('\r\n')).toBe(true);
    expect(parseCsv(out)).toEqual({ ok: true, rows });
    expect(parseCsv(writeCsv(rows, { delimiter: ';' }), ';')).toEqual({ ok: true, rows });
  });
});

describe('catalogue CSV', () => {
  it('exports with the documented Vietnamese headers and a BOM, and round-trips the default catalogue', () => {
    const csv = exportCatalogCsv(defaults);
    expect(
      csv.startsWith('\uFEFFMã nội bộ,Mã thủ tục,Tên thủ tục,Lĩnh vực,Cơ quan giải quyết,Thời hạn'),
    ).toBe(true);
    const back = importCatalogCsv(csv);
    expect(back.errors).toEqual([]);
    expect(back.ok).toEqual(defaults);
    expect(exportCatalogCsv(defaults, { bom: false }).startsWith('Mã nội bộ')).toBe(true);
  });

  it('reads UTF-8 bytes with and without BOM and rejects non-UTF-8 bytes', () => {
    const csv = exportCatalogCsv(defaults.slice(0, 2), { bom: false });
    const bytes = new TextEncoder().encode(csv);
    expect(importCatalogCsv(bytes).ok).toHaveLength(2);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(importCatalogCsv(withBom).ok).toHaveLength(2);
    const latin = new Uint8Array([...new TextEncoder().encode(`${HEADER}\n`), 0x4d, 0xe3, 0x20]);
    const r = importCatalogCsv(latin);
    expect(r.ok).toEqual([]);
    expect(r.errors[0]).toMatchObject({ row: 0, column: null });
    expect(r.errors[0]?.message).toContain('UTF-8');
  });

  it('detects the ";" delimiter written by Excel under a Vietnamese locale', () => {
    const csv = exportCatalogCsv(defaults.slice(0, 3), { delimiter: ';' });
    const r = importCatalogCsv(csv);
    expect(r.errors).toEqual([]);
    expect(r.ok).toEqual(defaults.slice(0, 3));
  });

  it('imports a hand-made sheet: minimal columns, id from the code, defaults for documents', () => {
    const r = importCatalogCsv(`${HEADER}\n${row('1.001193')}\n`);
    expect(r.errors).toEqual([]);
    expect(r.ok[0]).toMatchObject({
      id: '1.001193',
      processingTime: { amount: 1, unit: 'working_day' },
      fee: { amountVnd: 0, text: 'Miễn phí' },
      effectiveFrom: '2025-07-01',
      legalBasis: [],
      requiredDocuments: [
        { name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1, optional: false },
        { name: 'Giấy chứng sinh', kind: 'original', count: 1, optional: false },
      ],
    });
  });

  it('imports NOTHING when a row is bad, and reports row and column of each problem', () => {
    const csv = [
      HEADER,
      row('1.001193'),
      row('1.000894', 'tuần'),
      row('1.000656', 'ngày làm việc', '31/02/2025'),
      row('1001022'),
    ].join('\r\n');
    const r = importCatalogCsv(csv);
    expect(r.ok).toEqual([]);
    expect(r.errors).toEqual([
      { row: 3, column: 'Đơn vị thời hạn', message: expect.stringContaining('tuần') },
      { row: 4, column: 'Hiệu lực từ', message: expect.stringContaining('31/02/2025') },
      { row: 5, column: 'Mã thủ tục', message: expect.stringContaining('1.001193') },
    ]);
  });

  it('with validRowsOnly, imports the good rows and still reports the bad ones', () => {
    const csv = [HEADER, row('1.001193'), row('1.000894', 'tuần'), row('1.000656')].join('\n');
    const r = importCatalogCsv(csv, { validRowsOnly: true });
    expect(r.ok.map((p) => p.nationalCode)).toEqual(['1.001193', '1.000656']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.row).toBe(3);
  });

  it('counts rows as spreadsheet rows even with multi-line cells', () => {
    const multi = `1.001193,Đăng ký khai sinh,Hộ tịch,UBND cấp xã,1,ngày làm việc,Miễn phí,0,"Tờ khai
Giấy chứng sinh",01/07/2025`;
    const r = importCatalogCsv([HEADER, multi, row('1.000894', 'x')].join('\n'));
    expect(r.errors.map((e) => e.row)).toEqual([3]);
  });

  it('reports duplicate codes on the later row', () => {
    const r = importCatalogCsv([HEADER, row('1.001193'), row('1.001193')].join('\n'));
    expect(r.ok).toEqual([]);
    expect(r.errors).toEqual([
      { row: 3, column: 'Mã thủ tục', message: expect.stringContaining('dòng 2') },
    ]);
  });

  it('reports missing required columns on row 1', () => {
    const r = importCatalogCsv('Mã thủ tục,Tên thủ tục\n1.001193,Đăng ký khai sinh\n');
    expect(r.ok).toEqual([]);
    const cols = r.errors.map((e) => e.column);
    expect(cols).toEqual(
      expect.arrayContaining(['Lĩnh vực', 'Cơ quan giải quyết', 'Thời hạn', 'Thành phần hồ sơ']),
    );
    expect(r.errors.every((e) => e.row === 1)).toBe(true);
  });

  it('matches headers without accents or case, ignores STT and reports unknown columns', () => {
    const header =
      'STT,ma thu tuc,TEN THU TUC,Linh vuc,Co quan giai quyet,Thoi han,Don vi thoi han,Muc phi (dong),Thanh phan ho so,Hieu luc tu,Ghi chú nội bộ';
    const r = importCatalogCsv(
      `${header}\n1,1.001193,Khai sinh,Hộ tịch,UBND xã,0,trong ngày,8.000 đ,Tờ khai,2025-07-01,x\n`,
    );
    expect(r.errors).toEqual([]);
    expect(r.ignoredColumns).toEqual(['Ghi chú nội bộ']);
    expect(r.ok[0]).toMatchObject({
      processingTime: { amount: 0, unit: 'same_day' },
      fee: { amountVnd: 8000 },
    });
  });

  it('reports schema errors on the right column (same_day with an amount, empty name)', () => {
    const bad = '1.001193,,Hộ tịch,UBND cấp xã,2,trong ngày,Miễn phí,0,Tờ khai,01/07/2025';
    const r = importCatalogCsv(`${HEADER}\n${bad}\n`);
    expect(r.errors.map((e) => e.column).sort()).toEqual(['Thời hạn', 'Tên thủ tục']);
  });

  it('rejects a file with broken quoting as a whole', () => {
    const r = importCatalogCsv(`${HEADER}\n${row('1.001193')}\n1.000894,"Đăng ký kết hôn\n`, {
      validRowsOnly: true,
    });
    expect(r.ok).toEqual([]);
    expect(r.errors).toEqual([
      { row: 3, column: null, message: expect.stringContaining('ngoặc kép') },
    ]);
  });

  it('XLSX shares the table mapping: proceduresToTable → tableToProcedures round-trips', () => {
    const table = proceduresToTable(defaults);
    expect(table[0]).toEqual(CATALOG_COLUMNS.map((c) => c.header));
    expect(tableToProcedures(table)).toEqual({ ok: defaults, errors: [], ignoredColumns: [] });
  });
});

describe('"Thành phần hồ sơ" cell', () => {
  it('parses names, kinds, counts and optional flags, separated by ";" or line breaks', () => {
    const r = parseDocumentCell(
      'Tờ khai (theo mẫu) [bản chính, 1 bản]; Giấy chứng sinh [Bản sao chứng thực, x2]\nVăn bản ủy quyền [bản chính hoặc bản sao, không bắt buộc]; Ảnh 4x6',
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { name: 'Tờ khai (theo mẫu)', kind: 'original', count: 1, optional: false },
        { name: 'Giấy chứng sinh', kind: 'certified_copy', count: 2, optional: false },
        { name: 'Văn bản ủy quyền', kind: 'original_or_copy', count: 1, optional: true },
        { name: 'Ảnh 4x6', kind: 'original', count: 1, optional: false },
      ],
    });
  });
  it('rejects unknown attributes and empty names', () => {
    expect(parseDocumentCell('Tờ khai [bản scan]')).toMatchObject({ ok: false });
    expect(parseDocumentCell('Tờ khai [bản chính; 1 bản]')).toMatchObject({ ok: false });
    expect(parseDocumentCell('Tờ khai [bản chính] (mẫu)')).toMatchObject({ ok: false });
    expect(parseDocumentCell('[bản chính]')).toMatchObject({ ok: false });
  });
});

describe('parseVndAmount', () => {
  it.each([
    ['8.000', 8000],
    ['8 000', 8000],
    ['20,000', 20000],
    ['10000', 10000],
    ['2.000 đ', 2000],
    ['15.000 đồng', 15000],
    ['0', 0],
  ])('%s → %d', (cell, value) => expect(parseVndAmount(cell)).toBe(value));
  it('empty → undefined, garbage → null', () => {
    expect(parseVndAmount('')).toBeUndefined();
    expect(parseVndAmount('miễn phí')).toBeNull();
    expect(parseVndAmount('8.00')).toBeNull();
  });
});

describe('catalogue JSON', () => {
  it('round-trips the default catalogue', () => {
    const r = importCatalogJson(exportCatalogJson(defaults));
    expect(r).toEqual({ ok: defaults, errors: [], ignoredColumns: [] });
  });
  it('accepts a bare array and bytes with a BOM', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${JSON.stringify(defaults.slice(0, 1))}`);
    expect(importCatalogJson(bytes).ok).toEqual(defaults.slice(0, 1));
  });
  it('reports per-item errors with paths, all or nothing by default', () => {
    const items = [
      defaults[0],
      { ...defaults[1], processingTime: { amount: 1, unit: 'week' } },
      { ...defaults[2], id: defaults[0]?.id },
    ];
    const r = importCatalogJson(JSON.stringify(items));
    expect(r.ok).toEqual([]);
    expect(r.errors).toEqual([
      { row: 2, column: 'processingTime.unit', message: expect.any(String) },
      { row: 3, column: 'id', message: expect.stringContaining('dòng 1') },
    ]);
    expect(importCatalogJson(JSON.stringify(items), { validRowsOnly: true }).ok).toEqual([
      defaults[0],
    ]);
  });
  it('rejects invalid JSON, a foreign format and a newer version', () => {
    expect(importCatalogJson('{oops').errors[0]).toMatchObject({ row: 0 });
    expect(importCatalogJson('{"format":"other","procedures":[]}').errors[0]).toMatchObject({
      column: 'format',
    });
    expect(
      importCatalogJson('{"format":"motcua.catalog","version":2,"procedures":[]}').errors[0],
    ).toMatchObject({ column: 'version' });
    expect(importCatalogJson('{"x":1}').errors[0]).toMatchObject({ column: 'procedures' });
  });
});
