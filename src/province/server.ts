import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { errorResult, type DispatchResult } from '../core/dispatch';
import { createHostCheck } from '../hub/hostCheck';
import {
  BodyError,
  createBoundedServer,
  DEFAULT_SERVER_LIMITS,
  SECURITY_HEADERS,
  mediaTypeRefused,
  readJsonBody,
  sendJson,
  sendStaticFile,
} from '../hub/httpServer';
import {
  provinceAgencyInput,
  provinceLoginInput,
  provincePeriodQuery,
  provinceTrendQuery,
  provinceSiteInput,
  type ProvinceRole,
} from '../shared/contract/province';
import { SYNC_BATCHES_PATH, siteIdSchema } from '../shared/contract/sync';
import type { Lang } from '../shared/i18n';
import { vnDate } from '../shared/time/vnTime';
import type { Accounts, ProvinceUser } from './accounts';
import type { ProvinceDb } from './db';
import { rankingFile } from './exportRanking';
import { communeDetail, communeFigures, communeTrend } from './figures';
import {
  addSiteAgency,
  importFile,
  listSites,
  receiveBatch,
  registerSite,
  unregisteredAgencies,
} from './ingest';
import { MAX_BATCH_BYTES, ReceiveError, readRaw, receiveErrorResult } from './receiveError';

/**
 * The province service's HTTP edge (docs/province.md). It reuses the hub's hardening
 * (docs/security.md, "The HTTP edge"): the Host check, JSON-only writes that take no query
 * input, body caps, Node's request timeouts, one error boundary per request.
 */
export interface ProvinceServerOptions {
  db: ProvinceDb;
  accounts: Accounts;
  allowedHosts?: readonly string[];
  listenHost?: string;
  /** The built provincial screen (index.html + assets), or null. */
  staticDir?: string | null;
  now?: () => Date;
  onError?: (e: unknown) => void;
}

/** A file to download (the ranking's exports) instead of a JSON answer. */
interface FileResult {
  file: { body: Buffer; contentType: string; fileName: string };
}

type Handler = (ctx: {
  req: http.IncomingMessage;
  url: URL;
  lang: Lang;
  body: unknown;
  user: ProvinceUser | null;
}) => Promise<DispatchResult | FileResult>;

interface Route {
  method: 'GET' | 'POST';
  path: string;
  role: 'public' | 'viewer' | 'admin';
  handler: Handler;
  /** JSON body cap; 1 MB unless said (a USB file is bigger). */
  bodyLimit?: number;
}

/** A site's USB file (docs/sync.md, "USB transfer"): a week of backlog is well under this. */
const MAX_USB_FILE_BYTES = 64 * 1024 * 1024;

const exportFormat = z.enum(['csv', 'xlsx']);

const ok = (data: unknown, status: 200 | 201 = 200): DispatchResult => ({ ok: true, status, data });

