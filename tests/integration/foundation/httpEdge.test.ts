import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../src/core/db/migrate';
import { APP_VERSION } from '../../../src/core/version';
import { CONTENT_SECURITY_POLICY } from '../../../src/hub/httpServer';
import type { Hub } from '../../../src/hub/startHub';
import { operationList } from '../../../src/shared/contract';
import { translate, type MessageKey } from '../../../src/shared/i18n';
import {
  ADMIN,
  OFFICER,
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  rowCounts,
  startTestHub,
  type JsonResponse,
} from '../../helpers/hub';

let hub: Hub;
let url: string;
let adminToken: string;

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.url;
  adminToken = await login(url, ADMIN);
});
afterAll(cleanupHubs);

/** The hub is still alive and well after whatever the test threw at it. */
async function expectStillHealthy(): Promise<void> {
  const res = await api(url, '/api/v1/health');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'ok' });
}

/** A localised error body: Vietnamese by default, English with Accept-Language: en. */
function expectError(res: JsonResponse, status: number, code: string, lang: 'vi' | 'en' = 'vi') {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const error = errorOf(res);
  expect(error.code).toBe(code);
  const key = `errors.${code}` as MessageKey;
  if (code !== 'PAYLOAD_TOO_LARGE') expect(error.message).toBe(translate(lang, key));
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with an exact, un-normalised path and an optional streamed body, for the cases
 * fetch() would tidy up (dot segments) or that need a chunked body. Resolves with the answer
 * even when the server closes the connection before the whole body was sent.
 */
function rawRequest(
  port: number,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string | number>;
    chunks?: Iterable<Buffer>;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (!opts.chunks) {
      req.end();
      return;
    }
    const chunks = opts.chunks[Symbol.iterator]();
    const writeMore = () => {
      for (;;) {
        if (answered || req.destroyed) return;
        const next = chunks.next();
        if (next.done) {
          req.end();
          return;
        }
        if (!req.write(next.value)) {
          req.once('drain', writeMore);
          return;
        }
      }
    };
    writeMore();
  });
}

const validUser = {
  username: 'moi1',
  fullName: 'Phạm Văn Mới',
  role: 'officer',
  password: 'Moi@12345',
};

