import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { vnDate } from '../../shared/time/vnTime';
import type { Db } from '../db/connection';
import { readSetting } from '../settings/settingsRepo';

/**
 * Online backups with better-sqlite3's `db.backup()` (SQLite's backup API: a consistent copy
 * while the hub keeps working). A backup is written to `<name>.partial`, switched to a
 * single-file journal, checked with `integrity_check`, flushed to disk and only then renamed
 * to its final name: a crash (SIGKILL, power cut, USB pulled) leaves at worst a `.partial`
 * that is deleted next time — never a truncated file that looks like a backup.
 */

export const BACKUP_DIR_SETTING = 'backup.dir';
export const KEEP_DAILY = 14;
export const KEEP_MONTHLY = 12;
export const KEEP_PREMIGRATE = 10;

export type BackupKind = 'daily' | 'monthly' | 'premigrate' | 'manual' | 'before-restore';

const BACKUP_RE = /^motcua-(daily|monthly|premigrate|manual|before-restore)-[0-9A-Za-z-]+\.sqlite$/;

/** The backup folder: the `backup.dir` setting (e.g. a USB disk), else `<dataDir>/backups`. */
export function backupDir(db: Db, dataDir: string): string {
  const configured = readSetting(db, BACKUP_DIR_SETTING, z.string().min(1).max(1000).nullable());
  return configured ? path.resolve(configured) : path.join(dataDir, 'backups');
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function backupFileName(kind: BackupKind, now: Date, extra = ''): string {
  if (kind === 'daily') return `motcua-daily-${vnDate(now)}.sqlite`;
  if (kind === 'monthly') return `motcua-monthly-${vnDate(now).slice(0, 7)}.sqlite`;
  return `motcua-${kind}-${extra ? `${extra}-` : ''}${stamp(now)}.sqlite`;
}

function fsyncPath(p: string, flags: 'r' | 'r+' = 'r'): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(p, flags);
    fs.fsyncSync(fd);
  } catch {
    /* directories cannot be fsynced on every platform (Windows): best effort */
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Check a finished copy: integrity_check must answer exactly 'ok'. */
export function checkFile(file: string): { ok: boolean; detail: string; schemaVersion: number } {
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const detail = rows.map((r) => r.integrity_check).join('; ');
    return {
      ok: detail === 'ok',
      detail,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

/** Copy `db` to `file` atomically (see the file comment). Returns the final path. */
export async function backupTo(db: Db, file: string): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE'); // one self-contained file, no -wal beside it
    } finally {
      copy.close();
    }
    const check = checkFile(partial);
    if (!check.ok) throw new Error(`Bản sao lưu không toàn vẹn: ${check.detail}`);
    fsyncPath(partial, 'r+');
    fs.renameSync(partial, file);
    fsyncPath(path.dirname(file));
    return file;
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

export async function backupNow(
  db: Db,
  dir: string,
  kind: BackupKind,
  now: Date,
  extra = '',
): Promise<string> {
  const file = await backupTo(db, path.join(dir, backupFileName(kind, now, extra)));
  rotate(dir);
  return file;
}

/** Keep the newest 14 daily, 12 monthly and 10 pre-migration backups; remove stray partials. */
export function rotate(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir);
  const removed: string[] = [];
  for (const n of names) {
    if (/^motcua-.*\.sqlite\.partial$/.test(n)) {
      fs.rmSync(path.join(dir, n), { force: true });
      removed.push(n);
    }
  }
  const keep: Partial<Record<BackupKind, number>> = {
    daily: KEEP_DAILY,
    monthly: KEEP_MONTHLY,
    premigrate: KEEP_PREMIGRATE,
  };
  for (const [kind, count] of Object.entries(keep)) {
    const ofKind = names.filter((n) => n.startsWith(`motcua-${kind}-`) && BACKUP_RE.test(n)).sort();
    for (const n of ofKind.slice(0, Math.max(0, ofKind.length - count))) {
      fs.rmSync(path.join(dir, n), { force: true });
      removed.push(n);
    }
  }
  return removed;
}

/**
 * The automatic backup: one daily file per Vietnam date, and the first backup of a month is
 * also kept as that month's monthly file. Does nothing when today's file exists.
 */
export async function dailyBackupIfDue(db: Db, dir: string, now: Date): Promise<string | null> {
  const daily = path.join(dir, backupFileName('daily', now));
  let made: string | null = null;
  if (!fs.existsSync(daily)) made = await backupTo(db, daily);
  const monthly = path.join(dir, backupFileName('monthly', now));
  if (!fs.existsSync(monthly)) {
    const partial = `${monthly}.partial`;
    fs.copyFileSync(daily, partial);
    fsyncPath(partial, 'r+');
    fs.renameSync(partial, monthly);
    fsyncPath(dir);
    made ??= monthly;
  }
  rotate(dir);
  return made;
}

/** The newest backup in the folder (by modification time), for the watchdog. */
export function lastBackup(dir: string): { file: string; at: Date } | null {
  if (!fs.existsSync(dir)) return null;
  let best: { file: string; at: Date } | null = null;
  for (const n of fs.readdirSync(dir)) {
    if (!BACKUP_RE.test(n)) continue;
    const st = fs.statSync(path.join(dir, n));
    if (!best || st.mtime > best.at) best = { file: path.join(dir, n), at: st.mtime };
  }
  return best;
}

/** Backups in the folder, newest first (by modification time), for the admin screen. */
export function listBackups(
  dir: string,
  limit: number,
): { fileName: string; kind: BackupKind; bytes: number; at: string }[] {
  if (!fs.existsSync(dir)) return [];
  const rows: { fileName: string; kind: BackupKind; bytes: number; at: string; ms: number }[] = [];
  for (const n of fs.readdirSync(dir)) {
    const m = BACKUP_RE.exec(n);
    if (!m) continue;
    let st: fs.Stats;
    try {
      st = fs.statSync(path.join(dir, n));
    } catch {
      continue; // removed meanwhile (rotation)
    }
    if (!st.isFile()) continue;
    rows.push({
      fileName: n,
      kind: m[1] as BackupKind,
      bytes: st.size,
      at: st.mtime.toISOString(),
      ms: st.mtimeMs,
    });
  }
  return rows
    .sort((a, b) => b.ms - a.ms || b.fileName.localeCompare(a.fileName))
    .slice(0, limit)
    .map(({ ms: _ms, ...r }) => r);
}
