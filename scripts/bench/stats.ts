/** Latency statistics shared by every benchmark script (nearest-rank percentiles). */

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list (p in 0–100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function summarize(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : NaN,
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

/** Milliseconds since `t0` (a `process.hrtime.bigint()` reading). */
export const msSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * Time a synchronous function `runs` times after `warmup` untimed calls. `fn` gets the
 * iteration number (warm-up calls included) so each call can use different data.
 */
export function timeSync(runs: number, warmup: number, fn: (i: number) => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    if (i >= warmup) times.push(msSince(t0));
  }
  return times;
}

export const fmtMs = (x: number): string =>
  Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);

export const fmtInt = (x: number): string => Math.round(x).toLocaleString('en');
