import { describe, expect, it } from 'vitest';
import {
  CP1258_TABLE,
  decodeWithTable,
  encodeVietnamese,
  TCVN3_TABLE,
  TCVN3_UPPER_TABLE,
  type CodePageRun,
} from '../../../src/core/printing/escpos/encoding';

const LOWER =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const ALL = LOWER + LOWER.toUpperCase();

const bytesOf = (runs: CodePageRun[]): number[] => runs.flatMap((r) => r.bytes);

function decodeRuns(runs: CodePageRun[], encoding: 'cp1258' | 'tcvn3'): string {
  return runs
    .map((r) =>
      decodeWithTable(
        r.bytes,
        encoding === 'cp1258' ? CP1258_TABLE : r.page === 'upper' ? TCVN3_UPPER_TABLE : TCVN3_TABLE,
      ),
    )
    .join('')
    .normalize('NFC');
}

describe('CP1258 encoder', () => {
  it('uses precomposed letters where Windows-1258 has them and base + tone-mark bytes otherwise', () => {
    const r = encodeVietnamese('Đặng Nguyễn Ánh', 'cp1258');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(bytesOf(r.runs)).toEqual([
      0xd0, 0xe3, 0xf2, 0x6e, 0x67, // Đ ă+̣ n g
      0x20,
      0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e, // N g u y ê+̃ n
      0x20,
      0xc1, 0x6e, 0x68, // Á n h
    ]); // prettier-ignore
  });

  it('accepts decomposed (NFD) input and gives the same bytes', () => {
    const a = encodeVietnamese('Giấy tiếp nhận', 'cp1258');
    const b = encodeVietnamese('Giấy tiếp nhận'.normalize('NFD'), 'cp1258');
    expect(a).toEqual(b);
  });

  it('round-trips every Vietnamese letter in both cases', () => {
    const r = encodeVietnamese(ALL, 'cp1258');
    expect(r.ok).toBe(true);
    if (r.ok) expect(decodeRuns(r.runs, 'cp1258')).toBe(ALL);
  });

  it('returns an error value for a character outside the code page (never "?")', () => {
    const r = encodeVietnamese('Số № 5', 'cp1258');
    expect(r).toMatchObject({
      ok: false,
      code: 'UNENCODABLE',
      char: '№',
      codePoint: 'U+2116',
      index: 3,
    });
  });
});

describe('TCVN-3 encoder', () => {
  it('encodes lower-case toned letters on the main page', () => {
    const r = encodeVietnamese('đặng', 'tcvn3');
    expect(r).toEqual({ ok: true, runs: [{ page: 'main', bytes: [0xae, 0xc6, 0x6e, 0x67] }] });
  });

  it('puts upper-case toned letters on the upper page at the lower-case position', () => {
    const r = encodeVietnamese('ÁNH', 'tcvn3');
    expect(r).toEqual({
      ok: true,
      runs: [
        { page: 'upper', bytes: [0xb8] },
        { page: 'main', bytes: [0x4e, 0x48] },
      ],
    });
  });

  it('round-trips every Vietnamese letter in both cases', () => {
    const r = encodeVietnamese(ALL, 'tcvn3');
    expect(r.ok).toBe(true);
    if (r.ok) expect(decodeRuns(r.runs, 'tcvn3')).toBe(ALL);
  });

  it('returns an error value for a character TCVN-3 lacks', () => {
    expect(encodeVietnamese('Peña', 'tcvn3')).toMatchObject({ ok: false, char: 'ñ', index: 2 });
  });
});
