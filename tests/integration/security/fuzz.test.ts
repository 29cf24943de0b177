/**
 * The hub under a stranger's bytes (docs/security.md, "The HTTP edge"): at least 20,000
 * generated requests against a running hub — every contract route with random and mutated
 * JSON bodies, odd headers, query strings and path parameters, with an officer token, a
 * bogus one or none (and an admin token for reads); odd paths of the screens, voice clips
 * and form pages; and raw socket requests (methods, targets and framing that `http.request`
 * refuses: `//[x`, `%00`, `%zz`, 64 KB of `/`, broken headers and chunks).
 *
 * Asserted: the process never stops (an exception escaping the hub fails the vitest run),
 * no answer is a 5xx, every API error is a JSON error value, a foreign Host gets 421, no
 * write is accepted (the generator sends none that could be valid: no real ids, no real
 * passwords) and no table gains a row except the audit log's record of failed sign-ins;
 * the health check answers afterwards.
 *
 * The generator is fast-check with a fixed seed, so a failure reproduces: the seed and the
 * failing requests are printed. `MOTCUA_FUZZ_SEED` and `MOTCUA_FUZZ_RUNS` override them.
 * The old hub died on the first `GET //[x` (TypeError: Invalid URL outside the try) and
 * answered 500 for `POST /counters/<unknown>/call-next` (a foreign-key failure) and for a
 * screen path through a file (`/index.html/x`: ENOTDIR) or with a 300-byte name.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/startHub';
import { operationList, type Operation } from '../../../src/shared/contract';
import { ADMIN, OFFICER, cleanupHubs, login, makeTempDir, startTestHub } from '../../helpers/hub';
import { rawExchange } from '../../helpers/rawHttp';

const SEED = Number(process.env.MOTCUA_FUZZ_SEED ?? 20_261_206);
const RUNS = Number(process.env.MOTCUA_FUZZ_RUNS ?? 20_000);
const IN_FLIGHT = 32;
/** Source addresses 127.0.0.2 … : separate clients for the per-address limits, like a LAN. */
const SOURCES = 40;
const TIMEOUT_MS = 30_000;

/** Operations that write nothing even when they succeed (a parser). */
const NON_MUTATING_WRITES = new Set(['citizenId.parse']);
/** An officer could succeed at these with an empty body: they get no valid token here. */
const NO_OFFICER_TOKEN = new Set(['auth.logout', 'sync.export']);
/** Audit rows that a rejected request may leave: the security record of the attempt. */
const SECURITY_AUDIT_ACTIONS = new Set(['auth.login.failed']);

type TokenKind = 'admin' | 'officer' | 'none' | 'bogus';

interface HttpCase {
  kind: 'http';
  op: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
  token: TokenKind;
  source: number;
}

interface RawCase {
  kind: 'raw';
  text: string;
  source: number;
}

type Case = HttpCase | RawCase;

interface Outcome {
  /** Status codes of the answers on the connection (0 = dropped without an answer). */
  statuses: number[];
  contentType: string;
  body: string;
  timedOut: boolean;
}

// ——— generators ———

const FOREIGN_HOSTS = ['evil.example', 'evil.example:8787', 'attacker.test.', '10.255.255.1'];

function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%zz'; // a lone surrogate cannot be encoded
  }
}

const pathParam = fc.oneof(
  fc.constantFrom(
    'x',
    '0',
    '-1',
    '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    'A001',
    '000.00.14.H56-260101-0001',
    '99999999999999999999',
    '%zz',
    '%00',
    '%E0%A4%A',
    '%2F..%2F..%2Fetc%2Fpasswd',
    '..',
    '%5B',
    '%C0%AF',
    '__proto__',
    'constructor',
    'NaN',
    '1e309',
    '%F0%9F%98%80',
    'a'.repeat(3000),
  ),
  fc.string({ maxLength: 40 }).map(encode),
  fc.string({ unit: 'binary', maxLength: 12 }).map(encode),
  fc.nat().map(String),
);

