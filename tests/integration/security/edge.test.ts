/**
 * The HTTP edge against a stranger on the LAN (docs/security.md, "The HTTP edge"): requests
 * that used to end the process or answer 500, cross-site "simple" writes, a foreign `Host`
 * (DNS rebinding), and the caps on event streams and slow clients. Each block says what the
 * old hub did.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS } from '../../../src/hub/httpServer';
import { DEFAULT_STREAM_LIMITS } from '../../../src/hub/sse';
import type { Hub } from '../../../src/hub/startHub';
import { translate } from '../../../src/shared/i18n';
import {
  ADMIN,
  OFFICER,
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  startTestHub,
} from '../../helpers/hub';
import {
  errorCodeOf,
  rawExchange,
  rawGet,
  rawRequest,
  type RawAnswer,
} from '../../helpers/rawHttp';

afterAll(cleanupHubs);

function count(hub: Hub, table: string): number {
  return (hub.core.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function expectHealthy(hub: Hub): Promise<void> {
  const res = await api(hub.url, '/api/v1/health');
  expect(res.status).toBe(200);
}

function expectJsonError(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(errorCodeOf(answer)).toBe(code);
}

describe('nothing a client sends ends the process', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startTestHub();
  });

  it('GET //[x (an invalid URL for new URL()) → 400 JSON, and the hub keeps serving', async () => {
    // Old: `new URL('//[x', base)` threw before the try: TypeError: Invalid URL ended the hub.
    for (const target of ['//[x', '//[', '//[::1', '//evil.example:99999/x']) {
      const answer = await rawGet(hub.port, target);
      expect(answer.status, target).toBeLessThan(500);
      expect(answer.status, target).toBeGreaterThan(0);
    }
    await expectHealthy(hub);
  });

  it('the same request from a page, as <img src="http://hub//[x">, is answered too', async () => {
    const answer = await rawGet(hub.port, '//[x', { Accept: 'image/*', Referer: 'http://x/' });
    expect(answer.status).toBe(404); // no static folder in this hub: a plain "not found"
    await expectHealthy(hub);
  });

  it('%00, %zz, a 64 KB path and a non-path target are refused as the client mistakes they are', async () => {
    expectJsonError(await rawGet(hub.port, '/api/v1/queue/tickets/%00'), 404, 'NOT_FOUND');
    expect((await rawGet(hub.port, '/%00')).status).toBe(404);
    expectJsonError(await rawGet(hub.port, '/api/v1/%zz'), 404, 'ROUTE_NOT_FOUND');
    expectJsonError(await rawGet(hub.port, `/${'/'.repeat(64 * 1024)}`), 431, 'HEADERS_TOO_LARGE');
    expectJsonError(await rawGet(hub.port, '*'), 400, 'BAD_REQUEST');
    expectJsonError(
      await rawGet(hub.port, 'http://evil.example/api/v1/health'),
      400,
      'BAD_REQUEST',
    );
    await expectHealthy(hub);
  });

  it('a request Node cannot parse gets a JSON 400, not a silent reset', async () => {
    const broken = [
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n',
      'GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\nzz\r\n',
    ];
    for (const request of broken) {
      const answer = await rawExchange(hub.port, request);
      expectJsonError(answer, 400, 'BAD_REQUEST');
      expect(JSON.parse(answer.body)).toEqual({
        error: { code: 'BAD_REQUEST', message: translate('vi', 'errors.BAD_REQUEST') },
      });
    }
    await expectHealthy(hub);
  });

  it('a broken request on a kept-alive connection is answered too (after the previous answer)', async () => {
    const socket = net.connect(hub.port, '127.0.0.1');
    let text = '';
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
    socket.on('error', () => undefined);
    socket.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await expect.poll(() => text.includes('"status":"ok"'), { timeout: 10_000 }).toBe(true);
    socket.write('GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await closed;
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 400]);
    expect(text).toContain('"code":"BAD_REQUEST"');
  });

  it('unknown counter ids answer 404 NOT_FOUND, never 500, and write nothing', async () => {
    // Old: the counter's state row was inserted before the counter was looked up, so an
    // unknown id failed the foreign key → 500 INTERNAL.
    const token = await login(hub.url, OFFICER);
    const before = count(hub, 'counter_state');
    const auditBefore = count(hub, 'audit_log');
    const attempts: [string, unknown][] = [
      ['/api/v1/counters/x/call-next', {}],
      ['/api/v1/counters/x/resume', {}],
      ['/api/v1/counters/x/pause', { reason: 'Nghỉ trưa' }],
      ['/api/v1/counters/x/call', { number: 'A001' }],
      ['/api/v1/counters/01ARZ3NDEKTSV4RRFFQ69G5FAV/call-next', {}],
    ];
    for (const [path, json] of attempts) {
      const res = await api(hub.url, path, { token, json });
      expect(res.status, path).toBe(404);
      expect(errorOf(res).code, path).toBe('NOT_FOUND');
    }
    expect(count(hub, 'counter_state')).toBe(before);
    expect(count(hub, 'audit_log')).toBe(auditBefore);
  });
});

describe('the screens: a path no file can have is "not found", not 500', () => {
  it('a path through a file (ENOTDIR) or a name over 255 bytes (ENAMETOOLONG) → 404', async () => {
    // Old: fs.statSync threw ENOTDIR / ENAMETOOLONG (throwIfNoEntry covers only ENOENT) → 500.
    const staticDir = path.join(makeTempDir('motcua-edge-static-'), 'renderer');
    fs.mkdirSync(staticDir, { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>MOTCUA</title>');
    const hub = await startTestHub({ staticDir });
    for (const target of [
      '/index.html/x.js',
      '/index.html%2Fx.wav',
      `/${'a'.repeat(300)}.js`,
      `/assets/${'b'.repeat(300)}.css`,
    ]) {
      expect((await rawRequest(hub.port, 'HEAD', target)).status, target).toBe(404);
      expect((await rawGet(hub.port, target)).status, target).toBe(404);
    }
    // A client-side route below a file name still loads the single page.
    expect((await rawGet(hub.port, `/${'c'.repeat(300)}`)).status).toBe(200);
  });
});

describe('a body cannot smuggle fields through "__proto__"', () => {
  it('{"__proto__": {...}} is an unknown field (400), not the input itself', async () => {
    // Old: Object.assign(input, body) made the nested object the input's prototype, the
    // strict validation read its fields as given, and this signed in (200).
    const hub = await startTestHub();
    const sessions = count(hub, 'sessions');
    const res = await api(hub.url, '/api/v1/auth/login', {
      rawBody: `{"__proto__": ${JSON.stringify(OFFICER)}}`,
    });
    expect(res.status, res.text).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_ERROR');
    expect(count(hub, 'sessions')).toBe(sessions);
  });
});

describe('only this office’s pages may call the API', () => {
  let hub: Hub;
  let serviceId: string;
  beforeAll(async () => {
    hub = await startTestHub();
    serviceId = ((await api(hub.url, '/api/v1/queue/services')).body as { id: string }[])[0]!.id;
  });

  /** A write exactly as a cross-site page's fetch/form can send it without a preflight. */
  function simpleWrite(path: string, contentType: string | null, body = '') {
    const headers: Record<string, string> = {};
    if (contentType !== null) headers['Content-Type'] = contentType;
    return fetch(`${hub.url}${path}`, { method: 'POST', headers, body });
  }

  it('a cross-site simple request (text/plain, empty body, ?serviceId=) → 415, no ticket', async () => {
    // Old: 201 — the query string became the input and the empty text/plain body passed.
    const before = count(hub, 'tickets');
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      null,
    ]) {
      const res = await simpleWrite(`/api/v1/queue/tickets?serviceId=${serviceId}`, type);
      expect(res.status, String(type)).toBe(415);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const form = await simpleWrite(
      '/api/v1/queue/tickets',
      'application/x-www-form-urlencoded',
      `serviceId=${serviceId}`,
    );
    expect(form.status).toBe(415);
    expect(count(hub, 'tickets')).toBe(before);
  });

  it('an empty POST needs Content-Type: application/json too', async () => {
    const token = await login(hub.url, OFFICER);
    const res = await fetch(`${hub.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(415);
    const ok = await fetch(`${hub.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    expect(ok.status).toBe(204);
  });

  it('query parameters never become the input of a write', async () => {
    const token = await login(hub.url, OFFICER);
    const before = count(hub, 'tickets');
    const res = await api(hub.url, `/api/v1/queue/tickets?serviceId=${serviceId}`, {
      token,
      json: {},
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_ERROR');
    expect(count(hub, 'tickets')).toBe(before);
    // The same input in the JSON body works (an officer may issue a walk-in's ticket).
    const good = await api(hub.url, '/api/v1/queue/tickets', { token, json: { serviceId } });
    expect(good.status, good.text).toBe(201);
    expect(count(hub, 'tickets')).toBe(before + 1);
  });

  it('the OpenAPI document lists query parameters for reads only', async () => {
    // A guard: the generator used to describe a DELETE's non-path input as query parameters.
    const doc = (await api(hub.url, '/api/v1/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string }[]; requestBody?: unknown }>
      >;
    };
    let writes = 0;
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'get') continue;
        writes++;
        expect(op.parameters?.filter((x) => x.in === 'query') ?? [], `${method} ${p}`).toEqual([]);
        if (method !== 'delete') expect(op.requestBody, `${method} ${p}`).toBeDefined();
      }
    }
    expect(writes).toBeGreaterThan(30);
  });

  it('application/json with a charset is accepted; a DELETE without a body needs no type', async () => {
    const admin = await login(hub.url, ADMIN);
    const put = await fetch(`${hub.url}/api/v1/calendar/2031`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${admin}`,
        'Content-Type': 'Application/JSON; charset=utf-8',
      },
      body: JSON.stringify({ daysOff: [], workingSaturdays: [] }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const del = await fetch(`${hub.url}/api/v1/calendar/2031`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(del.status).toBeLessThan(300);
    const withBody = await fetch(`${hub.url}/api/v1/calendar/2031`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(withBody.status).toBe(415);
  });
});

describe('the Host header must name this hub (DNS rebinding)', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startTestHub({ allowedHosts: ['quay-mot-cua.lan', '10.20.30.40'] });
  });

  it('a foreign Host → 421 MISDIRECTED_REQUEST for the API, the screens, forms and events', async () => {
    // Old: any Host was served, so a rebinding page could read the hub as its own origin.
    for (const target of ['/api/v1/health', '/api/v1/events', '/desk', '/forms/x', '/']) {
      for (const host of ['evil.example', `evil.example:${hub.port}`, 'motcua.evil.example']) {
        const answer = await rawGet(hub.port, target, { Host: host });
        expectJsonError(answer, 421, 'MISDIRECTED_REQUEST');
      }
    }
    const en = await rawGet(hub.port, '/api/v1/health', {
      Host: 'evil.example',
      'Accept-Language': 'en',
    });
    expect(JSON.parse(en.body)).toEqual({
      error: {
        code: 'MISDIRECTED_REQUEST',
        message: translate('en', 'errors.MISDIRECTED_REQUEST'),
      },
    });
  });

  it('a foreign Host cannot write either', async () => {
    const before = count(hub, 'users');
    const answer = await rawExchange(
      hub.port,
      'POST /api/v1/setup/admin HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n' +
        'Content-Length: 2\r\n\r\n{}',
    );
    expectJsonError(answer, 421, 'MISDIRECTED_REQUEST');
    expect(count(hub, 'users')).toBe(before);
  });

  it('allowed: localhost, loopback, this machine’s addresses and names, --allowed-hosts', async () => {
    const own = Object.values(os.networkInterfaces())
      .flat()
      .map((a) => a?.address)
      .filter((a): a is string => typeof a === 'string');
    const hosts = [
      'localhost',
      `LOCALHOST:${hub.port}`,
      '127.0.0.1',
      `127.0.0.1:${hub.port}`,
      '127.45.6.7',
      '[::1]',
      `[::1]:${hub.port}`,
      'quay-mot-cua.lan',
      `quay-mot-cua.lan:${hub.port}`,
      'Quay-Mot-Cua.LAN.',
      '10.20.30.40:80',
      os.hostname(),
      ...own.map((a) => (a.includes(':') ? `[${a.replace(/%.*$/, '')}]` : a)),
    ];
    for (const host of hosts) {
      const answer = await rawGet(hub.port, '/api/v1/health', { Host: host });
      expect(answer.status, host).toBe(200);
    }
  });

  it('the host of the public address (admin setting) is allowed as soon as it is saved', async () => {
    const admin = await login(hub.url, ADMIN);
    expect((await rawGet(hub.port, '/api/v1/health', { Host: 'hub.xa-quang-phu.vn' })).status).toBe(
      421,
    );
    const put = await api(hub.url, '/api/v1/public-address', {
      method: 'PUT',
      token: admin,
      json: { url: 'http://hub.xa-quang-phu.vn:8787' },
    });
    expect(put.status, put.text).toBe(200);
    await expect
      .poll(
        async () =>
          (await rawGet(hub.port, '/api/v1/health', { Host: 'hub.xa-quang-phu.vn' })).status,
        {
          timeout: 10_000,
        },
      )
      .toBe(200);
  });

  it('a wrong name in MOTCUA_ALLOWED_HOSTS stops the start with a clear error, holding nothing', async () => {
    const saved = process.env.MOTCUA_ALLOWED_HOSTS;
    const dataDir = makeTempDir();
    process.env.MOTCUA_ALLOWED_HOSTS = 'ok.lan,not a host';
    try {
      await expect(startTestHub({ dataDir })).rejects.toThrow(/not a host/);
    } finally {
      if (saved === undefined) delete process.env.MOTCUA_ALLOWED_HOSTS;
      else process.env.MOTCUA_ALLOWED_HOSTS = saved;
    }
    const again = await startTestHub({ dataDir }); // no lock left behind
    expect((await api(again.url, '/api/v1/health')).status).toBe(200);
  });

  it('MOTCUA_ALLOWED_HOSTS and MOTCUA_PUBLIC_URL are honoured', async () => {
    const saved = { a: process.env.MOTCUA_ALLOWED_HOSTS, p: process.env.MOTCUA_PUBLIC_URL };
    process.env.MOTCUA_ALLOWED_HOSTS = 'may-chu.local, 192.168.50.5';
    process.env.MOTCUA_PUBLIC_URL = 'http://tra-cuu.example.vn';
    try {
      const envHub = await startTestHub();
      for (const host of ['may-chu.local', '192.168.50.5:8787', 'tra-cuu.example.vn']) {
        expect((await rawGet(envHub.port, '/api/v1/health', { Host: host })).status, host).toBe(
          200,
        );
      }
      expect((await rawGet(envHub.port, '/api/v1/health', { Host: 'khac.example' })).status).toBe(
        421,
      );
    } finally {
      for (const [key, value] of [
        ['MOTCUA_ALLOWED_HOSTS', saved.a],
        ['MOTCUA_PUBLIC_URL', saved.p],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

/** Open an event stream from `source` and resolve with its status once its head arrived. */
function openStream(
  port: number,
  source: string,
  opened: http.ClientRequest[],
): Promise<{ status: number; code: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/v1/events', localAddress: source, agent: false },
      (res) => {
        if (res.statusCode === 200) {
          resolve({ status: 200, code: null });
          return; // stays open until the test destroys it
        }
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: errorCodeOf({ body }) }));
      },
    );
    req.on('error', reject);
    req.end();
    opened.push(req);
  });
}

describe('limits on long-lived connections', () => {
  const opened: http.ClientRequest[] = [];
  afterEach(() => {
    for (const req of opened.splice(0)) req.destroy();
  });

  it('event streams: per client address, then in all (small limits)', async () => {
    // Old: no cap — one client could hold any number of never-ending responses.
    const hub = await startTestHub({ streamLimits: { perClient: 2, total: 3 } });
    const a = '127.0.0.21';
    expect(await openStream(hub.port, a, opened)).toEqual({ status: 200, code: null });
    expect(await openStream(hub.port, a, opened)).toEqual({ status: 200, code: null });
    expect(await openStream(hub.port, a, opened)).toEqual({
      status: 429,
      code: 'TOO_MANY_STREAMS',
    });
    expect(await openStream(hub.port, '127.0.0.22', opened)).toEqual({ status: 200, code: null });
    expect(await openStream(hub.port, '127.0.0.23', opened)).toEqual({
      status: 503,
      code: 'SERVER_BUSY',
    });
    // A closed stream frees its place.
    opened[0]!.destroy();
    await expect
      .poll(async () => (await openStream(hub.port, '127.0.0.23', opened)).status, {
        timeout: 10_000,
      })
      .toBe(200);
    await expectHealthy(hub);
  });

  it('the defaults are 20 per client address and 500 in all', async () => {
    expect(DEFAULT_STREAM_LIMITS).toEqual({ perClient: 20, total: 500 });
    const hub = await startTestHub();
    const first = Array.from({ length: 20 }, () => openStream(hub.port, '127.0.1.1', opened));
    for (const r of await Promise.all(first)) expect(r.status).toBe(200);
    expect(await openStream(hub.port, '127.0.1.1', opened)).toEqual({
      status: 429,
      code: 'TOO_MANY_STREAMS',
    });
    // 480 more from 24 other addresses reach the total of 500.
    for (let i = 2; i <= 25; i++) {
      const batch = Array.from({ length: 20 }, () => openStream(hub.port, `127.0.1.${i}`, opened));
      for (const r of await Promise.all(batch)) expect(r.status).toBe(200);
    }
    expect(await openStream(hub.port, '127.0.1.99', opened)).toEqual({
      status: 503,
      code: 'SERVER_BUSY',
    });
    await expectHealthy(hub);
  }, 120_000);

  it('the server timeouts are set as documented', async () => {
    const hub = await startTestHub();
    expect(DEFAULT_SERVER_LIMITS).toEqual({
      headersTimeout: 30_000,
      requestTimeout: 120_000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 5_000,
      maxHeadersCount: 100,
    });
    expect(hub.server.headersTimeout).toBe(30_000);
    expect(hub.server.requestTimeout).toBe(120_000);
    expect(hub.server.keepAliveTimeout).toBe(5_000);
    expect(hub.server.maxHeadersCount).toBe(100);
  });

  it('slow clients get 408 and are closed; an event stream outlives requestTimeout', async () => {
    // Old: Node's defaults (60 s for headers, 5 min for a request) and no answer but a reset.
    const hub = await startTestHub({
      serverLimits: {
        headersTimeout: 800,
        requestTimeout: 1_500,
        connectionsCheckingInterval: 100,
      },
    });
    // Slowloris: half a head, then nothing → headersTimeout.
    const slowHead = await rawExchange(
      hub.port,
      'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      { keepOpen: true, timeoutMs: 20_000 },
    );
    expect(slowHead.timedOut).toBe(false);
    expect(slowHead.status).toBe(408);
    expect(errorCodeOf(slowHead)).toBe('REQUEST_TIMEOUT');

    // An event stream opened first…
    const res = await fetch(`${hub.url}/api/v1/events`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // retry + hello
    // …then a body that never finishes, cut by requestTimeout: by then the stream is older
    // than requestTimeout.
    const slowBody = await rawExchange(
      hub.port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{',
      { keepOpen: true, timeoutMs: 20_000 },
    );
    expect(slowBody.timedOut).toBe(false);
    expect(slowBody.status).toBe(408);
    // The stream still delivers.
    hub.core.events.publish('site.changed');
    let text = '';
    while (!text.includes('site.changed')) {
      const { value, done } = await reader.read();
      expect(done).toBe(false);
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    await expectHealthy(hub);
  });
});
