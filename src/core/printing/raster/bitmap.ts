/**
 * 1-bit bitmaps as printers see them: rows of packed bits, most significant bit = leftmost
 * dot, 1 = black. Also a tiny dependency-free PNG writer (1-bit greyscale) for previews.
 */
import { crc32, deflateSync } from 'node:zlib';

export interface Bitmap {
  width: number;
  height: number;
  /** ceil(width / 8) * height bytes. */
  bits: Uint8Array;
}

export const rowBytes = (width: number): number => Math.ceil(width / 8);

export function createBitmap(width: number, height: number): Bitmap {
  return { width, height, bits: new Uint8Array(rowBytes(width) * height) };
}

export function getDot(bm: Bitmap, x: number, y: number): boolean {
  const byte = bm.bits[y * rowBytes(bm.width) + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}

export function rowHasInk(bm: Bitmap, y: number): boolean {
  const rb = rowBytes(bm.width);
  for (let i = y * rb; i < (y + 1) * rb; i++) if (bm.bits[i]) return true;
  return false;
}

/** Runs of consecutive rows containing ink, as [firstRow, lastRow] pairs. */
export function inkRowRuns(bm: Bitmap): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let y = 0; y < bm.height; y++) {
    const ink = rowHasInk(bm, y);
    if (ink && start < 0) start = y;
    if (!ink && start >= 0) {
      runs.push([start, y - 1]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, bm.height - 1]);
  return runs;
}

/** Number of rows containing at least one black dot. */
export function inkRowCount(bm: Bitmap): number {
  let n = 0;
  for (let y = 0; y < bm.height; y++) if (rowHasInk(bm, y)) n++;
  return n;
}

/** Leftmost and rightmost columns with ink (null when blank). */
export function inkColumnRange(bm: Bitmap): [number, number] | null {
  let min = Infinity;
  let max = -1;
  for (let y = 0; y < bm.height; y++) {
    for (let x = 0; x < bm.width; x++) {
      if (getDot(bm, x, y)) {
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
  }
  return max < 0 ? null : [min, max];
}

/** Stack bitmaps of the same width vertically. */
export function stackBitmaps(parts: Bitmap[], width: number): Bitmap {
  const height = parts.reduce((h, p) => h + p.height, 0);
  const out = createBitmap(width, height);
  const rb = rowBytes(width);
  let y = 0;
  for (const p of parts) {
    const prb = rowBytes(p.width);
    for (let row = 0; row < p.height; row++) {
      const n = Math.min(rb, prb);
      out.bits.set(p.bits.subarray(row * prb, row * prb + n), (y + row) * rb);
    }
    y += p.height;
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** Encode a bitmap as a 1-bit greyscale PNG (black ink on white paper). */
export function bitmapToPng(bm: Bitmap): Buffer {
  const rb = rowBytes(bm.width);
  const raw = Buffer.alloc((rb + 1) * bm.height);
  for (let y = 0; y < bm.height; y++) {
    raw[y * (rb + 1)] = 0; // filter: none
    for (let i = 0; i < rb; i++) {
      // PNG greyscale: 1 = white, so invert the printer's 1 = black.
      raw[y * (rb + 1) + 1 + i] = ~(bm.bits[y * rb + i] ?? 0) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(bm.width, 0);
  ihdr.writeUInt32BE(Math.max(1, bm.height), 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
