/**
 * Benchmark: time to render one 80 mm raster dossier receipt (layout → ESC/POS bytes,
 * including text rasterisation with the bundled font). Prints mean / p95 after warm-up.
 *   npm run bench:print [-- --runs 200]
 */
import { renderEscPos } from '../src/core/printing/escpos/render';
import { dossierReceiptLayout } from '../src/core/printing/layouts';
import { sampleDossierReceipt } from '../src/core/printing/samples';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) || 100 : 100;
const warmup = 10;
const profile = { widthMm: 80, mode: 'raster', cut: true } as const;

let bytes = 0;
const times: number[] = [];
for (let i = 0; i < warmup + runs; i++) {
  // Vary the data a little so width caches cannot hide the real work.
  const data = { ...sampleDossierReceipt, registerEntry: String(1000 + i) };
  const t0 = performance.now();
  const r = renderEscPos(dossierReceiptLayout(data), profile);
  const dt = performance.now() - t0;
  if (!r.ok) {
    console.error(r);
    process.exit(1);
  }
  bytes = r.bytes.length;
  if (i >= warmup) times.push(dt);
}
times.sort((a, b) => a - b);
const mean = times.reduce((s, t) => s + t, 0) / times.length;
const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? NaN;
console.log(
  `80 mm raster dossier receipt: mean ${mean.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, ` +
    `min ${(times[0] ?? NaN).toFixed(2)} ms over ${runs} runs (${bytes} bytes)`,
);
