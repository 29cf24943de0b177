/**
 * Business time for the whole product: Asia/Ho_Chi_Minh, UTC+7, no daylight saving
 * (none since 1975). Everything that depends on "which day is it" — dossier codes, daily
 * ticket reset, deadlines, reports — goes through these helpers, never through the
 * machine's local time zone, so results are identical under TZ=UTC and TZ=Asia/Ho_Chi_Minh.
 *
 * A business date is a plain string 'YYYY-MM-DD' (a calendar day in Vietnam).
 */

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type VnDate = string; // 'YYYY-MM-DD'

export interface VnParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The wall-clock parts of an instant as seen in Vietnam. */
export function vnParts(instant: Date): VnParts {
  const shifted = new Date(instant.getTime() + VN_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** 'YYYY-MM-DD' of the Vietnamese calendar day containing the instant. */
export function vnDate(instant: Date): VnDate {
  const p = vnParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYMMDD' as used in the dossier code (docs/domain.md, Dossier code). */
export function vnYYMMDD(instant: Date): string {
  const p = vnParts(instant);
  return `${pad(p.year % 100)}${pad(p.month)}${pad(p.day)}`;
}

/** 'HH:mm' in Vietnam. */
export function vnTimeOfDay(instant: Date): string {
  const p = vnParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** 'dd/MM/yyyy' — the way dates are written on Vietnamese forms. */
export function formatVnDate(dateOrInstant: VnDate | Date): string {
  const d = typeof dateOrInstant === 'string' ? dateOrInstant : vnDate(dateOrInstant);
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

/** 'HH:mm dd/MM/yyyy' in Vietnam. */
export function formatVnDateTime(instant: Date): string {
  return `${vnTimeOfDay(instant)} ${formatVnDate(instant)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the string is a real calendar date 'YYYY-MM-DD'. */
export function isVnDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function parseVnDate(date: VnDate): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m || !isVnDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The instant at which the given Vietnamese wall-clock time occurs. */
export function vnInstant(date: VnDate, hour = 0, minute = 0, second = 0): Date {
  const [y, m, d] = parseVnDate(date);
  return new Date(Date.UTC(y, m - 1, d, hour, minute, second) - VN_OFFSET_MS);
}

/** Start of the Vietnamese day (00:00 UTC+7) as an instant. */
export function vnStartOfDay(date: VnDate): Date {
  return vnInstant(date, 0, 0, 0);
}

/** Calendar arithmetic on business dates (no time zone involved). */
export function addDays(date: VnDate, days: number): VnDate {
  const [y, m, d] = parseVnDate(date);
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday for a business date. */
export function weekdayOf(date: VnDate): number {
  const [y, m, d] = parseVnDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: VnDate, b: VnDate): number {
  const [ya, ma, da] = parseVnDate(a);
  const [yb, mb, db] = parseVnDate(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/** Build 'YYYY-MM-DD' from numbers. */
export function makeVnDate(year: number, month: number, day: number): VnDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}
