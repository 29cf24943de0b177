/**
 * Restore refuses a poisoned backup (docs/backup.md "Restore"): the backup's whole schema
 * must be what the migrations create for its version. Old behaviour: only integrity_check
 * and the version were checked, so a backup with an added trigger (resetting the admin's
 * password hash at every sign-in, or deleting audit rows), a dropped append-only trigger or
 * an extra table/view was restored as is.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupNow } from '../../../src/core/backup/backupService';
import { restoreDatabase, RestoreError } from '../../../src/core/backup/restore';
import { latestSchemaVersion, migrate } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';
import { run } from '../../../src/cli/motcua';
import { cleanupHubs, makeTempDir, startTestHub } from '../../helpers/hub';
import { tableChecksums } from '../../helpers/sync';

afterEach(cleanupHubs);

const POISONS: { name: string; sql: string; expected: RegExp }[] = [
  {
    name: 'a trigger that resets the admin password hash on every new session',
    sql: `CREATE TRIGGER reset_admin AFTER INSERT ON sessions BEGIN
            UPDATE users SET password_hash = 'attacker' WHERE username = 'admin'; END`,
    expected: /thừa trigger "reset_admin"/,
  },
  {
    name: 'a trigger that deletes audit rows',
    sql: `CREATE TRIGGER hide_tracks AFTER INSERT ON audit_log BEGIN
            DELETE FROM audit_log WHERE action = 'auth.login'; END`,
    expected: /thừa trigger "hide_tracks"/,
  },
  {
    name: 'a dropped append-only trigger',
    sql: 'DROP TRIGGER audit_log_no_delete',
    expected: /thiếu trigger "audit_log_no_delete"/,
  },
  {
    name: 'an extra table',
    sql: 'CREATE TABLE loot (x TEXT)',
    expected: /thừa bảng "loot"/,
  },
  {
    name: 'an extra view',
    sql: 'CREATE VIEW citizens AS SELECT * FROM users',
    expected: /thừa view "citizens"/,
  },
  {
    name: 'an index replaced by one with other columns',
    sql: 'DROP INDEX audit_log_entity; CREATE INDEX audit_log_entity ON audit_log(entity)',
    expected: /chỉ mục "audit_log_entity" bị sửa/,
  },
];

async function liveAndBackup() {
  const dataDir = makeTempDir();
  const hub = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
  const backups = makeTempDir('motcua-poison-');
  const clean = await backupNow(hub.core.db, backups, 'manual', new Date());
  await hub.stop();
  const live = () => {
    const db = new Database(path.join(dataDir, 'motcua.sqlite'), { readonly: true });
    try {
      return tableChecksums(db);
    } finally {
      db.close();
    }
  };
  return { dataDir, backups, clean, before: live(), live };
}

describe('restore compares the whole schema with the migrations', () => {
  it('refuses each poisoned backup with the difference named, the live database untouched; a clean one restores', async () => {
    const { dataDir, backups, clean, before, live } = await liveAndBackup();
    for (const poison of POISONS) {
      const file = path.join(backups, `poisoned-${POISONS.indexOf(poison)}.sqlite`);
      fs.copyFileSync(clean, file);
      const db = new Database(file);
      db.exec(poison.sql);
      db.close();
      const err = await restoreDatabase(dataDir, file, { force: true }).catch((e: unknown) => e);
      expect(err, poison.name).toBeInstanceOf(RestoreError);
      expect((err as Error).message, poison.name).toMatch(poison.expected);
      expect((err as Error).message).toMatch(/cơ sở dữ liệu hiện tại không bị thay đổi/);
      expect(live(), poison.name).toEqual(before);
      expect(fs.existsSync(path.join(dataDir, 'motcua.sqlite.restoring'))).toBe(false);
    }
    // The command line says the same, exit code 1 through main's handler (here: the throw).
    const lines: string[] = [];
    await expect(
      run(['--data-dir', dataDir, 'restore', path.join(backups, 'poisoned-0.sqlite')], (s) =>
        lines.push(s),
      ),
    ).rejects.toThrow(/thừa trigger "reset_admin"/);
    expect(live()).toEqual(before);

    const r = await restoreDatabase(dataDir, clean);
    expect(r.schemaVersion).toBe(latestSchemaVersion());
  });

  it('an older unencrypted backup (schema of its own version) still restores', async () => {
    const dataDir = makeTempDir();
    const hub = await startTestHub({ dataDir, maintenance: { autoBackup: false } });
    await hub.stop();
    const old = path.join(makeTempDir('motcua-old-'), 'motcua-manual-old.sqlite');
    const db = new Database(old);
    const older = migrations.slice(0, -1); // every migration but the newest
    migrate(db, older);
    db.close();
    const r = await restoreDatabase(dataDir, old, { force: true }); // its outbox is empty
    expect(r.schemaVersion).toBe(older[older.length - 1]?.version);
    expect(r.encryptedBackups).toBe(false);
  });
});
