/**
 * The image worker (a worker_threads thread): checks and normalises one upload at a time
 * (src/core/files/normalise.ts) so that decoding, grayscale, JPEG encoding, PDF assembly and
 * hashing never block the hub's event loop (docs/performance.md, "Digitisation").
 * Built as out/main/imageWorker.js beside the hub; from source it runs through tsx.
 */
import { parentPort } from 'node:worker_threads';
import { FileRefused } from './fileChecks';
import { normaliseUpload } from './normalise';
import type { WorkerReply, WorkerTask } from './imagePool';

if (!parentPort) throw new Error('imageWorker.ts runs only as a worker thread');
const port = parentPort;

port.on('message', (task: WorkerTask) => {
  normaliseUpload(task.parts, task.colour).then(
    (file) => {
      const reply: WorkerReply = { id: task.id, ok: true, file };
      // Hand the bytes over instead of copying them, when they own their whole buffer.
      const own =
        file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength;
      port.postMessage(reply, own ? [file.bytes.buffer as ArrayBuffer] : []);
    },
    (e: unknown) => {
      const reply: WorkerReply =
        e instanceof FileRefused
          ? { id: task.id, ok: false, refused: e.reason }
          : { id: task.id, ok: false, error: e instanceof Error ? e.message : String(e) };
      port.postMessage(reply);
    },
  );
});
