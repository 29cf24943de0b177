/**
 * The 12-digit personal ID number (số định danh cá nhân, printed on the CCCD):
 * `PPP G YY RRRRRR` — province of birth registration, century+sex digit, 2-digit birth
 * year, 6 random digits; no check digit (TT 07/2016/TT-BCA; docs/domain.md, Citizen ID (CCCD) QR
 * code).
 *
 * Century+sex digit G: 0/1 = male/female born 1900–1999, 2/3 = 2000–2099,
 * 4/5 = 2100–2199, 6/7 = 2200–2299, 8/9 = 2300–2399. Even = Nam, odd = Nữ.
 */
import type { VnDate } from '../time/vnTime';
import { isVnDate } from '../time/vnTime';
import { citizenIdMessage } from './messages';
import type { CitizenIdErrorCode, CitizenIdLang } from './messages';

export type Sex = 'Nam' | 'Nữ';

export interface DecodedIdNumber {
  idNumber: string;
  /** 3-digit code of the province where the birth was registered. */
  provinceCode: string;
  sex: Sex;
  /** Full birth year encoded by the century digit and the 2-digit year. */
  birthYear: number;
}

export type CitizenIdResult<T> =
  { ok: true; value: T } | { ok: false; code: CitizenIdErrorCode; message: string };

export function citizenIdError<T>(
  code: CitizenIdErrorCode,
  lang: CitizenIdLang = 'vi',
): CitizenIdResult<T> {
  return { ok: false, code, message: citizenIdMessage(code, lang) };
}

const ID_RE = /^\d{12}$/;

/** The century+sex digit expected for a birth year and sex, or null outside 1900–2399. */
export function centurySexDigit(birthYear: number, sex: Sex): number | null {
  const century = Math.floor(birthYear / 100) - 19;
  if (century < 0 || century > 4) return null;
  return century * 2 + (sex === 'Nữ' ? 1 : 0);
}

/**
 * Check the shape of an ID number and, when given, its consistency with the birth date
 * (century digit and 2-digit year) and the sex.
 */
export function validateIdNumber(
  id: string,
  birthDate?: VnDate,
  options: { sex?: Sex; lang?: CitizenIdLang } = {},
): CitizenIdResult<DecodedIdNumber> {
  const lang = options.lang ?? 'vi';
  const idNumber = id.trim();
  if (!ID_RE.test(idNumber)) return citizenIdError('ID_FORMAT', lang);
  const g = Number(idNumber[3]);
  const yy = Number(idNumber.slice(4, 6));
  const decoded: DecodedIdNumber = {
    idNumber,
    provinceCode: idNumber.slice(0, 3),
    sex: g % 2 === 0 ? 'Nam' : 'Nữ',
    birthYear: 1900 + Math.floor(g / 2) * 100 + yy,
  };
  if (birthDate !== undefined) {
    if (!isVnDate(birthDate)) return citizenIdError('BIRTH_DATE_INVALID', lang);
    const year = Number(birthDate.slice(0, 4));
    const centuryBase = 1900 + Math.floor(g / 2) * 100;
    if (year < centuryBase || year > centuryBase + 99) {
      return citizenIdError('ID_CENTURY_MISMATCH', lang);
    }
    if (year % 100 !== yy) return citizenIdError('ID_YEAR_MISMATCH', lang);
  }
  if (options.sex !== undefined && options.sex !== decoded.sex) {
    return citizenIdError('ID_SEX_MISMATCH', lang);
  }
  return { ok: true, value: decoded };
}
