/**
 * The heavy-work thread (a worker_threads Worker in the hub's / Electron main process). It
 * receives one job at a time from heavyWork.ts, checks it against the contract
 * (workerContract.ts), runs it with its own read-only connections and answers. It never
 * writes the database (docs/architecture.md, "Heavy work off the serving thread").
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../shared/contract';
import { readOnlyConnections, runHeavyJob } from './heavyJobs';
import { workerRequestSchema, type WorkerResponse } from './workerContract';

const port = parentPort;
if (!port) throw new Error('heavyWorker.ts runs only as a worker thread');
const connections = readOnlyConnections();

port.on('message', (raw: unknown) => {
  const parsed = workerRequestSchema.safeParse(raw);
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number'
      ? (raw as { id: number }).id
      : -1;
  if (!parsed.success) {
    answer({
      id,
      ok: false,
      error: { code: null, message: null, text: `bad job: ${parsed.error.message}` },
    });
    return;
  }
  void runHeavyJob(parsed.data.job, connections.get).then(
    (result) => answer({ id, ok: true, result }, transferable(result)),
    (e: unknown) =>
      answer({
        id,
        ok: false,
        error: isAppError(e)
          ? {
              code: e.code,
              message: e.options.message ?? null,
              ...(e.options.messageKey ? { messageKey: e.options.messageKey } : {}),
              ...(e.options.params ? { params: e.options.params } : {}),
              ...(e.options.details === undefined ? {} : { details: e.options.details }),
              text: e.message,
            }
          : { code: null, message: null, text: e instanceof Error ? e.message : String(e) },
      }),
  );
});

function answer(response: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(response, transfer);
}

/**
 * A file result's bytes (a year's export: ~12 MB) are moved to the serving thread, not copied:
 * the worker has no further use for them, and a copy is one more large allocation there.
 */
function transferable(result: unknown): ArrayBuffer[] {
  const body = (result as { body?: unknown } | null)?.body;
  if (!(body instanceof Uint8Array)) return [];
  const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
  return whole && body.buffer instanceof ArrayBuffer ? [body.buffer] : [];
}

port.on('close', () => connections.closeAll());
