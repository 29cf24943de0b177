/**
 * A fake raw-TCP (port 9100 style) printer on 127.0.0.1 for tests and development.
 * Each connection that carries print data is one captured job. It answers `DLE EOT n`
 * status requests like an Epson printer and can misbehave on demand: refuse connections,
 * drop a job after N bytes, stall (accept but never read), report paper out / cover open.
 */
import net from 'node:net';

export interface FakePrinterBehaviour {
  /** Not listening: connections are refused (ECONNREFUSED). */
  refuse: boolean;
  /** Reset the connection after receiving this many bytes of a job. */
  dropAfterBytes: number | null;
  /** Accept connections but never read nor answer (the sender times out). */
  stall: boolean;
  /** Ignore status requests (status queries time out). */
  silent: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  offline: boolean;
}

export interface FakePrinter {
  uri: string;
  port: number;
  /** Bytes of every finished job (a connection that sent more than status requests). */
  jobs(): Buffer[];
  /** Resolves when at least `n` jobs are captured (or after timeoutMs with what there is). */
  waitForJobs(n: number, timeoutMs?: number): Promise<Buffer[]>;
  setBehaviour(b: Partial<FakePrinterBehaviour>): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_BEHAVIOUR: FakePrinterBehaviour = {
  refuse: false,
  dropAfterBytes: null,
  stall: false,
  silent: false,
  paperOut: false,
  paperNearEnd: false,
  coverOpen: false,
  offline: false,
};

/** The reply byte an Epson printer gives to DLE EOT n in the given state. */
export function statusReply(n: number, b: FakePrinterBehaviour): number {
  const base = 0x12;
  switch (n) {
    case 1:
      return base | (b.offline || b.paperOut || b.coverOpen ? 0x08 : 0);
    case 2:
      return base | (b.coverOpen ? 0x04 : 0) | (b.paperOut ? 0x20 : 0);
    case 3:
      return base;
    case 4:
      return base | (b.paperNearEnd ? 0x0c : 0) | (b.paperOut ? 0x60 : 0);
    default:
      return base;
  }
}

function onlyStatusRequests(buf: Buffer): boolean {
  if (buf.length === 0 || buf.length % 3 !== 0) return false;
  for (let i = 0; i < buf.length; i += 3) {
    if (buf[i] !== 0x10 || buf[i + 1] !== 0x04) return false;
  }
  return true;
}

export async function startFakePrinter(
  options: { behaviour?: Partial<FakePrinterBehaviour>; port?: number } = {},
): Promise<FakePrinter> {
  let behaviour: FakePrinterBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const captured: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const waiters: Array<() => void> = [];

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    let received = 0;
    let dropped = false;
    let pendingStatus: number[] = []; // partial DLE EOT across chunks
    socket.on('error', () => undefined);
    if (behaviour.stall) {
      socket.pause();
      socket.on('close', () => sockets.delete(socket));
      return;
    }
    socket.on('data', (chunk: Buffer) => {
      if (dropped) return;
      let data = chunk;
      const limit = behaviour.dropAfterBytes;
      if (limit !== null && received + data.length > limit) {
        data = data.subarray(0, Math.max(0, limit - received));
        dropped = true;
      }
      received += data.length;
      chunks.push(Buffer.from(data));
      if (!behaviour.silent) {
        // Answer real-time status requests wherever they appear in the stream.
        const scan = [...pendingStatus, ...data];
        pendingStatus = [];
        const replies: number[] = [];
        for (let i = 0; i < scan.length; i++) {
          if (scan[i] !== 0x10) continue;
          if (i + 1 >= scan.length) pendingStatus = scan.slice(i);
          else if (scan[i + 1] === 0x04) {
            if (i + 2 >= scan.length) pendingStatus = scan.slice(i);
            else {
              const n = scan[i + 2] ?? 0;
              if (n >= 1 && n <= 4) replies.push(statusReply(n, behaviour));
            }
          }
        }
        if (replies.length > 0 && !socket.destroyed) socket.write(Buffer.from(replies));
      }
      if (dropped) {
        record(Buffer.concat(chunks));
        socket.resetAndDestroy();
      }
    });
    socket.on('end', () => {
      if (!dropped) record(Buffer.concat(chunks));
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
  });

  const record = (job: Buffer): void => {
    if (job.length === 0 || onlyStatusRequests(job)) return;
    captured.push(job);
    for (const w of waiters.splice(0)) w();
  };

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  const port = await listen(options.port ?? 0);
  if (behaviour.refuse) await stopListening();

  return {
    uri: `tcp://127.0.0.1:${port}`,
    port,
    jobs: () => [...captured],
    waitForJobs(n: number, timeoutMs = 5_000): Promise<Buffer[]> {
      return new Promise((resolve) => {
        const deadline = setTimeout(() => resolve([...captured]), timeoutMs);
        const check = (): void => {
          if (captured.length >= n) {
            clearTimeout(deadline);
            resolve([...captured]);
          } else waiters.push(check);
        };
        check();
      });
    },
    async setBehaviour(b: Partial<FakePrinterBehaviour>): Promise<void> {
      behaviour = { ...behaviour, ...b };
      if (behaviour.refuse) {
        for (const s of sockets) s.destroy();
        await stopListening();
      } else if (!server.listening) {
        await listen(port);
      }
    },
    async close(): Promise<void> {
      for (const s of sockets) s.destroy();
      await stopListening();
    },
  };
}
