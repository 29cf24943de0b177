import { describe, expect, it } from 'vitest';
import {
  centurySexDigit,
  citizenIdDataSchema,
  citizenIdMessages,
  maskIdNumber,
  maskPersonalNumbers,
  maskPhone,
  parseCardDate,
  parseCccdQr,
  validateIdNumber,
} from '../../../src/shared/citizenId';

const SAMPLE =
  '001090123456|012345678|Nguyễn Văn A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

const expectError = (text: string, code: string, options = {}): void => {
  const r = parseCccdQr(text, options);
  expect(r.ok, text).toBe(false);
  if (!r.ok) {
    expect(r.code).toBe(code);
    expect(r.message).toBe(citizenIdMessages.vi[r.code as keyof typeof citizenIdMessages.vi]);
  }
};

describe('parseCccdQr: valid payloads', () => {
  it('parses the 7-field example from docs/domain.md', () => {
    expect(parseCccdQr(SAMPLE)).toEqual({
      ok: true,
      value: {
        idNumber: '001090123456',
        oldIdNumber: '012345678',
        fullName: 'Nguyễn Văn A',
        birthDate: '1990-01-01',
        sex: 'Nam',
        address: 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
        issueDate: '2021-04-15',
      },
    });
  });

  it('empty old ID → no oldIdNumber key', () => {
    const r = parseCccdQr(
      '079304004321||Trần Thị Bích Ngọc|29022004|Nữ|Xã Tân Phú, Tỉnh Đồng Nai|10102022',
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).not.toHaveProperty('oldIdNumber');
      expect(r.value.birthDate).toBe('2004-02-29');
      expect(r.value.sex).toBe('Nữ');
    }
  });

  it('accepts the 6-field variant without the old ID', () => {
    const r = parseCccdQr('001090123456|Nguyễn Văn A|01011990|Nam|Hà Nội|15042021');
    expect(r.ok && r.value).toMatchObject({ fullName: 'Nguyễn Văn A', address: 'Hà Nội' });
    expect(r.ok && r.value.oldIdNumber).toBeUndefined();
  });

  it('ignores extra trailing fields (7- and 6-field layouts)', () => {
    const r7 = parseCccdQr(`${SAMPLE}|Nguyễn Văn B|Trần Thị C|`);
    expect(r7.ok && r7.value.issueDate).toBe('2021-04-15');
    const r6 = parseCccdQr('001090123456|Nguyễn Văn A|01011990|Nam|Hà Nội|15042021|extra|x');
    expect(r6.ok && r6.value.fullName).toBe('Nguyễn Văn A');
  });

  it('accepts dd/MM/yyyy and dd-MM-yyyy dates', () => {
    const r = parseCccdQr('001090123456|012345678|Nguyễn Văn A|01/01/1990|Nam|Hà Nội|15-04-2021');
    expect(r.ok && [r.value.birthDate, r.value.issueDate]).toEqual(['1990-01-01', '2021-04-15']);
  });

  it('tolerates surrounding whitespace, CR/LF from a USB scanner, a BOM and padded fields', () => {
    const r = parseCccdQr(`\uFEFF  ${SAMPLE.replace('|Nam|', '| Nam |')}\r\n`);
    expect(r.ok && r.value.sex).toBe('Nam');
    expect(r.ok && r.value.issueDate).toBe('2021-04-15');
  });

  it('returns NFC name and address whatever the input normalisation', () => {
    const r = parseCccdQr(SAMPLE.normalize('NFD'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.fullName).toBe('Nguyễn Văn A'.normalize('NFC'));
      expect(r.value.fullName.normalize('NFC')).toBe(r.value.fullName);
      expect(r.value.address).toBe('Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh'.normalize('NFC'));
    }
  });

  it('collapses internal whitespace in name and address', () => {
    const r = parseCccdQr(SAMPLE.replace('Nguyễn Văn A', 'Nguyễn  Văn\tA'));
    expect(r.ok && r.value.fullName).toBe('Nguyễn Văn A');
  });

  it('reads sex without diacritics or in upper case', () => {
    const female = '001190123456||Lê Thị Hoa|01011990|NU|Hà Nội|15042021';
    expect(parseCccdQr(female).ok && parseCccdQr(female)).toMatchObject({ value: { sex: 'Nữ' } });
    const r = parseCccdQr(female.replace('NU', 'NỮ'));
    expect(r.ok && r.value.sex).toBe('Nữ');
  });

  it('accepts a 12-digit old ID and people born in the 2000s', () => {
    const r = parseCccdQr(
      '038205000123|038205000123|Phạm Minh Khôi|05062005|Nam|Thanh Hóa|01072021',
    );
    expect(r.ok && r.value.oldIdNumber).toBe('038205000123');
  });
});

