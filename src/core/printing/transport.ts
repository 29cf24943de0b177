/**
 * Getting bytes to a printer. Every outcome is a value — a refused connection, a printer
 * that disappears mid-job or never answers ends in `{ ok: false, code, message }`; nothing
 * throws and no promise rejects.
 *
 * URIs: `tcp://host:port` (raw port 9100 printers), a device path (`/dev/usb/lp0`,
 * `file:///dev/usb/lp0`, `\\.\COM3`), `printer:NAME` (system queue via `lp -d NAME -o raw`)
 * and `none:` (no printer: the desk shows the slip on screen, nothing is sent).
 *
 * node-thermal-printer's interfaces are not used here: its network interface reports success
 * as soon as the bytes are queued locally and destroys the socket, and its file interface
 * retries a failing write a thousand times before rejecting with a bare string.
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import type { PrintFailure } from './document';
import { printingMessages } from './messages';

export type TransportErrorCode =
  | 'ECONNREFUSED'
  | 'TIMEOUT'
  | 'DISCONNECTED'
  | 'HOST_NOT_FOUND'
  | 'NETWORK_UNREACHABLE'
  | 'NOT_FOUND'
  | 'PERMISSION_DENIED'
  | 'BUSY'
  | 'UNAVAILABLE'
  | 'SYSTEM_PRINTER_FAILED'
  | 'INVALID_URI'
  | 'IO_ERROR';

export type TransportFailure = PrintFailure<TransportErrorCode>;
export type SendResult = { ok: true; bytesSent: number } | TransportFailure;

export interface SendOptions {
  /** Whole-job deadline (connect + write + close). Default 10 s. */
  timeoutMs?: number;
  /**
   * After all bytes are handed over and our side is closed, how long to wait for the
   * printer to close its side (a reset in that window means the job was lost). Printers
   * that keep the connection open are treated as done after this. Default 1.5 s.
   */
  closeGraceMs?: number;
}

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  | { kind: 'system'; name: string }
  | { kind: 'none' };

/** Parse a printer URI; null when it is not one we understand. */
export function parsePrinterUri(uri: string): PrinterTarget | null {
  const u = uri.trim();
  if (u === 'none:' || u === 'none') return { kind: 'none' };
  const tcp = /^tcp:\/\/(\[[0-9a-f:.]+\]|[^/:\s]+)(?::(\d{1,5}))?\/?$/i.exec(u);
  if (tcp) {
    const port = tcp[2] ? Number(tcp[2]) : 9100;
    if (port < 1 || port > 65535) return null;
    const host = (tcp[1] ?? '').replace(/^\[|\]$/g, '');
    return { kind: 'tcp', host, port };
  }
  const sys = /^printer:([^\s/][^/]*)$/i.exec(u);
  if (sys && sys[1]) return { kind: 'system', name: sys[1] };
  if (/^file:\/\//i.test(u)) {
    try {
      return { kind: 'device', path: fileURLToPath(u) };
    } catch {
      return null;
    }
  }
  if (u.startsWith('/') || u.startsWith('\\\\') || /^COM\d+$/i.test(u) || /^LPT\d$/i.test(u)) {
    return { kind: 'device', path: u };
  }
  return null;
}

function fail(
  code: TransportErrorCode,
  detail?: string,
  details?: Record<string, unknown>,
): TransportFailure {
  const base: string = printingMessages.vi[code];
  return {
    ok: false,
    code,
    message: detail ? `${base} (${detail})` : base,
    ...(details ? { details } : {}),
  };
}

