/**
 * Shared helpers for the foundation tests: temp data folders, a demo hub on an ephemeral
 * 127.0.0.1 port, sign-in, and a small JSON-over-fetch wrapper. Every hub and folder created
 * here is cleaned up by `cleanupHubs()` (call it in afterEach/afterAll).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub, type Hub, type HubOptions } from '../../src/hub/startHub';
import { DEMO_KIOSK_TOKEN, DEMO_RATING_TOKEN } from '../../src/core/demo/seedDemo';

/** The demo's paired kiosk and rating tablet (fixed tokens, `--demo` only): docs/security.md. */
export const KIOSK = DEMO_KIOSK_TOKEN;
export const RATING_DEVICE = DEMO_RATING_TOKEN;

const tempDirs: string[] = [];
const hubs: Hub[] = [];

export const ADMIN = { username: 'admin', password: 'Admin@123' } as const;
export const OFFICER = { username: 'canbo1', password: 'Canbo@123' } as const;

/** A fresh folder under the OS temp dir, removed by `cleanupHubs()`. */
export function makeTempDir(prefix = 'motcua-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Start a hub (demo data by default) on an ephemeral port in a new temp data folder. */
export async function startTestHub(options: Partial<HubOptions> = {}): Promise<Hub> {
  const hub = await startHub({
    dataDir: options.dataDir ?? makeTempDir(),
    port: 0,
    host: '127.0.0.1',
    demo: true,
    ...options,
  });
  hubs.push(hub);
  return hub;
}

/** Stop every hub started here and delete every temp folder. */
export async function cleanupHubs(): Promise<void> {
  const running = hubs.splice(0);
  await Promise.all(running.map((h) => h.stop()));
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Call the hub and parse the answer (JSON when there is a body). */
export async function api(
  baseUrl: string,
  pathname: string,
  init: {
    method?: string;
    token?: string | null;
    /** A paired device's token, sent as X-Motcua-Device. */
    device?: string;
    json?: unknown;
    rawBody?: string;
    lang?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.device) headers['X-Motcua-Device'] = init.device;
  if (init.lang) headers['Accept-Language'] = init.lang;
  let body: string | undefined;
  if (init.json !== undefined) body = JSON.stringify(init.json);
  if (init.rawBody !== undefined) body = init.rawBody;
  const method = init.method ?? (body === undefined ? 'GET' : 'POST');
  // Like the screens' client: every write declares JSON, even with no body (a DELETE
  // without a body is exempt).
  const declares = body !== undefined || ['POST', 'PUT', 'PATCH'].includes(method);
  if (declares && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers,
    body,
  });
  const text = await res.text();
  let parsed: unknown = null;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) {
    parsed = JSON.parse(text) as unknown;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** The `error` part of an error answer; fails loudly when the body has no such shape. */
export function errorOf(res: JsonResponse): ErrorBody['error'] {
  const body = res.body as Partial<ErrorBody> | null;
  if (!body || typeof body !== 'object' || !body.error) {
    throw new Error(`expected an error body, got ${res.status} ${res.text.slice(0, 200)}`);
  }
  return body.error;
}

/** Sign in over HTTP and return the bearer token (throws on anything but 200). */
export async function login(
  baseUrl: string,
  who: { username: string; password: string } = ADMIN,
): Promise<string> {
  const res = await api(baseUrl, '/api/v1/auth/login', { json: who });
  if (res.status !== 200)
    throw new Error(`login ${who.username} failed: ${res.status} ${res.text}`);
  return (res.body as { token: string }).token;
}

/** An applicant of the hand-worked dossier cases (no real person). */
export const APPLICANT = {
  fullName: 'Lò Thị Mai',
  idNumber: '001190123456',
  phone: '0987 654 321',
  address: 'Bản Mường, xã Quảng Phú, tỉnh Thanh Hóa',
};

/**
 * An hour-based procedure for the on-time-by-the-instant cases (docs/reports.md, "On-time
 * class"): the certified-copy entry 2.000815 saved under code 9.999001 with a 4-hour limit.
 */
export async function addFourHourProcedure(baseUrl: string): Promise<void> {
  const adminToken = await login(baseUrl, ADMIN);
  const list = (await api(baseUrl, '/api/v1/catalog/procedures', { token: adminToken }))
    .body as Record<string, unknown>[];
  const copy = list.find((p) => p['id'] === '2.000815');
  if (!copy) throw new Error('procedure 2.000815 missing from the catalogue');
  const saved = await api(baseUrl, '/api/v1/catalog/procedures/9.999001', {
    token: adminToken,
    method: 'PUT',
    json: {
      id: '9.999001',
      procedure: {
        ...copy,
        id: '9.999001',
        nationalCode: '9.999001',
        name: 'Thủ tục thử 4 giờ làm việc',
        processingTime: { amount: 4, unit: 'hour' },
        queueService: undefined,
      },
    },
  });
  if (saved.status !== 200) throw new Error(`saving 9.999001 failed: ${saved.text}`);
}

/** Row counts of the tables an edge failure must never touch. */
export function rowCounts(hub: Hub): { users: number; settings: number; audit: number } {
  const count = (table: string) =>
    (hub.core.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { users: count('users'), settings: count('settings'), audit: count('audit_log') };
}

/** Pair `count` new devices over the API as the admin (e.g. more kiosks than the demo's one). */
export async function pairDevices(
  baseUrl: string,
  count: number,
  kind: 'kiosk' | 'rating' | 'display' = 'kiosk',
): Promise<string[]> {
  const token = await login(baseUrl, ADMIN);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await api(baseUrl, '/api/v1/devices', {
      token,
      json: { name: `${kind} ${i + 1}`, kind },
    });
    if (res.status !== 201) throw new Error(`pairing failed: ${res.status} ${res.text}`);
    tokens.push((res.body as { token: string }).token);
  }
  return tokens;
}
