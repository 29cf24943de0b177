/**
 * Turn the parts of one upload into the bytes to store (docs/digitisation.md, "Storage"):
 * - one PDF: checked (src/core/files/fileChecks.ts) and stored as it came;
 * - one or more JPEG/PNG pages: each decoded, fitted into an A4 page at 200 dpi, grayscale
 *   unless colour was asked for, re-encoded (JPEG, or 16-level gray for text pages) and
 *   assembled in order into ONE PDF.
 * Anything else is refused. CPU-heavy: it runs in the image worker, never on the event loop.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFRawStream,
  popGraphicsState,
  pushGraphicsState,
  type PDFRef,
} from 'pdf-lib';
import type { ImageColourMode } from '../../shared/contract/files';
import { checkImageHeader, checkPdf, FileRefused, sniffKind } from './fileChecks';

/** A4 (210 × 297 mm) at 200 dpi, in pixels, and in PDF points (1/72 inch). */
export const A4_PX = { width: 1654, height: 2339 } as const;
export const A4_PT = { width: 595.28, height: 841.89 } as const;
/** JPEG quality of a stored page (colour pages, and grayscale pages that are mostly picture). */
export const JPEG_QUALITY: Record<ImageColourMode, number> = { gray: 50, colour: 70 };

export interface NormalisedFile {
  bytes: Uint8Array;
  pages: number;
  sha256: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A stored page image: a JPEG, or 16-level gray pixels compressed with Flate. */
type PageImage =
  | { kind: 'jpeg'; jpeg: Uint8Array; width: number; height: number }
  | { kind: 'gray4'; deflated: Buffer; width: number; height: number };

/**
 * Stretch a grayscale page between its darkest ink and its paper: the 1st percentile becomes
 * black and the 95th (the paper of a text page) white, when that is light enough to be
 * paper. A scanned page's grey, noisy paper becomes clean white, which both encodings store
 * for almost nothing.
 */
export function autoLevels(luma: Uint8Array): void {
  const histogram = new Uint32Array(256);
  for (const v of luma) histogram[v] = (histogram[v] as number) + 1;
  const percentile = (p: number) => {
    const target = luma.length * p;
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += histogram[v] as number;
      if (seen >= target) return v;
    }
    return 255;
  };
  const black = percentile(0.01);
  const white = percentile(0.95);
  if (white < 160 || white - black < 32) return; // a dark photo or a flat page: left alone
  const scale = 255 / (white - black);
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++)
    table[v] = Math.max(0, Math.min(255, Math.round((v - black) * scale)));
  for (let i = 0; i < luma.length; i++) luma[i] = table[luma[i] as number] as number;
}

/**
 * 8-bit gray → 16 levels. The lightest and darkest steps snap to paper white and ink black:
 * the faint speckle a scanner leaves around letters costs most of a page's bytes and carries
 * nothing.
 */
const GRAY4 = Uint8Array.from({ length: 256 }, (_, v) => (v >= 216 ? 15 : v <= 40 ? 0 : v >> 4));

/** 16-level gray, two pixels a byte, rows padded to a byte, Flate-compressed (ISO 32000-1 §8.9). */
function packGray4(luma: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = Math.ceil(width / 2);
  const out = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const src = y * width;
    const dst = y * rowBytes;
    for (let x = 0; x < width; x++) {
      const n = GRAY4[luma[src + x] as number] as number;
      const i = dst + (x >> 1);
      out[i] = x % 2 === 0 ? n << 4 : (out[i] as number) | n;
    }
  }
  return deflateSync(out, { level: 6 });
}

/**
 * One image → a page image at most A4 at 200 dpi (never enlarged). Colour: a JPEG. Grayscale:
 * auto-levels, then the smaller of a JPEG and 16-level Flate gray — text pages (sharp edges,
 * white paper) are far smaller as the latter, photographs as the former, so a typical
 * grayscale text page stays under 150 KB (docs/digitisation.md, "Storage").
 */
