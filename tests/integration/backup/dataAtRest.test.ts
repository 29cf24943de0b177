/**
 * Personal data at rest (docs/security.md "Exports, restore and personal data at rest"):
 * private file modes, no backup folder inside a served folder, encrypted backups and their
 * restore. Old behaviour: the database and backups were created 0644 in 0755 folders, an
 * admin could point the backup folder at the served `/assets` (the database then downloaded
 * anonymously), and every backup was a plain SQLite file.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isEncryptedBackup } from '../../../src/core/backup/backupCrypto';
import { restoreDatabase, RestoreError } from '../../../src/core/backup/restore';
import { looksRemovable } from '../../../src/core/security/fileModes';
import { run, type CliIo } from '../../../src/cli/motcua';
import { startHub } from '../../../src/hub/startHub';
import {
  ADMIN,
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  startTestHub,
} from '../../helpers/hub';
import { tableChecksums } from '../../helpers/sync';

afterEach(cleanupHubs);

const POSIX = process.platform !== 'win32';
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const PASS = 'Mật khẩu sao lưu xã Quảng Phú 2026';

function liveChecksums(dataDir: string) {
  const db = new Database(path.join(dataDir, 'motcua.sqlite'), { readonly: true });
  try {
    return tableChecksums(db);
  } finally {
    db.close();
  }
}

const noTty: CliIo = {
  isTty: false,
  ask: () => Promise.reject(new Error('no terminal')),
};

describe.runIf(POSIX)('file modes', () => {
  it('database, -wal, -shm, backups and logs 0600; data and backup folders 0700', async () => {
    const dataDir = path.join(makeTempDir(), 'data');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    fs.mkdirSync(path.join(dataDir, 'logs'), { mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'logs', 'motcua.1.log'), '{}\n', { mode: 0o644 });
    // A backup an older version wrote 0644, and someone else's file in the same folder.
    fs.mkdirSync(path.join(dataDir, 'backups'), { mode: 0o755 });
    const older = path.join(dataDir, 'backups', 'motcua-daily-2025-01-01.sqlite');
    const foreign = path.join(dataDir, 'backups', 'notes.txt');
    fs.writeFileSync(older, '', { mode: 0o644 });
    fs.writeFileSync(foreign, '', { mode: 0o644 });
    const hub = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
    expect(mode(dataDir)).toBe(0o700);
    for (const f of ['motcua.sqlite', 'motcua.sqlite-wal', 'motcua.sqlite-shm']) {
      expect(mode(path.join(dataDir, f)), f).toBe(0o600);
    }
    expect(mode(path.join(dataDir, 'logs'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'logs', 'motcua.1.log'))).toBe(0o600);
    expect(mode(older)).toBe(0o600);
    expect(mode(foreign)).toBe(0o644);
    const token = await login(hub.url, ADMIN);
    const made = await api(hub.url, '/api/v1/backups', { token, json: {} });
    expect(made.status).toBe(201);
    const file = path.join(dataDir, 'backups', (made.body as { fileName: string }).fileName);
    expect(mode(path.join(dataDir, 'backups'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });
});

describe('a backup folder inside a served folder is refused', () => {
  it('when it is set (422 SERVED, nothing created or stored) and when the hub starts', async () => {
    const staticDir = makeTempDir('motcua-static-');
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
    const dataDir = makeTempDir();
    const hub = await startTestHub({ dataDir, staticDir, maintenance: { autoBackup: false } });
    const token = await login(hub.url, ADMIN);
    for (const dir of [
      path.join(staticDir, 'assets'),
      path.join(staticDir, 'assets', 'new-folder'),
      staticDir,
      path.join(dataDir, 'voice', 'vi'),
    ]) {
      const r = await api(hub.url, '/api/v1/backup/config', {
        method: 'PUT',
        token,
        json: { dir },
      });
      expect(r.status, dir).toBe(422);
      expect(errorOf(r).details).toMatchObject({ reason: 'SERVED' });
      expect(errorOf(r).message).toMatch(/ai cũng tải được bản sao lưu/);
    }
    expect(fs.existsSync(path.join(staticDir, 'assets', 'new-folder'))).toBe(false);
    const config = await api(hub.url, '/api/v1/backup/config', { token });
    expect(config.body).toMatchObject({ custom: false });
    // A link to the served folder is the served folder.
    const link = path.join(makeTempDir('motcua-link-'), 'innocent');
    fs.symlinkSync(path.join(staticDir, 'assets'), link);
    const viaLink = await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      json: { dir: link },
    });
    expect(viaLink.status).toBe(422);
    await hub.stop();

    // The setting already points into the served folder (an older version, a moved
    // --static-dir): the hub refuses to start, nothing is served.
    const db = new Database(path.join(dataDir, 'motcua.sqlite'));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('backup.dir', ?, ?)").run(
      JSON.stringify(path.join(staticDir, 'assets')),
      new Date().toISOString(),
    );
    db.close();
    await expect(
      startHub({ dataDir, staticDir, port: 0, host: '127.0.0.1', demo: true }),
    ).rejects.toThrow(/thư mục sao lưu .*assets.* nên hub không khởi động.* backup-dir --default/);
    expect(fs.readdirSync(path.join(staticDir, 'assets'))).toEqual([]);
    // `motcua backup --out` into a served folder is refused as well.
    await expect(
      run(['--data-dir', dataDir, 'backup', '--out', path.join(dataDir, 'voice', 'vi')], () => {}),
    ).rejects.toThrow(/ai cũng tải được bản sao lưu/);
    expect(fs.existsSync(path.join(dataDir, 'voice'))).toBe(false);
    // The way out the message gives: back to the default folder, then the hub starts.
    const lines: string[] = [];
    expect(
      await run(['--data-dir', dataDir, 'backup-dir', '--default'], (s) => lines.push(s)),
    ).toBe(0);
    const again = await startTestHub({ dataDir, staticDir, maintenance: { autoBackup: false } });
    expect(again.core.maintenance.backupDir()).toBe(path.join(dataDir, 'backups'));
  });
});

describe('encrypted backups', () => {
  it('set a passphrase (write-only), back up encrypted, restore with --passphrase-file; wrong passphrase changes nothing', async () => {
    const dataDir = makeTempDir();
    const hub = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
    const token = await login(hub.url, ADMIN);
    const backups = makeTempDir('motcua-enc-');
    const set = await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      json: { dir: backups, passphrase: PASS },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ encrypted: true, dir: backups });
    expect(set.text).not.toContain(PASS);
    const get = await api(hub.url, '/api/v1/backup/config', { token });
    expect(get.body).toMatchObject({ encrypted: true });
    expect(get.text).not.toContain(PASS);
    const audit = hub.core.db
      .prepare("SELECT details FROM audit_log WHERE action = 'backup.config'")
      .all() as { details: string }[];
    expect(audit.map((a) => a.details).join()).not.toContain(PASS);
    expect(audit.map((a) => a.details).join()).toContain('passphrase set');
    // A passphrase too short is a validation error, and changes nothing.
    const short = await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      json: { dir: backups, passphrase: 'short' },
    });
    expect(short.status).toBe(400);

    const made = await api(hub.url, '/api/v1/backups', { token, json: {} });
    expect(made.status).toBe(201);
    const info = made.body as { fileName: string; encrypted: boolean };
    expect(info.fileName).toMatch(/^motcua-manual-.*\.sqlite\.enc$/);
    expect(info.encrypted).toBe(true);
    const file = path.join(backups, info.fileName);
    expect(isEncryptedBackup(file)).toBe(true);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from('Hoàng Văn'))).toBe(false);
    // No plaintext copy left behind (beside the database or in the backup folder).
    expect(fs.readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(backups)).toEqual([info.fileName]);
    const list = await api(hub.url, '/api/v1/backups', { token });
    expect(list.body).toMatchObject([{ fileName: info.fileName, encrypted: true }]);
    const atBackup = tableChecksums(hub.core.db);
    hub.core.db.prepare("UPDATE sync_outbox SET sent_at = '2026-11-21T00:00:00.000Z'").run();
    await hub.stop();
    const before = liveChecksums(dataDir);

    // No passphrase and no terminal: a clear error, nothing changed.
    await expect(run(['--data-dir', dataDir, 'restore', file], () => {}, noTty)).rejects.toThrow(
      /--passphrase-file/,
    );
    await expect(restoreDatabase(dataDir, file)).rejects.toThrow(/cần mật khẩu sao lưu/);
    // Wrong passphrase: a clear error, nothing changed.
    const wrong = path.join(makeTempDir(), 'wrong.txt');
    fs.writeFileSync(wrong, 'not the passphrase at all\n');
    await expect(
      run(['--data-dir', dataDir, 'restore', file, '--passphrase-file', wrong], () => {}, noTty),
    ).rejects.toThrow(/Sai mật khẩu sao lưu/);
    expect(liveChecksums(dataDir)).toEqual(before);
    // A tampered byte: detected, nothing changed.
    const tampered = path.join(backups, 'tampered.sqlite.enc');
    const bad = Buffer.from(bytes);
    bad[bad.length - 100] = (bad[bad.length - 100] as number) ^ 0x40;
    fs.writeFileSync(tampered, bad);
    await expect(restoreDatabase(dataDir, tampered, { passphrase: PASS })).rejects.toThrow(
      RestoreError,
    );
    await expect(restoreDatabase(dataDir, tampered, { passphrase: PASS })).rejects.toThrow(
      /đã bị sửa đổi/,
    );
    expect(liveChecksums(dataDir)).toEqual(before);

    // The right passphrase from a file (a line ending is ignored): restored.
    const good = path.join(makeTempDir(), 'pass.txt');
    fs.writeFileSync(good, `${PASS}\n`);
    const lines: string[] = [];
    expect(
      await run(
        ['--data-dir', dataDir, 'restore', file, '--passphrase-file', good],
        (s) => lines.push(s),
        noTty,
      ),
    ).toBe(0);
    expect(lines.join('\n')).toMatch(/Các bản sao lưu sau khi khôi phục: có mã hóa/);
    const restored = liveChecksums(dataDir);
    expect(restored.dossiers).toEqual(atBackup.dossiers);
    expect(restored.users).toEqual(atBackup.users);
    // The safety copy of the replaced database went to the backup folder encrypted too.
    expect(fs.readdirSync(backups).filter((n) => n.startsWith('motcua-before-restore-'))).toEqual([
      expect.stringMatching(/\.sqlite\.enc$/),
    ]);
  });

  it('asks for the passphrase on a terminal', async () => {
    const dataDir = makeTempDir();
    const hub = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
    const token = await login(hub.url, ADMIN);
    const backups = makeTempDir('motcua-tty-');
    await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      json: { dir: backups, passphrase: PASS },
    });
    // A plaintext copy left by a crash an hour ago is removed; a fresh one (another process
    // backing up right now) is left alone.
    const stale = path.join(dataDir, 'motcua.sqlite.backup-0badc0ffee00.tmp');
    const fresh = path.join(dataDir, 'motcua.sqlite.backup-00c0ffee0000.tmp');
    fs.writeFileSync(stale, 'SQLite format 3\0');
    fs.writeFileSync(fresh, 'SQLite format 3\0');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
    const made = await api(hub.url, '/api/v1/backups', { token, json: {} });
    const file = path.join(backups, (made.body as { fileName: string }).fileName);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    // Back to plain backups: null stops encrypting.
    const off = await api(hub.url, '/api/v1/backup/config', {
      method: 'PUT',
      token,
      json: { dir: backups, passphrase: null },
    });
    expect(off.body).toMatchObject({ encrypted: false });
    hub.core.db.prepare("UPDATE sync_outbox SET sent_at = '2026-11-21T00:00:00.000Z'").run();
    await hub.stop();
    const questions: string[] = [];
    const tty: CliIo = {
      isTty: true,
      ask: (q) => {
        questions.push(q);
        return Promise.resolve(PASS);
      },
    };
    expect(await run(['--data-dir', dataDir, 'restore', file], () => {}, tty)).toBe(0);
    expect(questions).toEqual(['Mật khẩu sao lưu: ']);
  });
});

describe('removable folders (the heuristic of docs/backup.md)', () => {
  it('flags USB mount points and other drive letters, not the data folder', () => {
    expect(looksRemovable('/media/canbo/USB/saoluu', 'linux')).toBe(true);
    expect(looksRemovable('/run/media/canbo/USB', 'linux')).toBe(true);
    expect(looksRemovable('/mnt/usb', 'linux')).toBe(true);
    expect(looksRemovable('/home/canbo/.config/motcua/backups', 'linux')).toBe(false);
    expect(looksRemovable('/mediafiles/x', 'linux')).toBe(false);
    expect(looksRemovable('/Volumes/USB', 'darwin')).toBe(true);
    expect(looksRemovable('E:\\SaoLuu', 'win32', 'C:')).toBe(true);
    expect(
      looksRemovable('C:\\Users\\canbo\\AppData\\Roaming\\motcua\\backups', 'win32', 'C:'),
    ).toBe(false);
    expect(looksRemovable('\\\\server\\share\\backups', 'win32', 'C:')).toBe(true);
  });

  it('the config says so, so that the screen can warn while backups there are unencrypted', async () => {
    const dataDir = makeTempDir();
    const first = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
    const token = await login(first.url, ADMIN);
    const r = await api(first.url, '/api/v1/backup/config', { token });
    expect(r.body).toMatchObject({ removable: false, encrypted: false });
    await first.stop();
    // A folder under /mnt (as a USB disk mounted by an admin), stored directly: the hub says
    // so at start and on the config, until a passphrase is set.
    const db = new Database(path.join(dataDir, 'motcua.sqlite'));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('backup.dir', ?, ?)").run(
      JSON.stringify('/mnt/motcua-usb-test/saoluu'),
      new Date().toISOString(),
    );
    db.close();
    const warnings: string[] = [];
    const spy = vi.spyOn(console, 'warn').mockImplementation((m: unknown) => {
      warnings.push(String(m));
    });
    try {
      const hub = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
      expect(warnings.join('\n')).toMatch(
        /có vẻ là ổ đĩa rời \(USB\) mà bản sao lưu chưa được mã hóa/,
      );
      const again = await api(hub.url, '/api/v1/backup/config', {
        token: await login(hub.url, ADMIN),
      });
      expect(again.body).toMatchObject({ removable: true, encrypted: false });
    } finally {
      spy.mockRestore();
    }
  });
});
