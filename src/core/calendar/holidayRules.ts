/**
 * Computed default year calendars from the rules of Bộ luật Lao động 2019:
 * Art. 112 (public holidays) and Art. 111(3) (a holiday on the weekly rest day gives the next
 * working day off). What the law leaves to the yearly government notice (which Tết days,
 * which day accompanies 02/9, swaps against worked Saturdays) is a setting with a
 * documented default; swaps are never invented — an administrator enters them.
 */
import { addDays, makeVnDate, weekdayOf, type VnDate } from '../../shared/time/vnTime';
import { lunarToSolar, solarToLunar, tetDate } from './lunar';
import type { CalendarSettings, HolidayEntry, HolidayRule, YearCalendar } from './types';

export const CULTURE_DAY_RULE_ID = 'culture_day';

/** Bộ luật Lao động 2019 Art. 112(1), plus 24/11 from 01/07/2026 (Nghị quyết 28/2026/QH16). */
export const DEFAULT_HOLIDAY_RULES: readonly HolidayRule[] = Object.freeze([
  { id: 'new_year', name: 'Tết Dương lịch', kind: 'solar', month: 1, day: 1 },
  { id: 'tet', name: 'Tết Âm lịch', kind: 'tet', days: 5 },
  { id: 'hung_kings', name: 'Giỗ Tổ Hùng Vương', kind: 'lunar', month: 3, day: 10 },
  { id: 'reunification', name: 'Ngày Chiến thắng', kind: 'solar', month: 4, day: 30 },
  { id: 'labour_day', name: 'Ngày Quốc tế lao động', kind: 'solar', month: 5, day: 1 },
  { id: 'national_day', name: 'Quốc khánh', kind: 'national_day' },
  {
    id: CULTURE_DAY_RULE_ID,
    name: 'Ngày Văn hóa Việt Nam',
    kind: 'solar',
    month: 11,
    day: 24,
    effectiveFrom: '2026-07-01',
  },
] satisfies HolidayRule[]);

export const DEFAULT_CALENDAR_SETTINGS: Readonly<CalendarSettings> = Object.freeze({
  tetDaysBeforeNewYear: 1,
  nationalDayAdjacent: 'auto',
  cultureDayMakeUp: false,
  compensateWeekendHolidays: true,
  useOfficialYears: true,
  holidayRules: [...DEFAULT_HOLIDAY_RULES],
});

/** Settings with defaults filled in and checked; throws RangeError on a bad value. */
export function resolveSettings(partial?: Partial<CalendarSettings>): CalendarSettings {
  const settings: CalendarSettings = {
    ...DEFAULT_CALENDAR_SETTINGS,
    holidayRules: [...DEFAULT_HOLIDAY_RULES],
    ...(partial ?? {}),
  };
  const before = settings.tetDaysBeforeNewYear;
  if (!Number.isInteger(before) || before < 0 || before > 10) {
    throw new RangeError(`tetDaysBeforeNewYear must be an integer 0–10: ${before}`);
  }
  if (!['auto', 'before', 'after'].includes(settings.nationalDayAdjacent)) {
    throw new RangeError(`nationalDayAdjacent must be auto|before|after`);
  }
  return settings;
}

const isWeekend = (date: VnDate): boolean => {
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6;
};

const inForce = (rule: HolidayRule, date: VnDate): boolean =>
  (!rule.effectiveFrom || date >= rule.effectiveFrom) &&
  (!rule.effectiveTo || date <= rule.effectiveTo);

interface RawHoliday {
  date: VnDate;
  ruleId: string;
  name: string;
  makeUp: boolean;
}

