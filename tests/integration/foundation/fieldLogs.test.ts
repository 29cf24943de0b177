/**
 * Field logs over real HTTP (docs/security.md, "Field logs"): a hub in a temp folder serves a
 * session with personal data — sign-in (and a wrong password), a reception with name, CCCD,
 * phone and address, searches by CCCD and by phone, the public lookup with check digits, a
 * printable form behind its token link, sign-out — then stops. Its `<data-dir>/logs/` holds
 * one JSON line per request (id = the X-Request-Id header, method, route template, status,
 * duration) and none of the personal data, passwords or tokens of the session.
 *
 * Before: no log file at all (console only), no request id; a request's log, had there been
 * one, would have been its URL — query string with the CCCD included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/log/logger';
import type { Hub } from '../../../src/hub/startHub';
import { api, cleanupHubs, login, OFFICER, ADMIN, startTestHub } from '../../helpers/hub';
import { leaks, logLines, personalData, readLogs } from '../../helpers/logs';

const applicant = {
  fullName: 'Hoàng Thị Mỹ Duyên',
  idNumber: '036198004321',
  phone: '0978 112 233',
  address: 'Xóm Đồng Bông, thôn Phú Thọ, xã Quảng Phú',
  email: 'myduyen@example.vn',
};

let hub: Hub;
let dataDir: string;
const requests: { id: string | null; method: string; route: string; status: number }[] = [];
const secrets: string[] = [];

async function call(
  method: string,
  pathname: string,
  route: string,
  init: { token?: string; json?: unknown } = {},
) {
  const res = await api(hub.url, pathname, { method, ...init });
  requests.push({ id: res.headers.get('x-request-id'), method, route, status: res.status });
  return res;
}

beforeAll(async () => {
  hub = await startTestHub();
  dataDir = hub.core.dataDir;
  const wrong = await call('POST', '/api/v1/auth/login', '/api/v1/auth/login', {
    json: { username: 'canbo1', password: 'Sai-mat-khau-9' },
  });
  expect(wrong.status).toBe(401);
  secrets.push('Sai-mat-khau-9');
  const officer = await login(hub.url, OFFICER);
  const admin = await login(hub.url, ADMIN);
  secrets.push(officer, admin);
  const received = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
    token: officer,
    json: { procedureId: '1.000656', applicant },
  });
  expect(received.status).toBe(201);
  const code = (received.body as { code: string }).code;
  const byId = await call('GET', `/api/v1/dossiers?q=${applicant.idNumber}`, '/api/v1/dossiers', {
    token: officer,
  });
  expect((byId.body as { total: number }).total).toBe(1);
  const byPhone = await call(
    'GET',
    `/api/v1/dossiers?q=${encodeURIComponent(applicant.phone)}`,
    '/api/v1/dossiers',
    { token: officer },
  );
  expect((byPhone.body as { total: number }).total).toBe(1);
  await call('GET', `/api/v1/dossiers/${code}`, '/api/v1/dossiers/{code}', { token: officer });
  const lookup = await call(
    'GET',
    `/api/v1/public/dossiers/${code}?check=4321`,
    '/api/v1/public/dossiers/{code}',
  );
  expect(lookup.status).toBe(200);
  const link = await call(
    'POST',
    `/api/v1/dossiers/${code}/forms/receipt`,
    '/api/v1/dossiers/{code}/forms/{form}',
    { token: officer, json: {} },
  );
  expect(link.status).toBe(200);
  const formUrl = (link.body as { url: string }).url;
  secrets.push(formUrl.slice('/forms/'.length));
  const page = await call('GET', formUrl, '/forms/{token}');
  expect(page.status).toBe(200);
  expect(page.text).toContain(applicant.fullName); // the page has them; the log must not
  await call('POST', '/api/v1/auth/logout', '/api/v1/auth/logout', { token: officer, json: {} });
  secrets.push(...personalData(hub.core.db));
  await hub.stop();
});
afterAll(cleanupHubs);

describe('<data-dir>/logs after a session with personal data', () => {
  it('one line per request: its X-Request-Id, method, route template, status and duration', () => {
    const lines = logLines(dataDir);
    expect(requests.length).toBeGreaterThan(8);
    for (const r of requests) {
      expect(r.id, r.route).toMatch(/^[0-9a-f-]{36}$/);
      const line = lines.find((l) => l.reqId === r.id && l.msg === 'request');
      expect(line, `${r.method} ${r.route}`).toMatchObject({
        method: r.method,
        route: r.route,
        status: r.status,
      });
      expect(typeof line?.ms, r.route).toBe('number');
    }
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['core started', 'core stopped']),
    );
  });

  it('contains none of the names, ID numbers, phones, addresses, passwords or tokens', () => {
    const text = readLogs(dataDir);
    expect(secrets).toEqual(
      expect.arrayContaining([
        applicant.fullName,
        applicant.idNumber,
        '0978112233',
        applicant.address,
        'Canbo@123',
      ]),
    );
    expect(leaks(text, secrets)).toEqual([]);
    // Not masked copies either: no query string reaches the log.
    expect(text).not.toContain('?q=');
    expect(text).not.toContain('check=');
  });

  it('the folder is 0700 and its files 0600', () => {
    const dir = path.join(dataDir, 'logs');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const files = fs.readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(0o600);
  });
});

describe('a failure inside an operation', () => {
  it('is logged with its stack and the request line says 500 (the client gets no stack)', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(
      { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) },
      systemClock,
    );
    const broken = await startTestHub({ logger });
    // The table the operation reads is gone: an unexpected failure, not a client mistake.
    broken.core.db.exec('ALTER TABLE counters RENAME TO counters_gone');
    const res = await api(broken.url, '/api/v1/counters');
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('counters_gone');
    const id = res.headers.get('x-request-id');
    await expect
      .poll(() => lines.some((l) => l.reqId === id && l.msg === 'request'), { timeout: 10_000 })
      .toBe(true);
    const failure = lines.find((l) => l.area === 'dispatch');
    expect(failure).toMatchObject({ level: 'error' });
    expect((failure?.err as { stack: string }).stack).toContain('no such table: counters');
    expect(lines.find((l) => l.reqId === id && l.msg === 'request')).toMatchObject({
      level: 'error',
      route: '/api/v1/counters',
      status: 500,
    });
    // An injected logger is the core's logger: no file of its own in the data folder.
    expect(fs.existsSync(path.join(broken.core.dataDir, 'logs'))).toBe(false);
  });
});
