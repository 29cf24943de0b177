/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7.
 *
 * Method (as published by Hồ Ngọc Đức, with Jean Meeus' "Astronomical Algorithms"):
 * - a lunar month starts on the local (UTC+7) day that contains a new moon;
 * - month 11 is the month that contains the winter solstice (sun longitude 270°);
 * - a lunar year whose month-11-to-month-11 span holds 13 months has a leap month: the
 *   first month after month 11 that contains no principal solar term (trung khí, a
 *   multiple of 30° of sun longitude) repeats the number of the month before it.
 *
 * Because everything is computed for UTC+7 (not UTC+8 as in China), the Vietnamese
 * calendar differs from the Chinese one in some years, e.g. Tết 1985 = 21/01/1985.
 *
 * Pure arithmetic on Julian day numbers; no Date in local time is ever used.
 * Checked for 1900–2199 against the published year tables (tests/unit/calendar).
 */
import { addDays, daysBetween, isVnDate, type VnDate } from '../../shared/time/vnTime';

export interface LunarDate {
  day: number; // 1–30
  month: number; // 1–12
  /** The lunar year number, named after the solar year in which its Tết falls. */
  year: number;
  /** True for the intercalary (nhuận) month that repeats `month`. */
  leap: boolean;
}

/** Hours east of UTC for which the Vietnamese calendar is computed. */
export const VN_LUNAR_TIME_ZONE_HOURS = 7;

/** Supported solar years (the ΔT model and the series are fitted for this range). */
export const LUNAR_MIN_YEAR = 1800;
export const LUNAR_MAX_YEAR = 2199;

const RAD = Math.PI / 180;
const SECONDS_PER_DAY = 86400;
/** Mean synodic month, days. */
const SYNODIC_MONTH = 29.530588861;
/** Julian ephemeris day of the mean new moon k = 0 (2000-01-06). */
const NEW_MOON_EPOCH_JDE = 2451550.09766;
/** Julian day number of 1970-01-01. */
const UNIX_EPOCH_JDN = 2440588;

/** Julian day number (integer, noon-based) of a business date. */
export function toJulianDayNumber(date: VnDate): number {
  return UNIX_EPOCH_JDN + daysBetween('1970-01-01', date);
}

/** Business date of a Julian day number. */
export function fromJulianDayNumber(jdn: number): VnDate {
  return addDays('1970-01-01', jdn - UNIX_EPOCH_JDN);
}

/**
 * ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus polynomial fits, as used for
 * the NASA eclipse canon). Only matters for new moons within a minute or two of midnight.
 */
function deltaTSeconds(year: number): number {
  if (year < 1860) {
    const t = year - 1800;
    return (
      13.72 -
      0.332447 * t +
      0.0068612 * t ** 2 +
      0.0041116 * t ** 3 -
      0.00037436 * t ** 4 +
      0.0000121272 * t ** 5 -
      0.0000001699 * t ** 6 +
      0.000000000875 * t ** 7
    );
  }
  if (year < 1900) {
    const t = year - 1860;
    return (
      7.62 +
      0.5737 * t -
      0.251754 * t ** 2 +
      0.01680668 * t ** 3 -
      0.0004473624 * t ** 4 +
      t ** 5 / 233174
    );
  }
  if (year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  if (year < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - year);
  return -20 + 32 * u * u;
}

/** Planetary arguments of the new-moon series: [constant, per lunation, amplitude]. */
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [299.77, 0.107408, 0.000325],
  [251.88, 0.016321, 0.000165],
  [251.83, 26.651886, 0.000164],
  [349.42, 36.412478, 0.000126],
  [84.66, 18.206239, 0.00011],
  [141.74, 53.303771, 0.000062],
  [207.14, 2.453732, 0.00006],
  [154.84, 7.30686, 0.000056],
  [34.52, 27.261239, 0.000047],
  [207.19, 0.121824, 0.000042],
  [291.34, 1.844379, 0.00004],
  [161.72, 24.198154, 0.000037],
  [239.56, 25.513099, 0.000035],
  [331.55, 3.592518, 0.000023],
];

/**
 * Julian day (UT) of true new moon number k (k = 0 near 2000-01-06), after Meeus,
 * "Astronomical Algorithms" (2nd ed.), ch. 49 — accurate to well under a minute.
 */
function newMoonJulianDay(k: number): number {
  const t = k / 1236.85; // Julian centuries from J2000.0
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const e = 1 - 0.002516 * t - 0.0000074 * t2; // Earth orbit eccentricity factor
  const sun = (2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3) * RAD;
  const moon =
    (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * RAD;
  const lat =
    (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * RAD;
  const node = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * RAD;
  const sin = Math.sin;
  let jde =
    NEW_MOON_EPOCH_JDE + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  jde +=
    -0.4072 * sin(moon) +
    0.17241 * e * sin(sun) +
    0.01608 * sin(2 * moon) +
    0.01039 * sin(2 * lat) +
    0.00739 * e * sin(moon - sun) -
    0.00514 * e * sin(moon + sun) +
    0.00208 * e * e * sin(2 * sun) -
    0.00111 * sin(moon - 2 * lat) -
    0.00057 * sin(moon + 2 * lat) +
    0.00056 * e * sin(2 * moon + sun) -
    0.00042 * sin(3 * moon) +
    0.00042 * e * sin(sun + 2 * lat) +
    0.00038 * e * sin(sun - 2 * lat) -
    0.00024 * e * sin(2 * moon - sun) -
    0.00017 * sin(node) -
    0.00007 * sin(moon + 2 * sun) +
    0.00004 * sin(2 * moon - 2 * lat) +
    0.00004 * sin(3 * sun) +
    0.00003 * sin(moon + sun - 2 * lat) +
    0.00003 * sin(2 * moon + 2 * lat) -
    0.00003 * sin(moon + sun + 2 * lat) +
    0.00003 * sin(moon - sun + 2 * lat) -
    0.00002 * sin(moon - sun - 2 * lat) -
    0.00002 * sin(3 * moon + sun) +
    0.00002 * sin(4 * moon);
  PLANETARY_TERMS.forEach(([base, rate, amplitude], i) => {
    const arg = base + rate * k - (i === 0 ? 0.009173 * t2 : 0);
    jde += amplitude * sin(arg * RAD);
  });
  return jde - deltaTSeconds(2000 + k / 12.3685) / SECONDS_PER_DAY;
}

/** Apparent geocentric longitude of the sun in radians, [0, 2π), at Julian day `jdUt` (UT). */
function sunLongitude(jdUt: number): number {
  const jde = jdUt + deltaTSeconds(2000 + (jdUt - 2451545) / 365.25) / SECONDS_PER_DAY;
  const t = (jde - 2451545) / 36525; // Julian centuries from J2000.0
  const t2 = t * t;
  const anomaly = (357.52911 + 35999.05029 * t - 0.0001537 * t2) * RAD;
  const meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.914602 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.000289 * Math.sin(3 * anomaly);
  const node = (125.04 - 1934.136 * t) * RAD;
  // true longitude, then nutation and aberration for the apparent position
  const longitude = (meanLongitude + centre - 0.00569 - 0.00478 * Math.sin(node)) * RAD;
  const full = 2 * Math.PI;
  return longitude - full * Math.floor(longitude / full);
}

interface LunarMonthSpan {
  start: number; // JDN of day 1
  length: number; // 29 or 30
  month: number;
  year: number;
  leap: boolean;
}

/** Conversions between solar dates and the lunisolar calendar computed for one time zone. */
export interface LunarCalendar {
  readonly timeZoneHours: number;
  solarToLunar(date: VnDate): LunarDate;
  lunarToSolar(day: number, month: number, year: number, leap?: boolean): VnDate;
  leapMonthOf(year: number): number | null;
}

function checkYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`${what} must be a year in ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}: ${year}`);
  }
}

