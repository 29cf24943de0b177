/**
 * Raster mode: the drawable blocks of a document become one 1-bit bitmap exactly as wide as
 * the printer's print head (384 dots on 58 mm, 576 dots on 80 mm). Text is drawn with the
 * bundled Noto Sans through Skia (@napi-rs/canvas) and thresholded; rules, QR modules and
 * images are set dot by dot. Text is word-wrapped to the width; a word longer than a line is
 * broken between letters, so nothing is ever cut off at the edge.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { canvasModule } from './canvasModule';
import QRCode from 'qrcode';
import type {
  Align,
  ColumnsBlock,
  FeedBlock,
  ImageBlock,
  QrBlock,
  RuleBlock,
  TextBlock,
  TextSize,
} from '../document';
import { createBitmap, rowBytes, type Bitmap } from './bitmap';
import { ensureRasterFont, RASTER_FONT_FAMILY } from './font';

export type RasterBlock = TextBlock | ColumnsBlock | RuleBlock | QrBlock | ImageBlock | FeedBlock;

/** Font pixel size per document text size. Size 1 ≈ the printer's own 12×24 font. */
export const RASTER_FONT_PX: Record<TextSize, number> = { 1: 24, 2: 36, 3: 96 };
export const RASTER_PADDING = 4;
const COLUMN_GAP = 12;
const FEED_LINE_DOTS = 24;

type TextOp = { x: number; baseline: number; text: string; font: string };
type RectOp = { x: number; y: number; w: number; h: number };
type BitsOp = { x: number; y: number; bm: Bitmap };

interface Metrics {
  ascent: number;
  lineHeight: number;
}

let measureCtx: SKRSContext2D | null = null;
const metricsCache = new Map<string, Metrics>();
const widthCache = new Map<string, number>();

function ctxForMeasure(): SKRSContext2D {
  if (!measureCtx) {
    ensureRasterFont();
    measureCtx = canvasModule().createCanvas(8, 8).getContext('2d');
  }
  return measureCtx;
}

export function fontFor(size: TextSize, bold: boolean): string {
  return `${bold ? 'bold ' : ''}${RASTER_FONT_PX[size]}px ${RASTER_FONT_FAMILY}`;
}

function metrics(font: string): Metrics {
  const hit = metricsCache.get(font);
  if (hit) return hit;
  const ctx = ctxForMeasure();
  ctx.font = font;
  // Stacked Vietnamese marks (Ấ, Ễ) and descenders (g, ạ) must fit inside the line box.
  const m = ctx.measureText('ẤỄỸÂgjạỵ');
  const ascent = Math.ceil(Math.max(m.fontBoundingBoxAscent, m.actualBoundingBoxAscent));
  const descent = Math.ceil(Math.max(m.fontBoundingBoxDescent, m.actualBoundingBoxDescent));
  const result = { ascent: ascent + 1, lineHeight: ascent + descent + 3 };
  metricsCache.set(font, result);
  return result;
}

export function measure(text: string, font: string): number {
  const key = font + '\u0000' + text;
  const hit = widthCache.get(key);
  if (hit !== undefined) return hit;
  const ctx = ctxForMeasure();
  ctx.font = font;
  const w = ctx.measureText(text).width;
  if (widthCache.size > 20_000) widthCache.clear();
  widthCache.set(key, w);
  return w;
}

/** Break one paragraph into lines no wider than maxWidth (in dots). */
export function wrapText(text: string, font: string, maxWidth: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.normalize('NFC').split('\n')) {
    const words = paragraph.split(/ +/).filter((w) => w.length > 0);
    if (words.length === 0) {
      out.push('');
      continue;
    }
    let line = '';
    const pushWord = (word: string): void => {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, font) <= maxWidth) {
        line = candidate;
        return;
      }
      if (line) {
        out.push(line);
        line = '';
      }
      if (measure(word, font) <= maxWidth) {
        line = word;
        return;
      }
      // A single word wider than the line: break it between letters.
      let piece = '';
      for (const ch of Array.from(word)) {
        if (piece && measure(piece + ch, font) > maxWidth) {
          out.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    };
    for (const w of words) pushWord(w);
    if (line) out.push(line);
  }
  return out;
}

function alignX(align: Align, left: number, boxWidth: number, contentWidth: number): number {
  if (align === 'center') return left + Math.max(0, Math.floor((boxWidth - contentWidth) / 2));
  if (align === 'right') return left + Math.max(0, Math.floor(boxWidth - contentWidth));
  return left;
}

/** The QR code of `data` as a bitmap with `cell` dots per module (shrunk to fit maxWidth). */
export function qrBitmap(data: string, cell: number, maxWidth: number): Bitmap {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  let c = cell;
  while (c > 1 && (n + 2 * quiet) * c > maxWidth) c--;
  const size = (n + 2 * quiet) * c;
  const bm = createBitmap(size, size);
  const rb = rowBytes(size);
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(r, col)) continue;
      for (let dy = 0; dy < c; dy++) {
        const y = (r + quiet) * c + dy;
        for (let dx = 0; dx < c; dx++) {
          const x = (col + quiet) * c + dx;
          const idx = y * rb + (x >> 3);
          bm.bits[idx] = (bm.bits[idx] ?? 0) | (0x80 >> (x & 7));
        }
      }
    }
  }
  return bm;
}

