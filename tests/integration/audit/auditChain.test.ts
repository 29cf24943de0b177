/**
 * The audit log (docs/security.md, "Audit log and field logs"): search texts and other typed
 * free text are stored masked, every row is hash-chained (also the counter pause/resume rows,
 * which used to be written by their own INSERT), rows older than migration 010 are sealed by
 * one anchor, and `npm run motcua -- audit verify` exits 0 on an intact log and 4 naming the
 * first broken row after tampering on a copy (triggers dropped, rows deleted, edited, added).
 *
 * Before: the audit log kept `{ q: "001090123456" }` for a search by ID number, rows had no
 * hash, and nothing could tell that a row had been deleted once the triggers were dropped.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, verifyAuditChain, type AuditContent } from '../../../src/core/audit/auditChain';
import { recordAudit } from '../../../src/core/audit/auditLog';
import { backupNow } from '../../../src/core/backup/backupService';
import { restoreDatabase } from '../../../src/core/backup/restore';
import { closeDatabase, DB_FILE_NAME, openDatabase } from '../../../src/core/db/connection';
import { migrate } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';
import { AUDIT_BROKEN_EXIT, run } from '../../../src/cli/motcua';
import type { Hub } from '../../../src/hub/startHub';
import { api, cleanupHubs, login, makeTempDir, OFFICER, startTestHub } from '../../helpers/hub';

const applicant = {
  fullName: 'Lò Thị Hoa',
  idNumber: '038195012345',
  phone: '0987 654 321',
  address: 'Bản Phiêng Ban, xã Quảng Phú',
};

interface AuditRowDump {
  id: string;
  seq: number | null;
  action: string;
  details: string | null;
  prev_hash: string | null;
  hash: string | null;
}

let hub: Hub;
let dataDir: string;
let dossierCode: string;

/** `motcua … audit verify` on a data folder: exit code and printed lines. */
async function verifyCli(dir: string): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await run(['--data-dir', dir, 'audit', 'verify'], (s) => lines.push(s));
  return { code, text: lines.join('\n') };
}

