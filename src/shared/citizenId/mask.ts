/**
 * Masking of personal numbers wherever they are shown outside the desk or kept beyond the
 * record itself (docs/domain.md, Personal data; the audit log, docs/security.md).
 * `maskIdNumber('001090123456') === '0010******56'`; `maskPhone('0912345678') === '09******78'`.
 */

const mask = (s: string, keepStart: number, keepEnd: number): string =>
  s.slice(0, keepStart) +
  '*'.repeat(Math.max(0, s.length - keepStart - keepEnd)) +
  s.slice(s.length - keepEnd);

/** Keeps the first 4 and last 2 characters (8+ characters); shorter values keep only the last 2. */
export function maskIdNumber(id: string): string {
  const s = id.replace(/\s+/g, '');
  if (s.length >= 8) return mask(s, 4, 2);
  if (s.length > 2) return mask(s, 0, 2);
  return '*'.repeat(s.length);
}

/**
 * Keeps the first 2 and last 2 characters of the phone number (spaces, dots, dashes and
 * brackets removed; a leading '+' counts as a character); numbers shorter than 7 keep only
 * the last 2.
 */
export function maskPhone(phone: string): string {
  const s = phone.replace(/[\s.\-()]/g, '');
  if (s.length >= 7) return mask(s, 2, 2);
  if (s.length > 2) return mask(s, 0, 2);
  return '*'.repeat(s.length);
}

/**
 * A free-standing number of at least 6 digits, possibly typed in groups ("0912 345 678",
 * "0912.345.678"). Not part of a longer word: a dossier code (`000.00.14.H56-261206-0001`),
 * an id or a date glued to letters is left alone.
 */
const PERSONAL_NUMBER =
  /(?<![\p{L}\p{N}]|[\p{L}\p{N}][.-])\+?\d(?:[ .-]?\d){5,}(?![\p{L}\p{N}]|[.-][\p{L}\p{N}])/gu;

/**
 * Masks every ID number and phone number inside a text an officer typed (a search, a
 * reason): 9- and 12-digit numbers as ID numbers (`0010******56`), any other run of 6 or
 * more digits as a phone number (`09******78`). Names and dossier codes stay readable.
 */
export function maskPersonalNumbers(text: string): string {
  return text.replace(PERSONAL_NUMBER, (token) => {
    const digits = token.replace(/\D/g, '');
    return digits.length === 9 || digits.length === 12 ? maskIdNumber(digits) : maskPhone(token);
  });
}
