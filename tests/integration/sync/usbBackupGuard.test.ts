/**
 * Sync in-process, the site side (docs/sync.md) (the receiving side is the province service:
 * tests/integration/province/siteToProvince.test.ts): the outbox rules,
 * the upgrade guard, backup + restore round trip with every table's checksum, and the status
 * and watchdog operations.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupNow, dailyBackupIfDue, rotate } from '../../../src/core/backup/backupService';
import { restoreDatabase, RestoreError } from '../../../src/core/backup/restore';
import { openDatabase } from '../../../src/core/db/connection';
import { latestSchemaVersion, migrate, NewerDatabaseError } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';
import {
  appendOutbox,
  assertNoOrphanedOutbox,
  maskIdNumber,
  OutboxOutsideTransactionError,
  UnsentOutboxError,
} from '../../../src/core/sync/outbox';
import { ulid } from '../../../src/shared/ids';
import {
  ADMIN,
  api,
  cleanupHubs,
  login,
  makeTempDir,
  OFFICER,
  startTestHub,
} from '../../helpers/hub';
import { produceRatings, tableChecksums } from '../../helpers/sync';

afterEach(cleanupHubs);

describe('outbox', () => {
  it('refuses to write outside a transaction and refuses a payload with unknown fields (nothing written)', async () => {
    const hub = await startTestHub({ maintenance: { autoBackup: false } });
    const db = hub.core.db;
    const base = hub.core.sync.status().pending;
    const payload = {
      ratingId: ulid(),
      score: 'satisfied' as const,
      ticketId: ulid(),
      businessDate: '2026-11-20',
      dossierCode: null,
      counterNumber: 1,
      reasons: [],
    };
    expect(() => appendOutbox(db, { type: 'rating.submitted', payload, at: new Date() })).toThrow(
      OutboxOutsideTransactionError,
    );
    const withName = { ...payload, citizenName: 'Nguyễn Văn A' };
    expect(() =>
      db.transaction(() =>
        appendOutbox(db, {
          type: 'rating.submitted',
          payload: withName,
          at: new Date(),
        }),
      )(),
    ).toThrow();
    expect(hub.core.sync.status().pending).toBe(base);
    expect(maskIdNumber('001093012356')).toBe('0010******56');
    expect(maskIdNumber('12')).toBeNull();
  });
});

describe('sync status', () => {
  it('sync status and watchdog for the desk', async () => {
    const hub = await startTestHub({
      sync: { upstream: 'http://127.0.0.1:9' },
      maintenance: { autoBackup: false },
    });
    const base = hub.core.sync.status().pending;
    produceRatings(hub.core.db, 4);
    const token = await login(hub.url, OFFICER);
    const status = await api(hub.url, '/api/v1/sync/status', { token });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ pending: base + 4, lastSentAt: null });
    expect((await api(hub.url, '/api/v1/sync/status')).status).toBe(401);
    const wd = await api(hub.url, '/api/v1/system/watchdog', { token });
    expect(wd.status).toBe(200);
    expect(wd.body).toMatchObject({
      database: { ok: true },
      upstream: { pending: base + 4 },
      backup: { ok: false, lastAt: null },
    });
  });
});

describe('upgrade guard', () => {
  it('a migration that changes the outbox format is refused while unsent rows exist, and runs once they are sent', async () => {
    const dir = makeTempDir();
    const db = openDatabase(path.join(dir, 'motcua.sqlite'));
    try {
      migrate(db);
      db.transaction(() => {
        appendOutbox(db, {
          type: 'rating.submitted',
          at: new Date(),
          payload: {
            ratingId: ulid(),
            score: 'neutral',
            ticketId: ulid(),
            businessDate: '2026-11-20',
            dossierCode: null,
            counterNumber: null,
            reasons: [],
          },
        });
      })();
      const next = latestSchemaVersion() + 1;
      const breaking = {
        version: next,
        name: 'outbox v2',
        changesOutbox: true,
        up: (d: typeof db) => d.exec('ALTER TABLE sync_outbox ADD COLUMN v2 TEXT'),
      };
      const list = [...migrations, breaking];
      const guard = (from: number) => assertNoOrphanedOutbox(db, list, from);
      expect(() => migrate(db, list, guard)).toThrow(UnsentOutboxError);
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      // An additive migration (no outbox change) is not blocked.
      const additive = {
        version: next,
        name: 'other',
        up: (d: typeof db) => d.exec('CREATE TABLE x (a)'),
      };
      expect(() =>
        assertNoOrphanedOutbox(db, [...migrations, additive], latestSchemaVersion()),
      ).not.toThrow();
      db.prepare("UPDATE sync_outbox SET sent_at = '2026-11-20T00:00:00.000Z'").run();
      expect(migrate(db, list, guard)).toEqual({ from: latestSchemaVersion(), to: next });
    } finally {
      db.close();
    }
  });
});

describe('backup and restore', () => {
  it('round trip reproduces every table exactly (row counts + checksums); newer or corrupt backups are refused', async () => {
    const dataDir = makeTempDir();
    const hub = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
    produceRatings(hub.core.db, 50);
    const token = await login(hub.url, ADMIN);
    await api(hub.url, '/api/v1/users', {
      token,
      json: {
        username: 'canbo9',
        fullName: 'Trần Thị Bích',
        role: 'officer',
        password: 'Canbo@2026',
      },
    });
    const before = tableChecksums(hub.core.db);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    const backupDirPath = makeTempDir('motcua-backups-');
    const file = await backupNow(hub.core.db, backupDirPath, 'manual', new Date());
    // Changes after the backup (sent, so restoring loses nothing unsent).
    produceRatings(hub.core.db, 5);
    hub.core.db.prepare("UPDATE sync_outbox SET sent_at = '2026-11-21T00:00:00.000Z'").run();
    await hub.stop();

    const r = await restoreDatabase(dataDir, file);
    expect(r.safetyCopy).not.toBeNull();
    const restored = new Database(path.join(dataDir, 'motcua.sqlite'), { readonly: true });
    try {
      expect(tableChecksums(restored)).toEqual(before);
    } finally {
      restored.close();
    }

    // A backup from newer software: refused, the database untouched.
    const newer = path.join(backupDirPath, 'newer.sqlite');
    fs.copyFileSync(file, newer);
    const n = new Database(newer);
    n.pragma('user_version = 999');
    n.close();
    await expect(restoreDatabase(dataDir, newer)).rejects.toThrow(NewerDatabaseError);
    const corrupt = path.join(backupDirPath, 'corrupt.sqlite');
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 4096, 4096 * 3);
    fs.writeFileSync(corrupt, bytes);
    await expect(restoreDatabase(dataDir, corrupt)).rejects.toThrow();
    const still = new Database(path.join(dataDir, 'motcua.sqlite'), { readonly: true });
    try {
      expect(tableChecksums(still)).toEqual(before);
    } finally {
      still.close();
    }
  });

  it('restore refuses while a hub holds the data folder, and when unsent changes would be lost', async () => {
    const dataDir = makeTempDir();
    const hub = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
    const file = await backupNow(hub.core.db, makeTempDir('motcua-b-'), 'manual', new Date());
    produceRatings(hub.core.db, 2);
    await hub.stop();
    // Another live process (here: our parent) holds the data folder, as a running hub would.
    const lock = path.join(dataDir, 'motcua.lock');
    fs.writeFileSync(lock, String(process.ppid));
    await expect(restoreDatabase(dataDir, file)).rejects.toThrow(
      /đang được một tiến trình khác sử dụng/,
    );
    fs.rmSync(lock);
    await expect(restoreDatabase(dataDir, file)).rejects.toThrow(RestoreError);
    await expect(restoreDatabase(dataDir, file)).rejects.toThrow(/2 thay đổi chưa đồng bộ/);
    await expect(restoreDatabase(dataDir, file, { force: true })).resolves.toMatchObject({
      restoredFrom: file,
    });
  });

  it('daily + monthly automatic backups, rotated to 14 daily and 12 monthly', async () => {
    const hub = await startTestHub({ maintenance: { autoBackup: false } });
    const dir = makeTempDir('motcua-rot-');
    for (let day = 0; day < 40; day++) {
      await dailyBackupIfDue(hub.core.db, dir, new Date(Date.UTC(2025, 0, 1 + day * 11, 3)));
    }
    rotate(dir);
    const names = fs.readdirSync(dir).sort();
    expect(names.filter((n) => n.startsWith('motcua-daily-'))).toHaveLength(14);
    expect(names.filter((n) => n.startsWith('motcua-monthly-'))).toHaveLength(12);
    expect(names.filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(names).toContain('motcua-monthly-2026-03.sqlite');
  });
});
