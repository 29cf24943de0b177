/**
 * Render a layout (demo data) to PNG exactly as a raster thermal printer would print it.
 *   npm run print:preview -- <layout> [--width 58|80] [--out file.png]
 *   npm run print:preview -- receiptA5 [--out file.html]   (the A5 HTML form)
 */
import { writeFileSync } from 'node:fs';
import { LAYOUT_NAMES, type LayoutName } from '../src/core/printing/layouts';
import { previewPng } from '../src/core/printing/preview';
import { receiptA5Html } from '../src/core/printing/forms/receiptA5';
import { sampleDocument, sampleDossierReceipt } from '../src/core/printing/samples';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): number {
  const layout = process.argv
    .slice(2)
    .find(
      (a) => !a.startsWith('--') && !/^\d+$/.test(a) && !a.endsWith('.png') && !a.endsWith('.html'),
    );
  if (layout === 'receiptA5') {
    const out = arg('--out') ?? 'receiptA5.html';
    writeFileSync(out, receiptA5Html(sampleDossierReceipt));
    console.log(`wrote ${out}`);
    return 0;
  }
  if (!layout || !(LAYOUT_NAMES as readonly string[]).includes(layout)) {
    console.error(
      `usage: npm run print:preview -- <${LAYOUT_NAMES.join('|')}|receiptA5> [--width 58|80] [--out file.png]`,
    );
    return 2;
  }
  const width = arg('--width') === '58' ? 58 : 80;
  const out = arg('--out') ?? `${layout}-${width}mm.png`;
  const r = previewPng(sampleDocument(layout as LayoutName), width);
  if (!r.ok) {
    console.error(`${r.code}: ${r.message}`);
    return 1;
  }
  writeFileSync(out, r.png);
  console.log(`wrote ${out} (${width} mm)`);
  return 0;
}

process.exitCode = main();
