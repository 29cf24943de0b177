/**
 * Real-time printer status over TCP: `DLE EOT n` for n = 1 (printer), 2 (offline cause),
 * 3 (error cause), 4 (paper sensor). Each reply is one byte with bit 1 and bit 4 set and
 * bits 0 and 7 clear; anything else is a bad reply, silence is a timeout.
 */
import net from 'node:net';
import { statusRequest } from './escpos/commands';
import type { PrintFailure } from './document';
import { printingMessages } from './messages';
import { classifyNetworkError, parsePrinterUri, type TransportErrorCode } from './transport';

export interface PrinterStatus {
  /** False when the printer reports itself offline (cover open, paper out, error…). */
  online: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Cutter or other (recoverable / unrecoverable) error. */
  error: boolean;
  raw: { printer: number; offline: number; error: number; paper: number };
}

export type StatusErrorCode = TransportErrorCode | 'BAD_REPLY' | 'NOT_SUPPORTED';
export type StatusResult = { ok: true; status: PrinterStatus } | PrintFailure<StatusErrorCode>;

const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

/** Interpret the four DLE EOT replies (n = 1, 2, 3, 4 in that order). */
export function parseStatusBytes(reply: ArrayLike<number>): PrinterStatus | null {
  if (reply.length < 4) return null;
  const [printer, offline, error, paper] = [
    reply[0] ?? 0,
    reply[1] ?? 0,
    reply[2] ?? 0,
    reply[3] ?? 0,
  ];
  if (![printer, offline, error, paper].every(isStatusByte)) return null;
  const paperOut = (paper & 0x60) !== 0 || (offline & 0x20) !== 0;
  return {
    online: (printer & 0x08) === 0,
    paperOut,
    paperNearEnd: (paper & 0x0c) !== 0,
    coverOpen: (offline & 0x04) !== 0,
    error: (offline & 0x40) !== 0 || (error & 0x68) !== 0,
    raw: { printer, offline, error, paper },
  };
}

function failure(code: StatusErrorCode, detail?: string): PrintFailure<StatusErrorCode> {
  const base: string = printingMessages.vi[code];
  return { ok: false, code, message: detail ? `${base} (${detail})` : base };
}

/** Ask a network printer for its status. Resolves with a value in every case. */
export function queryStatus(
  uri: string,
  options: { timeoutMs?: number } = {},
): Promise<StatusResult> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const target = parsePrinterUri(uri);
  if (!target) return Promise.resolve(failure('INVALID_URI', uri));
  if (target.kind !== 'tcp') return Promise.resolve(failure('NOT_SUPPORTED', uri));
  return new Promise<StatusResult>((resolve) => {
    let settled = false;
    let connected = false;
    const received: number[] = [];
    const socket = net.connect({ host: target.host, port: target.port });
    const finish = (r: StatusResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish(failure('TIMEOUT', `${timeoutMs} ms, ${received.length}/4 bytes`)),
      timeoutMs,
    );
    socket.on('error', (e) => {
      const f = classifyNetworkError(e, connected);
      finish({ ok: false, code: f.code, message: f.message });
    });
    socket.on('close', () => finish(failure('DISCONNECTED', `${received.length}/4 bytes`)));
    socket.on('data', (chunk: Buffer) => {
      received.push(...chunk);
      if (received.length >= 4) {
        const status = parseStatusBytes(received);
        finish(
          status
            ? { ok: true, status }
            : failure('BAD_REPLY', Buffer.from(received).toString('hex')),
        );
      }
    });
    socket.on('connect', () => {
      connected = true;
      socket.write(
        Buffer.concat([statusRequest(1), statusRequest(2), statusRequest(3), statusRequest(4)]),
      );
    });
  });
}
