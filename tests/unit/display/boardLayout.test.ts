import { describe, expect, it } from 'vitest';
import { boardLayout, gridFor } from '../../../src/renderer/display/boardLayout';

/** The font size in % of the screen height that CSS `min(Xvh, Yvw)` gives on a w×h screen. */
const percentOfHeight = (l: { numberVh: number; numberVw: number }, w: number, h: number) =>
  Math.min(l.numberVh, (l.numberVw * w) / h);

describe('lobby board layout', () => {
  it('one row up to 3 counters, two rows up to 8, then rows of four', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 12].map((n) => gridFor(n))).toEqual([
      { rows: 1, cols: 1 },
      { rows: 1, cols: 2 },
      { rows: 1, cols: 3 },
      { rows: 2, cols: 2 },
      { rows: 2, cols: 3 },
      { rows: 2, cols: 3 },
      { rows: 2, cols: 4 },
      { rows: 2, cols: 4 },
      { rows: 3, cols: 3 },
      { rows: 3, cols: 4 },
    ]);
  });

  // Before: 57.6 px numbers on a 1080 px screen (5.3 %) whatever the number of counters.
  it('with up to 6 counters every number is ≥ 11 % of a 16:9 screen height', () => {
    for (let n = 1; n <= 6; n++) {
      for (const [w, h] of [
        [1280, 720],
        [1366, 768],
        [1920, 1080],
        [3840, 2160],
      ] as const) {
        expect(
          percentOfHeight(boardLayout(n, 4), w, h),
          `${n} counters ${w}×${h}`,
        ).toBeGreaterThanOrEqual(11);
      }
    }
  });

  it('more counters or longer numbers shrink the number so it stays in its card', () => {
    const six = percentOfHeight(boardLayout(6, 4), 1920, 1080);
    expect(percentOfHeight(boardLayout(8, 4), 1920, 1080)).toBeLessThan(six);
    expect(percentOfHeight(boardLayout(6, 6), 1920, 1080)).toBeLessThan(six);
    expect(boardLayout(6, 4).numberFont).toMatch(/^min\([\d.]+vh, [\d.]+vw\)$/);
  });
});
