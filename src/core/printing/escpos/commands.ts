/**
 * The few ESC/POS byte sequences we emit ourselves (everything else goes through
 * node-thermal-printer's builder):
 * - `ESC t n` — the library can only announce its own fixed numbers and never re-sends it
 *   after the `ESC @` it emits with every cut;
 * - `GS v 0` raster bands — the library's image path wants a PNG/RGBA buffer and builds one
 *   object per pixel; we already hold packed 1-bit rows;
 * - `ESC p m t1 t2` — the library's drawer kick omits t1/t2, so the printer swallows the
 *   next two bytes of the job as pulse timings.
 */
import { rowBytes, type Bitmap } from '../raster/bitmap';

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export const selectCodePage = (n: number): Buffer => Buffer.from([ESC, 0x74, n & 0xff]);
export const feedLines = (n: number): Buffer =>
  Buffer.from([ESC, 0x64, Math.max(0, Math.min(255, n))]);
export const alignCmd = (a: 'left' | 'center' | 'right'): Buffer =>
  Buffer.from([ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2]);
export const boldCmd = (on: boolean): Buffer => Buffer.from([ESC, 0x45, on ? 1 : 0]);
/** GS ! n: size 1 → 0x00, 2 → 0x11 (double width and height), 3 → 0x22. */
export const sizeCmd = (size: 1 | 2 | 3): Buffer => Buffer.from([GS, 0x21, (size - 1) * 0x11]);
/** Pulse drawer pin 2 for 50 ms on / 500 ms off (t × 2 ms). */
export const drawerKick = (): Buffer => Buffer.from([ESC, 0x70, 0x00, 25, 250]);
/** Real-time status request DLE EOT n (1 printer, 2 offline cause, 3 error, 4 paper). */
export const statusRequest = (n: 1 | 2 | 3 | 4): Buffer => Buffer.from([DLE, EOT, n]);

/** Rows per `GS v 0` command: small enough for the input buffer of cheap printers. */
export const RASTER_BAND_ROWS = 256;

/** `GS v 0 m xL xH yL yH d…` for the whole bitmap, split into bands. */
export function rasterCommands(bm: Bitmap, bandRows = RASTER_BAND_ROWS): Buffer {
  const rb = rowBytes(bm.width);
  const parts: Buffer[] = [];
  for (let y0 = 0; y0 < bm.height; y0 += bandRows) {
    const rows = Math.min(bandRows, bm.height - y0);
    parts.push(
      Buffer.from([
        GS,
        0x76,
        0x30,
        0x00,
        rb & 0xff,
        (rb >> 8) & 0xff,
        rows & 0xff,
        (rows >> 8) & 0xff,
      ]),
    );
    parts.push(Buffer.from(bm.bits.buffer, bm.bits.byteOffset + y0 * rb, rows * rb));
  }
  return Buffer.concat(parts);
}
