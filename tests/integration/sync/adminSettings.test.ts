/**
 * The sync and backup admin screens over HTTP (docs/sync.md, docs/backup.md): the backup folder (absolute, created if missing,
 * writable — a refused folder changes nothing), "Sao lưu ngay" (a file that passes
 * integrity_check, listed first, audited), the sync settings (the site key is write-only, the
 * on/off switch), a hub that is never a receiver (the province service is: docs/province.md),
 * and who may call what (officer 403).
 */
import Database from 'better-sqlite3';
import { run } from '../../../src/cli/motcua';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/startHub';
import {
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  OFFICER,
  rowCounts,
  startTestHub,
} from '../../helpers/hub';

afterEach(cleanupHubs);

interface BackupConfig {
  dir: string;
  defaultDir: string;
  custom: boolean;
  dataDir: string;
}
interface BackupFile {
  fileName: string;
  kind: string;
  bytes: number;
  at: string;
}

async function adminHub(options: Parameters<typeof startTestHub>[0] = {}) {
  const hub = await startTestHub({ maintenance: { autoBackup: false }, ...options });
  const token = await login(hub.url);
  return { hub, token };
}

async function auditActions(hub: Hub, token: string): Promise<string[]> {
  const res = await api(hub.url, '/api/v1/audit?limit=50', { token });
  expect(res.status).toBe(200);
  return (res.body as { action: string }[]).map((r) => r.action);
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

describe('backup folder (backup.config.set)', () => {
  it('refuses a relative path in plain Vietnamese (English on request) and changes nothing', async () => {
    const { hub, token } = await adminHub();
    const before = await api(hub.url, '/api/v1/backup/config', { token });
    expect(before.status).toBe(200);
    const counts = rowCounts(hub);
    const relative = `saoluu-${process.pid}/usb`;

    const res = await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      json: { dir: relative },
    });
    expect(res.status).toBe(422);
    const err = errorOf(res);
    expect(err.code).toBe('UNPROCESSABLE');
    expect(err.message).toContain('đường dẫn đầy đủ (tuyệt đối)');
    expect(err.details).toMatchObject({ reason: 'RELATIVE' });
    const en = await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      lang: 'en',
      json: { dir: relative },
    });
    expect(errorOf(en).message).toContain('must be a full (absolute) path');

    expect(fs.existsSync(path.resolve(`saoluu-${process.pid}`))).toBe(false);
    expect(rowCounts(hub)).toEqual(counts);
    const after = await api(hub.url, '/api/v1/backup/config', { token });
    expect(after.body).toEqual(before.body);
  });

  it('refuses a folder that cannot be created or written, leaving no folder and no setting behind', async () => {
    const { hub, token } = await adminHub();
    const tmp = makeTempDir();
    const aFile = path.join(tmp, 'not-a-folder.txt');
    fs.writeFileSync(aFile, 'x');
    const counts = rowCounts(hub);
    const before = (await api(hub.url, '/api/v1/backup/config', { token })).body as BackupConfig;

    const cases: { dir: string; reason: string; text: RegExp }[] = [
      // Part of the path is a file.
      {
        dir: path.join(aFile, 'saoluu', 'usb'),
        reason: 'NOT_A_DIRECTORY',
        text: /là một tệp, không phải thư mục/,
      },
      // Exists, is a folder, but nothing can be written there (even as root).
      { dir: '/proc/self', reason: 'NOT_WRITABLE', text: /Không ghi được vào thư mục sao lưu/ },
      // Missing, and its parent refuses new folders.
      {
        dir: '/proc/self/motcua-backups/usb',
        reason: 'CANNOT_CREATE',
        text: /Không tạo được thư mục sao lưu/,
      },
    ];
    for (const c of cases) {
      const res = await api(hub.url, '/api/v1/backup/config', {
        method: 'PUT',
        token,
        json: { dir: c.dir },
      });
      expect(res.status, c.dir).toBe(422);
      const err = errorOf(res);
      expect(err.message, c.dir).toMatch(c.text);
      expect(err.details, c.dir).toMatchObject({ reason: c.reason });
    }
    expect(fs.readdirSync(tmp)).toEqual(['not-a-folder.txt']);
    expect(fs.existsSync('/proc/self/motcua-backups')).toBe(false);
    expect(rowCounts(hub)).toEqual(counts);
    expect((await api(hub.url, '/api/v1/backup/config', { token })).body).toEqual(before);
    expect(before.custom).toBe(false);
    expect(before.dir).toBe(path.join(hub.core.dataDir, 'backups'));
  });

  it('creates a missing folder, stores and audits it; "Sao lưu ngay" writes there a sound file listed first', async () => {
    const { hub, token } = await adminHub();
    const usb = path.join(makeTempDir(), 'usb', 'saoluu');
    const set = await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      json: { dir: `${usb}/` },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ dir: usb, custom: true, dataDir: hub.core.dataDir });
    expect(fs.statSync(usb).isDirectory()).toBe(true);
    expect(fs.readdirSync(usb)).toEqual([]); // the write probe is gone
    expect((await auditActions(hub, token))[0]).toBe('backup.config');

    const made = await api(hub.url, '/api/v1/backups', { method: 'POST', token, json: {} });
    expect(made.status).toBe(201);
    const file = made.body as BackupFile & { dir: string };
    expect(file.fileName).toMatch(/^motcua-manual-\d{8}-\d{6}\.sqlite$/);
    expect(file.kind).toBe('manual');
    expect(file.dir).toBe(usb);
    const onDisk = path.join(usb, file.fileName);
    expect(fs.statSync(onDisk).size).toBe(file.bytes);
    expect(file.bytes).toBeGreaterThan(0);
    expect(integrity(onDisk)).toBe('ok');
    // The copy holds the office's data (the demo admin can be found in it).
    const copy = new Database(onDisk, { readonly: true });
    try {
      expect(
        copy.prepare("SELECT COUNT(*) AS n FROM users WHERE username = 'admin'").get(),
      ).toEqual({ n: 1 });
    } finally {
      copy.close();
    }
    expect(fs.readdirSync(usb).filter((n) => !n.startsWith('motcua-'))).toEqual([]);

    const list = await api(hub.url, '/api/v1/backups?limit=5', { token });
    expect(list.status).toBe(200);
    expect((list.body as BackupFile[])[0]).toMatchObject({
      fileName: file.fileName,
      kind: 'manual',
      bytes: file.bytes,
    });
    const actions = await auditActions(hub, token);
    expect(actions[0]).toBe('backup.now');

    // null: back to <data-dir>/backups, audited too.
    const reset = await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      json: { dir: null },
    });
    expect(reset.body).toMatchObject({
      custom: false,
      dir: path.join(hub.core.dataDir, 'backups'),
    });
    expect((await auditActions(hub, token))[0]).toBe('backup.config');
  });
});

