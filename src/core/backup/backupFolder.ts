import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/contract';
import { backupPassphraseSchema } from '../../shared/contract/backup';
import { translate } from '../../shared/i18n';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../settings/settingsRepo';
import { BACKUP_DIR_SETTING, BACKUP_PASSPHRASE_SETTING, backupDir } from './backupService';
import { servedFolderContaining } from './servedFolders';

/**
 * The backup folder chosen on the admin screen (`backup.dir`). Before it is stored it must be
 * an absolute path, a folder (created if missing) and writable — proven by writing, fsyncing
 * and deleting a probe file, because permission bits lie (root, read-only mounts, a USB disk
 * mounted read-only). A refused folder changes nothing: folders this check created are
 * removed again and the setting is untouched.
 */

const dirSettingSchema = z.string().min(1).max(1000).nullable();

export type BackupFolderProblem =
  'RELATIVE' | 'NOT_A_DIRECTORY' | 'CANNOT_CREATE' | 'NOT_WRITABLE' | 'SERVED';

/** Plain words for the usual system error codes (the code itself stays in the details). */
function reasonOf(e: unknown): { vi: string; en: string; code: string } {
  const code = (e as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { code, vi: 'không có quyền ghi', en: 'permission denied' };
    case 'EROFS':
      return { code, vi: 'ổ đĩa chỉ cho phép đọc', en: 'the disk is read-only' };
    case 'ENOSPC':
      return { code, vi: 'ổ đĩa đã đầy', en: 'the disk is full' };
    case 'ENOTDIR':
      return {
        code,
        vi: 'một phần của đường dẫn là tệp, không phải thư mục',
        en: 'part of the path is a file, not a folder',
      };
    default:
      return {
        code,
        vi: `hệ thống không cho phép (${code})`,
        en: `the system refused (${code})`,
      };
  }
}

function refuse(
  problem: BackupFolderProblem,
  dir: string,
  message: { vi: string; en: string },
  code?: string,
): never {
  throw new AppError('UNPROCESSABLE', {
    message,
    details: { reason: problem, dir, ...(code ? { code } : {}) },
  });
}

/**
 * Check (and create) a backup folder; returns its normalised absolute path. Throws an
 * UNPROCESSABLE AppError with a Vietnamese/English message when it cannot be used.
 */
