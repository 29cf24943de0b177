/**
 * Dossier code (mã số hồ sơ), TT 01/2018/TT-VPCP Art. 19, docs/domain.md, Dossier code:
 *   `<agency identifier>-YYMMDD-XXXX`, e.g. `000.00.14.H56-200203-0118`.
 *
 * - Agency identifier (QCVN 102:2016/BTTTT): `V1V2V3.Z1Z2.Y1Y2.MX1X2` — level 4 (3 digits),
 *   level 3 (2 digits), level 2 (2 digits), level 1 (a capital letter + 2 digits, e.g. H56
 *   = Thanh Hóa). Shortened forms drop leading levels (`38.98.H29`); accepted shapes are
 *   `MXX`, `YY.MXX`, `ZZ.YY.MXX`, `VVV.ZZ.YY.MXX`. Input is trimmed and upper-cased.
 *   Under NĐ 118 Art. 28 it is the code of the authority competent to decide.
 * - `YYMMDD`: the date of receipt in Vietnam time (UTC+7), whatever the machine's zone.
 *   Parsed back as 20YY (dossier codes exist since 2018).
 * - `XXXX`: the sequence within that day for that agency, from 0001.
 *
 * Past 9999 (decision): the sequence WIDENS to 5 digits (`…-10000`) rather than fail: a
 * desk must always be able to give a dossier a code, and codes stay unique and sortable
 * within the day by length then value. Above 99999 the format refuses (SEQUENCE_RANGE).
 * Parsing accepts exactly 4 digits, or 5 digits ≥ 10000 (no leading zero), so every
 * sequence has exactly one spelling.
 */
import { isVnDate, vnYYMMDD } from './time/vnTime';
import type { VnDate } from './time/vnTime';

export const AGENCY_CODE_RE = /^(?:(?:(?:\d{3}\.)?\d{2}\.)?\d{2}\.)?[A-Z]\d{2}$/;
export const MAX_DOSSIER_SEQUENCE = 99_999;
const CODE_RE = /^(.+)-(\d{6})-(\d{4}|[1-9]\d{4})$/;

export type DossierCodeErrorCode =
  'AGENCY_CODE_INVALID' | 'SEQUENCE_RANGE' | 'DATE_INVALID' | 'CODE_FORMAT';

export const dossierCodeMessages: Record<'vi' | 'en', Record<DossierCodeErrorCode, string>> = {
  vi: {
    AGENCY_CODE_INVALID:
      'Mã định danh cơ quan không đúng định dạng QCVN 102:2016/BTTTT (ví dụ 000.00.14.H56 hoặc 38.98.H29).',
    SEQUENCE_RANGE: 'Số thứ tự hồ sơ trong ngày phải từ 1 đến 99999.',
    DATE_INVALID: 'Ngày tiếp nhận trong mã hồ sơ không hợp lệ.',
    CODE_FORMAT: 'Mã hồ sơ không đúng định dạng <mã cơ quan>-YYMMDD-XXXX.',
  },
  en: {
    AGENCY_CODE_INVALID:
      'The agency identifier does not follow QCVN 102:2016/BTTTT (e.g. 000.00.14.H56 or 38.98.H29).',
    SEQUENCE_RANGE: 'The daily dossier sequence must be between 1 and 99999.',
    DATE_INVALID: 'The date of receipt in the dossier code is not a valid date.',
    CODE_FORMAT: 'The dossier code does not match <agency>-YYMMDD-XXXX.',
  },
};

export type DossierCodeResult<T> =
  { ok: true; value: T } | { ok: false; code: DossierCodeErrorCode; message: string };

const fail = <T>(code: DossierCodeErrorCode, lang: 'vi' | 'en' = 'vi'): DossierCodeResult<T> => ({
  ok: false,
  code,
  message: dossierCodeMessages[lang][code],
});

/** Trimmed, upper-cased agency identifier if its shape is valid, else null. */
export function normalizeAgencyCode(agencyCode: string): string | null {
  const code = agencyCode.trim().toUpperCase();
  return AGENCY_CODE_RE.test(code) ? code : null;
}

export function isAgencyCode(agencyCode: string): boolean {
  return normalizeAgencyCode(agencyCode) !== null;
}

/** Sequence as printed: 4 digits, widened to 5 past 9999. */
export function formatDossierSequence(sequence: number): string {
  return String(sequence).padStart(4, '0');
}

export function formatDossierCode(
  input: { agencyCode: string; receivedAt: Date; sequence: number },
  lang: 'vi' | 'en' = 'vi',
): DossierCodeResult<string> {
  const agency = normalizeAgencyCode(input.agencyCode);
  if (!agency) return fail('AGENCY_CODE_INVALID', lang);
  const { sequence } = input;
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DOSSIER_SEQUENCE) {
    return fail('SEQUENCE_RANGE', lang);
  }
  if (Number.isNaN(input.receivedAt.getTime())) return fail('DATE_INVALID', lang);
  return {
    ok: true,
    value: `${agency}-${vnYYMMDD(input.receivedAt)}-${formatDossierSequence(sequence)}`,
  };
}

export interface ParsedDossierCode {
  agencyCode: string;
  /** 'YYMMDD' as printed. */
  yymmdd: string;
  /** Date of receipt 'YYYY-MM-DD' (Vietnam). */
  receivedDate: VnDate;
  sequence: number;
}

/** Parse a dossier code (trimmed, upper-cased first, so a code typed at the kiosk works). */
export function parseDossierCode(
  code: string,
  lang: 'vi' | 'en' = 'vi',
): DossierCodeResult<ParsedDossierCode> {
  const m = CODE_RE.exec(code.trim().toUpperCase());
  if (!m) return fail('CODE_FORMAT', lang);
  const [, agencyPart = '', yymmdd = '', seq = ''] = m;
  const agencyCode = normalizeAgencyCode(agencyPart);
  if (!agencyCode) return fail('AGENCY_CODE_INVALID', lang);
  const receivedDate = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  if (!isVnDate(receivedDate)) return fail('DATE_INVALID', lang);
  const sequence = Number(seq);
  if (sequence < 1) return fail('SEQUENCE_RANGE', lang);
  return { ok: true, value: { agencyCode, yymmdd, receivedDate, sequence } };
}
