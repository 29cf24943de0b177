import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Clock } from '../clock';
import { DailyFileStream } from './dailyFile';

export type { Logger };

/** `<data-dir>/logs/`: the field logs (docs/security.md, "Field logs"). */
export const LOGS_DIR_NAME = 'logs';

/**
 * Fields that must never reach a log line, whatever a caller passes: citizens' personal data
 * (docs/domain.md, Personal data), passwords, tokens, keys, request bodies and query strings. The
 * log calls of this project never pass them; this is the second lock.
 */
export const REDACTED_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'authorization',
  'cookie',
  'setupCode',
  'passphrase',
  'siteKey',
  'deviceToken',
  'x-motcua-device',
  'fullName',
  'name',
  'applicant',
  'idNumber',
  'phone',
  'address',
  'email',
  'birthDate',
  'qr',
  'q',
  'query',
  'body',
];

const REDACT_PATHS = REDACTED_FIELDS.flatMap((f) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(f) ? f : `["${f}"]`;
  const child = key.startsWith('[') ? `*${key}` : `*.${key}`;
  return [key, child, `headers${key.startsWith('[') ? key : `.${key}`}`];
});

/**
 * A pino logger writing JSON lines to `destination`: `time` (ISO, from the core's clock),
 * `level` as a word, `pid`, `msg`, and `err` with its stack. No host name (a PC is often
 * named after the officer who uses it).
 */
export function createLogger(destination: DestinationStream, clock: Clock): Logger {
  return pino(
    {
      level: 'info',
      base: { pid: process.pid },
      timestamp: () => `,"time":"${clock.now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

/** The core's logger: daily files in `<dataDir>/logs/`. */
export function createFileLogger(
  dataDir: string,
  clock: Clock,
): { log: Logger; stream: DailyFileStream } {
  const stream = new DailyFileStream(path.join(dataDir, LOGS_DIR_NAME), clock);
  return { log: createLogger(stream, clock), stream };
}
