/**
 * The desk's procedure picker order (docs/desk.md). Old behaviour: the first catalogue
 * procedure containing the text won, so "khai sinh" + Enter took 1.000689 ("…kết hợp nhận
 * cha, mẹ, con") instead of 1.001193 "Đăng ký khai sinh".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rankProcedures } from '../../../src/shared/catalog/procedurePicker';

interface Row {
  id: string;
  nationalCode: string;
  name: string;
  field: string;
}
const catalogue = (
  JSON.parse(readFileSync('resources/catalog/default-procedures.json', 'utf8')) as {
    procedures: Row[];
  }
).procedures
  .map((p) => ({ id: p.id, code: p.nationalCode, name: p.name, field: p.field }))
  // procedures.list answers in code order, where 1.000689 comes before 1.001193.
  .sort((a, b) => a.code.localeCompare(b.code));

const first = (q: string, usage = new Map<string, number>()) =>
  rankProcedures(catalogue, q, usage)[0]?.code;

describe('rankProcedures', () => {
  it('"khai sinh" puts 1.001193 "Đăng ký khai sinh" first, with or without usage', () => {
    expect(first('khai sinh')).toBe('1.001193');
    expect(first('khai sinh', new Map([['1.001193', 3]]))).toBe('1.001193');
  });

  it('orders exact code, exact name, name prefix, most-used, rest', () => {
    const list = [
      { id: 'a', code: '1.000001', name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực' },
      { id: 'b', code: '1.000002', name: 'Cấp bản sao trích lục', field: 'Hộ tịch' },
      { id: 'c', code: '1.000003', name: 'Chứng thực', field: 'Chứng thực' },
      { id: 'd', code: '1.000004', name: 'Xác nhận chứng thực chữ ký', field: 'Chứng thực' },
      { id: 'e', code: '1.000005', name: 'Đăng ký chứng thực hợp đồng lớn', field: 'Chứng thực' },
    ];
    const usage = new Map([
      ['e', 9],
      ['d', 2],
    ]);
    expect(rankProcedures(list, 'chung thuc', usage).map((p) => p.id)).toEqual([
      'c', // exact name
      'a', // name prefix
      'e', // most used
      'd', // used less
    ]);
    expect(rankProcedures(list, '1.000004', usage).map((p) => p.id)).toEqual(['d']);
    // Nothing typed: most-used first, then the catalogue order.
    expect(rankProcedures(list, '', usage).map((p) => p.id)).toEqual(['e', 'd', 'a', 'b', 'c']);
  });

  it('every typed word must match, in any order, without diacritics', () => {
    expect(first('sinh khai dang ky')).toBe('1.001193');
    expect(rankProcedures(catalogue, 'khai sinh zzz')).toEqual([]);
  });
});
