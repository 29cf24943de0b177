/**
 * The BUILT hub (`out/main/hub.js`) as a child process of a benchmark: build it when missing
 * or older than the sources, start it on a data folder, time its cold start to the first
 * answered request, read its memory, stop it. Used by scripts/bench-queue.ts too.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, hubCliArgs } from '../../tests/helpers/hubCli';
import { onCleanup } from './cleanup';

export const ROOT = path.resolve(__dirname, '../..');
export const HUB_JS = path.join(ROOT, 'out/main/hub.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Build with electron-vite when out/main/hub.js is missing, or (with `whenStale`) older than
 * a file under src/core, src/hub or src/shared — the database schema the hub migrates to
 * must be the one the seeder wrote.
 */
export function ensureBuiltHub(log: (line: string) => void, whenStale = false): void {
  const stale =
    whenStale &&
    fs.existsSync(HUB_JS) &&
    ['src/core', 'src/hub', 'src/shared'].some(
      (d) => newestMtime(path.join(ROOT, d)) > fs.statSync(HUB_JS).mtimeMs,
    );
  if (fs.existsSync(HUB_JS) && !stale) return;
  log(stale ? 'out/main/hub.js is older than src/: building…' : 'No build yet: building…');
  execFileSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  });
}

export interface RunningHub {
  child: ChildProcess;
  base: string;
  port: number;
  pid: number;
  /** Spawn → first HTTP answer (GET /api/v1/health = 200), ms. */
  coldStartMs: number;
  health: { version?: string; schemaVersion?: number };
  /** Resident memory now and its peak (VmHWM), MB; null where /proc or ps is unavailable. */
  memory(): { rssMb: number | null; peakRssMb: number | null };
  stop(): Promise<number | null>;
}

function readMemory(pid: number): { rssMb: number | null; peakRssMb: number | null } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => {
      const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) / 1024 : null;
    };
    return { rssMb: kb('VmRSS'), peakRssMb: kb('VmHWM') };
  } catch {
    try {
      const kb = Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }),
      );
      return { rssMb: Number.isFinite(kb) ? kb / 1024 : null, peakRssMb: null };
    } catch {
      return { rssMb: null, peakRssMb: null };
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Start the built hub on `dataDir` (extra CLI `args`, e.g. `--demo`) and wait, at most
 * `timeoutMs`, until GET /api/v1/health answers 200. The child is stopped by the cleanup
 * handlers if the benchmark ends early (error, SIGINT).
 */
export async function startHubProcess(
  dataDir: string,
  args: readonly string[] = [],
  timeoutMs = 300_000,
  /** Where to write the hub's pid while it runs (for cleanup.ts's reaper). */
  pidFile: string | null = null,
  /** Extra environment for the hub (e.g. MOTCUA_EVENT_LOOP_STATS). */
  env: Record<string, string> = {},
): Promise<RunningHub> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [
      // Node flags for the hub only, e.g. BENCH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p"
      ...(process.env.BENCH_HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ...hubCliArgs(HUB_JS, dataDir, port),
      ...args,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  if (pidFile && child.pid) fs.writeFileSync(pidFile, String(child.pid));
  let output = '';
  const keep = (c: Buffer) => {
    const text = c.toString('utf8');
    output = (output + text).slice(-4000);
    // The hub's stall and GC lines (MOTCUA_EVENT_LOOP_STATS, src/hub/loopStats.ts).
    for (const line of text.split('\n')) if (line.startsWith('[loop]')) console.log(`   ${line}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve(code);
    }),
  );
  const stop = async (): Promise<number | null> => {
    if (exited !== undefined) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exit;
    clearTimeout(timer);
    if (pidFile) fs.rmSync(pidFile, { force: true });
    return code;
  };
  const unregister = onCleanup(stop);

  let health: RunningHub['health'] | null = null;
  while (health === null) {
    if (exited !== undefined)
      throw new Error(`hub exited (${exited}) before answering:\n${output}`);
    if (Number(process.hrtime.bigint() - t0) / 1e6 > timeoutMs) {
      await stop();
      throw new Error(`hub did not answer within ${timeoutMs / 1000} s:\n${output}`);
    }
    try {
      const res = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) health = (await res.json()) as RunningHub['health'];
      else await res.body?.cancel();
    } catch {
      await sleep(10); // not listening yet
    }
  }
  const coldStartMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const pid = child.pid as number;
  return {
    child,
    base,
    port,
    pid,
    coldStartMs,
    health,
    memory: () => readMemory(pid),
    stop: async () => {
      const code = await stop();
      unregister();
      return code;
    },
  };
}
