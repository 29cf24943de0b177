/**
 * The pixel comparison behind the printing golden tests (tests/helpers/pixels.ts) sees what
 * it must: one changed diacritic, letter or QR payload fails against the committed PNG (and
 * leaves a diff image). Before it, the PNG previews were written but never compared, so a
 * receipt could print differently with every golden test green.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewBitmap } from '../../../src/core/printing/preview';
import { dossierReceiptLayout } from '../../../src/core/printing/layouts';
import type { PrintDocumentInput } from '../../../src/core/printing/document';
import { bitmapToPng, createBitmap, type Bitmap } from '../../../src/core/printing/raster/bitmap';
import { sampleDossierReceipt } from '../../../src/core/printing/samples';
import {
  comparePixels,
  inkOfBitmap,
  inkOfPng,
  pixelMismatch,
  RESULTS_DIR,
  type InkImage,
} from '../../helpers/pixels';

const GOLDEN = readFileSync(
  path.resolve(__dirname, '../../golden/printing/dossierReceipt-80mm.png'),
);
/** The tolerance of tests/integration/printing/golden.test.ts. */
const MAX_DIFFERING_DOTS = 4;

/** Same size and dots (a plain comparison: deep equality of a million dots is slow). */
const sameInk = (a: InkImage, b: InkImage): boolean =>
  a.width === b.width && a.height === b.height && Buffer.from(a.ink).equals(Buffer.from(b.ink));

function preview(doc: PrintDocumentInput): Bitmap {
  const r = previewBitmap(doc, 80);
  if (!r.ok) throw new Error(r.message);
  return r.bitmap;
}

describe('pixel comparison with the committed receipt PNG', () => {
  it('reads the PNG back dot for dot', async () => {
    const bm = preview(dossierReceiptLayout(sampleDossierReceipt));
    expect(sameInk(await inkOfPng(bitmapToPng(bm)), inkOfBitmap(bm))).toBe(true);
    expect(await pixelMismatch('same', bm, GOLDEN, MAX_DIFFERING_DOTS)).toBeNull();
  });

  it.each([
    ['a tone mark', 'Đặng Văn Đực'],
    ['a horn', 'Đặng Văn Đửc'],
    ['a stroke', 'Đặng Văn Dức'],
    ['a circumflex', 'Đặng Vân Đức'],
  ])('fails on one changed diacritic (%s)', async (_, officerName) => {
    const bm = preview(dossierReceiptLayout({ ...sampleDossierReceipt, officerName }));
    const c = comparePixels(inkOfBitmap(bm), await inkOfPng(GOLDEN));
    expect(c.sameSize).toBe(true);
    expect(c.differing).toBeGreaterThan(MAX_DIFFERING_DOTS);
  });

  it('fails when the printed QR encodes another address', async () => {
    const bm = preview(
      dossierReceiptLayout({
        ...sampleDossierReceipt,
        lookupUrl: 'https://motcua.local/hs/000.00.14.H56-250715-0002',
      }),
    );
    const c = comparePixels(inkOfBitmap(bm), await inkOfPng(GOLDEN));
    expect(c.sameSize).toBe(true);
    expect(c.differing).toBeGreaterThan(MAX_DIFFERING_DOTS);
  });

  it('writes the actual image and a diff on a mismatch', async () => {
    const name = 'pixels-test-changed-entry';
    for (const f of ['diff', 'actual'])
      rmSync(path.join(RESULTS_DIR, `${name}-${f}.png`), { force: true });
    const bm = preview(dossierReceiptLayout({ ...sampleDossierReceipt, registerEntry: '0413' }));
    const message = await pixelMismatch(name, bm, GOLDEN, MAX_DIFFERING_DOTS);
    expect(message).toMatch(/^pixels-test-changed-entry: \d+ dots differ \(at most 4 allowed\)/);
    const diff = await inkOfPng(readFileSync(path.join(RESULTS_DIR, `${name}-diff.png`)));
    expect([diff.width, diff.height]).toEqual([bm.width, bm.height]);
    const written = await inkOfPng(readFileSync(path.join(RESULTS_DIR, `${name}-actual.png`)));
    expect(sameInk(written, inkOfBitmap(bm))).toBe(true);
  });

  it('counts a size change and the dots outside the smaller image', () => {
    const small = createBitmap(16, 4);
    const tall = createBitmap(16, 8);
    tall.bits.set([0xff, 0xff], 12); // row 6 all ink
    const c = comparePixels(inkOfBitmap(small), inkOfBitmap(tall));
    expect(c.sameSize).toBe(false);
    expect(c.differing).toBe(16);
  });
});
