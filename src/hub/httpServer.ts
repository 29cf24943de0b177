import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import type { Core } from '../core/app';
import { errorResult, type DispatchResult } from '../core/dispatch';
import {
  API_PREFIX,
  EVENTS_PATH,
  operationList,
  pathParams,
  type Operation,
  type WireFile,
} from '../shared/contract';
import { FILE_UPLOAD_PATH_RE } from '../shared/contract/files';
import { DEFAULT_LANG, langFromAcceptLanguage, type Lang } from '../shared/i18n';
import { callerInfo, idempotencyKeyOf } from './caller';
import { FORM_PAGE_PREFIX, serveFormPage } from './formPages';
import { startRequestLog } from './requestLog';
import { createHostCheck } from './hostCheck';
import { createEventStreams, type StreamLimits } from './sse';
import { handleUpload } from './uploadRoute';
import { serveVoice } from './voice';

export const MAX_BODY_BYTES = 1024 * 1024; // 1 MB

interface Route {
  op: Operation;
  pattern: RegExp;
  params: string[];
}

/** HTTP routes derived from the contract: '/dossiers/{code}' → /^\/api\/v1\/dossiers\/([^/]+)$/ */
export function buildRoutes(operations: readonly Operation[]): Route[] {
  return operations.map((op) => {
    const escaped = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    const source = escaped.replace(/\{(\w+)\}/g, '([^/]+)');
    return { op, pattern: new RegExp(`^${API_PREFIX}${source}$`), params: pathParams(op.path) };
  });
}

export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; object-src 'none'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

export function sendJson(res: http.ServerResponse, result: DispatchResult): void {
  if (result.ok && result.status === 204) {
    res.writeHead(204, SECURITY_HEADERS);
    res.end();
    return;
  }
  const body = JSON.stringify(result.ok ? result.data : { error: result.error });
  res.writeHead(result.status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * A `file: true` operation's result: the bytes themselves, named for the browser's download;
 * a `sandboxed` one (a stored upload) inline under `Content-Security-Policy: sandbox`.
 */
function sendFile(res: http.ServerResponse, file: WireFile, sandboxed = false): void {
  const body = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  const ascii = file.fileName
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[^\x20-\x7e]|["\\]/g, '');
  const html = file.contentType.startsWith('text/html');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Disposition': `${html || sandboxed ? 'inline' : 'attachment'}; filename="${ascii || 'file'}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'Cache-Control': 'no-store',
    // A printable page (e.g. a register) may style itself, never run anything; an upload is
    // shown in a sandbox (no scripts, no same-origin access).
    'Content-Security-Policy': sandboxed
      ? 'sandbox'
      : "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
    'Content-Length': body.length,
  });
  res.end(body);
}

/**
 * A file's stat, or undefined when there is no such file for any reason: missing, a path
 * through a file (`/index.html/x`: ENOTDIR), a name too long (ENAMETOOLONG), no permission.
 */
function statOrNothing(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

export class BodyError extends Error {
  constructor(readonly code: 'PAYLOAD_TOO_LARGE' | 'BAD_JSON') {
    super(code);
  }
}

/** Read a JSON body of at most `limit` bytes; an empty body is `{}`. */
export function readJsonBody(req: http.IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new BodyError('PAYLOAD_TOO_LARGE'));
      req.resume(); // drain without buffering
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyError('PAYLOAD_TOO_LARGE'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new BodyError('BAD_JSON'));
      }
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

/** Whether the request carries a body at all (a length above 0, or a chunked one). */
function hasBody(req: http.IncomingMessage): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? '0') > 0
  );
}

/**
 * The media types a write may declare — the one place to allow more. Only
 * `application/json` (parameters such as `charset` allowed): a cross-site page can send
 * `text/plain`, `application/x-www-form-urlencoded` and `multipart/form-data` without the
 * browser asking first (CORS "simple" requests), never JSON. The file upload route
 * (src/hub/uploadRoute.ts) is the one exception: multipart, answered before this check, and
 * authenticated only by the Authorization header a cross-site form cannot send
 * (docs/security.md, "File uploads").
 */
export function writeMediaTypeAllowed(contentType: string | undefined): boolean {
  return /^application\/json[ \t]*(;|$)/i.test(contentType ?? '');
}

/**
 * Every POST/PUT/PATCH declares `Content-Type: application/json`, even with an empty body;
 * a DELETE only when it has a body.
 */
