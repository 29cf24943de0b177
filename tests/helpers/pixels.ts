/**
 * Pixel comparison of printed 1-bit images with committed PNG previews (docs/printing.md,
 * "Golden tests"). PNGs are decoded with @napi-rs/canvas (already the raster renderer's
 * Skia), so any PNG a person commits is read, not only the project's own 1-bit writer.
 * On a mismatch the actual image and a diff image are written to test-results/printing/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { bitmapToPng, getDot, type Bitmap } from '../../src/core/printing/raster/bitmap';

/** One byte per dot: 1 = ink, 0 = paper. */
export interface InkImage {
  width: number;
  height: number;
  ink: Uint8Array;
}

export function inkOfBitmap(bm: Bitmap): InkImage {
  const ink = new Uint8Array(bm.width * bm.height);
  for (let y = 0; y < bm.height; y++)
    for (let x = 0; x < bm.width; x++) ink[y * bm.width + x] = getDot(bm, x, y) ? 1 : 0;
  return { width: bm.width, height: bm.height, ink };
}

/** A PNG as ink: a pixel darker than mid-grey (on white) is ink, as the printer thresholds. */
export async function inkOfPng(png: Buffer): Promise<InkImage> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.drawImage(img, 0, 0);
  const rgba = ctx.getImageData(0, 0, img.width, img.height).data;
  const ink = new Uint8Array(img.width * img.height);
  for (let i = 0; i < ink.length; i++) {
    const [r = 255, g = 255, b = 255] = rgba.subarray(i * 4, i * 4 + 3);
    ink[i] = 0.299 * r + 0.587 * g + 0.114 * b < 128 ? 1 : 0;
  }
  return { width: img.width, height: img.height, ink };
}

const at = (im: InkImage, x: number, y: number): number =>
  x >= 0 && y >= 0 && x < im.width && y < im.height ? (im.ink[y * im.width + x] ?? 0) : 0;

export interface PixelComparison {
  sameSize: boolean;
  /** Dots whose value differs at the same position (outside the smaller image: paper). */
  differing: number;
}

export function comparePixels(actual: InkImage, expected: InkImage): PixelComparison {
  const width = Math.max(actual.width, expected.width);
  const height = Math.max(actual.height, expected.height);
  let differing = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (at(actual, x, y) !== at(expected, x, y)) differing++;
  return {
    sameSize: actual.width === expected.width && actual.height === expected.height,
    differing,
  };
}

const GREY = [150, 150, 150] as const;
const RED = [230, 0, 0] as const;
const BLUE = [0, 80, 255] as const;
const WHITE = [255, 255, 255] as const;

/** RGB diff as PNG: grey = ink in both, red = ink only in the golden, blue = ink only now. */
export function diffPng(actual: InkImage, expected: InkImage): Buffer {
  const width = Math.max(actual.width, expected.width);
  const height = Math.max(actual.height, expected.height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const out = ctx.createImageData(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = at(actual, x, y);
      const e = at(expected, x, y);
      const [r, g, b] = a && e ? GREY : e ? RED : a ? BLUE : WHITE;
      out.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  ctx.putImageData(out, 0, 0);
  return canvas.toBuffer('image/png');
}

export const RESULTS_DIR = path.resolve(__dirname, '../../test-results/printing');

/**
 * Compares a printed image with a committed PNG; on a mismatch writes `<name>-actual.png`
 * and `<name>-diff.png` to test-results/printing/ and returns a message naming them, else
 * null. `maxDiffering` is the tolerance in dots.
 */
export async function pixelMismatch(
  name: string,
  actual: Bitmap,
  goldenPng: Buffer,
  maxDiffering: number,
): Promise<string | null> {
  const actualInk = inkOfBitmap(actual);
  const goldenInk = await inkOfPng(goldenPng);
  const c = comparePixels(actualInk, goldenInk);
  if (c.sameSize && c.differing <= maxDiffering) return null;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const actualPath = path.join(RESULTS_DIR, `${name}-actual.png`);
  const diffPath = path.join(RESULTS_DIR, `${name}-diff.png`);
  writeFileSync(actualPath, bitmapToPng(actual));
  writeFileSync(diffPath, diffPng(actualInk, goldenInk));
  return (
    `${name}: ${c.sameSize ? '' : 'size differs, '}${c.differing} dots differ ` +
    `(at most ${maxDiffering} allowed); see ${actualPath} and ${diffPath}`
  );
}

/**
 * The text of the QR code printed as dots in a 1-bit image, or null when none is found.
 * Decoded with jsQR after adding a white margin (the quiet zone a scanner needs), so the test
 * reads the paper as a citizen's phone would instead of trusting the printer command.
 */
export function decodeQrDots(bm: Bitmap, scale = 2, margin = 16): string | null {
  const width = (bm.width + 2 * margin) * scale;
  const height = (bm.height + 2 * margin) * scale;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < bm.height; y++)
    for (let x = 0; x < bm.width; x++) {
      if (!getDot(bm, x, y)) continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + margin) * scale + dy) * width + (x + margin) * scale + dx) * 4;
          rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
        }
    }
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}
