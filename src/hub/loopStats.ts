import fs from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/** Environment variable naming the file the benchmark reads the figures from. */
export const EVENT_LOOP_STATS_ENV = 'MOTCUA_EVENT_LOOP_STATS';

export interface EventLoopStats {
  /** Event-loop delay of the serving thread since the last reset, ms. */
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** Resident memory of the process now, MB. */
  rssMb: number;
  /** Where it is (process.memoryUsage, MB): V8 heap used/reserved, external, array buffers. */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  at: string;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
function memory() {
  const m = process.memoryUsage();
  return {
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
  };
}

/**
 * For `npm run bench` only (docs/performance.md, "No freeze"): measure the serving thread's
 * event-loop delay with perf_hooks.monitorEventLoopDelay; on SIGUSR2 write the figures since
 * the previous signal to `file` (JSON) and start again. Off unless the variable is set.
 */
export function watchEventLoop(file: string): () => void {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
  const dump = () => {
    const stats: EventLoopStats = {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean),
      ...memory(),
      at: new Date().toISOString(),
    };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(stats));
    fs.renameSync(`${file}.tmp`, file);
    histogram.reset();
  };
  process.on('SIGUSR2', dump);
  // Where a stall comes from: each gap of the serving thread over 100 ms and each garbage
  // collection over 50 ms, with its time, on stderr (the benchmark prints them).
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > 110)
      console.error(
        `[loop] stall ${Math.round(now - last - 10)} ms at ${new Date().toISOString()}`,
      );
    last = now;
  }, 10);
  ticker.unref();
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.duration > 50)
        console.error(`[loop] gc ${Math.round(entry.duration)} ms at ${new Date().toISOString()}`);
  });
  gc.observe({ entryTypes: ['gc'] });
  return () => {
    process.off('SIGUSR2', dump);
    histogram.disable();
    clearInterval(ticker);
    gc.disconnect();
  };
}