function errnoOf(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return '';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function classifyNetworkError(e: unknown, connected: boolean): TransportFailure {
  const errno = errnoOf(e);
  const detail = messageOf(e);
  switch (errno) {
    case 'ECONNREFUSED':
      return fail('ECONNREFUSED', detail, { errno });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail('HOST_NOT_FOUND', detail, { errno });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return fail('NETWORK_UNREACHABLE', detail, { errno });
    case 'ETIMEDOUT':
      return fail('TIMEOUT', detail, { errno });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return fail(connected ? 'DISCONNECTED' : 'ECONNREFUSED', detail, { errno });
    default:
      return fail(connected ? 'DISCONNECTED' : 'IO_ERROR', detail, { errno });
  }
}

function sendTcp(
  host: string,
  port: number,
  bytes: Uint8Array,
  timeoutMs: number,
  graceMs: number,
): Promise<SendResult> {
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let connected = false;
    let flushed = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const socket = net.connect({ host, port });
    const finish = (r: SendResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (graceTimer) clearTimeout(graceTimer);
      socket.destroy();
      resolve(r);
    };
    const deadline = setTimeout(
      () =>
        finish(
          fail('TIMEOUT', `${timeoutMs} ms`, {
            stage: !connected ? 'connect' : !flushed ? 'write' : 'close',
          }),
        ),
      timeoutMs,
    );
    // Listeners stay attached after settling so late socket errors are never unhandled.
    socket.on('error', (e) => finish(classifyNetworkError(e, connected)));
    socket.on('data', () => undefined); // status bytes the printer volunteers are ignored
    socket.on('end', () => {
      if (!flushed) finish(fail('DISCONNECTED', 'closed by printer before the job was sent'));
    });
    socket.on('close', (hadError) => {
      if (flushed && !hadError) finish({ ok: true, bytesSent: bytes.length });
      else finish(fail('DISCONNECTED'));
    });
    socket.on('connect', () => {
      connected = true;
      socket.write(bytes, (err) => {
        if (err) return finish(classifyNetworkError(err, true));
        flushed = true;
        socket.end();
        graceTimer = setTimeout(() => finish({ ok: true, bytesSent: bytes.length }), graceMs);
      });
    });
  });
}

function classifyFileError(e: unknown): TransportFailure {
  const errno = errnoOf(e);
  const detail = messageOf(e);
  switch (errno) {
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return fail('NOT_FOUND', detail, { errno });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return fail('PERMISSION_DENIED', detail, { errno });
    case 'EBUSY':
      return fail('BUSY', detail, { errno });
    default:
      return fail('IO_ERROR', detail, { errno });
  }
}

function withDeadline<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    const t = setTimeout(() => resolve(onTimeout()), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        // p never rejects (it maps errors to values); kept for safety.
        clearTimeout(t);
        resolve(onTimeout());
      },
    );
  });
}

async function writeDevice(path: string, bytes: Uint8Array): Promise<SendResult> {
  try {
    const fh = await open(path, 'w');
    try {
      let off = 0;
      while (off < bytes.length) {
        const { bytesWritten } = await fh.write(bytes, off, bytes.length - off);
        if (bytesWritten <= 0) return fail('IO_ERROR', 'short write');
        off += bytesWritten;
      }
    } finally {
      await fh.close().catch(() => undefined);
    }
    return { ok: true, bytesSent: bytes.length };
  } catch (e) {
    return classifyFileError(e);
  }
}

function sendSystem(name: string, bytes: Uint8Array, timeoutMs: number): Promise<SendResult> {
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let stderr = '';
    const child = spawn('lp', ['-d', name, '-o', 'raw'], { stdio: ['pipe', 'ignore', 'pipe'] });
    const finish = (r: SendResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      child.kill();
      finish(fail('TIMEOUT', `lp, ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) =>
      finish(
        errnoOf(e) === 'ENOENT'
          ? fail('UNAVAILABLE', messageOf(e))
          : fail('IO_ERROR', messageOf(e)),
      ),
    );
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.stdin?.on('error', () => undefined); // reported through 'close' / 'error'
    child.on('close', (code) => {
      if (code === 0) finish({ ok: true, bytesSent: bytes.length });
      else finish(fail('SYSTEM_PRINTER_FAILED', stderr.trim() || `lp exit ${String(code)}`));
    });
    child.stdin?.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

/** Send a finished job to a printer. Resolves with a value in every case. */
export async function sendToPrinter(
  uri: string,
  bytes: Uint8Array,
  options: SendOptions = {},
): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const graceMs = Math.min(options.closeGraceMs ?? 1_500, timeoutMs);
  const target = parsePrinterUri(uri);
  if (!target)
    return {
      ...fail('INVALID_URI', undefined, { uri }),
      message: printingMessages.vi.INVALID_URI.replace('{uri}', uri),
    };
  try {
    switch (target.kind) {
      case 'none':
        return { ok: true, bytesSent: 0 };
      case 'tcp':
        return await sendTcp(target.host, target.port, bytes, timeoutMs, graceMs);
      case 'device':
        return await withDeadline(writeDevice(target.path, bytes), timeoutMs, () =>
          fail('TIMEOUT', `${timeoutMs} ms`),
        );
      case 'system':
        return await sendSystem(target.name, bytes, timeoutMs);
    }
  } catch (e) {
    return fail('IO_ERROR', messageOf(e));
  }
}
