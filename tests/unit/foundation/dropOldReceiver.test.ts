/**
 * Migration 018 drops the retired SQLite receiver's tables (docs/sync.md, "Tables"): a
 * database at version 17 that still holds rows in them migrates, the tables and their trigger
 * are gone, and the sync outbox is untouched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../src/core/db/connection';
import { migrate, schemaVersion } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) closeDatabase(db);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const OLD = ['sync_imports', 'sync_received', 'sync_received_no_update', 'sync_sites'];
const objects = (db: Db): string[] =>
  (
    db.prepare('SELECT name FROM sqlite_master WHERE name LIKE ? ORDER BY name').all('sync_%') as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migration 018', () => {
  it('drops sync_sites, sync_received and sync_imports, keeps the outbox', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-m018-'));
    dirs.push(dir);
    const db = openDatabase(path.join(dir, 'motcua.sqlite'));
    open.push(db);
    migrate(
      db,
      migrations.filter((m) => m.version <= 17),
    );
    expect(schemaVersion(db)).toBe(17);
    expect(objects(db)).toEqual(expect.arrayContaining(OLD));
    // Rows left by the old receiver do not stop the migration.
    db.prepare(
      `INSERT INTO sync_sites (site_id, key, created_at) VALUES ('XA-A', 'k', '2026-01-01')`,
    ).run();
    db.prepare(
      `INSERT INTO sync_received (site_id, event_id, seq, type, at, payload, batch_id, received_at)
       VALUES ('XA-A', 'e1', 1, 'rating.submitted', '2026-01-01', '{}', 'b', '2026-01-01')`,
    ).run();
    const outbox = db.prepare('SELECT * FROM sync_state').all();

    migrate(db);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(18);
    const after = objects(db);
    for (const name of OLD) expect(after).not.toContain(name);
    expect(after).toEqual(expect.arrayContaining(['sync_outbox', 'sync_state']));
    expect(db.prepare('SELECT * FROM sync_state').all()).toEqual(outbox);
  });
});