describe('parseCccdQr: malformed payloads', () => {
  it('empty / whitespace text', () => {
    expectError('', 'EMPTY');
    expectError(' \r\n', 'EMPTY');
  });

  it('wrong field count', () => {
    expectError('001090123456|012345678|Nguyễn Văn A|01011990|Nam', 'FIELD_COUNT');
    expectError('001090123456', 'FIELD_COUNT');
    // a 7-field payload with its last field cut off
    expectError('001090123456|012345678|Nguyễn Văn A|01011990|Nam|Hà Nội', 'FIELD_COUNT');
    expectError('001090123456||Nguyễn Văn A|01011990|Nam|Hà Nội', 'FIELD_COUNT');
    // not a CCCD QR at all (a URL)
    expectError('https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html', 'FIELD_COUNT');
  });

  it('ID number with letters or wrong length', () => {
    expectError(SAMPLE.replace('001090123456', '00109012345A'), 'ID_FORMAT');
    expectError(SAMPLE.replace('001090123456', '00109012345'), 'ID_FORMAT');
    expectError(SAMPLE.replace('001090123456', '0010901234567'), 'ID_FORMAT');
    expectError(SAMPLE.replace('001090123456', 'O01090123456'), 'ID_FORMAT');
  });

  it('bad old ID', () => {
    expectError(SAMPLE.replace('012345678', '01234567'), 'OLD_ID_FORMAT');
  });

  it('missing name / address', () => {
    expectError(SAMPLE.replace('Nguyễn Văn A', ' '), 'NAME_MISSING');
    expectError(SAMPLE.replace('Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh', ''), 'ADDRESS_MISSING');
  });

  it('bad dates', () => {
    expectError(SAMPLE.replace('01011990', '32011990'), 'BIRTH_DATE_INVALID');
    expectError(SAMPLE.replace('01011990', '29021990'), 'BIRTH_DATE_INVALID');
    expectError(SAMPLE.replace('01011990', '1990-01-01'), 'BIRTH_DATE_INVALID');
    expectError(SAMPLE.replace('01011990', '010190'), 'BIRTH_DATE_INVALID');
    expectError(SAMPLE.replace('15042021', '15132021'), 'ISSUE_DATE_INVALID');
    expectError(SAMPLE.replace('15042021', ''), 'ISSUE_DATE_INVALID');
  });

  it('bad sex field', () => {
    expectError(SAMPLE.replace('|Nam|', '|M|'), 'SEX_INVALID');
    expectError(SAMPLE.replace('|Nam|', '|N?|'), 'SEX_INVALID');
  });

  it('century digit inconsistent with the birth year', () => {
    // digit 0 = male 1900s, but born 2090 / 1890
    expectError(
      SAMPLE.replace('01011990', '01012090').replace('15042021', '15042095'),
      'ID_CENTURY_MISMATCH',
    );
    expectError(SAMPLE.replace('01011990', '01011890'), 'ID_CENTURY_MISMATCH');
    // digit 2 = male 2000s, but born 1990
    expectError(SAMPLE.replace('001090123456', '001290123456'), 'ID_CENTURY_MISMATCH');
  });

  it('2-digit year inconsistent with the birth year', () => {
    expectError(SAMPLE.replace('01011990', '01011991'), 'ID_YEAR_MISMATCH');
  });

  it('century/sex digit inconsistent with the sex field', () => {
    expectError(SAMPLE.replace('|Nam|', '|Nữ|'), 'ID_SEX_MISMATCH');
    expectError(SAMPLE.replace('001090123456', '001190123456'), 'ID_SEX_MISMATCH');
  });

  it('issue date before birth, dates in the future', () => {
    expectError(SAMPLE.replace('15042021', '15041989'), 'ISSUE_BEFORE_BIRTH');
    expectError(SAMPLE, 'DATE_IN_FUTURE', { today: '2021-04-14' });
    expect(parseCccdQr(SAMPLE, { today: '2021-04-15' }).ok).toBe(true);
  });

  it('English messages on request', () => {
    const r = parseCccdQr('x', { lang: 'en' });
    expect(!r.ok && r.message).toBe(citizenIdMessages.en.FIELD_COUNT);
  });
});

