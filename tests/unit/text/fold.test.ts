import { describe, expect, it } from 'vitest';
import { foldVietnamese, foldedIncludes } from '../../../src/shared/text/fold';

describe('foldVietnamese', () => {
  it('folds a full Vietnamese name, including đ/Đ', () => {
    expect(foldVietnamese('Đặng Văn Đức')).toBe('dang van duc');
    expect(foldVietnamese('Nguyễn Thị Hồng Nhung')).toBe('nguyen thi hong nhung');
    expect(foldVietnamese('Phường Bến Nghé, Quận 1')).toBe('phuong ben nghe, quan 1');
  });

  it('gives the same result for NFC and NFD input', () => {
    const nfc = 'Trần Thị Thuỷ'.normalize('NFC');
    const nfd = 'Trần Thị Thuỷ'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
    expect(foldVietnamese(nfd)).toBe('tran thi thuy');
  });

  it('folds every vowel with every tone', () => {
    expect(foldVietnamese('àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị')).toBe(
      'aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii',
    );
    expect(foldVietnamese('òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ')).toBe(
      'ooooo oooooo oooooo uuuuu uuuuuu yyyyy',
    );
    expect(foldVietnamese('ÀÁẢÃẠ ƯỪỨỬỮỰ ĐÐ')).toBe('aaaaa uuuuuu dd');
  });

  it('collapses whitespace (tabs, newlines, non-breaking spaces) and trims', () => {
    expect(foldVietnamese('  Lê\t\tVăn\n Tám\u00a0 ')).toBe('le van tam');
    expect(foldVietnamese('')).toBe('');
    expect(foldVietnamese('   ')).toBe('');
  });

  it('leaves digits and punctuation alone', () => {
    expect(foldVietnamese('Mã 000.00.14.H56-200203-0118')).toBe('ma 000.00.14.h56-200203-0118');
  });

  it('foldedIncludes matches unaccented queries', () => {
    expect(foldedIncludes('Đăng ký khai sinh', 'dang ky KHAI')).toBe(true);
    expect(foldedIncludes('Đăng ký khai tử', 'khai sinh')).toBe(false);
  });
});
