import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

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
  at: string;
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
      rssMb: Math.round((process.memoryUsage.rss() / 1024 / 1024) * 10) / 10,
      at: new Date().toISOString(),
    };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(stats));
    fs.renameSync(`${file}.tmp`, file);
    histogram.reset();
  };
  process.on('SIGUSR2', dump);
  return () => {
    process.off('SIGUSR2', dump);
    histogram.disable();
  };
}
