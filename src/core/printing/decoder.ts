/**
 * ESC/POS decoder (test and developer tool): turns captured printer bytes back into what
 * the paper would show — text lines decoded with the code page the job announced, raster
 * images, QR payloads, barcodes, cuts — so golden tests can compare meaning, not bytes.
 * Unknown commands are reported (never silently skipped) so tests notice stray bytes.
 */
import type { Align } from './document';
import { ASCII_TABLE, CP1258_TABLE, TCVN3_TABLE, TCVN3_UPPER_TABLE } from './escpos/encoding';
import { bitmapToPng, rowBytes, stackBitmaps, type Bitmap } from './raster/bitmap';

export type DecoderTable = 'ascii' | 'cp1258' | 'tcvn3' | 'tcvn3-upper';

export interface DecodeOptions {
  /** Which table each `ESC t n` number means (default: Epson numbering). */
  codePages?: Record<number, DecoderTable>;
  /** Join consecutive `GS v 0` bands of the same width into one image (default true). */
  mergeRasterBands?: boolean;
}

export interface DecodedLine {
  text: string;
  align: Align;
  bold: boolean;
  /** Larger of the width/height multipliers in force. */
  size: number;
}

export interface DecodedPrint {
  /** Printed text lines (trailing spaces trimmed), NFC. */
  text: string[];
  lines: DecodedLine[];
  images: Bitmap[];
  qr: string[];
  barcodes: string[];
  cuts: number;
  /** Every `ESC t n` in order of appearance. */
  codePages: number[];
  drawerKicks: number;
  statusRequests: number[];
  /** Command stream summary, e.g. ['init', 'page:52', 'text', 'cut', 'init', 'page:52']. */
  ops: string[];
  unknown: Array<{ offset: number; byte: number }>;
}

export const DEFAULT_DECODER_PAGES: Record<number, DecoderTable> = {
  0: 'ascii',
  30: 'tcvn3',
  31: 'tcvn3-upper',
  52: 'cp1258',
};

const TABLES: Record<DecoderTable, readonly string[]> = {
  ascii: ASCII_TABLE,
  cp1258: CP1258_TABLE,
  tcvn3: TCVN3_TABLE,
  'tcvn3-upper': TCVN3_UPPER_TABLE,
};