describe('bad input at the HTTP edge is refused, answered in the caller language, and harmless', () => {
  it('malformed JSON → 400 BAD_JSON', async () => {
    const before = rowCounts(hub);
    for (const lang of ['vi', 'en'] as const) {
      const res = await api(url, '/api/v1/users', {
        token: adminToken,
        rawBody: '{"username": "moi1", "fullName": ',
        lang,
      });
      expectError(res, 400, 'BAD_JSON', lang);
    }
    expect(rowCounts(hub)).toEqual(before);
    await expectStillHealthy();
  });

  it('wrong types → 400 VALIDATION_ERROR with details per field', async () => {
    const before = rowCounts(hub);
    const res = await api(url, '/api/v1/users', {
      token: adminToken,
      json: { ...validUser, username: 12345, role: 'chutich' },
    });
    const error = expectError(res, 400, 'VALIDATION_ERROR');
    const details = error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path).sort()).toEqual(['role', 'username']);
    for (const d of details) expect(d.message.length).toBeGreaterThan(0);

    const en = await api(url, '/api/v1/users', {
      token: adminToken,
      json: { ...validUser, username: 12345 },
      lang: 'en',
    });
    expectError(en, 400, 'VALIDATION_ERROR', 'en');

    // A JSON value that is not an object is a validation error too.
    const arr = await api(url, '/api/v1/users', { token: adminToken, json: [validUser] });
    expectError(arr, 400, 'VALIDATION_ERROR');
    expect(rowCounts(hub)).toEqual(before);
    await expectStillHealthy();
  });

  it('unknown fields → 400 (body and query string)', async () => {
    const before = rowCounts(hub);
    const res = await api(url, '/api/v1/users', {
      token: adminToken,
      json: { ...validUser, isSuperAdmin: true },
    });
    const error = expectError(res, 400, 'VALIDATION_ERROR');
    expect(JSON.stringify(error.details)).toContain('isSuperAdmin');
    const site = await api(url, '/api/v1/site', {
      method: 'PUT',
      token: adminToken,
      json: { agencyName: 'X', agencyCode: '000.00.14.H56', address: '', siteId: 'HIJACK' },
      lang: 'en',
    });
    expectError(site, 400, 'VALIDATION_ERROR', 'en');
    const query = await api(url, '/api/v1/audit?limit=5&drop=table', { token: adminToken });
    expectError(query, 400, 'VALIDATION_ERROR');
    expect(rowCounts(hub)).toEqual(before);
    const siteNow = await api(url, '/api/v1/site');
    expect((siteNow.body as { siteId: string }).siteId).not.toBe('HIJACK');
    await expectStillHealthy();
  });

  it('a malformed %-escape in a path parameter → 400 VALIDATION_ERROR, not 500', async () => {
    const before = rowCounts(hub);
    const res = await api(url, '/api/v1/users/%E0%A4%A', {
      method: 'PATCH',
      token: adminToken,
      json: { fullName: 'Không đổi' },
      lang: 'en',
    });
    const error = expectError(res, 400, 'VALIDATION_ERROR', 'en');
    expect(error.details).toEqual([{ path: 'id', message: expect.any(String) }]);
    expect(rowCounts(hub)).toEqual(before);
    await expectStillHealthy();
  });

  it('a body over 1 MB with a Content-Length → 413 PAYLOAD_TOO_LARGE', async () => {
    const before = rowCounts(hub);
    const big = JSON.stringify({ ...validUser, fullName: 'A'.repeat(1024 * 1024 + 10) });
    for (const lang of ['vi', 'en'] as const) {
      const res = await rawRequest(hub.port, {
        method: 'POST',
        path: '/api/v1/users',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(big),
          Authorization: `Bearer ${adminToken}`,
          'Accept-Language': lang,
        },
        chunks: [Buffer.from(big)],
      });
      expect(res.status).toBe(413);
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(body.error.message).toBe(
        translate(lang, 'errors.PAYLOAD_TOO_LARGE', { limit: '1 MB' }),
      );
    }
    expect(rowCounts(hub)).toEqual(before);
    await expectStillHealthy();
  });

  it('a chunked body of 2 MB (no Content-Length) → 413 PAYLOAD_TOO_LARGE', async () => {
    const before = rowCounts(hub);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    function* twoMegabytes() {
      yield Buffer.from('{"username":"moi1","role":"officer","password":"Moi@12345","fullName":"');
      for (let i = 0; i < 32; i++) yield chunk;
      yield Buffer.from('"}');
    }
    const res = await rawRequest(hub.port, {
      method: 'POST',
      path: '/api/v1/users',
      headers: {
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
        Authorization: `Bearer ${adminToken}`,
        'Accept-Language': 'en',
      },
      chunks: twoMegabytes(),
    });
    expect(res.status).toBe(413);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: translate('en', 'errors.PAYLOAD_TOO_LARGE', { limit: '1 MB' }),
    });
    expect(rowCounts(hub)).toEqual(before);
    await expectStillHealthy();
  });

  it('a body of exactly 1 MB is still accepted', async () => {
    const json = JSON.stringify({ ...validUser, username: 'vua1mb' });
    const body = json + ' '.repeat(1024 * 1024 - Buffer.byteLength(json));
    expect(Buffer.byteLength(body)).toBe(1024 * 1024);
    const res = await api(url, '/api/v1/users', { token: adminToken, rawBody: body });
    expect(res.status).toBe(201);
  });

  it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    for (const p of ['/api/v1/nothing-here', '/api/v1', '/api/v1/users/abc/extra']) {
      expectError(await api(url, p), 404, 'ROUTE_NOT_FOUND');
    }
    expectError(
      await api(url, '/api/v1/nothing-here', { lang: 'en' }),
      404,
      'ROUTE_NOT_FOUND',
      'en',
    );
    await expectStillHealthy();
  });

  it('wrong method → 405 METHOD_NOT_ALLOWED with an Allow header', async () => {
    const before = rowCounts(hub);
    const res = await api(url, '/api/v1/health', { method: 'DELETE' });
    expectError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET');
    const users = await api(url, '/api/v1/users', {
      method: 'PUT',
      token: adminToken,
      json: validUser,
      lang: 'en',
    });
    expectError(users, 405, 'METHOD_NOT_ALLOWED', 'en');
    expect(users.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'POST']);
    expect(rowCounts(hub)).toEqual(before);
    await expectStillHealthy();
  });

  it('officer operation without a token → 401 UNAUTHENTICATED', async () => {
    const before = rowCounts(hub);
    expectError(await api(url, '/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await api(url, '/api/v1/users', { json: validUser }), 401, 'UNAUTHENTICATED');
    const bogus = await api(url, '/api/v1/auth/me', { token: 'not-a-real-token', lang: 'en' });
    expectError(bogus, 401, 'UNAUTHENTICATED', 'en');
    expect(rowCounts(hub)).toEqual(before);
    await expectStillHealthy();
  });

  it('officer calling an admin operation → 403 FORBIDDEN', async () => {
    const officerToken = await login(url, OFFICER);
    const before = rowCounts(hub);
    expectError(await api(url, '/api/v1/users', { token: officerToken }), 403, 'FORBIDDEN');
    const create = await api(url, '/api/v1/users', {
      token: officerToken,
      json: { ...validUser, role: 'admin' },
      lang: 'en',
    });
    expectError(create, 403, 'FORBIDDEN', 'en');
    expect(rowCounts(hub)).toEqual(before);
    await expectStillHealthy();
  });
});

