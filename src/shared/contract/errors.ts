import { z } from 'zod';
import type { MessageKey, MessageParams } from '../i18n';

/**
 * Every failure is a value `{ error: { code, message, details? } }` (architecture §1).
 * Each code has one HTTP status and one message key; the message is localised at the edge.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  BAD_JSON: 400,
  /** Not a valid HTTP request at all (broken request line, headers or framing). */
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  DEVICE_REQUIRED: 401,
  FORBIDDEN: 403,
  SETUP_CODE_INVALID: 403,
  PAIRING_CODE_INVALID: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  /** The client took too long to send its request (headers or body). */
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  TRANSITION_FORBIDDEN: 409,
  USERNAME_TAKEN: 409,
  SETUP_DONE: 409,
  LAST_ADMIN: 409,
  /** The same Idempotency-Key came with another request body (docs/dossiers.md). */
  IDEMPOTENCY_MISMATCH: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** An uploaded file is not a clean PDF, JPEG or PNG (docs/digitisation.md, "Checks"). */
  UNSUPPORTED_FILE: 415,
  /** The Host header names a server that is not this hub (DNS rebinding), RFC 9110 §15.5.20. */
  MISDIRECTED_REQUEST: 421,
  UNPROCESSABLE: 422,
  WEAK_PASSWORD: 422,
  /** A reception without every required document of the procedure (NĐ 118/2025 Art. 17). */
  INCOMPLETE_DOSSIER: 422,
  /** A reused file (fileId) is not a digitised document of the same citizen's dossiers. */
  FILE_NOT_REUSABLE: 422,
  /** A one-time upload link that is unknown, expired, already used or for another dossier. */
  UPLOAD_LINK_INVALID: 401,
  ACCOUNT_LOCKED: 429,
  RATE_LIMITED: 429,
  LOOKUP_LOCKED: 429,
  /** Too many open event streams from one client address. */
  TOO_MANY_STREAMS: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  AUTH_BUSY: 503,
  /** The hub's total of event streams is reached: try again later. */
  SERVER_BUSY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>['error'];

/**
 * Thrown inside the core, caught by the dispatcher and turned into an error value.
 * `messageKey` overrides the code's default message (e.g. a rule-specific explanation);
 * `message` (already localised text, e.g. from a domain module) overrides both.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      messageKey?: MessageKey;
      params?: MessageParams;
      message?: { vi: string; en: string };
      details?: unknown;
    } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
