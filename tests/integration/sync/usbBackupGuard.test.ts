/**
 * Sync and backup in-process (docs/sync.md, docs/backup.md): USB transfer (imported once, tamper
 * detection, clear errors), the receiver's HTTP edge (HMAC, idempotent replay, gap refused, admin
 * totals), the outbox rules, the upgrade guard, backup + restore round trip with every table's
 * checksum, and the status and watchdog operations.
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
import { writeSiteKey } from '../../../src/core/sync/config';
import {
  appendOutbox,
  assertNoOrphanedOutbox,
  maskIdNumber,
  OutboxOutsideTransactionError,
  UnsentOutboxError,
} from '../../../src/core/sync/outbox';
import { importFile, ReceiveError, registerSite } from '../../../src/core/sync/receiver';
import { newSiteKey, signatureHeader } from '../../../src/core/sync/signing';
import { buildSyncFile } from '../../../src/core/sync/usbExport';
import { ulid } from '../../../src/shared/ids';
import type { Hub } from '../../../src/hub/startHub';
import {
  ADMIN,
  api,
  cleanupHubs,
  errorOf,
  login,
  makeTempDir,
  OFFICER,
  startTestHub,
} from '../../helpers/hub';
import { produceRatings, tableChecksums } from '../../helpers/sync';

afterEach(cleanupHubs);

const siteIdOf = (hub: Hub) =>
  (
    JSON.parse(
      (
        hub.core.db.prepare("SELECT value FROM settings WHERE key = 'site'").get() as {
          value: string;
        }
      ).value,
    ) as { siteId: string }
  ).siteId;

async function pair() {
  const site = await startTestHub({ maintenance: { autoBackup: false } });
  const province = await startTestHub({
    sync: { role: 'province' },
    maintenance: { autoBackup: false },
  });
  const key = newSiteKey();
  writeSiteKey(site.core.db, key, new Date());
  registerSite(province.core.db, { siteId: siteIdOf(site), name: 'Xã A', key }, new Date());
  // The demo office's dossiers already wrote outbox rows: counts below are relative to them.
  const base = site.core.sync.status().pending;
  return { site, province, key, siteId: siteIdOf(site), base };
}

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

describe('USB transfer', () => {
  it('export → import → replay: imported once; a changed byte, another key, a corrupt file are refused and change nothing', async () => {
    const { site, province, siteId, base } = await pair();
    const ids = produceRatings(site.core.db, 25);
    const token = await login(site.url, OFFICER);
    const res = await api(site.url, '/api/v1/sync/export', { method: 'POST', token, json: {} });
    expect(res.status).toBe(200);
    const exported = res.body as { fileName: string; events: number; file: unknown };
    expect(exported.events).toBe(base + 25);
    const text = JSON.stringify(exported.file);

    const first = importFile(province.core.db, text, new Date());
    expect(first).toMatchObject({ siteId, events: base + 25, accepted: base + 25, duplicates: 0 });
    const stored = province.core.db
      .prepare('SELECT event_id FROM sync_received ORDER BY seq')
      .all() as { event_id: string }[];
    expect(stored.map((r) => r.event_id).slice(base)).toEqual(ids);

    // Replaying the same file: refused with a clear message, nothing added.
    const replay = () => importFile(province.core.db, text, new Date());
    expect(replay).toThrow(ReceiveError);
    try {
      replay();
    } catch (e) {
      expect((e as ReceiveError).reason).toBe('FILE_ALREADY_IMPORTED');
      expect((e as ReceiveError).message).toMatch(/đã được nhập/);
    }

    // A new export (nothing acknowledged over the network yet) carries the same events: dedup.
    const again = buildSyncFile(site.core.db, siteId, newSiteKeyOf(site), new Date());
    expect(importFile(province.core.db, JSON.stringify(again), new Date())).toMatchObject({
      accepted: 0,
      duplicates: base + 25,
    });

    // One byte changed inside the signed content (a payload value): tampering detected.
    produceRatings(site.core.db, 1);
    const fresh = buildSyncFile(site.core.db, siteId, newSiteKeyOf(site), new Date());
    const tampered = JSON.stringify({
      ...fresh,
      content: fresh.content.replace('"satisfied"', '"satisfiee"'),
    });
    expect(() => importFile(province.core.db, tampered, new Date())).toThrow(/Chữ ký không hợp lệ/);
    // A byte of the raw file flipped anywhere: corrupt or bad signature, never imported.
    const raw = Buffer.from(JSON.stringify(fresh));
    for (const at of [0, 20, Math.floor(raw.length / 2), raw.length - 3]) {
      const bad = Buffer.from(raw);
      bad[at] = (bad[at] as number) ^ 0x01;
      expect(() => importFile(province.core.db, bad.toString('utf8'), new Date())).toThrow(
        ReceiveError,
      );
    }
    // Signed with another key (or a site unknown to this province).
    const other = buildSyncFile(site.core.db, siteId, newSiteKey(), new Date());
    expect(() => importFile(province.core.db, JSON.stringify(other), new Date())).toThrow(/Chữ ký/);
    const unknown = { ...fresh, siteId: 'XA-KHAC' };
    expect(() => importFile(province.core.db, JSON.stringify(unknown), new Date())).toThrow(
      /chưa được đăng ký/,
    );
    expect(() => importFile(province.core.db, 'not json', new Date())).toThrow(/bị hỏng/);
    const count = province.core.db.prepare('SELECT COUNT(*) AS n FROM sync_received').get();
    expect(count).toEqual({ n: base + 25 });
    // The untampered file still imports its one new event.
    expect(importFile(province.core.db, JSON.stringify(fresh), new Date())).toMatchObject({
      accepted: 1,
      duplicates: base + 25,
    });
  });
});

function newSiteKeyOf(hub: Hub): string {
  const row = hub.core.db
    .prepare("SELECT value FROM settings WHERE key = 'sync.siteKey'")
    .get() as {
    value: string;
  };
  return JSON.parse(row.value) as string;
}

describe('receiver HTTP edge', () => {
  it('authenticates by HMAC, answers a replayed batch with success and no change, refuses gaps; totals are admin-only', async () => {
    const { site, province, key, siteId, base } = await pair();
    produceRatings(site.core.db, 3);
    const events = (
      JSON.parse(buildSyncFile(site.core.db, siteId, key, new Date()).content) as {
        events: unknown[];
      }
    ).events;
    const batchId = ulid();
    const body = JSON.stringify({ siteId, batchId, events });
    const post = (b: string, headers: Record<string, string>) =>
      api(province.url, '/api/v1/sync/batches', { rawBody: b, headers });
    const good = {
      'Idempotency-Key': batchId,
      'X-Motcua-Site': siteId,
      'X-Motcua-Signature': signatureHeader(key, body),
    };
    const wrongSig = await post(body, {
      ...good,
      'X-Motcua-Signature': signatureHeader(newSiteKey(), body),
    });
    expect(wrongSig.status).toBe(401);
    expect(errorOf(wrongSig).message).toMatch(/Chữ ký không hợp lệ/);
    const badKey = await post(body, { ...good, 'Idempotency-Key': ulid() });
    expect(badKey.status).toBe(400);
    expect(province.core.db.prepare('SELECT COUNT(*) AS n FROM sync_received').get()).toEqual({
      n: 0,
    });

    const ok = await post(body, good);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ batchId, accepted: base + 3, duplicates: 0, lastSeq: base + 3 });
    const replay = await post(body, good);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({
      batchId,
      accepted: 0,
      duplicates: base + 3,
      lastSeq: base + 3,
    });

    // seq 5 while the receiver expects 4: refused with the expected seq, nothing stored.
    produceRatings(site.core.db, 2);
    const later = (
      JSON.parse(buildSyncFile(site.core.db, siteId, key, new Date()).content) as {
        events: { seq: number }[];
      }
    ).events.filter((e) => e.seq === base + 5);
    const gapBatch = ulid();
    const gapBody = JSON.stringify({ siteId, batchId: gapBatch, events: later });
    const gap = await post(gapBody, {
      'Idempotency-Key': gapBatch,
      'X-Motcua-Site': siteId,
      'X-Motcua-Signature': signatureHeader(key, gapBody),
    });
    expect(gap.status).toBe(409);
    expect(errorOf(gap).details).toMatchObject({ reason: 'SEQUENCE_GAP', expectedSeq: base + 4 });

    // On a site hub the receiver endpoint does not exist.
    expect((await post(body, good)).status).toBe(200);
    expect(
      (await api(site.url, '/api/v1/sync/batches', { rawBody: body, headers: good })).status,
    ).toBe(404);

    const officer = await login(province.url, OFFICER);
    expect((await api(province.url, '/api/v1/sync/sites', { token: officer })).status).toBe(403);
    const admin = await login(province.url, ADMIN);
    const totals = await api(province.url, '/api/v1/sync/sites', { token: admin });
    expect(totals.status).toBe(200);
    expect(totals.body).toEqual([
      { siteId, events: base + 3, lastReceivedAt: expect.any(String) as string },
    ]);
  });

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
