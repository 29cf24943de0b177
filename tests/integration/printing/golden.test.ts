/**
 * Golden tests: every layout × {58, 80 mm} × {raster, cp1258, tcvn3} is rendered, sent over
 * TCP to the fake printer, captured and decoded. Code-page jobs must decode back to the
 * committed text; raster jobs to an image of the committed size and non-blank rows. The
 * PNG previews next to the goldens are what the paper looks like.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run tests/integration/printing
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

const GOLDEN_DIR = path.resolve(__dirname, '../../golden/printing');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const MODES = ['raster', 'cp1258', 'tcvn3'] as const;
const WIDTHS = [58, 80] as const;

function profileFor(mode: (typeof MODES)[number], widthMm: 58 | 80): PrinterProfileInput {
  return mode === 'raster'
    ? { widthMm, mode: 'raster', cut: true, cashDrawer: true }
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
): Promise<Buffer> {
  const r = renderEscPos(sampleDocument(layout), profileFor(mode, widthMm));
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
        const pngPath = path.join(GOLDEN_DIR, `${layout}-${widthMm}mm.png`);
        // The committed preview: the same job with the QR drawn as raster, as on paper.
        const preview = previewBitmap(sampleDocument(layout), widthMm);
        if (!preview.ok) throw new Error(preview.message);
        expect(preview.bitmap.width).toBe(strip.width);
        if (UPDATE || !existsSync(pngPath)) writeFileSync(pngPath, imageToPng(preview.bitmap));
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
  });
});