const queryString = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 24 }), { maxKeys: 4 })
      .map((d) => `?${new URLSearchParams(d).toString()}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '?%zz',
      '?a=%',
      '?=&&=',
      '?limit=-1',
      '?limit=1e9',
      '?page=0&pageSize=100000',
      '?q=%00',
      '?serviceId=01ARZ3NDEKTSV4RRFFQ69G5FAV',
      '?__proto__=1',
      '?from=2026-12-31&to=2026-01-01',
      '?format=xlsx&kind=x',
      '?check=0000',
      '?counterId=x',
      '?limit=5&limit=6',
    ),
  },
);

/** A plausible value for any field: what a confused or hostile client would put there. */
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    'admin',
    'officer',
    'recall',
    'complete',
    'A001',
    '2026-02-30',
    '2026-01-01T00:00:00Z',
    '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '=cmd|calc',
    'x'.repeat(5000),
    -1,
    0,
    1e308,
    Number.MAX_SAFE_INTEGER,
    true,
    null,
    [],
    {},
  ),
);

function inputKeys(op: Operation): string[] {
  const shape = (op.input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** An object with (some of) the operation's own fields, odd values, sometimes extra keys. */
function objectFor(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of inputKeys(op)) model[key] = fieldValue;
  return fc
    .tuple(
      fc.record(model, { requiredKeys: [] }),
      fc.dictionary(
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor')),
        fieldValue,
        { maxKeys: 2 },
      ),
      fc.boolean(),
    )
    .map(([own, extra, withExtra]) => (withExtra ? { ...own, ...extra } : own));
}

function bodyFor(op: Operation): fc.Arbitrary<string | null> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: objectFor(op).map((o) => JSON.stringify(o)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(objectFor(op), fc.nat(), fc.string({ maxLength: 4 }))
        .map(([o, cut, junk]) => {
          const text = JSON.stringify(o);
          return text.slice(0, cut % (text.length + 1)) + junk; // truncated / mutated JSON
        }),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '{',
        '{}',
        '[]',
        'null',
        '"x"',
        '1e400',
        '\u0000',
        '{"a":1,"a":2}',
        '{"__proto__":{"role":"admin"}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
        `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
        'serviceId=01ARZ3NDEKTSV4RRFFQ69G5FAV',
      ),
    },
  );
}

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      'application/json, text/plain',
      'application/merge-patch+json',
      '',
      'none',
    ),
  },
);

const extraHeaders = fc.subarray(
  [
    ['Accept-Language', 'en-US,en;q=0.9'],
    ['Accept-Language', ';;;,,,q=2'],
    ['Accept-Language', 'x'.repeat(4000)],
    ['X-Forwarded-For', '8.8.8.8'],
    ['Origin', 'http://evil.example'],
    ['Cookie', 'a=b; c'],
    ['Range', 'bytes=0-1'],
    ['If-None-Match', '*'],
    ['X-Motcua-Device', 'not-a-device'],
    ['Accept', '*/*'],
  ] as const,
  { maxLength: 3 },
);

const hostHeader = fc.oneof(
  { weight: 12, arbitrary: fc.constant(null) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'localhost',
      'LOCALHOST:1',
      '127.0.0.1.',
      '127.9.9.9',
      '[::1]:80',
      '[::ffff:127.0.0.1]',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...FOREIGN_HOSTS) },
);

const anyMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');

function httpCase(op: Operation): fc.Arbitrary<HttpCase> {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  return fc
    .record({
      method: fc.oneof({ weight: 6, arbitrary: fc.constant(op.method) }, anyMethod),
      values: fc.array(pathParam, { minLength: params.length, maxLength: params.length }),
      query: queryString,
      body: bodyFor(op),
      type: contentType,
      token: fc.constantFrom<TokenKind>('admin', 'officer', 'officer', 'none', 'bogus'),
      headers: extraHeaders,
      host: hostHeader,
      source: fc.nat(SOURCES - 1),
    })
    .map((r) => {
      let p = op.path;
      params.forEach((name, i) => (p = p.replace(`{${name}}`, r.values[i] as string)));
      const headers: Record<string, string> = Object.fromEntries(r.headers);
      if (r.type !== 'none') headers['Content-Type'] = r.type;
      if (r.host !== null) headers.Host = r.host;
      // An admin token only reads: with it, a write whose fields are all optional (queue
      // settings, printers) would be valid.
      const reader = r.token === 'admin' && r.method !== 'GET' ? 'officer' : r.token;
      const token = NO_OFFICER_TOKEN.has(op.name) && reader !== 'none' ? 'bogus' : reader;
      return {
        kind: 'http' as const,
        op: op.name,
        method: r.method,
        path: `/api/v1${p}${r.query}`,
        headers,
        body: r.body,
        token,
        source: r.source,
      };
    });
}

