import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { backupPassphraseSchema } from '../../shared/contract/backup';
import { vnDate } from '../../shared/time/vnTime';
import type { Db } from '../db/connection';
import { createPrivateFile, makeDirPrivate, makeFilePrivate } from '../security/fileModes';
import { readSetting } from '../settings/settingsRepo';
import { backupFiles } from '../files/fileBackup';
import { decryptFile, encryptFile } from './backupCrypto';

/**
 * Online backups with better-sqlite3's `db.backup()` (SQLite's backup API: a consistent copy
 * while the hub keeps working). A backup is written to `<name>.partial`, switched to a
 * single-file journal, checked with `integrity_check`, flushed to disk and only then renamed
 * to its final name: a crash (SIGKILL, power cut, USB pulled) leaves at worst a `.partial`
 * that is deleted next time — never a truncated file that looks like a backup.
 *
 * With a backup passphrase set (`backup.passphrase`, docs/backup.md "Encrypted backups") the
 * checked copy is made in the data folder (0700) and only its encryption (backupCrypto.ts,
 * `.sqlite.enc`) is written to the backup folder: no plaintext copy ever reaches a USB disk.
 * Backup files are 0600 and the backup folder 0700 where the file system has modes. The
 * stored files of dossiers go to `files/` beside the database copies, each copied once
 * (src/core/files/fileBackup.ts).
 */

export const BACKUP_DIR_SETTING = 'backup.dir';
/**
 * The passphrase backups are encrypted with, stored so that the hub encrypts unattended: it
 * protects a lost or copied backup, not a stolen hub (docs/security.md). Never returned.
 */
export const BACKUP_PASSPHRASE_SETTING = 'backup.passphrase';
/** Encrypted backups end in this after `.sqlite`. */
export const ENCRYPTED_SUFFIX = '.enc';
export const KEEP_DAILY = 14;
export const KEEP_MONTHLY = 12;
export const KEEP_PREMIGRATE = 10;

export type BackupKind = 'daily' | 'monthly' | 'premigrate' | 'manual' | 'before-restore';

const BACKUP_RE =
  /^motcua-(daily|monthly|premigrate|manual|before-restore)-[0-9A-Za-z-]+\.sqlite(\.enc)?$/;

/** The backup passphrase, or null (none set, or a database without settings yet). */
export function readBackupPassphrase(db: Db): string | null {
  const hasSettings = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'")
    .get();
  return hasSettings ? readSetting(db, BACKUP_PASSPHRASE_SETTING, backupPassphraseSchema) : null;
}

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

export interface FileCheck {
  ok: boolean;
  detail: string;
  schemaVersion: number;
}
/**
 * How a checked copy of `db` is made at `target`: copyHere on this thread, or the whole of
 * it — SQLite's backup API, finishCopy, integrity_check — off the serving thread
 * (src/core/worker): the copy's writes alone can block a thread for hundreds of
 * milliseconds once the disk's dirty-page limit throttles them (docs/performance.md).
 */
export type CopyMaker = (db: Db, target: string) => Promise<FileCheck>;

/** Copy with SQLite's backup API on this connection, then finishCopy. */
export const copyHere: CopyMaker = async (db, target) => {
  await db.backup(target);
  return finishCopy(target);
};

/**
 * The same from a separate (read-only) connection, e.g. the heavy-work thread's: all the
 * pages in one step, so one read transaction gives a consistent snapshot while the serving
 * connection keeps writing (WAL). In steps, the backup API would start again after every
 * write made by another connection, and might never finish on a busy day.
 */
export async function copyInOneStep(source: Db, target: string): Promise<FileCheck> {
  await source.backup(target, { progress: () => 0x7fffffff });
  return finishCopy(target);
}

/**
 * Flush a file (or a directory entry) to disk without blocking the event loop: the flush of
 * a large copy can take seconds on a busy disk, and it runs in libuv's thread pool while the
 * counters keep being served.
 */
async function fsyncPathAsync(p: string, flags: 'r' | 'r+' = 'r'): Promise<void> {
  let handle: fs.promises.FileHandle | null = null;
  try {
    handle = await fs.promises.open(p, flags);
    await handle.sync();
  } catch {
    /* directories cannot be fsynced on every platform (Windows): best effort */
  } finally {
    await handle?.close();
  }
}

/**
 * Finish a fresh backup copy and check it: switch it to one self-contained file (no -wal
 * beside it; on a large copy this checkpoint rewrites the whole file), then checkFile. Runs
 * in the heavy-work thread in the hub (src/core/worker); it writes only the copy.
 */
export function finishCopy(file: string): FileCheck {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return checkFile(file);
}