async function imagePage(bytes: Uint8Array, colour: ImageColourMode): Promise<PageImage> {
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    throw new FileRefused('image_unreadable');
  }
  if (!(image.width > 0 && image.height > 0)) throw new FileRefused('image_unreadable');
  const landscape = image.width > image.height;
  const box = landscape
    ? { width: A4_PX.height, height: A4_PX.width }
    : { width: A4_PX.width, height: A4_PX.height };
  const scale = Math.min(1, box.width / image.width, box.height / image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff'; // a transparent PNG becomes white paper, not black
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0, width, height);
  if (colour === 'colour') {
    const jpeg = await canvas.encode('jpeg', JPEG_QUALITY.colour);
    return { kind: 'jpeg', jpeg, width, height };
  }
  const data = ctx.getImageData(0, 0, width, height);
  const px = data.data;
  const luma = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < luma.length; i += 4, j++) {
    // ITU-R BT.601 luma
    luma[j] =
      (299 * (px[i] as number) + 587 * (px[i + 1] as number) + 114 * (px[i + 2] as number) + 500) /
      1000;
  }
  autoLevels(luma);
  for (let i = 0, j = 0; j < luma.length; i += 4, j++) {
    const v = luma[j] as number;
    px[i] = v;
    px[i + 1] = v;
    px[i + 2] = v;
  }
  ctx.putImageData(data, 0, 0);
  const jpeg = await canvas.encode('jpeg', JPEG_QUALITY.gray);
  const deflated = packGray4(luma, width, height);
  return deflated.length < jpeg.length
    ? { kind: 'gray4', deflated, width, height }
    : { kind: 'jpeg', jpeg, width, height };
}

/** Put a page image into the document as an image XObject; returns its reference. */
async function embedPageImage(doc: PDFDocument, img: PageImage): Promise<PDFRef> {
  if (img.kind === 'jpeg') return (await doc.embedJpg(img.jpeg)).ref;
  const dict = doc.context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: img.width,
    Height: img.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 4,
    Filter: 'FlateDecode',
    Length: img.deflated.length,
  });
  return doc.context.register(PDFRawStream.of(dict, img.deflated));
}

/** The stored form of an upload's parts, or a FileRefused. */
export async function normaliseUpload(
  parts: readonly Uint8Array[],
  colour: ImageColourMode,
): Promise<NormalisedFile> {
  if (parts.length === 0) throw new FileRefused('unknown_type');
  const kinds = parts.map(sniffKind);
  if (kinds.some((k) => k === null)) throw new FileRefused('unknown_type');
  if (kinds.includes('pdf')) {
    // A PDF is stored exactly as it came: only alone (pages of images are assembled instead).
    if (parts.length !== 1) throw new FileRefused('mixed_types');
    const bytes = parts[0] as Uint8Array;
    const pages = await checkPdf(bytes);
    return { bytes, pages, sha256: sha256(bytes) };
  }
  for (const [i, part] of parts.entries()) checkImageHeader(part, kinds[i] as 'jpeg' | 'png');
  // No creation date or producer: the same pages give the same bytes, stored once.
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const part of parts) {
    const img = await imagePage(part, colour);
    const ref = await embedPageImage(doc, img);
    const landscape = img.width > img.height;
    const page = landscape
      ? doc.addPage([A4_PT.height, A4_PT.width])
      : doc.addPage([A4_PT.width, A4_PT.height]);
    const { width: pw, height: ph } = page.getSize();
    const fit = Math.min(pw / img.width, ph / img.height);
    const w = img.width * fit;
    const h = img.height * fit;
    const name = page.node.newXObject('Scan', ref);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(w, 0, 0, h, (pw - w) / 2, (ph - h) / 2),
      drawObject(name),
      popGraphicsState(),
    );
  }
  const bytes = await doc.save();
  return { bytes, pages: parts.length, sha256: sha256(bytes) };
}
