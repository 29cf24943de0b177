import type http from 'node:http';
import type { CallerInfo } from '../core/dispatch';
import type { Lang } from '../shared/i18n';

/** The bearer token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? (m[1] as string) : null;
}

/** The client address that rate limits and stream caps count against. */
export function clientKeyOf(req: http.IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** The one place where an HTTP request becomes the dispatcher's CallerInfo. */
export function callerInfo(req: http.IncomingMessage, lang: Lang): CallerInfo {
  return {
    token: bearerToken(req),
    deviceToken: req.headers['x-motcua-device']?.toString() ?? null, // docs/security.md "Devices"
    clientKey: clientKeyOf(req),
    via: 'http',
    lang,
  };
}

/**
 * The `Idempotency-Key` header, or null. An operation marked `idempotent` takes it as its
 * `idempotencyKey` input field (the IPC form of the same thing; docs/dossiers.md).
 */
export function idempotencyKeyOf(req: http.IncomingMessage): string | null {
  const value = req.headers['idempotency-key'];
  return typeof value === 'string' ? value : null;
}