/** A copy of the hub's (stopped) database with the append-only triggers dropped. */
function tamperedCopy(tamper: (db: Database.Database) => void): string {
  const dir = makeTempDir('motcua-audit-tamper-');
  fs.copyFileSync(path.join(dataDir, DB_FILE_NAME), path.join(dir, DB_FILE_NAME));
  const db = new Database(path.join(dir, DB_FILE_NAME));
  db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
           DROP TRIGGER audit_log_chained; DROP TRIGGER audit_anchor_no_delete;`);
  tamper(db);
  db.close();
  return dir;
}

function rows(db: Database.Database): AuditRowDump[] {
  return db
    .prepare('SELECT id, seq, action, details, prev_hash, hash FROM audit_log ORDER BY seq')
    .all() as AuditRowDump[];
}

beforeAll(async () => {
  hub = await startTestHub();
  dataDir = hub.core.dataDir;
  const officer = await login(hub.url, OFFICER);
  const received = await api(hub.url, '/api/v1/dossiers', {
    token: officer,
    json: { procedureId: '1.000656', applicant },
  });
  expect(received.status).toBe(201);
  dossierCode = (received.body as { code: string }).code;
  const search = async (q: string) => {
    const res = await api(hub.url, `/api/v1/dossiers?q=${encodeURIComponent(q)}`, {
      token: officer,
    });
    expect(res.status, q).toBe(200);
    expect((res.body as { total: number }).total, q).toBeGreaterThan(0);
  };
  await search(applicant.idNumber); // by CCCD
  await search('0987.654.321'); // by phone, typed in groups
  await search(dossierCode); // by code
  await search(`Lò Thị Hoa`); // by name
  const counters = (await api(hub.url, '/api/v1/counters')).body as { id: string }[];
  const counterId = (counters[0] as { id: string }).id;
  const pause = await api(hub.url, `/api/v1/counters/${counterId}/pause`, {
    token: officer,
    json: { reason: 'Gọi lại cho công dân 0987654321' },
  });
  expect(pause.status).toBe(200);
  expect(
    (await api(hub.url, `/api/v1/counters/${counterId}/resume`, { token: officer, json: {} }))
      .status,
  ).toBe(200);
  await hub.stop(); // checkpointed: the copies below are complete
});
afterAll(cleanupHubs);

describe('what the audit log stores', () => {
  it('search texts and pause reasons are masked; codes and names stay readable', () => {
    const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
    try {
      const all = rows(db);
      const searches = all
        .filter((r) => r.action === 'dossier.search')
        .map((r) => (JSON.parse(r.details ?? '{}') as { q: string }).q);
      expect(searches).toEqual(['0381******45', '09******21', dossierCode, 'Lò Thị Hoa']);
      const pause = all.find((r) => r.action === 'counter.pause');
      expect(JSON.parse(pause?.details ?? '{}')).toEqual({
        reason: 'Gọi lại cho công dân 09******21',
      });
      const dump = JSON.stringify(all);
      for (const secret of ['038195012345', '0987654321', '0987 654 321', '0987.654.321']) {
        expect(dump).not.toContain(secret);
      }
    } finally {
      db.close();
    }
  });

  it('every row is chained, the counter pause/resume rows too (one writer: recordAudit)', () => {
    const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
    try {
      const all = rows(db);
      expect(all.length).toBeGreaterThan(5);
      all.forEach((r, i) => {
        expect(r.seq, r.action).toBe(i + 1);
        expect(r.hash, r.action).toMatch(/^[0-9a-f]{64}$/);
        if (i > 0) expect(r.prev_hash).toBe(all[i - 1]?.hash);
      });
      expect(all.map((r) => r.action)).toEqual(
        expect.arrayContaining(['counter.pause', 'counter.resume']),
      );
    } finally {
      db.close();
    }
  });
});

describe('npm run motcua -- audit verify', () => {
  it('exits 0 on the intact log and prints the row count', async () => {
    const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
    const count = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    db.close();
    const r = await verifyCli(dataDir);
    expect(r.code).toBe(0);
    expect(r.text).toContain(`Nhật ký hệ thống nguyên vẹn: ${count} dòng`);
  });

  it('the database itself still refuses UPDATE and DELETE on the log', () => {
    const db = new Database(path.join(dataDir, DB_FILE_NAME));
    try {
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE audit_log SET details = '{}'").run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('a deleted row: exit 4 naming the row after the gap', async () => {
    let next = '';
    const dir = tamperedCopy((db) => {
      next = (db.prepare('SELECT id FROM audit_log WHERE seq = 4').pluck().get() as string) ?? '';
      db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    });
    const r = await verifyCli(dir);
    expect(r.code).toBe(AUDIT_BROKEN_EXIT);
    expect(next).not.toBe('');
    expect(r.text).toContain(`dòng ${next} (vị trí 4)`);
    expect(r.text).toContain('thiếu dòng ngay trước dòng này');
  });

  it('an edited row (a search text put back in clear): exit 4 naming that row', async () => {
    let edited = '';
    const dir = tamperedCopy((db) => {
      edited = db
        .prepare("SELECT id FROM audit_log WHERE action = 'dossier.search' ORDER BY seq LIMIT 1")
        .pluck()
        .get() as string;
      db.prepare('UPDATE audit_log SET details = ? WHERE id = ?').run(
        JSON.stringify({ q: applicant.idNumber, results: 1 }),
        edited,
      );
    });
    const r = await verifyCli(dir);
    expect(r.code).toBe(AUDIT_BROKEN_EXIT);
    expect(r.text).toContain(`dòng ${edited} (vị trí`);
    expect(r.text).toContain('nội dung không khớp mã băm');
  });

  it('a row inserted with a made-up hash, or with none: exit 4 naming it', async () => {
    const fake = '01ZZZZZZZZZZZZZZZZZZZZZZZZ';
    const withHash = tamperedCopy((db) => {
      const last = db.prepare('SELECT max(seq) AS seq, hash FROM audit_log').get() as {
        seq: number;
        hash: string;
      };
      db.prepare(
        `INSERT INTO audit_log (id, at, action, seq, prev_hash, hash)
         VALUES (?, '2026-12-06T00:00:00.000Z', 'user.create', ?, ?, ?)`,
      ).run(fake, last.seq + 1, last.hash, 'f'.repeat(64));
    });
    const a = await verifyCli(withHash);
    expect(a.code).toBe(AUDIT_BROKEN_EXIT);
    expect(a.text).toMatch(new RegExp(`dòng ${fake} \\(vị trí \\d+\\)`));

    const without = tamperedCopy((db) => {
      db.prepare(
        `INSERT INTO audit_log (id, at, action) VALUES (?, '2026-12-06T00:00:00.000Z', 'x')`,
      ).run(fake);
    });
    const b = await verifyCli(without);
    expect(b.code).toBe(AUDIT_BROKEN_EXIT);
    expect(b.text).toContain(`dòng ${fake}:`);
    expect(b.text).toContain('không có mã băm');
  });

  it('a row rewritten with a correct hash of its own: exit 4 naming the next row', async () => {
    // Whoever rewrites one row must rewrite every later row: the next one gives it away.
    let next = '';
    const dir = tamperedCopy((db) => {
      const r2 = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as AuditContent & {
        prev_hash: string;
      };
      next = db.prepare('SELECT id FROM audit_log WHERE seq = 3').pluck().get() as string;
      const forged = { ...r2, action: 'auth.logout', details: null };
      db.prepare('UPDATE audit_log SET action = ?, details = NULL, hash = ? WHERE seq = 2').run(
        forged.action,
        chainHash(r2.prev_hash, 2, forged),
      );
    });
    const r = await verifyCli(dir);
    expect(r.code).toBe(AUDIT_BROKEN_EXIT);
    expect(next).not.toBe('');
    expect(r.text).toContain(`dòng ${next} (vị trí 3)`);
    expect(r.text).toContain('không khớp mã băm của dòng trước');
  });

  it('the anchor row deleted: exit 4', async () => {
    const dir = tamperedCopy((db) => db.prepare('DELETE FROM audit_anchor').run());
    const r = await verifyCli(dir);
    expect(r.code).toBe(AUDIT_BROKEN_EXIT);
    expect(r.text).toContain('mất dòng niêm phong');
  });
});

describe('rows written before migration 010 are sealed by one anchor', () => {
  function legacyDb() {
    const dir = makeTempDir('motcua-audit-legacy-');
    const db = openDatabase(path.join(dir, DB_FILE_NAME));
    migrate(
      db,
      migrations.filter((m) => m.version < 10),
    );
    const insert = db.prepare(
      `INSERT INTO audit_log (id, at, actor_username, action, details) VALUES (?, ?, 'canbo1', ?, ?)`,
    );
    insert.run('01J00000000000000000000001', '2025-01-01T01:00:00.000Z', 'auth.login', null);
    insert.run('01J00000000000000000000002', '2025-01-01T02:00:00.000Z', 'dossier.view', '{"a":1}');
    insert.run('01J00000000000000000000003', '2025-01-01T03:00:00.000Z', 'auth.logout', null);
    migrate(db);
    recordAudit(db, { actor: null, action: 'after.one' }, new Date('2026-01-01T00:00:00Z'));
    recordAudit(db, { actor: null, action: 'after.two' }, new Date('2026-01-01T00:00:01Z'));
    return { dir, db };
  }

  it('verifies: 5 rows, 3 sealed; the first chained row hangs on the anchor', () => {
    const { db } = legacyDb();
    try {
      const result = verifyAuditChain(db);
      expect(result).toMatchObject({ ok: true, rows: 5, sealed: 3 });
      const anchor = db.prepare('SELECT rows, last_id, hash FROM audit_anchor').get() as {
        rows: number;
        last_id: string;
        hash: string;
      };
      expect(anchor).toMatchObject({ rows: 3, last_id: '01J00000000000000000000003' });
      const first = db.prepare('SELECT prev_hash FROM audit_log WHERE seq = 1').pluck().get();
      expect(first).toBe(anchor.hash);
    } finally {
      closeDatabase(db);
    }
  });

  it('an edited or deleted sealed row breaks the anchor', () => {
    const edited = legacyDb().db;
    edited.exec('DROP TRIGGER audit_log_no_update');
    edited.prepare("UPDATE audit_log SET details = NULL WHERE action = 'dossier.view'").run();
    expect(verifyAuditChain(edited)).toMatchObject({ ok: false, reason: 'SEALED_ROWS_CHANGED' });
    closeDatabase(edited);

    const deleted = legacyDb().db;
    deleted.exec('DROP TRIGGER audit_log_no_delete');
    deleted.prepare("DELETE FROM audit_log WHERE action = 'auth.login'").run();
    expect(verifyAuditChain(deleted)).toMatchObject({ ok: false, reason: 'SEALED_ROWS_CHANGED' });
    closeDatabase(deleted);
  });

  it('a database still before migration 010 is not judged: the CLI asks to upgrade it first', async () => {
    const dir = makeTempDir('motcua-audit-old-');
    const db = openDatabase(path.join(dir, DB_FILE_NAME));
    migrate(
      db,
      migrations.filter((m) => m.version < 10),
    );
    closeDatabase(db);
    await expect(verifyCli(dir)).rejects.toThrow(/khởi động hub một lần để nâng cấp/);
  });
});

describe('backups and restore keep the chain', () => {
  it('a backup verifies; after a restore the chain verifies and goes on', async () => {
    const dir = makeTempDir('motcua-audit-backup-');
    const db = openDatabase(path.join(dir, DB_FILE_NAME));
    migrate(db);
    const at = new Date('2026-02-01T01:00:00Z');
    for (let i = 0; i < 5; i++) recordAudit(db, { actor: null, action: `a.${i}` }, at);
    const file = await backupNow(db, path.join(dir, 'backups'), 'manual', at);
    recordAudit(db, { actor: null, action: 'after.backup' }, at);
    closeDatabase(db);

    const copy = new Database(file, { readonly: true });
    const inBackup = verifyAuditChain(copy);
    expect(inBackup).toMatchObject({ ok: true, rows: 5, position: 5 });
    copy.close();

    await restoreDatabase(dir, file, { force: true });
    const restored = openDatabase(path.join(dir, DB_FILE_NAME));
    try {
      expect(verifyAuditChain(restored)).toMatchObject({ ok: true, rows: 5 });
      recordAudit(restored, { actor: null, action: 'after.restore' }, at);
      expect(verifyAuditChain(restored)).toMatchObject({ ok: true, rows: 6, position: 6 });
      // The backup's newest hash is still the hash at its position: nothing before it changed.
      const atFive = restored.prepare('SELECT hash FROM audit_log WHERE seq = 5').pluck().get();
      expect(inBackup.ok && inBackup.head).toBe(atFive);
    } finally {
      closeDatabase(restored);
    }
    expect((await verifyCli(dir)).code).toBe(0);
  });
});