export function decodeEscPos(input: Uint8Array, options: DecodeOptions = {}): DecodedPrint {
  const pages = options.codePages ?? DEFAULT_DECODER_PAGES;
  const merge = options.mergeRasterBands ?? true;
  const out: DecodedPrint = {
    text: [],
    lines: [],
    images: [],
    qr: [],
    barcodes: [],
    cuts: 0,
    codePages: [],
    drawerKicks: 0,
    statusRequests: [],
    ops: [],
    unknown: [],
  };
  const bytes = input;
  const at = (i: number): number => bytes[i] ?? 0;

  let page = 0;
  let align: Align = 'left';
  let bold = false;
  let size = 1;
  let line = '';
  let lineAttrs: Omit<DecodedLine, 'text'> | null = null;
  let qrStore: Uint8Array | null = null;
  let lastWasRaster = false;

  const op = (name: string): void => {
    if (out.ops[out.ops.length - 1] !== name || name !== 'text') out.ops.push(name);
  };
  const flushLine = (force: boolean): void => {
    if (!force && line === '') return;
    const text = line.normalize('NFC').replace(/\s+$/u, '');
    out.text.push(text);
    out.lines.push({ text, ...(lineAttrs ?? { align, bold, size }) });
    line = '';
    lineAttrs = null;
  };
  const reset = (): void => {
    page = 0;
    align = 'left';
    bold = false;
    size = 1;
  };

  let i = 0;
  while (i < bytes.length) {
    const c = at(i);
    let raster = false;
    if (c === 0x0a) {
      flushLine(true);
      op('text');
      i += 1;
    } else if (c === 0x0d) {
      i += 1;
    } else if (c === 0x1b) {
      const cmd = at(i + 1);
      switch (cmd) {
        case 0x40:
          flushLine(false);
          reset();
          op('init');
          i += 2;
          break;
        case 0x74:
          page = at(i + 2);
          out.codePages.push(page);
          op(`page:${page}`);
          i += 3;
          break;
        case 0x61: {
          const n = at(i + 2) % 48;
          align = n === 1 ? 'center' : n === 2 ? 'right' : 'left';
          i += 3;
          break;
        }
        case 0x45:
          bold = (at(i + 2) & 1) === 1;
          i += 3;
          break;
        case 0x21: {
          const n = at(i + 2);
          bold = (n & 0x08) !== 0;
          size = n & 0x30 ? 2 : 1;
          i += 3;
          break;
        }
        case 0x64:
        case 0x4a:
          flushLine(false);
          op('feed');
          i += 3;
          break;
        case 0x70:
          out.drawerKicks++;
          op('drawer');
          i += 5;
          break;
        case 0x42:
          i += 4;
          break;
        case 0x32:
          i += 2;
          break;
        case 0x2d:
        case 0x4d:
        case 0x33:
        case 0x47:
        case 0x7b:
        case 0x56:
        case 0x52:
        case 0x72:
        case 0x20:
        case 0x55:
          i += 3;
          break;
        default:
          out.unknown.push({ offset: i, byte: c });
          i += 1;
      }
    } else if (c === 0x1d) {
      const cmd = at(i + 1);
      switch (cmd) {
        case 0x21: {
          const n = at(i + 2);
          size = Math.max((n & 0x0f) + 1, ((n >> 4) & 0x0f) + 1);
          i += 3;
          break;
        }
        case 0x56: {
          const m = at(i + 2);
          flushLine(false);
          out.cuts++;
          op('cut');
          i += [65, 66, 97, 98, 103, 104].includes(m) ? 4 : 3;
          break;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH d1…dk
          const xBytes = at(i + 4) + at(i + 5) * 256;
          const rows = at(i + 6) + at(i + 7) * 256;
          const len = xBytes * rows;
          const data = bytes.slice(i + 8, i + 8 + len);
          const band: Bitmap = { width: xBytes * 8, height: rows, bits: new Uint8Array(data) };
          flushLine(false);
          const prev = out.images[out.images.length - 1];
          if (merge && lastWasRaster && prev && prev.width === band.width) {
            out.images[out.images.length - 1] = stackBitmaps([prev, band], band.width);
          } else {
            out.images.push(band);
            op('image');
          }
          raster = true;
          i += 8 + len;
          break;
        }
        case 0x28: {
          // GS ( k pL pH cn fn [params]
          const fnCode = at(i + 2);
          const len = at(i + 3) + at(i + 4) * 256;
          const body = bytes.slice(i + 5, i + 5 + len);
          if (fnCode === 0x6b && body[0] === 0x31) {
            if (body[1] === 0x50) qrStore = body.slice(3);
            if (body[1] === 0x51 && qrStore) {
              flushLine(false);
              out.qr.push(Buffer.from(qrStore).toString('utf8'));
              op('qr');
            }
          }
          i += 5 + len;
          break;
        }
        case 0x6b: {
          const m = at(i + 2);
          let data: Uint8Array;
          if (m <= 6) {
            let end = i + 3;
            while (end < bytes.length && at(end) !== 0) end++;
            data = bytes.slice(i + 3, end);
            i = end + 1;
          } else {
            const n = at(i + 3);
            data = bytes.slice(i + 4, i + 4 + n);
            i += 4 + n;
          }
          let s = Buffer.from(data).toString('latin1');
          if (m === 73) s = s.replace(/^\{[ABC]/, '');
          flushLine(false);
          out.barcodes.push(s);
          op('barcode');
          break;
        }
        case 0x48:
        case 0x66:
        case 0x77:
        case 0x68:
        case 0x42:
        case 0x72:
        case 0x61:
          i += 3;
          break;
        case 0x4c:
        case 0x57:
          i += 4;
          break;
        default:
          out.unknown.push({ offset: i, byte: c });
          i += 1;
      }
    } else if (c === 0x10 && at(i + 1) === 0x04) {
      out.statusRequests.push(at(i + 2));
      i += 3;
    } else if (c < 0x20 && c !== 0x09) {
      out.unknown.push({ offset: i, byte: c });
      i += 1;
    } else {
      if (line === '') lineAttrs = { align, bold, size };
      const table = TABLES[pages[page] ?? 'ascii'];
      line += c === 0x09 ? ' ' : (table[c] ?? '\uFFFD');
      op('text');
      i += 1;
    }
    lastWasRaster = raster;
  }
  flushLine(false);
  return out;
}

/** A raster image as PNG (1-bit greyscale). */
export function imageToPng(image: Bitmap): Buffer {
  return bitmapToPng(image);
}

/** All raster images of a job stacked into one strip (what the paper looks like). */
export function imagesToStrip(images: readonly Bitmap[]): Bitmap {
  const width = images.reduce((w, im) => Math.max(w, im.width), 8);
  return stackBitmaps([...images], width);
}

export { rowBytes };
