/**
 * Benchmark: time to render one 80 mm raster dossier receipt (layout → ESC/POS bytes,
 * including text rasterisation with the bundled font). Prints mean / p95 after warm-up.
 *   npm run bench:print [-- --runs 200]
 * (Also part of `npm run bench`; the measurement lives in scripts/bench/printBench.ts.)
 */
import { benchReceiptRender } from './bench/printBench';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) || 100 : 100;

try {
  const { stats, bytes } = benchReceiptRender(runs);
  console.log(
    `80 mm raster dossier receipt: mean ${stats.mean.toFixed(2)} ms, p95 ${stats.p95.toFixed(2)} ms, ` +
      `min ${stats.min.toFixed(2)} ms over ${runs} runs (${bytes} bytes)`,
  );
} catch (e) {
  console.error(e);
  process.exit(1);
}
