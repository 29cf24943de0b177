/**
 * A small pool of image workers (src/core/files/imageWorker.ts): uploads are checked and
 * normalised off the event loop, at most `size` at a time, the rest wait in order. A worker
 * that dies fails only its own task and is replaced on the next one. Workers start on first
 * use and end with `close()`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImageColourMode } from '../../shared/contract/files';
import type { RefusalReason } from './fileChecks';
import type { NormalisedFile } from './normalise';

export interface WorkerTask {
  id: number;
  parts: Uint8Array[];
  colour: ImageColourMode;
}

export type WorkerReply =
  | { id: number; ok: true; file: NormalisedFile }
  | { id: number; ok: false; refused: RefusalReason }
  | { id: number; ok: false; error: string };

export type PoolResult = { ok: true; file: NormalisedFile } | { ok: false; refused: RefusalReason };

export interface ImagePool {
  run(parts: Uint8Array[], colour: ImageColourMode): Promise<PoolResult>;
  close(): Promise<void>;
}

/**
 * The worker's script: the built `out/main/imageWorker.js` (this code runs from out/main or
 * from a shared chunk in out/main/chunks), else the TypeScript source run through tsx
 * (tests, `tsx` scripts).
 */
export function imageWorkerScript(here = __dirname): { file: string; execArgv: string[] } {
  for (const dir of [here, path.dirname(here)]) {
    const built = path.join(dir, 'imageWorker.js');
    if (fs.existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: path.join(here, 'imageWorker.ts'), execArgv: ['--require', 'tsx/cjs'] };
}

/** One worker per spare core, at most 2: the event loop keeps a core to itself. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

interface Slot {
  worker: Worker;
  busy: { id: number; resolve(r: PoolResult): void; reject(e: Error): void } | null;
}

export function createImagePool(size = defaultPoolSize()): ImagePool {
  const slots: Slot[] = [];
  const waiting: Array<{ task: WorkerTask; resolve(r: PoolResult): void; reject(e: Error): void }> =
    [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const script = imageWorkerScript();
    const worker = new Worker(script.file, { execArgv: script.execArgv });
    const slot: Slot = { worker, busy: null };
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.busy;
      if (!job || job.id !== reply.id) return;
      slot.busy = null;
      if (reply.ok) job.resolve({ ok: true, file: reply.file });
      else if ('refused' in reply) job.resolve({ ok: false, refused: reply.refused });
      else job.reject(new Error(`image worker: ${reply.error}`));
      pump();
    });
    const fail = (err: Error) => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      const job = slot.busy;
      slot.busy = null;
      job?.reject(err);
      if (!closed) pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`image worker exited (${code})`)));
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (waiting.length > 0 && !closed) {
      const slot = slots.find((s) => s.busy === null) ?? (slots.length < size ? spawn() : null);
      if (!slot) return;
      const next = waiting.shift() as (typeof waiting)[number];
      slot.busy = { id: next.task.id, resolve: next.resolve, reject: next.reject };
      slot.worker.postMessage(
        next.task,
        next.task.parts
          .map((p) => p.buffer as ArrayBuffer)
          .filter((b, i, all) => all.indexOf(b) === i),
      );
    }
  }

  return {
    run(parts, colour) {
      if (closed) return Promise.reject(new Error('image pool closed'));
      // Each part gets a buffer of its own, handed over to the worker without a copy.
      const own = parts.map((p) => new Uint8Array(p));
      return new Promise<PoolResult>((resolve, reject) => {
        waiting.push({ task: { id: nextId++, parts: own, colour }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w.reject(new Error('image pool closed'));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