describe('validateIdNumber', () => {
  it('decodes province, sex and birth year', () => {
    expect(validateIdNumber('001090123456')).toEqual({
      ok: true,
      value: { idNumber: '001090123456', provinceCode: '001', sex: 'Nam', birthYear: 1990 },
    });
    expect(validateIdNumber('079305000001').ok && validateIdNumber('079305000001')).toMatchObject({
      value: { sex: 'Nữ', birthYear: 2005 },
    });
    expect(validateIdNumber('001400000001').ok && validateIdNumber('001400000001')).toMatchObject({
      value: { sex: 'Nam', birthYear: 2100 },
    });
    expect(validateIdNumber('001599000001').ok && validateIdNumber('001599000001')).toMatchObject({
      value: { sex: 'Nữ', birthYear: 2199 },
    });
  });

  it('checks the birth date when given', () => {
    expect(validateIdNumber('001090123456', '1990-12-31').ok).toBe(true);
    expect(validateIdNumber('001090123456', '1991-01-01')).toMatchObject({
      ok: false,
      code: 'ID_YEAR_MISMATCH',
    });
    expect(validateIdNumber('001090123456', '2090-01-01')).toMatchObject({
      ok: false,
      code: 'ID_CENTURY_MISMATCH',
    });
    expect(validateIdNumber('001090123456', '1990-02-30')).toMatchObject({
      ok: false,
      code: 'BIRTH_DATE_INVALID',
    });
    expect(validateIdNumber(' 001090123456 ').ok).toBe(true);
    expect(validateIdNumber('0010 9012 3456')).toMatchObject({ ok: false, code: 'ID_FORMAT' });
  });

  it('centurySexDigit', () => {
    expect(centurySexDigit(1990, 'Nam')).toBe(0);
    expect(centurySexDigit(1990, 'Nữ')).toBe(1);
    expect(centurySexDigit(2005, 'Nam')).toBe(2);
    expect(centurySexDigit(2005, 'Nữ')).toBe(3);
    expect(centurySexDigit(2150, 'Nữ')).toBe(5);
    expect(centurySexDigit(1899, 'Nam')).toBeNull();
  });
});

describe('masking', () => {
  it('maskIdNumber', () => {
    expect(maskIdNumber('001090123456')).toBe('0010******56');
    expect(maskIdNumber('012345678')).toBe('0123***78');
    expect(maskIdNumber('1234')).toBe('**34');
    expect(maskIdNumber('')).toBe('');
  });
  it('maskPhone', () => {
    // The audit log's format (docs/security.md): first 2 and last 2 (was first 3, last 3).
    expect(maskPhone('0912345678')).toBe('09******78');
    expect(maskPhone('0912 345 678')).toBe('09******78');
    expect(maskPhone('+84912345678')).toBe('+8********78');
    expect(maskPhone('12345')).toBe('***45');
  });
  it('maskPersonalNumbers: ID and phone numbers inside typed text; codes, dates and ids stay', () => {
    expect(maskPersonalNumbers('001090123456')).toBe('0010******56');
    expect(maskPersonalNumbers('012345678')).toBe('0123***78');
    expect(maskPersonalNumbers('0912 345 678')).toBe('09******78');
    expect(maskPersonalNumbers('0912.345.678')).toBe('09******78');
    expect(maskPersonalNumbers('Nguyễn Văn An 001090123456, ĐT 0912345678')).toBe(
      'Nguyễn Văn An 0010******56, ĐT 09******78',
    );
    for (const kept of [
      '000.00.14.H56-261206-0001',
      'H56-261206-0001',
      '01JF3K123456789AB',
      'Nghỉ 15 phút',
      '12345',
      'Đặng Văn Đức',
    ]) {
      expect(maskPersonalNumbers(kept), kept).toBe(kept);
    }
  });
});

describe('citizenIdDataSchema', () => {
  const good = {
    idNumber: '001090123456',
    fullName: 'Nguyễn Văn A',
    birthDate: '1990-01-01',
    sex: 'Nam',
    address: 'Hà Nội',
    issueDate: '2021-04-15',
  };
  it('accepts what the parser returns', () => {
    const r = parseCccdQr(SAMPLE);
    expect(r.ok && citizenIdDataSchema.safeParse(r.value).success).toBe(true);
    expect(citizenIdDataSchema.safeParse(good).success).toBe(true);
  });
  it('rejects inconsistent or malformed data', () => {
    expect(citizenIdDataSchema.safeParse({ ...good, sex: 'Nữ' }).success).toBe(false);
    expect(citizenIdDataSchema.safeParse({ ...good, birthDate: '1991-01-01' }).success).toBe(false);
    expect(citizenIdDataSchema.safeParse({ ...good, birthDate: '01/01/1990' }).success).toBe(false);
    expect(citizenIdDataSchema.safeParse({ ...good, idNumber: '00109012345' }).success).toBe(false);
    expect(citizenIdDataSchema.safeParse({ ...good, oldIdNumber: '123' }).success).toBe(false);
    expect(citizenIdDataSchema.safeParse({ ...good, issueDate: '1980-01-01' }).success).toBe(false);
  });
});

describe('parseCardDate', () => {
  it('parses the card formats and rejects impossible dates', () => {
    expect(parseCardDate('29022000')).toBe('2000-02-29');
    expect(parseCardDate('29/02/1900')).toBeNull();
    expect(parseCardDate('1/1/1990')).toBeNull();
  });
});
