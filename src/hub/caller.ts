import type http from 'node:http';
import type { CallerInfo } from '../core/dispatch';
import type { Lang } from '../shared/i18n';
import { isLoopbackHost, normaliseHost } from './hostCheck';

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

/**
 * The origin of the page that made this request, when it is not a loopback address: what
 * printed QRs fall back to while no public address is set (docs/queue.md, "Public address").
 * The `Host` header (already checked against this hub's names) gives the host; a browser's
 * `Origin` header naming the same host gives the scheme (https behind a proxy), else http.
 */
export function pageOriginOf(req: http.IncomingMessage): string | null {
  const hostHeader = req.headers.host;
  const host = normaliseHost(hostHeader);
  if (!hostHeader || !host || isLoopbackHost(host)) return null;
  const origin = req.headers.origin;
  try {
    if (origin) {
      const o = new URL(origin);
      if ((o.protocol === 'http:' || o.protocol === 'https:') && normaliseHost(o.host) === host)
        return o.origin;
    }
    return new URL(`http://${hostHeader}`).origin;
  } catch {
    return null;
  }
}

/** The one place where an HTTP request becomes the dispatcher's CallerInfo. */
export function callerInfo(req: http.IncomingMessage, lang: Lang): CallerInfo {
  return {
    token: bearerToken(req),
    deviceToken: req.headers['x-motcua-device']?.toString() ?? null, // docs/security.md "Devices"
    clientKey: clientKeyOf(req),
    via: 'http',
    lang,
    origin: pageOriginOf(req),
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