export function mediaTypeRefused(req: http.IncomingMessage, method: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  if (method === 'DELETE' && !hasBody(req)) return false;
  return !writeMediaTypeAllowed(req.headers['content-type']);
}

/**
 * The path and query of an origin-form request target (`/path?query`, RFC 9112 §3.2.1), or
 * null for anything else (`*`, an absolute URL, a target the URL parser refuses). The target
 * is appended to a fixed origin, so `//[x` or `//other.host/p` stay paths of this server.
 */
export function parseTarget(raw: string | undefined): URL | null {
  if (!raw?.startsWith('/')) return null;
  try {
    return new URL(`http://hub.local${raw}`);
  } catch {
    return null;
  }
}

/**
 * Node's own limits on slow or oversized requests (docs/security.md): the headers must
 * arrive within `headersTimeout`, the whole request (headers and body) within
 * `requestTimeout` — an event stream is not affected, its request is complete once its
 * headers are in; an idle keep-alive connection closes after `keepAliveTimeout`; the
 * timeouts are checked every `connectionsCheckingInterval`. At most `maxHeadersCount`
 * headers are read (the rest are ignored); the whole head is limited to Node's 16 KB.
 */
export interface ServerLimits {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
  maxHeadersCount: number;
}
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeout: 30_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 5_000,
  maxHeadersCount: 100,
};

export interface HttpServerOptions {
  /** The built renderer (index.html + assets). Without it only the API is served. */
  staticDir?: string | null;
  maxBodyBytes?: number;
  /** Names besides the hub's own that the `Host` header may carry (`--allowed-hosts`). */
  allowedHosts?: readonly string[];
  /** The listen address, when it is a name or a specific address: allowed as a Host too. */
  listenHost?: string;
  streamLimits?: StreamLimits;
  limits?: Partial<ServerLimits>;
}

