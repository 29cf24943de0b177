import type { Db } from './connection';
import { migrations, type Migration } from './migrations';

export class NewerDatabaseError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly softwareVersion: number,
  ) {
    super(
      `Cơ sở dữ liệu có phiên bản ${databaseVersion}, mới hơn phần mềm (phiên bản ${softwareVersion}). ` +
        'Hãy cập nhật phần mềm; không được mở bằng phiên bản cũ. ' +
        `(Database schema ${databaseVersion} is newer than this software's ${softwareVersion}.)`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export function latestSchemaVersion(list: readonly Migration[] = migrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the database to the latest schema. All pending migrations run in ONE transaction:
 * either the database reaches the new version or it stays exactly as it was. A database
 * written by newer software is refused rather than damaged.
 */
export function migrate(
  db: Db,
  list: readonly Migration[] = migrations,
  beforeMigrate?: (from: number, to: number) => void,
): { from: number; to: number } {
  const sorted = [...list].sort((a, b) => a.version - b.version);
  // Numbers only grow and never repeat. A number may be missing (numbers are reserved for
  // work that is merged later); the database records the newest version it reached.
  sorted.forEach((m, i) => {
    const before = i === 0 ? 0 : (sorted[i - 1] as Migration).version;
    if (!Number.isInteger(m.version) || m.version <= before)
      throw new Error(`Migration numbers must be unique positive integers (found ${m.version})`);
  });
  const latest = latestSchemaVersion(sorted);
  const current = schemaVersion(db);
  if (current > latest) throw new NewerDatabaseError(current, latest);
  if (current === latest) return { from: current, to: current };

  beforeMigrate?.(current, latest);
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const m of sorted) {
      if (m.version <= current) continue;
      m.up(db);
      record.run(m.version, m.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
  })();
  return { from: current, to: latest };
}