function invalid(lang: Lang, error: z.ZodError): DispatchResult {
  return errorResult('VALIDATION_ERROR', lang, {
    details: error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

function bearer(req: http.IncomingMessage): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.headers.authorization ?? '');
  return m ? (m[1] as string) : null;
}

export function createProvinceServer(options: ProvinceServerOptions): http.Server {
  const { db, accounts } = options;
  const now = options.now ?? (() => new Date());
  const listenHost =
    options.listenHost && !['0.0.0.0', '::'].includes(options.listenHost)
      ? [options.listenHost]
      : [];
  const hostAllowed = createHostCheck({
    allowedHosts: [...(options.allowedHosts ?? []), ...listenHost],
  });
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : null;

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/api/v1/health',
      role: 'public',
      handler: async () => {
        await db.query('SELECT 1');
        return ok({ status: 'ok', service: 'province', database: db.kind });
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      role: 'public',
      handler: async ({ body, lang }) => {
        const input = provinceLoginInput.safeParse(body);
        if (!input.success) return invalid(lang, input.error);
        const session = await accounts.login(input.data.username, input.data.password, now());
        return session ? ok(session) : errorResult('INVALID_CREDENTIALS', lang);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/logout',
      role: 'viewer',
      handler: async ({ req }) => {
        await accounts.logout(bearer(req) ?? '');
        return { ok: true, status: 204, data: null };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/auth/me',
      role: 'viewer',
      handler: async ({ user }) => ok(user),
    },
    {
      method: 'GET',
      path: '/api/v1/sync/sites',
      role: 'admin',
      handler: async () => ok(await listSites(db)),
    },
    {
      method: 'POST',
      path: '/api/v1/sync/sites',
      role: 'admin',
      handler: async ({ body, lang }) => {
        const input = provinceSiteInput.safeParse(body);
        if (!input.success) return invalid(lang, input.error);
        return ok(await registerSite(db, input.data), 201);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/sync/sites/agencies',
      role: 'admin',
      handler: async ({ body, lang }) => {
        const input = provinceAgencyInput.safeParse(body);
        if (!input.success) return invalid(lang, input.error);
        const added = await addSiteAgency(db, input.data.siteId, input.data.agencyCode);
        return added ? ok(input.data) : errorResult('NOT_FOUND', lang);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/province/unregistered-agencies',
      role: 'admin',
      handler: async () => ok(await unregisteredAgencies(db)),
    },
    {
      method: 'GET',
      path: '/api/v1/province/communes',
      role: 'viewer',
      handler: async ({ url, lang }) => {
        const input = provincePeriodQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!input.success) return invalid(lang, input.error);
        return ok(await communeFigures(db, input.data, vnDate(now())));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/province/communes/export',
      role: 'viewer',
      handler: async ({ url, lang }) => {
        const { format, ...rest } = Object.fromEntries(url.searchParams);
        const kind = exportFormat.safeParse(format);
        if (!kind.success) return invalid(lang, kind.error);
        const input = provincePeriodQuery.safeParse(rest);
        if (!input.success) return invalid(lang, input.error);
        const rows = await communeFigures(db, input.data, vnDate(now()));
        return { file: await rankingFile(rows, input.data, kind.data) };
      },
    },
    {
      // The screen's USB import: the body is the site's signed file itself, checked exactly as
      // `npm run province -- import FILE` checks it (the signature covers `content`).
      method: 'POST',
      path: '/api/v1/province/import',
      role: 'admin',
      bodyLimit: MAX_USB_FILE_BYTES,
      handler: async ({ body, lang }) => {
        try {
          return ok(await importFile(db, JSON.stringify(body), now()));
        } catch (e) {
          if (e instanceof ReceiveError) return receiveErrorResult(e, lang);
          throw e;
        }
      },
    },
    {
      method: 'GET',
      path: '/api/v1/province/commune/trend',
      role: 'viewer',
      handler: async ({ url, lang }) => {
        const input = provinceTrendQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!input.success) return invalid(lang, input.error);
        return ok(await communeTrend(db, input.data.siteId, input.data.to, vnDate(now())));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/province/commune',
      role: 'viewer',
      handler: async ({ url, lang }) => {
        const params = Object.fromEntries(url.searchParams);
        const site = siteIdSchema.safeParse(params.siteId);
        const { siteId: _s, ...rest } = params;
        const input = provincePeriodQuery.safeParse(rest);
        if (!site.success) return invalid(lang, site.error);
        if (!input.success) return invalid(lang, input.error);
        return ok(await communeDetail(db, site.data, input.data, vnDate(now())));
      },
    },
  ];

  const allows = (role: ProvinceRole, needed: Route['role']) =>
    needed === 'public' || needed === 'viewer' || role === 'admin';

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    lang: Lang,
  ) {
    const method = (req.method ?? 'GET').toUpperCase();
    if (mediaTypeRefused(req, method)) {
      return sendJson(res, errorResult('UNSUPPORTED_MEDIA_TYPE', lang));
    }
    if (method !== 'GET' && url.search !== '') {
      return sendJson(
        res,
        errorResult('VALIDATION_ERROR', lang, {
          details: [{ path: '?', message: `query parameters are not accepted on ${method}` }],
        }),
      );
    }
    if (url.pathname === SYNC_BATCHES_PATH && method === 'POST') {
      // Authenticated by the HMAC of the exact body bytes, not by a session (docs/sync.md).
      const raw = await readRaw(req, MAX_BATCH_BYTES);
      if (raw === null) {
        return sendJson(res, errorResult('PAYLOAD_TOO_LARGE', lang, { params: { limit: '4 MB' } }));
      }
      try {
        return sendJson(res, ok(await receiveBatch(db, raw, req.headers, now())));
      } catch (e) {
        if (e instanceof ReceiveError) return sendJson(res, receiveErrorResult(e, lang));
        throw e;
      }
    }
    const matching = routes.filter((r) => r.path === url.pathname);
    if (matching.length === 0) return sendJson(res, errorResult('ROUTE_NOT_FOUND', lang));
    const route = matching.find((r) => r.method === method);
    if (!route) {
      res.setHeader('Allow', matching.map((r) => r.method).join(', '));
      return sendJson(res, errorResult('METHOD_NOT_ALLOWED', lang));
    }
    let user: ProvinceUser | null = null;
    if (route.role !== 'public' || route.path === '/api/v1/auth/logout') {
      const token = bearer(req);
      user = token ? await accounts.userOfToken(token, now()) : null;
      if (!user) return sendJson(res, errorResult('UNAUTHENTICATED', lang));
      if (!allows(user.role, route.role)) return sendJson(res, errorResult('FORBIDDEN', lang));
    }
    let body: unknown = {};
    if (method === 'POST') {
      try {
        body = await readJsonBody(req, route.bodyLimit ?? 1024 * 1024);
      } catch (e) {
        if (e instanceof BodyError) {
          res.setHeader('Connection', 'close');
          const limit = `${Math.round((route.bodyLimit ?? 1024 * 1024) / 1024 / 1024)} MB`;
          const params = e.code === 'PAYLOAD_TOO_LARGE' ? { params: { limit } } : {};
          return sendJson(res, errorResult(e.code, lang, params));
        }
        throw e;
      }
    }
    const result = await route.handler({ req, url, lang, body, user });
    if (!('file' in result)) return sendJson(res, result);
    const { file } = result;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': 'no-store',
      // The name is built from checked dates only (ASCII).
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
    });
    res.end(file.body);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const notFound = () => {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    };
    if (!staticDir) return notFound();
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return notFound();
    }
    let file = path.normalize(path.join(staticDir, rel));
    if (rel.includes('\0') || (file !== staticDir && !file.startsWith(staticDir + path.sep))) {
      return notFound();
    }
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.isDirectory()) {
      if (path.extname(rel)) return notFound();
      file = path.join(staticDir, 'province.html'); // the single page of the screen
      stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat) return notFound();
    }
    sendStaticFile(req, res, file, stat.size);
  }

  return createBoundedServer({
    limits: DEFAULT_SERVER_LIMITS,
    hostAllowed,
    onError: (e) => options.onError?.(e),
    route: async (req, res, url, lang) => {
      const method = req.method ?? 'GET';
      if (url.pathname === '/api/v1' || url.pathname.startsWith('/api/v1/')) {
        await handleApi(req, res, url, lang);
      } else if (method === 'GET' || method === 'HEAD') {
        serveStatic(req, res, url);
      } else {
        sendJson(res, errorResult('METHOD_NOT_ALLOWED', lang));
      }
    },
  });
}

export async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