/** Check a finished copy: integrity_check must answer exactly 'ok'. */
export function checkFile(file: string): FileCheck {
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

/** A checked single-file copy of `db` at `target` (created 0600, must not exist). */
async function checkedCopy(db: Db, target: string, makeCopy: CopyMaker): Promise<void> {
  createPrivateFile(target); // SQLite keeps the mode of the file it writes into
  const result = await makeCopy(db, target);
  makeFilePrivate(target);
  if (!result.ok) throw new Error(`Bản sao lưu không toàn vẹn: ${result.detail}`);
}

/**
 * Plaintext copies of encrypted backups left by a crash (`motcua.sqlite.backup-*.tmp`, in
 * the data folder, 0600): removed once they are an hour old — a younger one may belong to a
 * backup running right now in another process (`motcua backup` beside the hub).
 */
function removeStalePlainCopies(dbFile: string, now = Date.now()): void {
  const dir = path.dirname(dbFile);
  const prefix = `${path.basename(dbFile)}.backup-`;
  for (const n of fs.readdirSync(dir)) {
    if (!n.startsWith(prefix) || !/\.tmp(-journal)?$/.test(n)) continue;
    const p = path.join(dir, n);
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st && now - st.mtimeMs > 3_600_000) fs.rmSync(p, { force: true });
  }
}

/**
 * Copy `db` to `file` (a `.sqlite` path) atomically (see the file comment); encrypted to
 * `file.enc` when a backup passphrase is set. Returns the final path.
 */
export async function backupTo(
  db: Db,
  file: string,
  makeCopy: CopyMaker = copyHere,
): Promise<string> {
  const passphrase = readBackupPassphrase(db);
  const final = passphrase ? `${file}${ENCRYPTED_SUFFIX}` : file;
  makeDirPrivate(path.dirname(final));
  const partial = `${final}.partial`;
  fs.rmSync(partial, { force: true });
  // The plaintext copy of an encrypted backup stays beside the database, in the data folder.
  const plain = passphrase ? `${db.name}.backup-${randomBytes(6).toString('hex')}.tmp` : partial;
  if (passphrase) removeStalePlainCopies(db.name);
  try {
    await checkedCopy(db, plain, makeCopy);
    if (passphrase) {
      await encryptFile(plain, partial, passphrase);
      await decryptFile(partial, null, passphrase); // every frame authenticates as written
    }
    await fsyncPathAsync(partial, 'r+');
    fs.renameSync(partial, final);
    await fsyncPathAsync(path.dirname(final));
    // The stored files beside it, those not yet there (docs/backup.md, "Files").
    await backupFiles(db, path.dirname(db.name), path.dirname(final), passphrase);
    return final;
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    if (passphrase) {
      fs.rmSync(plain, { force: true });
      fs.rmSync(`${plain}-journal`, { force: true });
    }
  }
}

export async function backupNow(
  db: Db,
  dir: string,
  kind: BackupKind,
  now: Date,
  extra = '',
  makeCopy?: CopyMaker,
): Promise<string> {
  const file = await backupTo(db, path.join(dir, backupFileName(kind, now, extra)), makeCopy);
  rotate(dir);
  return file;
}

/** Keep the newest 14 daily, 12 monthly and 10 pre-migration backups; remove stray partials. */
export function rotate(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir);
  const removed: string[] = [];
  for (const n of names) {
    if (/^motcua-.*\.sqlite(\.enc)?\.partial$/.test(n)) {
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
export async function dailyBackupIfDue(
  db: Db,
  dir: string,
  now: Date,
  makeCopy?: CopyMaker,
): Promise<string | null> {
  const existing = (file: string): string | null =>
    [file, `${file}${ENCRYPTED_SUFFIX}`].find((f) => fs.existsSync(f)) ?? null;
  const dailyBase = path.join(dir, backupFileName('daily', now));
  let made: string | null = null;
  let daily = existing(dailyBase);
  if (!daily) {
    daily = await backupTo(db, dailyBase, makeCopy);
    made = daily;
  }
  const monthlyBase = path.join(dir, backupFileName('monthly', now));
  if (!existing(monthlyBase)) {
    // the monthly file is the daily one under another name, encrypted or not like it
    const monthly = daily.endsWith(ENCRYPTED_SUFFIX)
      ? `${monthlyBase}${ENCRYPTED_SUFFIX}`
      : monthlyBase;
    const partial = `${monthly}.partial`;
    await fs.promises.copyFile(daily, partial);
    makeFilePrivate(partial);
    await fsyncPathAsync(partial, 'r+');
    fs.renameSync(partial, monthly);
    await fsyncPathAsync(dir);
    made ??= monthly;
  }
  rotate(dir);
  return made;
}

/** Backups written by older versions (0644) made private at start: our files only, never others'. */
export function makeBackupsPrivate(dir: string): void {
  if (!fs.existsSync(dir)) return;
  makeDirPrivate(dir);
  for (const n of fs.readdirSync(dir)) {
    if (BACKUP_RE.test(n)) makeFilePrivate(path.join(dir, n));
  }
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
): { fileName: string; kind: BackupKind; bytes: number; at: string; encrypted: boolean }[] {
  if (!fs.existsSync(dir)) return [];
  const rows: {
    fileName: string;
    kind: BackupKind;
    bytes: number;
    at: string;
    encrypted: boolean;
    ms: number;
  }[] = [];
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
      encrypted: n.endsWith(ENCRYPTED_SUFFIX),
      ms: st.mtimeMs,
    });
  }
  return rows
    .sort((a, b) => b.ms - a.ms || b.fileName.localeCompare(a.fileName))
    .slice(0, limit)
    .map(({ ms: _ms, ...r }) => r);
}