describe('the API itself', () => {
  it('GET /api/v1/health → { status, version, schemaVersion }', async () => {
    const res = await api(url, '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      version: APP_VERSION,
      schemaVersion: latestSchemaVersion(),
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('GET /api/v1/openapi.json is OpenAPI 3 and lists every operation and the event stream', async () => {
    const res = await api(url, '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    const byId = new Map<string, { path: string; method: string }>();
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item))
        byId.set(op.operationId, { path: p, method });
    }
    for (const op of operationList) {
      expect(byId.get(op.name), op.name).toEqual({
        path: `/api/v1${op.path}`,
        method: op.method.toLowerCase(),
      });
    }
    expect(byId.size).toBe(operationList.length + 1);
    expect(doc.paths['/api/v1/events']?.get).toBeDefined();
  });

  it('POST /api/v1/auth/login → { token, user: { username, role, fullName } }', async () => {
    const res = await api(url, '/api/v1/auth/login', { json: OFFICER });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token: expect.any(String),
      user: { username: 'canbo1', role: 'officer', fullName: 'Nguyễn Thị Ngọc Ánh' },
    });
  });

  it('/api/v1/events streams text/event-stream and delivers site.changed after PUT /site', async () => {
    const controller = new AbortController();
    const res = await fetch(`${url}/api/v1/events`, { signal: controller.signal });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const seen: { type: string }[] = [];
      const nextEvent = async (): Promise<{ type: string }> => {
        for (;;) {
          const sep = buffer.indexOf('\n\n');
          if (sep >= 0) {
            const block = buffer.slice(0, sep);
            buffer = buffer.slice(sep + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (data) return JSON.parse(data) as { type: string };
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('event stream ended');
          buffer += decoder.decode(value, { stream: true });
        }
      };
      seen.push(await nextEvent());
      expect(seen[0]?.type).toBe('hello');

      const put = await api(url, '/api/v1/site', {
        method: 'PUT',
        token: adminToken,
        json: {
          agencyName: 'Ủy ban nhân dân xã Quảng Phú',
          agencyCode: '000.00.14.H56',
          address: 'Thôn Phú Thọ',
        },
      });
      expect(put.status).toBe(200);
      const event = (await nextEvent()) as { type: string; at: string; data?: unknown };
      expect(event.type).toBe('site.changed');
      expect(Number.isNaN(Date.parse(event.at))).toBe(false);
    } finally {
      controller.abort();
    }
  });
});

describe('static screens', () => {
  let staticHub: Hub;
  let root: string;
  let staticDir: string;

  beforeAll(async () => {
    root = makeTempDir('motcua-static-');
    staticDir = path.join(root, 'renderer');
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><title>MOTCUA-INDEX</title>',
    );
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("MOTCUA-APP")');
    // Secrets beside and above the static folder that must never be served.
    fs.writeFileSync(path.join(root, 'package.json'), '{"secret":"SECRET-PARENT"}');
    fs.mkdirSync(path.join(root, 'renderer-private'));
    fs.writeFileSync(path.join(root, 'renderer-private', 'secret.txt'), 'SECRET-SIBLING');
    staticHub = await startTestHub({ staticDir });
  });

  it('/desk serves index.html with a Content-Security-Policy', async () => {
    const res = await fetch(`${staticHub.url}/desk`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('MOTCUA-INDEX');
    const asset = await fetch(`${staticHub.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('MOTCUA-APP');
    expect((await fetch(`${staticHub.url}/assets/missing.js`)).status).toBe(404);
  });

  it('path traversal never leaks a file outside the static folder', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/..%5cpackage.json',
      '/..%2frenderer-private%2fsecret.txt',
      '/%2e%2e%2frenderer-private%2fsecret.txt',
      `/${encodeURIComponent(path.join(root, 'package.json'))}`,
    ];
    for (const p of attempts) {
      const res = await rawRequest(staticHub.port, { path: p });
      expect(res.body, p).not.toContain('SECRET');
      expect([200, 400, 404], p).toContain(res.status);
    }
    const health = await api(staticHub.url, '/api/v1/health');
    expect(health.status).toBe(200);
  });
});

describe('rate limits on public operations', () => {
  it('auth.login (30 per minute per client) answers 429 RATE_LIMITED after the limit', async () => {
    const fresh = await startTestHub();
    for (let i = 1; i <= 30; i++) {
      const res = await api(fresh.url, '/api/v1/auth/login', {
        json: { username: `khongco${i}`, password: 'Sai@12345' },
      });
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const limited = await api(fresh.url, '/api/v1/auth/login', { json: OFFICER });
    expectError(limited, 429, 'RATE_LIMITED');
    const en = await api(fresh.url, '/api/v1/auth/login', { json: OFFICER, lang: 'en' });
    expectError(en, 429, 'RATE_LIMITED', 'en');
    // Other operations keep working.
    const health = await api(fresh.url, '/api/v1/health');
    expect(health.status).toBe(200);
  });
});
