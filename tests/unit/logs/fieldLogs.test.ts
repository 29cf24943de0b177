/**
 * Field logs (docs/security.md, "Field logs"): one file per Vietnamese day in
 * `<data-dir>/logs/`, 30 days kept — pruned when a day's file opens, so also at a start after
 * the office was switched off overnight —, folder 0700 and files 0600, redaction of known
 * fields, error stacks, and the route of a request logged without query, token or id.
 *
 * Before: the hub and core wrote `console.error` lines to the terminal only (lost when no one
 * watched it), with no request id, route, status or duration and no rotation.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import { DailyFileStream, LOG_RETENTION_DAYS, logFileName } from '../../../src/core/log/dailyFile';
import { createLogger } from '../../../src/core/log/logger';
import { routeOf, startRequestLog } from '../../../src/hub/requestLog';

const dirs: string[] = [];
const streams: DailyFileStream[] = [];
afterEach(() => {
  for (const s of streams.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-logs-'));
  dirs.push(d);
  return d;
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('DailyFileStream: one file per Vietnamese day, 30 days kept', () => {
  it('rolls at Vietnamese midnight (17:00 UTC), not at the machine’s midnight', () => {
    const dir = path.join(tempDir(), 'logs');
    const clock = fixedClock(new Date('2026-12-06T16:59:59.000Z')); // 23:59:59 in Vietnam
    const s = new DailyFileStream(dir, clock);
    streams.push(s);
    s.write('a\n');
    clock.advance(1000); // 00:00:00 on 07/12 in Vietnam
    s.write('b\n');
    clock.advance(60_000);
    s.write('c\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['motcua-2026-12-06.log', 'motcua-2026-12-07.log']);
    expect(fs.readFileSync(path.join(dir, 'motcua-2026-12-06.log'), 'utf8')).toBe('a\n');
    expect(fs.readFileSync(path.join(dir, 'motcua-2026-12-07.log'), 'utf8')).toBe('b\nc\n');
  });

  it('a restart the same day appends to that day’s file', () => {
    const dir = tempDir();
    const clock = fixedClock(new Date('2026-12-06T02:00:00Z'));
    const first = new DailyFileStream(dir, clock);
    first.write('before\n');
    first.close();
    const second = new DailyFileStream(dir, clock);
    streams.push(second);
    second.write('after\n');
    expect(fs.readFileSync(path.join(dir, logFileName('2026-12-06')), 'utf8')).toBe(
      'before\nafter\n',
    );
  });

  it('keeps 30 days: older day files go at start and at each new day; other files stay', () => {
    const dir = tempDir();
    // 40 days of files before 06/12, as an office that never ran past midnight leaves them.
    for (let i = 1; i <= 40; i++) {
      const d = new Date(Date.UTC(2026, 11, 6 - i));
      fs.writeFileSync(path.join(dir, logFileName(d.toISOString().slice(0, 10))), 'old\n');
    }
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'kept');
    const clock = fixedClock(new Date('2026-12-06T02:00:00Z'));
    const s = new DailyFileStream(dir, clock);
    streams.push(s);
    const days = () =>
      fs
        .readdirSync(dir)
        .filter((n) => n.startsWith('motcua-'))
        .sort();
    expect(LOG_RETENTION_DAYS).toBe(30);
    expect(days()).toHaveLength(30); // today + the 29 days before
    expect(days()[0]).toBe('motcua-2026-11-07.log');
    expect(days().at(-1)).toBe('motcua-2026-12-06.log');
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
    clock.advance(24 * 3600_000);
    s.write('next day\n');
    expect(days()).toHaveLength(30);
    expect(days()[0]).toBe('motcua-2026-11-08.log');
    expect(days().at(-1)).toBe('motcua-2026-12-07.log');
  });

  it('folder 0700 and files 0600, also when they existed with wider modes', () => {
    const root = tempDir();
    const dir = path.join(root, 'logs');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, logFileName('2026-12-06'));
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const clock = fixedClock(new Date('2026-12-06T02:00:00Z'));
    const s = new DailyFileStream(dir, clock);
    streams.push(s);
    s.write('x\n');
    clock.advance(24 * 3600_000);
    s.write('y\n');
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(dir, logFileName('2026-12-07')))).toBe(0o600);
  });

  it('a write that fails is dropped and counted; logging never throws', () => {
    const dir = tempDir();
    const clock = fixedClock(new Date('2026-12-06T02:00:00Z'));
    const s = new DailyFileStream(dir, clock);
    streams.push(s);
    fs.rmSync(dir, { recursive: true, force: true });
    clock.advance(24 * 3600_000); // the next day's file cannot be created
    expect(() => s.write('lost\n')).not.toThrow();
    expect(s.dropped).toBe(1);
  });
});

describe('the logger', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const clock = fixedClock(new Date('2026-12-06T02:00:00Z'));
    const log = createLogger(
      { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) },
      clock,
    );
    return { lines, log };
  }

  it('redacts known personal and secret fields whatever a caller passes', () => {
    const { lines, log } = capture();
    log.info(
      {
        password: 'Admin@123',
        applicant: { fullName: 'Đặng Văn Đức', idNumber: '001090123456' },
        user: { phone: '0912345678', address: 'Thôn Phú Thọ', token: 'abc' },
        headers: { authorization: 'Bearer abc', 'x-motcua-device': 'dev' },
        route: '/api/v1/health',
      },
      'x',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['Admin@123', 'Đặng Văn Đức', '001090123456', '0912345678', 'Thôn']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('abc');
    expect(text).not.toContain('"dev"');
    expect(lines[0]).toMatchObject({
      level: 'info',
      time: '2026-12-06T02:00:00.000Z',
      route: '/api/v1/health',
    });
    expect(lines[0]).not.toHaveProperty('hostname');
  });

  it('errors carry their stack', () => {
    const { lines, log } = capture();
    log.error({ err: new Error('boom') }, 'failed');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'failed' });
    const err = lines[0]?.err as { message: string; stack: string };
    expect(err.message).toBe('boom');
    expect(err.stack).toContain('fieldLogs.test.ts');
  });
});

describe('request lines', () => {
  it('routes: the contract template or the path, never a query, token or id', () => {
    expect(routeOf('GET', '/api/v1/dossiers?q=001090123456')).toBe('/api/v1/dossiers');
    expect(routeOf('GET', '/api/v1/dossiers/000.00.14.H56-261206-0001')).toBe(
      '/api/v1/dossiers/{code}',
    );
    expect(routeOf('GET', '/forms/3f9c0d7e1a2b?x=1')).toBe('/forms/{token}');
    expect(routeOf('GET', '/ticket/01JF3K0000000000000000000')).toBe('/ticket/{id}');
    expect(routeOf('GET', '/kiosk?device=secret-token')).toBe('/kiosk');
    expect(routeOf('GET', '/api/v1/nope/0912345678#x')).toBe('/api/v1/nope/0912345678');
    // Raw targets that once crashed the URL parser are only cut, never parsed.
    expect(routeOf('GET', '//[x')).toBe('//[x');
    expect(routeOf('GET', '/%zz%00')).toBe('/%zz%00');
    expect(routeOf('GET', '/'.repeat(65536))).toHaveLength(121);
  });

  it('one line per request with id (= X-Request-Id), method, route, status, ms; errors with stack', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger(
      { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) },
      fixedClock(new Date('2026-12-06T02:00:00Z')),
    );
    const server = http.createServer((req, res) => {
      const rl = startRequestLog(log, req, res);
      if (req.url?.startsWith('/fail')) {
        rl.error(new Error('handler exploded'));
        res.statusCode = 500;
      }
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await fetch(`${base}/api/v1/dossiers?q=001090123456`);
      await ok.text();
      const failed = await fetch(`${base}/fail?password=x`, { method: 'POST', body: 'secret' });
      await failed.text();
      const okId = ok.headers.get('x-request-id');
      const failedId = failed.headers.get('x-request-id');
      expect(okId).toMatch(/^[0-9a-f-]{36}$/);
      await expect.poll(() => lines.length, { timeout: 10_000 }).toBe(3);
      const line = lines.find((l) => l.reqId === okId && l.msg === 'request');
      expect(line).toMatchObject({
        level: 'info',
        method: 'GET',
        route: '/api/v1/dossiers',
        status: 200,
        ip: '127.0.0.1',
      });
      expect(typeof line?.ms).toBe('number');
      const error = lines.find((l) => l.reqId === failedId && l.msg === 'request failed');
      expect((error?.err as { stack: string }).stack).toContain('handler exploded');
      expect(lines.find((l) => l.reqId === failedId && l.msg === 'request')).toMatchObject({
        level: 'error',
        method: 'POST',
        route: '/fail',
        status: 500,
      });
      const text = JSON.stringify(lines);
      expect(text).not.toContain('001090123456');
      expect(text).not.toContain('secret');
      expect(text).not.toContain('password');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
