/**
 * Client-side clean-up of a camera page before it is sent (docs/digitisation.md, "Ghi nhận
 * tệp / Capture"): grayscale (a text page needs no colour and stores far smaller) and
 * auto-contrast (a document camera under office light gives a grey page with grey text; the
 * histogram is stretched so the paper is white and the ink black). Pure functions on RGBA
 * pixels, so they are unit-tested without a browser.
 */

/** Rec. 601 luma of one pixel, 0–255. */
function luma(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114) / 1000;
}

/** The luma values at the `low` and `high` fractions of the histogram (e.g. 1 % and 99 %). */
export function lumaRange(
  rgba: Uint8ClampedArray,
  low = 0.01,
  high = 0.99,
): { lo: number; hi: number } {
  const hist = new Uint32Array(256);
  const pixels = Math.floor(rgba.length / 4);
  for (let i = 0; i < pixels * 4; i += 4) {
    hist[Math.round(luma(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!))]! += 1;
  }
  const loCount = pixels * low;
  const hiCount = pixels * high;
  let seen = 0;
  let lo = 0;
  let hi = 255;
  let loFound = false;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (!loFound && seen > loCount) {
      lo = v;
      loFound = true;
    }
    if (seen >= hiCount) {
      hi = v;
      break;
    }
  }
  return { lo, hi };
}

/**
 * Rewrite the pixels in place: grayscale when `gray`, the histogram stretched between its
 * 1st and 99th percentile when `autoContrast`. A flat image (nothing to stretch) is left as is.
 */
export function cleanPage(
  rgba: Uint8ClampedArray,
  opts: { gray: boolean; autoContrast: boolean },
): void {
  const { lo, hi } = opts.autoContrast ? lumaRange(rgba) : { lo: 0, hi: 255 };
  const stretch = opts.autoContrast && hi - lo >= 8;
  const scale = stretch ? 255 / (hi - lo) : 1;
  const map = (v: number) => (stretch ? (v - lo) * scale : v);
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    if (opts.gray) {
      const y = map(luma(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!));
      rgba[i] = y;
      rgba[i + 1] = y;
      rgba[i + 2] = y;
    } else if (stretch) {
      rgba[i] = map(rgba[i]!);
      rgba[i + 1] = map(rgba[i + 1]!);
      rgba[i + 2] = map(rgba[i + 2]!);
    }
  }
}
