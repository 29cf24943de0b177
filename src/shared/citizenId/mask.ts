/**
 * Masking of personal numbers wherever they are shown outside the desk (domain §9).
 * `maskIdNumber('001090123456') === '0010******56'`; `maskPhone('0912345678') === '091****678'`.
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
 * Keeps the first 3 and last 3 characters of the phone number (spaces, dots, dashes and
 * brackets removed; a leading '+' is kept); numbers shorter than 7 keep only the last 2.
 */
export function maskPhone(phone: string): string {
  const s = phone.replace(/[\s.\-()]/g, '');
  if (s.length >= 7) return mask(s, 3, 3);
  if (s.length > 2) return mask(s, 0, 2);
  return '*'.repeat(s.length);
}
