/**
 * Golden tests: every layout × {58, 80 mm} × {raster, cp1258, tcvn3} is rendered, sent over
 * TCP to the fake printer, captured and decoded. Code-page jobs must decode back to the
 * committed text; raster jobs to an image of the committed size and ink rows, with the QR
 * payload read back from the printer command. The PNG previews next to the goldens are what
 * the paper looks like: the same job printed with the QR as dots (profile `qr: 'raster'`)
 * must match them pixel for pixel (a few dots of tolerance, see tests/helpers/pixels.ts);
 * a mismatch writes the actual image and a diff to test-results/printing/.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run tests/integration/printing
 * (docs/printing.md, "Golden tests").
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos, imageToPng, imagesToStrip } from '../../../src/core/printing/decoder';
import { renderEscPos } from '../../../src/core/printing/escpos/render';
import { previewBitmap } from '../../../src/core/printing/preview';
import type { PrinterProfileInput } from '../../../src/core/printing/escpos/profile';
import { startFakePrinter, type FakePrinter } from '../../../src/core/printing/fakePrinter';
import { LAYOUT_NAMES, type LayoutName } from '../../../src/core/printing/layouts';
import { inkRowCount, inkRowRuns } from '../../../src/core/printing/raster/bitmap';
import {
  sampleDocument,
  sampleDossierReceipt,
  sampleTicket,
} from '../../../src/core/printing/samples';
import { sendToPrinter } from '../../../src/core/printing/transport';
import { decodeQrDots, pixelMismatch } from '../../helpers/pixels';

const GOLDEN_DIR = path.resolve(__dirname, '../../golden/printing');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const MODES = ['raster', 'cp1258', 'tcvn3'] as const;
const WIDTHS = [58, 80] as const;
/**
 * Dots allowed to differ from the committed PNG. The rasteriser (Skia in @napi-rs/canvas)
 * and the font are pinned and bundled, so none differ on any machine so far; the tolerance
 * absorbs a stray rounded dot, while one changed diacritic is 10 dots or more
 * (tests/unit/printing/pixels.test.ts).
 */
const MAX_DIFFERING_DOTS = 4;

function profileFor(
  mode: (typeof MODES)[number],
  widthMm: 58 | 80,
  qr: 'native' | 'raster' = 'native',
): PrinterProfileInput {
  return mode === 'raster'
    ? { widthMm, mode: 'raster', qr, cut: true, cashDrawer: true }
    : { widthMm, mode: 'codepage', encoding: mode, cut: true, cashDrawer: true };
}

function golden(file: string, actual: string): void {
  const p = path.join(GOLDEN_DIR, file);
  if (UPDATE || !existsSync(p)) {
    if (!UPDATE && process.env['CI']) throw new Error(`missing golden ${file}`);
    writeFileSync(p, actual);
  }
  expect(actual).toBe(readFileSync(p, 'utf8'));
}

/** Text as one string with wrapping undone, for phrase checks. */
const flat = (lines: string[]): string => lines.join(' ').replace(/\s+/g, ' ');

let printer: FakePrinter;
beforeAll(async () => {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  printer = await startFakePrinter();
});
afterAll(async () => {
  await printer.close();
});

async function printAndCapture(
  layout: LayoutName,
  mode: (typeof MODES)[number],
  widthMm: 58 | 80,
  qr: 'native' | 'raster' = 'native',
): Promise<Buffer> {
  const r = renderEscPos(sampleDocument(layout), profileFor(mode, widthMm, qr));
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  const before = printer.jobs().length;
  const sent = await sendToPrinter(printer.uri, r.bytes, { timeoutMs: 5000 });
  expect(sent).toEqual({ ok: true, bytesSent: r.bytes.length });
  const jobs = await printer.waitForJobs(before + 1);
  const job = jobs[before];
  if (!job) throw new Error('no job captured');
  expect(job.equals(r.bytes)).toBe(true);
  return job;
}