/** The raw answer to a request Node could not parse (there is no ServerResponse then). */
function rawErrorResponse(code: 'BAD_REQUEST' | 'REQUEST_TIMEOUT' | 'HEADERS_TOO_LARGE'): string {
  const result = errorResult(code, DEFAULT_LANG);
  const body = JSON.stringify(result.ok ? {} : { error: result.error });
  return (
    `HTTP/1.1 ${result.status} ${http.STATUS_CODES[result.status] ?? ''}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/**
 * A request Node's parser refused (broken request line or header, header overflow, bad
 * chunked framing, too slow): answer a JSON 400/408/431 unless an answer has already begun
 * on this connection (keep-alive, pipelining: new bytes would corrupt it), then close; never
 * let the error escape as an exception.
 */
export function handleClientError(
  err: Error & { code?: string },
  socket: Duplex,
  answerStarted: boolean,
): void {
  if (err.code === 'ECONNRESET' || !socket.writable || answerStarted) {
    socket.destroy();
    return;
  }
  const code =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'BAD_REQUEST';
  socket.end(rawErrorResponse(code));
  // A client that never closes its side does not keep the socket.
  setTimeout(() => socket.destroy(), 5_000).unref();
}

/**
 * Send one file of the built screens (a path and its size, already checked to lie inside the
 * static folder): the security headers, the CSP on HTML, no-cache for HTML and a year for the
 * hashed assets; HEAD gets the headers only. A read error (file removed, no permission) ends
 * this answer, not the process. Used by the hub and the province service.
 */
export function sendStaticFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  size: number,
): void {
  const ext = path.extname(file);
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
  };
  if (ext === '.html') headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  pipeline(fs.createReadStream(file), res, () => undefined);
}

/** Reports the failure of one request (the hub's request log line). */
export interface RequestFailureReporter {
  error(e: unknown): void;
}

export interface BoundedServerOptions {
  limits: ServerLimits;
  /** The `Host` check (docs/security.md): anything else answers MISDIRECTED_REQUEST. */
  hostAllowed: (host: string | undefined) => boolean;
  /** First thing of each request, inside the boundary (the hub's one line per request). */
  begin?: (req: http.IncomingMessage, res: http.ServerResponse) => RequestFailureReporter;
  /** A failure of a request that `begin` gave no reporter for. */
  onError: (e: unknown) => void;
  /** The answer, once the host and the target are accepted. */
  route: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    lang: Lang,
  ) => void | Promise<void>;
}

/**
 * An HTTP server whose every request runs inside one error boundary (the hub's and the
 * province service's): nothing a client sends ends the process. The host and the target are
 * checked, then `route` answers; a failure answers INTERNAL (or cuts an answer already begun)
 * and is reported; requests Node itself cannot parse are answered by `handleClientError`,
 * which is told whether an answer is in progress on the connection (docs/security.md).
 */
export function createBoundedServer(options: BoundedServerOptions): http.Server {
  /** The answer in progress on each connection, for `handleClientError`. */
  const answering = new WeakMap<Duplex, http.ServerResponse>();

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    let lang: Lang = DEFAULT_LANG;
    let reporter: RequestFailureReporter | null = null;
    try {
      reporter = options.begin?.(req, res) ?? null;
      const socket = req.socket;
      answering.set(socket, res);
      const done = () => {
        if (answering.get(socket) === res) answering.delete(socket);
      };
      res.once('finish', done);
      res.once('close', done);
      lang = langFromAcceptLanguage(req.headers['accept-language']);
      if (!options.hostAllowed(req.headers.host)) {
        return sendJson(res, errorResult('MISDIRECTED_REQUEST', lang));
      }
      const url = parseTarget(req.url);
      if (!url) return sendJson(res, errorResult('BAD_REQUEST', lang));
      await options.route(req, res, url, lang);
    } catch (e) {
      if (res.destroyed) return; // the client went away (or was timed out) mid-request
      if (reporter) reporter.error(e);
      else options.onError(e);
      if (!res.headersSent) sendJson(res, errorResult('INTERNAL', lang));
      else res.destroy();
    }
  }

  const { limits } = options;
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      connectionsCheckingInterval: limits.connectionsCheckingInterval,
    },
    (req, res) => void handleRequest(req, res),
  );
  server.maxHeadersCount = limits.maxHeadersCount;
  server.on('clientError', (err: Error, socket: Duplex) =>
    handleClientError(err, socket, answering.get(socket)?.headersSent ?? false),
  );
  return server;
}

/**
 * The hub's HTTP server: the contract's operations under /api/v1, server-sent events at
 * /api/v1/events, and the React screens at / (any non-file path falls back to index.html).
 * Nothing a client sends ends the process: every step of a request, from reading its target
 * and headers to the answer, runs inside `handleRequest`'s error boundary, and requests Node
 * itself cannot parse are answered by `handleClientError` (docs/security.md).
 */
export function createHttpServer(core: Core, options: HttpServerOptions = {}): http.Server {
  const routes = buildRoutes(operationList);
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : null;
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const streams = createEventStreams(core.events, options.streamLimits);
  // The listen address counts as one of ours unless it is "any address" (0.0.0.0, ::).
  const listenHost =
    options.listenHost && !['0.0.0.0', '::'].includes(options.listenHost)
      ? [options.listenHost]
      : [];
  const hostAllowed = createHostCheck({
    allowedHosts: [...(options.allowedHosts ?? []), ...listenHost],
    // The public address printed QRs point to (run override and admin setting).
    publicUrls: () => [
      ...(core.publicAddress.runOverride ? [core.publicAddress.runOverride] : []),
      ...(core.publicAddress.setting() ? [core.publicAddress.setting() as string] : []),
    ],
  });

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    lang: Lang,
  ) {
    const method = (req.method ?? 'GET').toUpperCase();
    const caller = callerInfo(req, lang);
    if (url.pathname === EVENTS_PATH && method === 'GET') {
      const refusal = streams.open(res, caller.clientKey);
      if (refusal) sendJson(res, errorResult(refusal, lang));
      return;
    }
    // The one write that is not JSON: a file upload (multipart/form-data, docs/security.md).
    const upload = method === 'POST' ? FILE_UPLOAD_PATH_RE.exec(url.pathname) : null;
    if (upload) {
      const { result, close } = await handleUpload(core, req, url, upload[1] as string, lang);
      if (close) res.setHeader('Connection', 'close');
      return sendJson(res, result);
    }
    if (mediaTypeRefused(req, method)) {
      // The body is never parsed; Node discards it before the connection's next request.
      return sendJson(res, errorResult('UNSUPPORTED_MEDIA_TYPE', lang));
    }
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    if (matching.length === 0) return sendJson(res, errorResult('ROUTE_NOT_FOUND', lang));
    const route = matching.find((r) => r.op.method === method);
    if (!route) {
      res.setHeader('Allow', matching.map((r) => r.op.method).join(', '));
      return sendJson(res, errorResult('METHOD_NOT_ALLOWED', lang));
    }
    const op = route.op;
    // No prototype: a body key "__proto__" stays an own (and so unknown, refused) field
    // instead of becoming the prototype whose fields validation would read as given.
    const input = Object.create(null) as Record<string, unknown>;
    // Only a read takes input from the query string: a write's input is its JSON body (and
    // its path), so no link or form on another site can fill it (docs/security.md).
    if (method === 'GET') {
      for (const [key, value] of url.searchParams) input[key] = value;
    } else if (url.search !== '') {
      return sendJson(
        res,
        errorResult('VALIDATION_ERROR', lang, {
          details: [{ path: '?', message: `query parameters are not accepted on ${method}` }],
        }),
      );
    }
    if (method !== 'GET' && (method !== 'DELETE' || hasBody(req))) {
      let body: unknown;
      try {
        body = await readJsonBody(req, limit);
      } catch (e) {
        if (e instanceof BodyError) {
          res.setHeader('Connection', 'close');
          return sendJson(
            res,
            errorResult(
              e.code,
              lang,
              e.code === 'PAYLOAD_TOO_LARGE' ? { params: { limit: '1 MB' } } : {},
            ),
          );
        }
        throw e;
      }
      if (op.bodyField) body = { [op.bodyField]: body };
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return sendJson(
          res,
          errorResult('VALIDATION_ERROR', lang, {
            details: [{ path: '', message: 'object expected' }],
          }),
        );
      }
      Object.assign(input, body);
    }
    const match = route.pattern.exec(url.pathname) as RegExpExecArray;
    for (const [i, name] of route.params.entries()) {
      try {
        input[name] = decodeURIComponent(match[i + 1] as string);
      } catch {
        // A malformed %-escape is the client's mistake (400), not a server failure (500).
        return sendJson(
          res,
          errorResult('VALIDATION_ERROR', lang, {
            details: [{ path: name, message: 'malformed URL encoding' }],
          }),
        );
      }
    }
    const idempotencyKey = op.idempotent ? idempotencyKeyOf(req) : null;
    if (idempotencyKey !== null) {
      if (input['idempotencyKey'] !== undefined && input['idempotencyKey'] !== idempotencyKey) {
        return sendJson(
          res,
          errorResult('VALIDATION_ERROR', lang, {
            details: [
              { path: 'idempotencyKey', message: 'differs from the Idempotency-Key header' },
            ],
          }),
        );
      }
      input['idempotencyKey'] = idempotencyKey;
    }
    const result = await core.dispatcher.invoke(op.name, input, caller);
    if (result.ok && op.file) return sendFile(res, result.data as WireFile, op.sandboxed === true);
    sendJson(res, result);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (!staticDir) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Giao diện chưa được build. Chạy: npm run build');
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      rel = '/';
    }
    if (rel.includes('\0')) {
      // No file name holds a NUL byte (and fs refuses one with an exception).
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    let file = path.normalize(path.join(staticDir, rel));
    // Compare with a trailing separator: a bare prefix check would let '/..%2fdist-old/x'
    // escape from /app/dist into the sibling folder /app/dist-old.
    if (file !== staticDir && !file.startsWith(staticDir + path.sep)) {
      file = path.join(staticDir, 'index.html');
    }
    let stat = statOrNothing(file);
    if (!stat || stat.isDirectory()) {
      // Client-side routes (/desk, /kiosk, /display, …) all load the single page.
      if (path.extname(rel) && !stat) {
        res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      file = path.join(staticDir, 'index.html');
      stat = statOrNothing(file);
      if (!stat) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Giao diện chưa được build. Chạy: npm run build');
        return;
      }
    }
    sendStaticFile(req, res, file, stat.size);
  }

  return createBoundedServer({
    limits,
    hostAllowed,
    begin: (req, res) => startRequestLog(core.log, req, res), // field logs: one line per request
    onError: (e) => core.log.error({ err: e }, 'request failed'),
    route: async (req, res, url, lang) => {
      const method = req.method ?? 'GET';
      if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
        await handleApi(req, res, url, lang);
      } else if (url.pathname.startsWith(FORM_PAGE_PREFIX) && method === 'GET') {
        const headers = { csp: CONTENT_SECURITY_POLICY, security: SECURITY_HEADERS };
        await serveFormPage(core, req, res, url, lang, headers);
      } else if (method === 'GET' || method === 'HEAD') {
        if (!serveVoice(req, res, url.pathname, core.dataDir)) serveStatic(req, res, url);
      } else {
        sendJson(res, errorResult('METHOD_NOT_ALLOWED', lang));
      }
    },
  });
}