const RAW_PIECES = [
  '/',
  '//',
  '[',
  ']',
  '%',
  '%zz',
  '%00',
  '%2e%2e',
  '..',
  '.',
  '?',
  '#',
  '&',
  '=',
  'api',
  'v1',
  'api/v1/',
  '\\',
  '%E0%A4%A',
  'é',
  '\u0000',
  '@',
  ':',
  'forms/',
  'voice/vi/',
  'assets/',
  'events',
  'index.html',
  'index.html/',
  'a'.repeat(300),
  'x.wav',
  '%5C',
  '%2F',
  '\t',
  '\x7f',
  '~',
  '*',
  'http:',
  'users',
  'counters/x/call-next',
];
const rawPiece = fc.constantFrom(...RAW_PIECES);

const rawTarget = fc.oneof(
  { weight: 6, arbitrary: fc.array(rawPiece, { maxLength: 14 }).map((p) => `/${p.join('')}`) },
  {
    weight: 1,
    arbitrary: fc.array(rawPiece, { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '//[x',
      '//[',
      '/%00',
      '/%zz',
      '/'.repeat(64 * 1024),
      '*',
      'http://evil.example/api/v1/health',
      '//evil.example/api/v1/health',
      '/api/v1/events',
      '/api/v1/%zz',
      '/api/v1/users/%zz',
      '/api/v1/counters/x/call-next',
      '/api/v1/counters/x/resume',
      '/forms/%00',
      '/voice/vi/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
    ),
  },
);

const rawMethod = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'M-SEARCH', 'get', ''),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z]{1,12}$/) },
);

const rawHeader = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Content-Length: 5',
      'Content-Length: -1',
      'Content-Length: 1e3',
      'Content-Length: 99999999999999999999',
      'Content-Length: 5\r\nContent-Length: 6',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Transfer-Encoding: chunked\r\nContent-Length: 3',
      'Expect: 100-continue',
      'Connection: upgrade\r\nUpgrade: websocket',
      'Connection: keep-alive',
      'Content-Type: application/json',
      'Content-Type: text/plain',
      'Authorization: Bearer x',
      'Authorization: Bearer',
      ' folded continuation',
      `X-Big: ${'a'.repeat(20_000)}`,
      'Bad Header: x',
      ':',
      'X-\u00ff: y',
      'Accept-Language: en',
      'Host: 127.0.0.1',
      'Host: evil.example',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.stringMatching(/^[!-9;-~]{1,20}$/), fc.string({ maxLength: 40 }))
      .map(([k, v]) => `${k}: ${v}`),
  },
);

const rawBody = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('5\r\nhello\r\n0\r\n\r\n', 'zz\r\n', '0\r\n\r\n', 'ffffffffffff\r\nx'),
);

const rawCase: fc.Arbitrary<RawCase> = fc
  .record({
    method: rawMethod,
    target: rawTarget,
    version: fc.constantFrom(
      'HTTP/1.1',
      'HTTP/1.1',
      'HTTP/1.1',
      'HTTP/1.0',
      'HTTP/2.0',
      'HTTP/1.1x',
      '',
    ),
    host: fc.oneof(
      { weight: 8, arbitrary: fc.constant('Host: 127.0.0.1\r\n') },
      fc.constantFrom('', 'Host: evil.example\r\n', 'Host: [zz\r\n', 'Host: \r\n'),
    ),
    headers: fc.array(rawHeader, { maxLength: 5 }),
    body: rawBody,
    source: fc.nat(SOURCES - 1),
  })
  .map((r) => ({
    kind: 'raw' as const,
    text:
      `${r.method} ${r.target} ${r.version}\r\n${r.host}` +
      r.headers.map((h) => `${h}\r\n`).join('') +
      `\r\n${r.body}`,
    source: r.source,
  }));

