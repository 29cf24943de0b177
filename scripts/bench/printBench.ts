/**
 * Target (docs/printing.md): one 80 mm raster dossier receipt (layout → ESC/POS bytes, including
 * the rasterisation of the text with the bundled font) in < 50 ms after warm-up. In-process: the
 * hub prints through the same function. Used by scripts/bench-print.ts and `npm run bench`.
 */
import { renderEscPos } from '../../src/core/printing/escpos/render';
import { dossierReceiptLayout } from '../../src/core/printing/layouts';
import { sampleDossierReceipt } from '../../src/core/printing/samples';
import { summarize, timeSync, type Stats } from './stats';

export function benchReceiptRender(runs: number, warmup = 10): { stats: Stats; bytes: number } {
  const profile = { widthMm: 80, mode: 'raster', cut: true } as const;
  let bytes = 0;
  const times = timeSync(runs, warmup, (i) => {
    // Vary the data a little so width caches cannot hide the real work.
    const data = { ...sampleDossierReceipt, registerEntry: String(1000 + i) };
    const r = renderEscPos(dossierReceiptLayout(data), profile);
    if (!r.ok) throw new Error(`receipt rendering failed: ${JSON.stringify(r)}`);
    bytes = r.bytes.length;
  });
  return { stats: summarize(times), bytes };
}