describe.each(LAYOUT_NAMES)('golden %s', (layout) => {
  describe.each(WIDTHS)('%i mm', (widthMm) => {
    it.each(MODES)('%s', async (mode) => {
      const job = await printAndCapture(layout, mode, widthMm);
      const d = decodeEscPos(job);
      expect(d.unknown).toEqual([]);
      expect(d.cuts).toBe(1);
      expect(d.drawerKicks).toBe(layout === 'feeReceipt' ? 1 : 0);
      const name = `${layout}-${widthMm}mm-${mode}`;
      if (mode === 'raster') {
        expect(d.text.join('')).toBe(''); // no character bytes at all (LFs after QR only)
        expect(d.codePages).toEqual([]);
        const strip = imagesToStrip(d.images);
        expect(strip.width).toBe(widthMm === 58 ? 384 : 576);
        const summary = {
          images: d.images.map((im) => ({
            width: im.width,
            height: im.height,
            inkRows: inkRowCount(im),
          })),
          inkRowRuns: d.images.map((im) => inkRowRuns(im)),
          qr: d.qr,
          barcodes: d.barcodes,
        };
        golden(`${name}.json`, JSON.stringify(summary, null, 1) + '\n');
      } else {
        const cols = widthMm === 58 ? 32 : 48;
        for (const l of d.lines)
          expect(Array.from(l.text).length).toBeLessThanOrEqual(cols / l.size);
        expect(d.text.join('\n')).not.toContain('?');
        expect(d.text.join('\n')).not.toContain('\uFFFD');
        // Announced again after the cut, with the profile's number.
        const main = mode === 'cp1258' ? 52 : 30;
        expect(d.ops.slice(d.ops.lastIndexOf('cut'))).toEqual(['cut', 'init', `page:${main}`]);
        golden(`${name}.txt`, d.text.join('\n') + '\n');
      }
      // Content that must survive every mode.
      const all = flat(d.text);
      if (layout === 'dossierReceipt') {
        expect(d.qr).toEqual([sampleDossierReceipt.lookupUrl]);
        if (mode !== 'raster') {
          expect(all).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
          expect(all).toContain('Nguyễn Thị Ngọc Ánh');
          expect(all).toContain('Đặng Văn Đức');
          expect(all).toContain('000.00.14.H56-250715-0001');
        }
      }
      if (layout === 'ticket') {
        expect(d.qr).toEqual([sampleTicket.statusUrl]);
        if (mode !== 'raster')
          expect(d.lines).toContainEqual({ text: 'A012', align: 'center', bold: true, size: 3 });
      }
      if (layout === 'testPage') expect(d.barcodes).toEqual(['MC-0001']);
    });

    it('raster with the QR as dots matches the committed PNG', async () => {
      // The job a printer without native QR receives, captured by the fake printer.
      const d = decodeEscPos(await printAndCapture(layout, 'raster', widthMm, 'raster'));
      expect(d.unknown).toEqual([]);
      expect(d.qr).toEqual([]); // the QR went as dots, not as a printer command
      const strip = imagesToStrip(d.images);
      // The dots scan back to what the layout asked for: the same job with a native QR
      // command carries the payload (the receipt's lookup and the ticket's status address
      // are checked against the samples above).
      const native = decodeEscPos(await printAndCapture(layout, 'raster', widthMm, 'native'));
      expect(decodeQrDots(strip)).toBe(native.qr[0] ?? null);
      if (layout === 'dossierReceipt')
        expect(decodeQrDots(strip)).toBe(sampleDossierReceipt.lookupUrl);
      // `npm run print:preview` draws the same image.
      const preview = previewBitmap(sampleDocument(layout), widthMm);
      if (!preview.ok) throw new Error(preview.message);
      expect(Buffer.from(preview.bitmap.bits).equals(Buffer.from(strip.bits))).toBe(true);
      const pngPath = path.join(GOLDEN_DIR, `${layout}-${widthMm}mm.png`);
      if (UPDATE || !existsSync(pngPath)) {
        if (!UPDATE && process.env['CI']) throw new Error(`missing golden ${pngPath}`);
        writeFileSync(pngPath, imageToPng(strip));
      }
      const mismatch = await pixelMismatch(
        `${layout}-${widthMm}mm`,
        strip,
        readFileSync(pngPath),
        MAX_DIFFERING_DOTS,
      );
      expect(mismatch).toBeNull();
    });
  });
});