/** The screens, voice clips and form pages: odd paths through `http.request` (whole answers). */
const staticCase: fc.Arbitrary<HttpCase> = fc
  .record({
    method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'),
    pieces: fc.array(fc.constantFrom(...RAW_PIECES.filter((p) => /^[\u0021-\u00ff]*$/.test(p))), {
      maxLength: 10,
    }),
    query: queryString,
    headers: extraHeaders,
    host: hostHeader,
    source: fc.nat(SOURCES - 1),
  })
  .map((r) => ({
    kind: 'http' as const,
    op: 'static',
    method: r.method,
    path: `/${r.pieces.join('')}${r.query}`,
    headers: { ...Object.fromEntries(r.headers), ...(r.host === null ? {} : { Host: r.host }) },
    body: null,
    token: 'none' as const,
    source: r.source,
  }));

const allCases: fc.Arbitrary<Case> = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(...operationList.map(httpCase)) },
  { weight: 1, arbitrary: staticCase },
  { weight: 3, arbitrary: rawCase },
);

// ——— transport ———

function sourceAddress(i: number): string {
  return `127.0.0.${2 + i}`;
}

function sendHttp(
  port: number,
  agent: http.Agent,
  c: HttpCase,
  tokens: Record<'admin' | 'officer', string>,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.token === 'officer' || c.token === 'admin') {
      headers.Authorization = `Bearer ${tokens[c.token]}`;
    }
    if (c.token === 'bogus') headers.Authorization = 'Bearer 0123456789abcdef-not-a-session';
    // Node's client frames a GET/DELETE body only with an explicit length.
    if (c.body !== null) headers['Content-Length'] = String(Buffer.byteLength(c.body));
    const req = http.request(
      { host: '127.0.0.1', port, method: c.method, path: c.path, headers, agent },
      (res) => {
        const type = String(res.headers['content-type'] ?? '');
        const parts: Buffer[] = [];
        let size = 0;
        const finish = () =>
          resolve({
            statuses: [res.statusCode ?? 0],
            contentType: type,
            body: Buffer.concat(parts).toString('utf8'),
            timedOut: false,
          });
        if (type.startsWith('text/event-stream')) {
          res.destroy();
          finish();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= 64 * 1024) parts.push(chunk);
        });
        res.on('end', finish);
        res.on('error', finish);
      },
    );
    req.setTimeout(TIMEOUT_MS, () => {
      req.destroy();
      resolve({ statuses: [], contentType: '', body: '', timedOut: true });
    });
    req.on('error', (e) =>
      resolve({ statuses: [0], contentType: '', body: String(e), timedOut: false }),
    );
    req.end(c.body ?? undefined);
  });
}

async function sendRaw(port: number, source: string, bytes: Buffer): Promise<Outcome> {
  const answer = await rawExchange(port, bytes, { source, timeoutMs: TIMEOUT_MS });
  return {
    statuses: answer.statuses,
    contentType: answer.headers['content-type'] ?? '',
    body: answer.body,
    timedOut: answer.timedOut,
  };
}

function isForeignHost(value: string | undefined): boolean {
  return value !== undefined && FOREIGN_HOSTS.includes(value);
}

// ——— the test ———

let hub: Hub;
let tokens: Record<'admin' | 'officer', string>;

