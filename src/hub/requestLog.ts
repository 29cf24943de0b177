/**
 * One log line per HTTP request (docs/security.md, "Field logs"): request id (also sent back
 * as the `X-Request-Id` header), method, route, status, duration in ms and the client
 * address. The route is the contract's template (`/api/v1/dossiers/{code}`) or the path
 * without its query string — never a query, a body, a header value or a token, so no
 * personal data can reach the file (searches and lookups carry theirs in the query).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Logger } from '../core/log/logger';
import { API_PREFIX, operationList, type Operation } from '../shared/contract';
import { FORM_PAGE_PREFIX } from './formPages';

interface Template {
  pattern: RegExp;
  route: string;
  method: string;
}

let templates: Template[] | null = null;

function apiTemplates(operations: readonly Operation[]): Template[] {
  return operations.map((op) => ({
    pattern: new RegExp(
      `^${API_PREFIX}${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '[^/]+')}$`,
    ),
    route: `${API_PREFIX}${op.path}`,
    method: op.method,
  }));
}

/** Longest route kept for a path that matches no template (anything a client may send). */
const MAX_ROUTE = 120;

/**
 * What the log says about where a request went. Never throws, whatever the raw target
 * (`//[x`, `%zz`, 64 KB of `/`): it is only cut, never parsed.
 */
export function routeOf(method: string, rawUrl: string): string {
  const cut = rawUrl.search(/[?#]/);
  const pathname = cut === -1 ? rawUrl : rawUrl.slice(0, cut);
  if (pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`)) {
    templates ??= apiTemplates(operationList);
    const matching = templates.filter((t) => t.pattern.test(pathname));
    const best = matching.find((t) => t.method === method) ?? matching[0];
    if (best) return best.route;
  }
  // A form page's path is its access token.
  if (pathname.startsWith(FORM_PAGE_PREFIX)) return `${FORM_PAGE_PREFIX}{token}`;
  if (pathname.startsWith('/ticket/')) return '/ticket/{id}';
  return pathname.length > MAX_ROUTE ? `${pathname.slice(0, MAX_ROUTE)}…` : pathname;
}

export interface RequestLog {
  readonly id: string;
  /** A failure while answering: logged with its stack and this request's id. */
  error(err: unknown): void;
}

/**
 * Call first thing in the request callback: gives the request its id (header
 * `X-Request-Id`) and writes its line when the response is closed (finished, or the
 * connection dropped: `aborted: true`).
 */
export function startRequestLog(
  log: Logger,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): RequestLog {
  const started = process.hrtime.bigint();
  const id = randomUUID();
  const method = req.method ?? 'GET';
  const route = routeOf(method, req.url ?? '/');
  res.setHeader('X-Request-Id', id);
  res.once('close', () => {
    const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
    const line = {
      reqId: id,
      method,
      route,
      status: res.statusCode,
      ms,
      ip: req.socket.remoteAddress ?? null,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    if (res.statusCode >= 500) log.error(line, 'request');
    else log.info(line, 'request');
  });
  return {
    id,
    error: (err) => log.error({ reqId: id, method, route, err }, 'request failed'),
  };
}
