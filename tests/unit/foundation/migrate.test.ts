import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordAudit } from '../../../src/core/audit/auditLog';
import { closeDatabase, openDatabase, type Db } from '../../../src/core/db/connection';
import {
  latestSchemaVersion,
  migrate,
  NewerDatabaseError,
  schemaVersion,
} from '../../../src/core/db/migrate';
import { migrations, type Migration } from '../../../src/core/db/migrations';

const dirs: string[] = [];
const open: Db[] = [];

function freshDb(): { db: Db; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-migrate-'));
  dirs.push(dir);
  const file = path.join(dir, 'motcua.sqlite');
  const db = openDatabase(file);
  open.push(db);
  return { db, file };
}

function tableNames(db: Db): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

afterEach(() => {
  for (const db of open.splice(0)) closeDatabase(db);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrate()', () => {
  it('brings a fresh database to the latest version and records each migration', () => {
    const { db } = freshDb();
    expect(schemaVersion(db)).toBe(0);
    const result = migrate(db);
    const latest = latestSchemaVersion();
    expect(latest).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(result).toEqual({ from: 0, to: latest });
    expect(schemaVersion(db)).toBe(latest);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['settings', 'users', 'sessions', 'counters', 'audit_log']),
    );
    const recorded = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version })));
  });

  it('is a no-op when run again on an up-to-date database', () => {
    const { db } = freshDb();
    migrate(db);
    const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_master').all();
    const recordedBefore = db.prepare('SELECT * FROM schema_migrations').all();
    const latest = latestSchemaVersion();
    expect(migrate(db)).toEqual({ from: latest, to: latest });
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master').all()).toEqual(schemaBefore);
    expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(recordedBefore);
  });

  it('refuses a database written by newer software and leaves it unchanged', () => {
    const { db, file } = freshDb();
    migrate(db);
    const newer = latestSchemaVersion() + 5;
    db.pragma(`user_version = ${newer}`);
    const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_master').all();
    let called = false;
    let caught: unknown;
    try {
      migrate(db, migrations, () => {
        called = true;
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NewerDatabaseError);
    expect((caught as NewerDatabaseError).databaseVersion).toBe(newer);
    expect((caught as NewerDatabaseError).softwareVersion).toBe(latestSchemaVersion());
    expect(called).toBe(false); // no backup hook, no transaction: nothing touched
    expect(schemaVersion(db)).toBe(newer);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master').all()).toEqual(schemaBefore);
    closeDatabase(db);
    // Re-opened from disk, the file still says "newer".
    const again = new Database(file, { readonly: true });
    try {
      expect(again.pragma('user_version', { simple: true })).toBe(newer);
    } finally {
      again.close();
    }
  });

  it('rolls back every migration of the run when one of them fails', () => {
    const { db } = freshDb();
    const fake: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE fake_one (x INTEGER)') },
      {
        version: 2,
        name: 'two',
        up: (d) => {
          d.exec('CREATE TABLE fake_two (y INTEGER)');
          throw new Error('migration 2 broke');
        },
      },
    ];
    expect(() => migrate(db, fake)).toThrow('migration 2 broke');
    expect(schemaVersion(db)).toBe(0);
    expect(tableNames(db)).not.toContain('fake_one');
    expect(tableNames(db)).not.toContain('fake_two');
    expect(tableNames(db)).not.toContain('schema_migrations');
  });

  it('keeps an already-migrated database at its old version when a later migration fails', () => {
    const { db } = freshDb();
    const one: Migration = {
      version: 1,
      name: 'one',
      up: (d) => d.exec('CREATE TABLE fake_one (x INTEGER)'),
    };
    migrate(db, [one]);
    db.prepare('INSERT INTO fake_one (x) VALUES (42)').run();
    const broken: Migration[] = [
      one,
      { version: 2, name: 'two', up: (d) => d.exec('CREATE TABLE fake_two (y INTEGER)') },
      {
        version: 3,
        name: 'three',
        up: () => {
          throw new Error('migration 3 broke');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('migration 3 broke');
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).not.toContain('fake_two');
    expect(db.prepare('SELECT x FROM fake_one').all()).toEqual([{ x: 42 }]);
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
  });

  it('requires unique, increasing migration numbers (a reserved number may be missing)', () => {
    const { db } = freshDb();
    const m = (version: number): Migration => ({
      version,
      name: `m${version}`,
      up: (d) => d.exec(`CREATE TABLE t${version} (x INTEGER)`),
    });
    expect(() => migrate(db, [m(1), m(1)])).toThrow(/unique positive integers/);
    expect(() => migrate(db, [m(0)])).toThrow(/unique positive integers/);
    expect(() => migrate(db, [m(1), m(1.5)])).toThrow(/unique positive integers/);
    expect(schemaVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual([]);
    // Out-of-order declaration is fine: they are applied by number; a gap too.
    expect(migrate(db, [m(3), m(1)])).toEqual({ from: 0, to: 3 });
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1, 3]);
    // And the shipped list itself only grows.
    const versions = migrations.map((x) => x.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  });
});

describe('audit_log', () => {
  it('is append-only: the database refuses UPDATE and DELETE', () => {
    const { db } = freshDb();
    migrate(db);
    recordAudit(db, { actor: null, action: 'x' }, new Date('2026-01-01T00:00:00.000Z'));
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    // Since migration 010 a row without its chain hash is refused too (only recordAudit writes).
    expect(() =>
      db
        .prepare(
          "INSERT INTO audit_log (id, at, action) VALUES ('01TEST', '2026-01-01T00:00:00.000Z', 'x')",
        )
        .run(),
    ).toThrow(/hash-chained/);
    expect(db.prepare('SELECT action, seq FROM audit_log').all()).toEqual([
      { action: 'x', seq: 1 },
    ]);
  });
});