/** The day that accompanies 02/9 for a year under the setting. */
export function nationalDayAdjacentDate(
  year: number,
  choice: CalendarSettings['nationalDayAdjacent'],
): VnDate {
  const sep2 = makeVnDate(year, 9, 2);
  if (choice === 'before') return makeVnDate(year, 9, 1);
  if (choice === 'after') return makeVnDate(year, 9, 3);
  const wd = weekdayOf(sep2);
  // Monday: 01/9 is a Sunday, take Tuesday 03/9 (2024). Thursday: Friday 03/9 joins the
  // weekend (2021). Otherwise 01/9 (2022 Fri, 2023 Sat, 2025 Tue, 2026 Wed).
  return wd === 1 || wd === 4 ? makeVnDate(year, 9, 3) : makeVnDate(year, 9, 1);
}

function rawHolidays(year: number, settings: CalendarSettings): RawHoliday[] {
  const out: RawHoliday[] = [];
  for (const rule of settings.holidayRules) {
    const makeUp =
      rule.id === CULTURE_DAY_RULE_ID ? settings.cultureDayMakeUp : (rule.makeUp ?? true);
    const push = (date: VnDate, name: string): void => {
      if (inForce(rule, date)) out.push({ date, ruleId: rule.id, name, makeUp });
    };
    switch (rule.kind) {
      case 'solar':
        push(makeVnDate(year, rule.month, rule.day), rule.name);
        break;
      case 'lunar':
        push(
          lunarToSolar(rule.day, rule.month, year),
          `${rule.name} (${rule.day}/${rule.month} ÂL)`,
        );
        break;
      case 'tet': {
        const mung1 = tetDate(year);
        const before = Math.min(settings.tetDaysBeforeNewYear, rule.days);
        for (let i = -before; i < rule.days - before; i += 1) {
          const date = addDays(mung1, i);
          const lunar = solarToLunar(date);
          const label = i >= 0 ? `Mùng ${lunar.day}` : `${lunar.day} tháng Chạp`;
          push(date, `${rule.name} (${label})`);
        }
        break;
      }
      case 'national_day': {
        push(makeVnDate(year, 9, 2), rule.name);
        push(
          nationalDayAdjacentDate(year, settings.nationalDayAdjacent),
          `${rule.name} (nghỉ kèm)`,
        );
        break;
      }
    }
  }
  return out;
}

/**
 * Every holiday and compensatory day of a year under the rules and settings, in date
 * order. Two holidays on the same date count once (the law is silent; edit the year if a
 * notice says otherwise).
 */
export function computeHolidayEntries(
  year: number,
  partialSettings?: Partial<CalendarSettings>,
): HolidayEntry[] {
  const settings = resolveSettings(partialSettings);
  const byDate = new Map<VnDate, RawHoliday>();
  for (const h of rawHolidays(year, settings)) {
    const existing = byDate.get(h.date);
    if (existing) {
      existing.ruleId = `${existing.ruleId}+${h.ruleId}`;
      existing.name = `${existing.name} / ${h.name}`;
      existing.makeUp = existing.makeUp || h.makeUp;
    } else {
      byDate.set(h.date, { ...h });
    }
  }
  const holidays = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const entries: HolidayEntry[] = holidays.map((h) => ({
    date: h.date,
    type: 'holiday',
    ruleId: h.ruleId,
    name: h.name,
  }));
  if (settings.compensateWeekendHolidays) {
    const taken = new Set<VnDate>(holidays.map((h) => h.date));
    for (const h of holidays) {
      if (!h.makeUp || !isWeekend(h.date)) continue;
      let day = addDays(h.date, 1);
      while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
      taken.add(day);
      entries.push({
        date: day,
        type: 'compensatory',
        ruleId: h.ruleId,
        name: `Nghỉ bù ${h.name}`,
        replaces: h.date,
      });
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/** The computed default table of a year: weekday holidays + compensatory days, no swaps. */
export function computeYearCalendar(
  year: number,
  partialSettings?: Partial<CalendarSettings>,
): YearCalendar {
  const daysOff = computeHolidayEntries(year, partialSettings)
    .map((e) => e.date)
    .filter((d) => !isWeekend(d));
  return {
    year,
    daysOff: [...new Set(daysOff)].sort(),
    workingSaturdays: [],
    source: 'computed',
  };
}
