/** Texts of the citizen-ID module (Vietnamese default, English variant). */
export type CitizenIdLang = 'vi' | 'en';

export type CitizenIdErrorCode =
  | 'EMPTY'
  | 'FIELD_COUNT'
  | 'ID_FORMAT'
  | 'OLD_ID_FORMAT'
  | 'NAME_MISSING'
  | 'BIRTH_DATE_INVALID'
  | 'SEX_INVALID'
  | 'ADDRESS_MISSING'
  | 'ISSUE_DATE_INVALID'
  | 'ID_CENTURY_MISMATCH'
  | 'ID_YEAR_MISMATCH'
  | 'ID_SEX_MISMATCH'
  | 'ISSUE_BEFORE_BIRTH'
  | 'DATE_IN_FUTURE';

export const citizenIdMessages: Record<CitizenIdLang, Record<CitizenIdErrorCode, string>> = {
  vi: {
    EMPTY: 'Không đọc được dữ liệu mã QR (chuỗi rỗng).',
    FIELD_COUNT:
      'Mã QR không đúng định dạng thẻ Căn cước công dân (thiếu trường thông tin, cần 6 hoặc 7 trường cách nhau bởi "|").',
    ID_FORMAT: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
    OLD_ID_FORMAT: 'Số CMND cũ phải gồm 9 hoặc 12 chữ số.',
    NAME_MISSING: 'Thiếu họ và tên trong mã QR.',
    BIRTH_DATE_INVALID: 'Ngày sinh không hợp lệ (định dạng ddMMyyyy hoặc dd/MM/yyyy).',
    SEX_INVALID: 'Giới tính không hợp lệ (phải là "Nam" hoặc "Nữ").',
    ADDRESS_MISSING: 'Thiếu nơi thường trú trong mã QR.',
    ISSUE_DATE_INVALID: 'Ngày cấp không hợp lệ (định dạng ddMMyyyy hoặc dd/MM/yyyy).',
    ID_CENTURY_MISMATCH:
      'Mã thế kỷ và giới tính (chữ số thứ 4) của số định danh không khớp với năm sinh.',
    ID_YEAR_MISMATCH:
      'Hai chữ số năm sinh (chữ số thứ 5–6) của số định danh không khớp với năm sinh.',
    ID_SEX_MISMATCH: 'Mã giới tính (chữ số thứ 4) của số định danh không khớp với giới tính.',
    ISSUE_BEFORE_BIRTH: 'Ngày cấp không thể trước ngày sinh.',
    DATE_IN_FUTURE: 'Ngày sinh hoặc ngày cấp ở sau ngày hiện tại.',
  },
  en: {
    EMPTY: 'No QR data was read (empty text).',
    FIELD_COUNT:
      'The QR text is not a citizen ID card payload (6 or 7 fields separated by "|" are expected).',
    ID_FORMAT: 'The personal ID number must be exactly 12 digits.',
    OLD_ID_FORMAT: 'The old ID number must be 9 or 12 digits.',
    NAME_MISSING: 'The full name is missing.',
    BIRTH_DATE_INVALID: 'Invalid birth date (ddMMyyyy or dd/MM/yyyy expected).',
    SEX_INVALID: 'Invalid sex (must be "Nam" or "Nữ").',
    ADDRESS_MISSING: 'The address is missing.',
    ISSUE_DATE_INVALID: 'Invalid issue date (ddMMyyyy or dd/MM/yyyy expected).',
    ID_CENTURY_MISMATCH: "The ID's century/sex digit (4th digit) does not match the birth year.",
    ID_YEAR_MISMATCH: "The ID's 2-digit birth year (digits 5–6) does not match the birth year.",
    ID_SEX_MISMATCH: "The ID's sex digit (4th digit) does not match the sex field.",
    ISSUE_BEFORE_BIRTH: 'The issue date cannot be before the birth date.',
    DATE_IN_FUTURE: 'The birth date or issue date is in the future.',
  },
};

export function citizenIdMessage(code: CitizenIdErrorCode, lang: CitizenIdLang = 'vi'): string {
  return citizenIdMessages[lang][code];
}