beforeAll(async () => {
  const staticDir = path.join(makeTempDir('motcua-fuzz-static-'), 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>MOTCUA</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  hub = await startTestHub({ staticDir });
  tokens = { admin: await login(hub.url, ADMIN), officer: await login(hub.url, OFFICER) };
});
afterAll(cleanupHubs);

function tableCounts(): Record<string, number> {
  const tables = hub.core.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (hub.core.db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

describe('fuzz: nothing a client sends ends the hub or writes a row', () => {
  it(`${RUNS} generated requests (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const cases = fc.sample(allCases, { seed: SEED, numRuns: RUNS });
    const before = tableCounts();
    const auditBefore = (
      hub.core.db.prepare('SELECT MAX(rowid) AS id FROM audit_log').get() as { id: number | null }
    ).id;
    const agents = Array.from(
      { length: SOURCES },
      (_, i) => new http.Agent({ keepAlive: true, maxSockets: 4, localAddress: sourceAddress(i) }),
    );
    const statusCount = new Map<number, number>();
    const failures: string[] = [];
    const acceptedWrites: string[] = [];
    let timeouts = 0;
    const started = Date.now();

    const describeCase = (i: number, c: Case) =>
      c.kind === 'http'
        ? `#${i} ${c.method} ${c.path.slice(0, 200)} token=${c.token} ${JSON.stringify(c.headers).slice(0, 200)} body=${JSON.stringify((c.body ?? '').slice(0, 200))}`
        : `#${i} raw ${JSON.stringify(c.text.slice(0, 300))}`;

    async function runOne(i: number, c: Case): Promise<void> {
      const outcome =
        c.kind === 'http'
          ? await sendHttp(hub.port, agents[c.source] as http.Agent, c, tokens)
          : await sendRaw(hub.port, sourceAddress(c.source), Buffer.from(c.text, 'utf8'));
      if (outcome.timedOut) {
        timeouts++;
        failures.push(`no answer within ${TIMEOUT_MS} ms: ${describeCase(i, c)}`);
        return;
      }
      for (const s of outcome.statuses) statusCount.set(s, (statusCount.get(s) ?? 0) + 1);
      const status = outcome.statuses[0] as number;
      if (outcome.statuses.some((s) => s >= 500)) {
        failures.push(
          `${outcome.statuses.join(',')}: ${describeCase(i, c)} → ${outcome.body.slice(0, 300)}`,
        );
      }
      if (c.kind !== 'http') return;
      // (A static case's raw path may fail Node's parser first: 400 before any Host check.)
      if (isForeignHost(c.headers.Host) && c.op !== 'static' && status !== 421) {
        failures.push(`foreign Host answered ${status}, not 421: ${describeCase(i, c)}`);
      }
      const isApi = c.path.startsWith('/api/v1') && !c.path.startsWith('/api/v1/events');
      if (status >= 400 && (isApi || status === 421) && c.method !== 'HEAD') {
        let code: unknown;
        try {
          code = (JSON.parse(outcome.body) as { error?: { code?: unknown } }).error?.code;
        } catch {
          code = undefined;
        }
        if (!outcome.contentType.startsWith('application/json') || typeof code !== 'string') {
          failures.push(
            `${status} without a JSON error: ${describeCase(i, c)} → ${outcome.body.slice(0, 200)}`,
          );
        }
      }
      if (
        status >= 200 &&
        status < 300 &&
        c.method !== 'GET' &&
        c.method !== 'HEAD' &&
        c.op !== 'static' &&
        !NON_MUTATING_WRITES.has(c.op)
      ) {
        acceptedWrites.push(`${status} ${c.op}: ${describeCase(i, c)}`);
      }
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < cases.length) {
          const i = next++;
          await runOne(i, cases[i] as Case);
        }
      }),
    );
    for (const agent of agents) agent.destroy();

    const seconds = (Date.now() - started) / 1000;
    const histogram = [...statusCount.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s === 0 ? 'dropped' : s}: ${n}`)
      .join(', ');
    console.log(
      `fuzz seed ${SEED}: ${cases.length} requests in ${seconds.toFixed(1)} s — ${histogram}`,
    );

    expect(failures.slice(0, 20), `seed ${SEED}`).toEqual([]);
    expect(timeouts).toBe(0);
    expect(acceptedWrites.slice(0, 20), `seed ${SEED}`).toEqual([]);

    // No row written by a rejected request, except the audit record of failed sign-ins.
    const after = tableCounts();
    const newAudit = hub.core.db
      .prepare('SELECT action, COUNT(*) AS n FROM audit_log WHERE rowid > ? GROUP BY action')
      .all(auditBefore ?? 0) as { action: string; n: number }[];
    const unexpected = newAudit.filter((r) => !SECURITY_AUDIT_ACTIONS.has(r.action));
    expect(unexpected).toEqual([]);
    const auditAdded = newAudit.reduce((sum, r) => sum + r.n, 0);
    expect({ ...after, audit_log: (after.audit_log ?? 0) - auditAdded }).toEqual(before);

    // Still alive, still answering, still the same process.
    expect(hub.server.listening).toBe(true);
    const health = await fetch(`${hub.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });
});