function blit(target: Bitmap, src: Bitmap, x0: number, y0: number): void {
  const trb = rowBytes(target.width);
  const srb = rowBytes(src.width);
  for (let y = 0; y < src.height; y++) {
    const ty = y0 + y;
    if (ty < 0 || ty >= target.height) continue;
    for (let x = 0; x < src.width; x++) {
      const tx = x0 + x;
      if (tx < 0 || tx >= target.width) continue;
      if (((src.bits[y * srb + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0) continue;
      const idx = ty * trb + (tx >> 3);
      target.bits[idx] = (target.bits[idx] ?? 0) | (0x80 >> (tx & 7));
    }
  }
}

function fillRect(target: Bitmap, op: RectOp): void {
  const rb = rowBytes(target.width);
  for (let y = op.y; y < op.y + op.h && y < target.height; y++) {
    for (let x = Math.max(0, op.x); x < op.x + op.w && x < target.width; x++) {
      const idx = y * rb + (x >> 3);
      target.bits[idx] = (target.bits[idx] ?? 0) | (0x80 >> (x & 7));
    }
  }
}

/** Render drawable blocks to one bitmap `width` dots wide. */
export function rasterizeBlocks(blocks: readonly RasterBlock[], width: number): Bitmap {
  const pad = RASTER_PADDING;
  const inner = width - 2 * pad;
  const texts: TextOp[] = [];
  const rects: RectOp[] = [];
  const bits: BitsOp[] = [];
  let y = 0;

  for (const block of blocks) {
    switch (block.type) {
      case 'text': {
        const font = fontFor(block.size, block.bold);
        const m = metrics(font);
        for (const line of wrapText(block.text, font, inner)) {
          const w = measure(line, font);
          texts.push({
            x: alignX(block.align, pad, inner, w),
            baseline: y + m.ascent,
            text: line,
            font,
          });
          y += m.lineHeight;
        }
        break;
      }
      case 'columns': {
        const n = block.columns.length;
        const total = block.columns.reduce((s, c) => s + c.weight, 0);
        const usable = inner - COLUMN_GAP * (n - 1);
        let x = pad;
        let rowHeight = 0;
        block.columns.forEach((col, i) => {
          const colWidth =
            i === n - 1 ? pad + inner - x : Math.floor((usable * col.weight) / total);
          const font = fontFor(1, col.bold);
          const m = metrics(font);
          const lines = wrapText(col.text, font, colWidth);
          lines.forEach((line, li) => {
            const w = measure(line, font);
            texts.push({
              x: alignX(col.align, x, colWidth, w),
              baseline: y + li * m.lineHeight + m.ascent,
              text: line,
              font,
            });
          });
          rowHeight = Math.max(rowHeight, lines.length * m.lineHeight);
          x += colWidth + COLUMN_GAP;
        });
        y += rowHeight;
        break;
      }
      case 'rule': {
        const band = 14;
        const mid = y + Math.floor(band / 2) - 1;
        if (block.style === 'solid') rects.push({ x: pad, y: mid, w: inner, h: 2 });
        else
          for (let x = pad; x < pad + inner; x += 12)
            rects.push({ x, y: mid, w: Math.min(8, pad + inner - x), h: 2 });
        y += band;
        break;
      }
      case 'qr': {
        const bm = qrBitmap(block.data, block.size, inner);
        bits.push({ x: alignX(block.align, pad, inner, bm.width), y, bm });
        y += bm.height;
        break;
      }
      case 'image': {
        const bm: Bitmap = { width: block.width, height: block.height, bits: block.bits };
        bits.push({ x: alignX(block.align, 0, width, Math.min(width, bm.width)), y, bm });
        y += bm.height;
        break;
      }
      case 'feed':
        y += block.lines * FEED_LINE_DOTS;
        break;
    }
  }

  const height = Math.max(1, y);
  const out = createBitmap(width, height);
  if (texts.length > 0) thresholdText(out, texts);
  for (const r of rects) fillRect(out, r);
  for (const op of bits) blit(out, op.bm, op.x, op.y);
  return out;
}

function thresholdText(out: Bitmap, texts: TextOp[]): void {
  const { width, height } = out;
  const canvas = canvasModule().createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'alphabetic';
  let current = '';
  for (const t of texts) {
    if (t.font !== current) {
      ctx.font = t.font;
      current = t.font;
    }
    ctx.fillText(t.text, t.x, t.baseline);
  }
  // canvas.data(): the stored (premultiplied RGBA) pixels without getImageData's
  // unpremultiply pass — several times faster on a 576 × 2000 receipt.
  const data = canvas.data();
  const rb = rowBytes(width);
  for (let yy = 0; yy < height; yy++) {
    let p = yy * width * 4;
    const rowStart = yy * rb;
    for (let x = 0; x < width; x++, p += 4) {
      // Red channel of black-on-white greyscale; a slightly dark threshold keeps thin
      // strokes (tone marks) solid on a 203 dpi head.
      if ((data[p] ?? 255) < 150) {
        const idx = rowStart + (x >> 3);
        out.bits[idx] = (out.bits[idx] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
}
