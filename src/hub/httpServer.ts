import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
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
import { SYNC_BATCHES_PATH } from '../shared/contract/sync';
import { langFromAcceptLanguage, type Lang } from '../shared/i18n';
import { FORM_PAGE_PREFIX, serveFormPage } from './formPages';
import { startRequestLog } from './requestLog';
import { openEventStream } from './sse';
import { handleSyncBatch } from './syncRoute';
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

const SECURITY_HEADERS: Record<string, string> = {
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

function sendJson(res: http.ServerResponse, result: DispatchResult): void {
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

/** A `file: true` operation's result: the bytes themselves, named for the browser's download. */
function sendFile(res: http.ServerResponse, file: WireFile): void {
  const body = Buffer.from(file.base64, 'base64');
  const ascii = file.fileName
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[^\x20-\x7e]|["\\]/g, '');
  const html = file.contentType.startsWith('text/html');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Disposition': `${html ? 'inline' : 'attachment'}; filename="${ascii || 'file'}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'Cache-Control': 'no-store',
    // A printable page (e.g. a register) may style itself, never run anything.
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
    'Content-Length': body.length,
  });
  res.end(body);
}

class BodyError extends Error {
  constructor(readonly code: 'PAYLOAD_TOO_LARGE' | 'BAD_JSON' | 'UNSUPPORTED_MEDIA_TYPE') {
    super(code);
  }
}

/** Read a JSON body of at most MAX_BODY_BYTES; an empty body is `{}`. */
function readJsonBody(req: http.IncomingMessage, limit: number): Promise<unknown> {
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
      const type = String(req.headers['content-type'] ?? 'application/json');
      if (!/^application\/(.+\+)?json\b/i.test(type))
        return reject(new BodyError('UNSUPPORTED_MEDIA_TYPE'));
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

function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? (m[1] as string) : null;
}

export interface HttpServerOptions {
  /** The built renderer (index.html + assets). Without it only the API is served. */
  staticDir?: string | null;
  maxBodyBytes?: number;
}

/**
 * The hub's HTTP server: the contract's operations under /api/v1, server-sent events at
 * /api/v1/events, and the React screens at / (any non-file path falls back to index.html).
 */
export function createHttpServer(core: Core, options: HttpServerOptions = {}): http.Server {
  const routes = buildRoutes(operationList);
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : null;

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    lang: Lang,
  ) {
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === EVENTS_PATH && method === 'GET') {
      openEventStream(req, res, core.events);
      return;
    }
    if (url.pathname === SYNC_BATCHES_PATH && method === 'POST') {
      return sendJson(res, await handleSyncBatch(core, req, lang)); // issue 8: HMAC-signed body
    }
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    if (matching.length === 0) return sendJson(res, errorResult('ROUTE_NOT_FOUND', lang));
    const route = matching.find((r) => r.op.method === method);
    if (!route) {
      res.setHeader('Allow', matching.map((r) => r.op.method).join(', '));
      return sendJson(res, errorResult('METHOD_NOT_ALLOWED', lang));
    }
    const match = route.pattern.exec(url.pathname) as RegExpExecArray;
    const input: Record<string, unknown> = {};
    for (const [key, value] of url.searchParams) input[key] = value;
    if (method !== 'GET' && method !== 'DELETE') {
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
      if (route.op.bodyField) body = { [route.op.bodyField]: body };
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
    const result = await core.dispatcher.invoke(route.op.name, input, {
      token: bearerToken(req),
      deviceToken: req.headers['x-motcua-device']?.toString() ?? null, // docs/security.md "Devices"
      clientKey: req.socket.remoteAddress ?? 'unknown',
      via: 'http',
      lang,
    });
    if (result.ok && route.op.file) return sendFile(res, result.data as WireFile);
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
    let file = path.normalize(path.join(staticDir, rel));
    // Compare with a trailing separator: a bare prefix check would let '/..%2fdist-old/x'
    // escape from /app/dist into the sibling folder /app/dist-old.
    if (file !== staticDir && !file.startsWith(staticDir + path.sep)) {
      file = path.join(staticDir, 'index.html');
    }
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.isDirectory()) {
      // Client-side routes (/desk, /kiosk, /display, …) all load the single page.
      if (path.extname(rel) && !stat) {
        res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      file = path.join(staticDir, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Giao diện chưa được build. Chạy: npm run build');
        return;
      }
    }
    const ext = path.extname(file);
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    };
    if (ext === '.html') headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  }

  return http.createServer((req, res) => {
    const requestLog = startRequestLog(core.log, req, res); // field logs: one line per request
    const url = new URL(req.url ?? '/', 'http://hub.local');
    const lang = langFromAcceptLanguage(req.headers['accept-language']);
    const done = (e: unknown) => {
      requestLog.error(e);
      if (!res.headersSent) sendJson(res, errorResult('INTERNAL', lang));
      else res.end();
    };
    try {
      if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
        handleApi(req, res, url, lang).catch(done);
      } else if (url.pathname.startsWith(FORM_PAGE_PREFIX) && req.method === 'GET') {
        const headers = { csp: CONTENT_SECURITY_POLICY, security: SECURITY_HEADERS };
        serveFormPage(core, req, res, url, lang, headers).catch(done);
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        if (!serveVoice(req, res, url.pathname, core.dataDir)) serveStatic(req, res, url);
      } else {
        sendJson(res, errorResult('METHOD_NOT_ALLOWED', lang));
      }
    } catch (e) {
      done(e);
    }
  });
}
