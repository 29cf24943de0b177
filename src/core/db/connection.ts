import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createPrivateFile, makeDirPrivate, makeFilePrivate } from '../security/fileModes';

export type Db = Database.Database;

export const DB_FILE_NAME = 'motcua.sqlite';

/**
 * Open the single source of truth. WAL for concurrent readers, synchronous=FULL so that a
 * committed transaction survives a power cut (commune offices lose power), foreign keys on,
 * a busy timeout so a second process waits instead of failing. The data folder is 0700 and
 * the database, -wal and -shm files 0600 (docs/security.md; SQLite gives -wal/-shm the mode
 * of the database file, so it is created 0600 before SQLite opens it).
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') {
    makeDirPrivate(path.dirname(file));
    createPrivateFile(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  if (file !== ':memory:') {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      if (fs.existsSync(f)) makeFilePrivate(f);
    }
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Checkpoint the WAL into the main file and close: no WAL left dangling after a clean stop. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
