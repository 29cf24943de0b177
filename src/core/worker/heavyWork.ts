import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/contract';
import { isMessageKey } from '../../shared/i18n';
import type { Db } from '../db/connection';
import { readOnlyConnections, runHeavyJob } from './heavyJobs';
import {
  heavyResultSchemas,
  workerResponseSchema,
  type HeavyJob,
  type HeavyOp,
  type HeavyResult,
  type WorkerResponse,
} from './workerContract';

/**
 * Heavy work off the serving thread. better-sqlite3 is synchronous and the hub serves every
 * counter, kiosk and window from one event loop, so a long read (a 5-year report, a year's
 * export, a backup's integrity_check, unzipping a catalogue workbook) would freeze them all.
 * These jobs run in ONE worker thread of the same process, with its own read-only
 * connection; jobs queue there one at a time, and writes never leave the serving thread
 * (docs/architecture.md, "Heavy work off the serving thread").
 */
export interface HeavyWork {
  /** Run a job; resolves with its checked result, rejects with the job's AppError. */
  run<O extends HeavyOp>(job: Extract<HeavyJob, { op: O }>): Promise<HeavyResult<O>>;
  /** The database file a job reads, or null to run in this thread (in-memory database). */
  dbPath(db: Db): string | null;
  /** Jobs run by the worker thread so far (tests, bench). */
  readonly offThread: number;
  close(): Promise<void>;
}

/** The worker's code: next to the bundle when built, else the TypeScript source via tsx. */
function startWorker(): Worker {
  // Built: out/main/heavyWorker.js, beside the entry bundles; this code sits there or in
  // out/main/chunks/.
  const built = [__dirname, path.dirname(__dirname)]
    .map((dir) => path.join(dir, 'heavyWorker.js'))
    .find((file) => fs.existsSync(file));
  if (built) return new Worker(built);
  // Tests and scripts run the sources: the thread registers tsx, then loads the source.
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const source = path.join(__dirname, 'heavyWorker.ts');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, {
    eval: true,
  });
}

function toError(e: Extract<WorkerResponse, { ok: false }>['error']): Error {
  if (e.code === null) return new Error(`heavy work failed: ${e.text}`);
  return new AppError(e.code, {
    ...(e.message ? { message: e.message } : {}),
    ...(e.messageKey && isMessageKey(e.messageKey) ? { messageKey: e.messageKey } : {}),
    ...(e.params ? { params: e.params } : {}),
    ...(e.details === undefined ? {} : { details: e.details }),
  });
}

/**
 * `inline: true` runs every job in the calling thread (no worker): the fallback when the
 * database has no file, and a switch for environments without worker threads.
 */
export function createHeavyWork(opts: { inline?: boolean; idleMs?: number } = {}): HeavyWork {
  // An idle worker is stopped: its V8 heap and SQLite cache are memory an old commune PC
  // needs more (docs/performance.md, "Memory"); the next job starts a new one (≈ 0.1 s).
  const idleMs = opts.idleMs ?? 30_000;
  let idleTimer: NodeJS.Timeout | null = null;
  let worker: Worker | null = null;
  let nextId = 1;
  let offThread = 0;
  const pending = new Map<
    number,
    { op: HeavyOp; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  const inlineConnections = readOnlyConnections();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  function armIdle(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = null;
      const w = worker;
      if (!w || pending.size > 0) return;
      worker = null;
      void w.terminate();
    }, idleMs);
    idleTimer.unref();
  }

  function start(): Worker {
    if (idleTimer) {
      clearTimeout(idleTimer);
      idleTimer = null;
    }
    if (worker) return worker;
    const w = startWorker();
    w.unref(); // never keeps the process alive by itself
    w.on('message', (raw: unknown) => {
      const msg = workerResponseSchema.safeParse(raw);
      if (!msg.success) return failAll(new Error(`heavy work: bad answer ${msg.error.message}`));
      const p = pending.get(msg.data.id);
      if (!p) return;
      pending.delete(msg.data.id);
      if (pending.size === 0) armIdle();
      if (!msg.data.ok) return p.reject(toError(msg.data.error));
      const result = heavyResultSchemas[p.op].safeParse(msg.data.result);
      if (result.success) p.resolve(result.data);
      else p.reject(new Error(`heavy work: bad ${p.op} result ${result.error.message}`));
    });
    w.on('error', (e) => {
      if (worker === w) failAll(e instanceof Error ? e : new Error(String(e)));
    });
    w.on('exit', (code) => {
      // A worker stopped when idle or at close has no job left; only the current one's
      // unexpected end fails its jobs (the next job starts a fresh worker).
      if (worker !== w) return;
      worker = null;
      failAll(new Error(`heavy work: the worker stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  }

  return {
    run<O extends HeavyOp>(job: Extract<HeavyJob, { op: O }>): Promise<HeavyResult<O>> {
      if (opts.inline) return runHeavyJob<O>(job, inlineConnections.get);
      const w = start();
      const id = nextId++;
      return new Promise<HeavyResult<O>>((resolve, reject) => {
        pending.set(id, { op: job.op, resolve: resolve as (v: unknown) => void, reject });
        offThread++;
        // Typed arrays are copied (structured clone): the caller keeps its buffer.
        w.postMessage({ id, job });
      });
    },
    dbPath(db: Db): string | null {
      return db.memory || !db.name ? null : path.resolve(db.name);
    },
    get offThread() {
      return offThread;
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      inlineConnections.closeAll();
      const w = worker;
      worker = null;
      failAll(new Error('heavy work: closed'));
      if (w) await w.terminate();
    },
  };
}
