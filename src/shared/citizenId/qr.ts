/**
 * Parser for the text of the QR code on the back of the chip citizen ID card (CCCD),
 * docs/domain.md, Citizen ID (CCCD) QR code:
 *   `<12-digit ID>|<old 9-digit ID, may be empty>|<full name>|<birth ddMMyyyy>|<Nam/Nữ>|<address>|<issue ddMMyyyy>`
 *
 * Tolerated: the 6-field variant without the old-ID field; extra trailing fields (ignored);
 * dates as ddMMyyyy, dd/MM/yyyy or dd-MM-yyyy; whitespace and CR/LF around the text and
 * the fields (USB scanners type the text and press Enter); a BOM; any Unicode
 * normalisation (name and address are returned in NFC with single spaces); sex written
 * without diacritics or in any case ("NU", "nữ").
 *
 * Layout detection: with 7+ fields, the second field is the old ID when it is empty or
 * all digits; otherwise the text is read as the 6-field variant (second field = name). Six
 * fields whose second is empty or digits are a truncated 7-field payload: FIELD_COUNT.
 *
 * The raw payload is not returned: only the fields (docs/domain.md, Personal data).
 */
import { z } from 'zod';
import { foldVietnamese } from '../text/fold';
import { isVnDate, makeVnDate } from '../time/vnTime';
import type { VnDate } from '../time/vnTime';
import { citizenIdError, validateIdNumber } from './idNumber';
import type { CitizenIdResult, Sex } from './idNumber';
import type { CitizenIdLang } from './messages';

export interface CitizenIdData {
  idNumber: string;
  oldIdNumber?: string;
  fullName: string;
  birthDate: VnDate;
  sex: Sex;
  address: string;
  issueDate: VnDate;
}

export interface ParseCccdOptions {
  /** Business date of today (vnDate(now)); when given, dates after it are rejected. */
  today?: VnDate;
  lang?: CitizenIdLang;
}

const DATE_RE = /^(\d{2})[/.-]?(\d{2})[/.-]?(\d{4})$/;

/** 'ddMMyyyy' / 'dd/MM/yyyy' / 'dd-MM-yyyy' → 'YYYY-MM-DD', or null if not a real date. */
export function parseCardDate(value: string): VnDate | null {
  const m = DATE_RE.exec(value.trim());
  if (!m) return null;
  const date = makeVnDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return isVnDate(date) ? date : null;
}

function parseSex(value: string): Sex | null {
  const folded = foldVietnamese(value);
  if (folded === 'nam') return 'Nam';
  if (folded === 'nu') return 'Nữ';
  return null;
}

const cleanText = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

export function parseCccdQr(
  text: string,
  options: ParseCccdOptions = {},
): CitizenIdResult<CitizenIdData> {
  const lang = options.lang ?? 'vi';
  const raw = text.replace(/^\uFEFF/, '').trim();
  if (!raw) return citizenIdError('EMPTY', lang);
  const fields = raw.split('|').map((f) => f.trim());

  let idField: string;
  let oldIdField: string;
  let rest: string[];
  const second = fields[1] ?? '';
  if (fields.length >= 7 && /^\d*$/.test(second)) {
    idField = fields[0] ?? '';
    oldIdField = second;
    rest = fields.slice(2, 7);
  } else if (fields.length >= 6 && !/^\d*$/.test(second)) {
    idField = fields[0] ?? '';
    oldIdField = '';
    rest = fields.slice(1, 6);
  } else {
    return citizenIdError('FIELD_COUNT', lang);
  }
  const [nameField = '', birthField = '', sexField = '', addressField = '', issueField = ''] = rest;

  if (!/^\d{12}$/.test(idField)) return citizenIdError('ID_FORMAT', lang);
  if (oldIdField !== '' && !/^(\d{9}|\d{12})$/.test(oldIdField)) {
    return citizenIdError('OLD_ID_FORMAT', lang);
  }
  const fullName = cleanText(nameField);
  if (!fullName) return citizenIdError('NAME_MISSING', lang);
  const birthDate = parseCardDate(birthField);
  if (!birthDate) return citizenIdError('BIRTH_DATE_INVALID', lang);
  const sex = parseSex(sexField);
  if (!sex) return citizenIdError('SEX_INVALID', lang);
  const address = cleanText(addressField);
  if (!address) return citizenIdError('ADDRESS_MISSING', lang);
  const issueDate = parseCardDate(issueField);
  if (!issueDate) return citizenIdError('ISSUE_DATE_INVALID', lang);

  const id = validateIdNumber(idField, birthDate, { sex, lang });
  if (!id.ok) return id;
  if (issueDate < birthDate) return citizenIdError('ISSUE_BEFORE_BIRTH', lang);
  if (options.today && (birthDate > options.today || issueDate > options.today)) {
    return citizenIdError('DATE_IN_FUTURE', lang);
  }

  const value: CitizenIdData = { idNumber: idField, fullName, birthDate, sex, address, issueDate };
  if (oldIdField) value.oldIdNumber = oldIdField;
  return { ok: true, value };
}

const vnDateSchema = z.string().refine(isVnDate, { message: 'Ngày không hợp lệ (YYYY-MM-DD)' });

/** The parsed card data (e.g. when sent from the renderer to the core), with the same checks. */
export const citizenIdDataSchema = z
  .object({
    idNumber: z.string().regex(/^\d{12}$/, 'Số định danh cá nhân phải gồm đúng 12 chữ số'),
    oldIdNumber: z
      .string()
      .regex(/^(\d{9}|\d{12})$/, 'Số CMND cũ phải gồm 9 hoặc 12 chữ số')
      .optional(),
    fullName: z.string().trim().min(1),
    birthDate: vnDateSchema,
    sex: z.enum(['Nam', 'Nữ']),
    address: z.string().trim().min(1),
    issueDate: vnDateSchema,
  })
  .superRefine((v, ctx) => {
    if (!isVnDate(v.birthDate)) return;
    const id = validateIdNumber(v.idNumber, v.birthDate, { sex: v.sex });
    if (!id.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: id.message });
    if (isVnDate(v.issueDate) && v.issueDate < v.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['issueDate'],
        message: 'Ngày cấp không thể trước ngày sinh',
      });
    }
  });