describe('sync settings', () => {
  it('takes the site key but never gives it back (answers, config, audit log)', async () => {
    const { hub, token } = await adminHub();
    const siteKey = 'k'.repeat(20) + 'BÍ-MẬT-0123456789abcdef';
    const put = await api(hub.url, '/api/v1/sync/config', {
      method: 'PUT',
      token,
      json: { upstreamUrl: 'http://127.0.0.1:9/', siteKey, enabled: false },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      upstreamUrl: 'http://127.0.0.1:9/',
      hasSiteKey: true,
      enabled: false,
    });
    const get = await api(hub.url, '/api/v1/sync/config', { token });
    expect(get.body).toMatchObject({
      upstreamUrl: 'http://127.0.0.1:9/',
      hasSiteKey: true,
      enabled: false,
      upstreamFromCommandLine: false,
    });
    const audit = await api(hub.url, '/api/v1/audit?limit=50', { token });
    for (const text of [put.text, get.text, audit.text]) expect(text).not.toContain(siteKey);
    expect(audit.text).toContain('"siteKeyChanged":true');

    // Off: nothing is pushed and the watchdog does not call the upstream failing.
    const wd = await api(hub.url, '/api/v1/system/watchdog', { token });
    expect((wd.body as { upstream: { state: string } }).upstream.state).toBe('off');
    expect(hub.core.sync.upstream()).toBeNull();
    // Back on without resending the key: the key stays.
    const on = await api(hub.url, '/api/v1/sync/config', {
      method: 'PUT',
      token,
      json: { upstreamUrl: 'http://127.0.0.1:9/', enabled: true },
    });
    expect(on.body).toEqual({
      upstreamUrl: 'http://127.0.0.1:9/',
      hasSiteKey: true,
      enabled: true,
    });
    expect(hub.core.sync.upstream()).toBe('http://127.0.0.1:9/');
    // One receiver: the hub has no role switch and no site registry (the province service
    // registers sites and receives batches), not even for an admin.
    for (const path of ['/api/v1/sync/role', '/api/v1/sync/sites']) {
      expect((await api(hub.url, path, { token })).status, path).toBe(404);
    }
    const register = await api(hub.url, '/api/v1/sync/sites', {
      token,
      json: { siteId: 'x', name: 'x' },
    });
    expect(register.status).toBe(404);
    // Nor does its maintenance command import a site's USB file: it names the province's.
    await hub.stop();
    const lines: string[] = [];
    await expect(
      run(['--data-dir', hub.core.dataDir, 'sync', 'import', 'x.json'], (l) => lines.push(l)),
    ).rejects.toThrow('npm run province -- import FILE');
    expect(lines).toEqual([]);
  });
});

describe('who may call the admin operations', () => {
  it('an officer gets 403 and no token 401 on every backup/sync admin operation; nothing changes', async () => {
    const { hub } = await adminHub();
    const officer = await login(hub.url, OFFICER);
    const counts = rowCounts(hub);
    const calls: { path: string; method: string; json?: unknown }[] = [
      { path: '/api/v1/backup/config', method: 'GET' },
      { path: '/api/v1/backup/config', method: 'PUT', json: { dir: makeTempDir() } },
      { path: '/api/v1/backups', method: 'GET' },
      { path: '/api/v1/backups', method: 'POST', json: {} },
      { path: '/api/v1/sync/config', method: 'GET' },
      { path: '/api/v1/sync/config', method: 'PUT', json: { upstreamUrl: null } },
    ];
    for (const c of calls) {
      const asOfficer = await api(hub.url, c.path, {
        method: c.method,
        token: officer,
        json: c.json,
      });
      expect(asOfficer.status, `${c.method} ${c.path}`).toBe(403);
      expect(errorOf(asOfficer).code).toBe('FORBIDDEN');
      const anonymous = await api(hub.url, c.path, { method: c.method, json: c.json });
      expect(anonymous.status, `${c.method} ${c.path}`).toBe(401);
    }
    expect(rowCounts(hub)).toEqual(counts);
    expect(fs.existsSync(path.join(hub.core.dataDir, 'backups'))).toBe(false);
    // The officer still sees the status line of the desk.
    expect((await api(hub.url, '/api/v1/sync/status', { token: officer })).status).toBe(200);
  });
});
