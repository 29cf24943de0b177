/**
 * How the lobby board lays out its counters so that a serving number is readable from the
 * back of a hall of 40 people (docs/queue.md, "The lobby board"): a 43" TV at 5 m needs
 * characters ≈ 45 mm tall, i.e. ≈ 11 % of the screen height. Up to 6 counters keep every
 * number at 11 % of the screen height or more on a 16:9 screen; more counters shrink it.
 *
 * Sizes are in viewport units (vh/vw) so the same layout holds from 1280×720 to 3840×2160;
 * `min()` keeps a long number inside its card on a narrow screen (CSS min() is in the
 * Chrome 87 baseline, docs/queue.md "Browser baseline").
 */

/** Height of the serving area in vh (the rest: header, headings, rule, footer, paddings). */
const SERVING_VH = 62;
/** Width of the serving area in vw (the side panel with recent calls and waiting takes the rest). */
const SERVING_VW = 66;
/** Gap between cards, in vh / vw. */
const GAP_VH = 1.2;
const GAP_VW = 1;
/** Card chrome above the number: the "Quầy N" label and paddings, in vh. */
const CARD_CHROME_VH = 9;
/** Width of one character of a bold number, in em (Be Vietnam Pro 700 digits ≈ 0.62 em). */
const CHAR_EM = 0.66;
/** The largest a number gets (one or two counters): a takeover-size number is enough. */
const MAX_NUMBER_VH = 26;

export interface BoardLayout {
  rows: number;
  cols: number;
  /** The number's font size from the height budget alone, in vh. */
  numberVh: number;
  /** The number's font size from the width budget alone, in vw. */
  numberVw: number;
  /** CSS font-size for a serving number. */
  numberFont: string;
}

/** Rows and columns for `count` counters: one row up to 3, two rows up to 6, then more. */
export function gridFor(count: number): { rows: number; cols: number } {
  const n = Math.max(1, count);
  const rows = n <= 3 ? 1 : n <= 8 ? 2 : Math.ceil(n / 4);
  return { rows, cols: Math.ceil(n / rows) };
}

export function boardLayout(count: number, longestNumber: number): BoardLayout {
  const { rows, cols } = gridFor(count);
  const rowVh = (SERVING_VH - (rows - 1) * GAP_VH) / rows;
  const numberVh = Math.min(MAX_NUMBER_VH, (rowVh - CARD_CHROME_VH) * 0.9);
  const cardVw = (SERVING_VW - (cols - 1) * GAP_VW) / cols;
  const chars = Math.max(4, longestNumber);
  const numberVw = (cardVw * 0.88) / (chars * CHAR_EM);
  const round = (x: number) => Math.floor(x * 10) / 10;
  return {
    rows,
    cols,
    numberVh: round(numberVh),
    numberVw: round(numberVw),
    numberFont: `min(${round(numberVh)}vh, ${round(numberVw)}vw)`,
  };
}