export function prepareBackupFolder(input: string, servedDirs: readonly string[] = []): string {
  const given = input.trim();
  if (!path.isAbsolute(given)) {
    refuse('RELATIVE', given, {
      vi: `Thư mục sao lưu phải là đường dẫn đầy đủ (tuyệt đối), ví dụ /media/usb/saoluu hoặc D:\\SaoLuu — "${given}" là đường dẫn tương đối.`,
      en: `The backup folder must be a full (absolute) path, e.g. /media/usb/backups or D:\\Backups — "${given}" is relative.`,
    });
  }
  const dir = path.resolve(given);
  // Checked before anything is created: a backup in a served folder downloads anonymously.
  const served = servedFolderContaining(dir, servedDirs);
  if (served !== null) {
    refuse('SERVED', dir, {
      vi: translate('vi', 'backup.servedFolder', { dir, served }),
      en: translate('en', 'backup.servedFolder', { dir, served }),
    });
  }

  // The nearest part of the path that exists must be a folder.
  const missing: string[] = [];
  let probe = dir;
  for (;;) {
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(probe);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up — found, and named, as the walk goes up.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        const r = reasonOf(e);
        refuse(
          'CANNOT_CREATE',
          dir,
          {
            vi: `Không dùng được thư mục ${dir}: ${r.vi}.`,
            en: `Cannot use the folder ${dir}: ${r.en}.`,
          },
          r.code,
        );
      }
    }
    if (st) {
      if (!st.isDirectory()) {
        refuse('NOT_A_DIRECTORY', dir, {
          vi: `Không dùng được ${dir}: ${probe} là một tệp, không phải thư mục.`,
          en: `Cannot use ${dir}: ${probe} is a file, not a folder.`,
        });
      }
      break;
    }
    missing.unshift(probe);
    const parent = path.dirname(probe);
    if (parent === probe) break; // a root that does not exist (e.g. an absent drive letter)
    probe = parent;
  }

  // Create what is missing one level at a time (no recursive mkdir: it can spin on /proc).
  const created: string[] = [];
  const undo = () => {
    for (const d of created.reverse()) fs.rmSync(d, { recursive: false, force: true });
  };
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
      created.push(d);
    } catch (e) {
      undo();
      const r = reasonOf(e);
      refuse(
        'CANNOT_CREATE',
        dir,
        {
          vi: `Không tạo được thư mục sao lưu ${dir}: ${r.vi}.`,
          en: `Could not create the backup folder ${dir}: ${r.en}.`,
        },
        r.code,
      );
    }
  }

  // Writable for real: write, flush and delete a probe file.
  const testFile = path.join(dir, `.motcua-write-test-${randomBytes(6).toString('hex')}`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(testFile, 'wx');
    fs.writeSync(fd, 'motcua');
    fs.fsyncSync(fd);
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
    fs.rmSync(testFile, { force: true });
    undo();
    const r = reasonOf(e);
    refuse(
      'NOT_WRITABLE',
      dir,
      {
        vi: `Không ghi được vào thư mục sao lưu ${dir}: ${r.vi}. Hãy chọn thư mục khác hoặc kiểm tra ổ đĩa USB.`,
        en: `Cannot write to the backup folder ${dir}: ${r.en}. Choose another folder or check the USB disk.`,
      },
      r.code,
    );
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
  fs.rmSync(testFile, { force: true });
  return dir;
}

/** Whether `backup.dir` is set (else backups go to `<data-dir>/backups`). */
export function hasCustomBackupDir(db: Db): boolean {
  return readSetting(db, BACKUP_DIR_SETTING, dirSettingSchema) !== null;
}

/** Store the backup folder (null: back to the default). Check it first with prepareBackupFolder. */
export function writeBackupDirSetting(db: Db, dir: string | null, at: Date): void {
  writeSetting(db, BACKUP_DIR_SETTING, dirSettingSchema, dir, at);
}

/** Whether a backup passphrase is set (the passphrase itself never leaves the core). */
export function hasBackupPassphrase(db: Db): boolean {
  return readSetting(db, BACKUP_PASSPHRASE_SETTING, backupPassphraseSchema) !== null;
}

/** Set the backup passphrase (null: backups are no longer encrypted). */
export function writeBackupPassphrase(db: Db, passphrase: string | null, at: Date): void {
  if (passphrase === null) {
    db.prepare('DELETE FROM settings WHERE key = ?').run(BACKUP_PASSPHRASE_SETTING);
    return;
  }
  writeSetting(db, BACKUP_PASSPHRASE_SETTING, backupPassphraseSchema, passphrase, at);
}

/** The configured backup folder is inside a served folder (checked when the hub starts). */
export class ServedBackupFolderError extends Error {
  constructor(
    readonly dir: string,
    readonly served: string,
    dataDir: string,
  ) {
    super(translate('vi', 'backup.servedFolderAtStart', { dir, served, dataDir }));
    this.name = 'ServedBackupFolderError';
  }
}

/**
 * At start: refuse to run (and so to serve) while the configured backup folder is inside a
 * served folder — set by an older version, or the served folder moved (`--static-dir`).
 */
export function assertBackupFolderNotServed(
  db: Db,
  dataDir: string,
  servedDirs: readonly string[],
): void {
  const hasSettings = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'")
    .get();
  if (!hasSettings || servedDirs.length === 0) return;
  const dir = backupDir(db, dataDir);
  const served = servedFolderContaining(dir, servedDirs);
  if (served !== null) throw new ServedBackupFolderError(dir, served, dataDir);
}
