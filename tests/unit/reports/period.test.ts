import { describe, expect, it } from 'vitest';
import {
  asOfDate,
  periodDays,
  periodInstants,
  periodOf,
  periodProblem,
} from '../../../src/shared/reports/period';
import { percentileOfHistogram } from '../../../src/core/reports/reportService';

describe('report periods (Vietnam dates, inclusive)', () => {
  it('presets around an anchor date', () => {
    expect(periodOf('day', '2026-03-10')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    // Weeks run Monday → Sunday; 10/03/2026 is a Tuesday, 15/03 a Sunday.
    expect(periodOf('week', '2026-03-10')).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(periodOf('week', '2026-03-15')).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(periodOf('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodOf('quarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('year', '2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(() => periodOf('day', '2026-02-30')).toThrow(RangeError);
  });

  it('custom periods: real dates, in order, at most 1830 days', () => {
    expect(periodProblem('2026-03-01', '2026-03-31')).toBeNull();
    expect(periodProblem('2026-03-01', '2026-03-01')).toBeNull();
    expect(periodProblem('2026-3-1', '2026-03-31')).toBe('from');
    expect(periodProblem('2026-03-01', '2026-02-31')).toBe('to');
    expect(periodProblem('2026-03-02', '2026-03-01')).toBe('order');
    expect(periodProblem('2020-01-01', '2025-01-05')).toBe('tooLong');
    expect(periodDays({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
  });

  it('bounds are Vietnam midnights whatever the machine time zone', () => {
    const { start, endExclusive } = periodInstants({ from: '2026-03-10', to: '2026-03-10' });
    expect(start.toISOString()).toBe('2026-03-09T17:00:00.000Z');
    expect(endExclusive.toISOString()).toBe('2026-03-10T17:00:00.000Z');
  });

  it('"in process" is judged at the end of the period, or today if it has not ended', () => {
    const month = periodOf('month', '2026-03-10');
    expect(asOfDate(month, '2026-03-10')).toBe('2026-03-10');
    expect(asOfDate(month, '2026-05-01')).toBe('2026-03-31');
  });

  it('p90 is the nearest-rank percentile of the histogram', () => {
    expect(percentileOfHistogram([], 0.9)).toBeNull();
    expect(percentileOfHistogram([{ w: 60, n: 1 }], 0.9)).toBe(60);
    // 10 values 1..10 → rank 9 → 9
    const ten = Array.from({ length: 10 }, (_, i) => ({ w: i + 1, n: 1 }));
    expect(percentileOfHistogram(ten, 0.9)).toBe(9);
    // 11 values → rank ceil(9.9) = 10; order of rows does not matter
    expect(percentileOfHistogram([...ten, { w: 100, n: 1 }].reverse(), 0.9)).toBe(10);
    expect(
      percentileOfHistogram(
        [
          { w: 5, n: 89 },
          { w: 50, n: 11 },
        ],
        0.9,
      ),
    ).toBe(50);
    expect(
      percentileOfHistogram(
        [
          { w: 5, n: 90 },
          { w: 50, n: 10 },
        ],
        0.9,
      ),
    ).toBe(5);
  });
});
