/**
 * "Show on screen" and developer previews: a document rendered exactly as the raster
 * printer would receive it (ESC/POS bytes → decoder → stacked image → PNG).
 */
import { decodeEscPos, imagesToStrip } from './decoder';
import type { PrintDocumentInput, PrintFailure } from './document';
import { renderEscPos, type RenderErrorCode } from './escpos/render';
import { bitmapToPng, type Bitmap } from './raster/bitmap';

export function previewBitmap(
  doc: PrintDocumentInput,
  widthMm: 58 | 80,
): { ok: true; bitmap: Bitmap } | PrintFailure<RenderErrorCode> {
  // QR drawn as raster so the preview shows it (a native QR is drawn by the printer).
  const r = renderEscPos(doc, { widthMm, mode: 'raster', qr: 'raster', cut: true });
  if (!r.ok) return r;
  return { ok: true, bitmap: imagesToStrip(decodeEscPos(r.bytes).images) };
}

export function previewPng(
  doc: PrintDocumentInput,
  widthMm: 58 | 80,
): { ok: true; png: Buffer } | PrintFailure<RenderErrorCode> {
  const r = previewBitmap(doc, widthMm);
  return r.ok ? { ok: true, png: bitmapToPng(r.bitmap) } : r;
}
