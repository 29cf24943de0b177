import Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { migrations as allMigrations, type Migration } from '../db/migrations';

/**
 * A backup's schema must be exactly what the migrations create for its version
 * (docs/backup.md, "Restore"; docs/security.md, "A stolen backup"): every table, column,
 * index, trigger and view in `sqlite_master`, compared by type, name, table and SQL text with
 * whitespace runs folded. A backup with a trigger added (one that resets the admin's
 * password hash, or deletes audit rows), an append-only trigger dropped, or an extra table or
 * view is a poisoned database, not a backup of this software, and is refused.
 */

export interface SchemaDifference {
  /** extra: in the backup only; missing: only in what the migrations create; changed: both, different SQL. */
  kind: 'extra' | 'missing' | 'changed';
  type: string;
  name: string;
}

interface SchemaEntry {
  type: string;
  name: string;
  table: string;
  sql: string | null;
}

/** SQLite's statistics tables hold planner data, not schema (ANALYZE may create them). */
const IGNORED = /^sqlite_stat\d$/;

const normalise = (sql: string | null): string | null =>
  sql === null ? null : sql.replace(/\s+/g, ' ').trim();

function entries(db: Db, schema: string): Map<string, SchemaEntry> {
  const rows = db
    .prepare(`SELECT type, name, tbl_name AS "table", sql FROM ${schema}.sqlite_master`)
    .all() as SchemaEntry[];
  const map = new Map<string, SchemaEntry>();
  for (const r of rows) {
    if (IGNORED.test(r.name)) continue;
    map.set(`${r.type}\u0000${r.name}`, { ...r, sql: normalise(r.sql) });
  }
  return map;
}

/** The schema the migrations 1..version create, built in a fresh in-memory database. */
function expectedEntries(version: number, list: readonly Migration[]): Map<string, SchemaEntry> {
  const fresh = new Database(':memory:');
  try {
    fresh.pragma('foreign_keys = ON');
    migrate(
      fresh,
      list.filter((m) => m.version <= version),
    );
    return entries(fresh, 'main');
  } finally {
    fresh.close();
  }
}

/**
 * Differences between the schema of the open database `db` (its `user_version` says which
 * migrations it claims) and what those migrations create; empty when they are identical.
 */
export function schemaDifferences(
  db: Db,
  list: readonly Migration[] = allMigrations,
): SchemaDifference[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  const actual = entries(db, 'main');
  const expected = expectedEntries(version, list);
  const out: SchemaDifference[] = [];
  for (const [key, e] of actual) {
    const want = expected.get(key);
    if (!want) out.push({ kind: 'extra', type: e.type, name: e.name });
    else if (want.sql !== e.sql || want.table !== e.table)
      out.push({ kind: 'changed', type: e.type, name: e.name });
  }
  for (const [key, e] of expected) {
    if (!actual.has(key)) out.push({ kind: 'missing', type: e.type, name: e.name });
  }
  const order = { extra: 0, missing: 1, changed: 2 };
  return out.sort(
    (a, b) =>
      order[a.kind] - order[b.kind] || a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
  );
}