/**
 * The lunisolar calendar for a time zone (hours east of UTC). Vietnam: 7 (the default
 * exports below). China uses 8 — available only to show where the two calendars differ.
 */
export function createLunarCalendar(timeZoneHours: number): LunarCalendar {
  const tzDays = timeZoneHours / 24;
  const spanCache = new Map<number, LunarMonthSpan[]>();

  /** JDN of the local calendar day containing new moon k. */
  const newMoonDay = (k: number): number => Math.floor(newMoonJulianDay(k) + 0.5 + tzDays);

  /**
   * The 30° sector (0–11) of the sun's longitude at local midnight starting day `jdn`.
   * Sector 9 begins at the winter solstice (270°). A month with the same sector at its start
   * and at the start of the next month contains no principal term (trung khí).
   */
  const sunSector = (jdn: number): number =>
    Math.floor(sunLongitude(jdn - 0.5 - tzDays) / (Math.PI / 6));

  /** JDN of day 1 of lunar month 11: the month containing the winter solstice of `year`. */
  const month11Start = (year: number): number => {
    const dec31 = toJulianDayNumber(`${String(year).padStart(4, '0')}-12-31`);
    const k = Math.floor((dec31 - NEW_MOON_EPOCH_JDE) / SYNODIC_MONTH);
    const start = newMoonDay(k);
    // If the sun is already past 270° (or the month starts next year), the solstice fell in
    // the month before.
    return start > dec31 || sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
  };

  /** Lunation number whose local day is `jdn` (a known new-moon day). */
  const lunationAt = (jdn: number): number => {
    const guess = Math.round((jdn - NEW_MOON_EPOCH_JDE) / SYNODIC_MONTH);
    for (const k of [guess, guess - 1, guess + 1]) if (newMoonDay(k) === jdn) return k;
    throw new RangeError(`No new moon on day ${jdn}`);
  };

  /**
   * The months from month 11 of (year − 1) up to, not including, month 11 of `year`: the 12
   * or 13 months around Tết of `year`.
   */
  const monthsAroundTet = (year: number): LunarMonthSpan[] => {
    const cached = spanCache.get(year);
    if (cached) return cached;
    const a11 = month11Start(year - 1);
    const b11 = month11Start(year);
    const k0 = lunationAt(a11);
    const count = b11 - a11 > 365 ? 13 : 12;
    const starts: number[] = [];
    for (let i = 0; i <= count; i += 1) starts.push(newMoonDay(k0 + i));

    let leapIndex = -1;
    if (count === 13) {
      for (let i = 1; i < count; i += 1) {
        if (sunSector(starts[i] as number) === sunSector(starts[i + 1] as number)) {
          leapIndex = i;
          break;
        }
      }
    }

    const spans: LunarMonthSpan[] = [];
    let month = 10; // the label before month 11
    for (let i = 0; i < count; i += 1) {
      const start = starts[i] as number;
      const leap = i === leapIndex;
      if (!leap) month = (month % 12) + 1;
      spans.push({
        start,
        length: (starts[i + 1] as number) - start,
        month,
        year: month >= 11 ? year - 1 : year,
        leap,
      });
    }
    spanCache.set(year, spans);
    return spans;
  };

  const solarToLunar = (date: VnDate): LunarDate => {
    if (!isVnDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
    const solarYear = Number(date.slice(0, 4));
    checkYear(solarYear, 'Solar year');
    const jdn = toJulianDayNumber(date);
    // Dates from month 11 of this solar year on belong to the span around next year's Tết.
    const spans = monthsAroundTet(jdn >= month11Start(solarYear) ? solarYear + 1 : solarYear);
    for (let i = spans.length - 1; i >= 0; i -= 1) {
      const span = spans[i] as LunarMonthSpan;
      if (jdn >= span.start) {
        return { day: jdn - span.start + 1, month: span.month, year: span.year, leap: span.leap };
      }
    }
    throw new RangeError(`Lunar date not found for ${date}`);
  };

  const lunarToSolar = (day: number, month: number, year: number, leap = false): VnDate => {
    checkYear(year, 'Lunar year');
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw new RangeError(`Lunar month must be 1–12: ${month}`);
    }
    if (!Number.isInteger(day) || day < 1 || day > 30) {
      throw new RangeError(`Lunar day must be 1–30: ${day}`);
    }
    // Months 11 and 12 of lunar year Y come just before Tết of Y + 1.
    const spans = monthsAroundTet(month >= 11 ? year + 1 : year);
    const span = spans.find((s) => s.month === month && s.leap === leap && s.year === year);
    if (!span) {
      throw new RangeError(`Lunar year ${year} has no ${leap ? 'leap ' : ''}month ${month}`);
    }
    if (day > span.length) {
      throw new RangeError(`Lunar month ${month}/${year} has only ${span.length} days`);
    }
    return fromJulianDayNumber(span.start + day - 1);
  };

  const leapMonthOf = (year: number): number | null => {
    checkYear(year, 'Lunar year');
    const spans = [...monthsAroundTet(year), ...monthsAroundTet(year + 1)];
    const found = spans.find((s) => s.leap && s.year === year);
    return found ? found.month : null;
  };

  return { timeZoneHours, solarToLunar, lunarToSolar, leapMonthOf };
}

/** The Vietnamese lunar calendar (UTC+7). */
export const vietnameseLunarCalendar: LunarCalendar = createLunarCalendar(VN_LUNAR_TIME_ZONE_HOURS);

/** The Vietnamese lunar date of a solar business date. */
export function solarToLunar(date: VnDate): LunarDate {
  return vietnameseLunarCalendar.solarToLunar(date);
}

/**
 * The solar business date of a Vietnamese lunar date. Throws a RangeError when the date does
 * not exist (no such leap month that year, or day 30 of a 29-day month).
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): VnDate {
  return vietnameseLunarCalendar.lunarToSolar(day, month, year, leap);
}

/** The leap month (1–12) of a Vietnamese lunar year, or null when the year has 12 months. */
export function leapMonthOf(year: number): number | null {
  return vietnameseLunarCalendar.leapMonthOf(year);
}

/** Mùng 1 Tết (first day of the lunar year) of a solar year, Vietnamese calendar. */
export function tetDate(year: number): VnDate {
  return lunarToSolar(1, 1, year);
}
