import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { isMessageKey, translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { acquireDataDirLock } from '../dataDirLock';
import { DB_FILE_NAME } from '../db/connection';
import { latestSchemaVersion, NewerDatabaseError } from '../db/migrate';
import { listedFiles, restoreFiles, type FileRestoreReport } from '../files/fileBackup';
import { makeFilePrivate } from '../security/fileModes';
import {
  BACKUP_FORMAT_VERSION,
  BackupCryptoError,
  decryptFile,
  isEncryptedBackup,
} from './backupCrypto';
import {
  backupDir,
  backupTo,
  backupFileName,
  checkFile,
  readBackupPassphrase,
} from './backupService';
import { schemaDifferences, type SchemaDifference } from './schemaCheck';

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

/** The command line speaks Vietnamese, like every other message of `motcua`. */
const vi = (key: MessageKey, params?: MessageParams): string => translate('vi', key, params);

function cryptoMessage(e: BackupCryptoError): string {
  switch (e.problem) {
    case 'WRONG_PASSPHRASE':
      return vi('restore.wrongPassphrase');
    case 'TAMPERED':
      return vi('restore.tampered', { frame: e.detail.frame ?? 0 });
    case 'VERSION':
      return vi('restore.formatVersion', {
        version: e.detail.version ?? 0,
        supported: BACKUP_FORMAT_VERSION,
      });
    case 'BAD_HEADER':
    case 'NOT_ENCRYPTED':
      return vi('restore.badHeader');
  }
}

function describeDifference(d: SchemaDifference): string {
  const typeKey = `restore.schema.type.${d.type}`;
  const type = isMessageKey(typeKey) ? vi(typeKey) : d.type;
  return vi(`restore.schema.${d.kind}`, { type, name: d.name });
}

/** Refuses a copy whose schema is not exactly what the migrations create for its version. */
function assertPristineSchema(file: string, version: number): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let differences: SchemaDifference[];
  try {
    differences = schemaDifferences(db);
  } finally {
    db.close();
  }
  if (differences.length > 0) {
    throw new RestoreError(
      vi('restore.schemaRefused', {
        version,
        differences: differences.map(describeDifference).join('; '),
      }),
    );
  }
}

function unsentMissingFrom(current: Database.Database, restoring: string): number {
  const hasOutbox = (db: Database.Database, schema: string) =>
    db
      .prepare(
        `SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = 'sync_outbox'`,
      )
      .get() !== undefined;
  if (!hasOutbox(current, 'main')) return 0;
  current.prepare('ATTACH DATABASE ? AS restoring').run(restoring);
  try {
    if (!hasOutbox(current, 'restoring')) {
      return (
        current
          .prepare('SELECT COUNT(*) AS n FROM main.sync_outbox WHERE sent_at IS NULL')
          .get() as {
          n: number;
        }
      ).n;
    }
    return (
      current
        .prepare(
          `SELECT COUNT(*) AS n FROM main.sync_outbox o WHERE o.sent_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM restoring.sync_outbox b WHERE b.id = o.id)`,
        )
        .get() as { n: number }
    ).n;
  } finally {
    current.prepare('DETACH DATABASE restoring').run();
  }
}

/**
 * `motcua restore FILE`: replace the database with a backup, never half-way.
 *  1. take the data-folder lock (refused while a hub runs on it);
 *  2. copy (or decrypt, with `passphrase`) the backup next to the database as
 *     `motcua.sqlite.restoring` (0600), check it: integrity_check = ok, schema not newer than
 *     this software, and the whole schema exactly what the migrations create for its version
 *     (schemaCheck.ts: no added trigger, no dropped append-only trigger, no extra table);
 *  3. refuse when changes not yet sent to the province would be lost (unless `force`);
 *  4. keep a copy of the current database in the backup folder ('before-restore');
 *  5. checkpoint and close the current database, remove its (now empty) -wal/-shm,
 *     and atomically rename the checked copy over it.
 * A crash at any point leaves either the old database or the restored one, both complete.
 */
export async function restoreDatabase(
  dataDir: string,
  file: string,
  options: { force?: boolean; now?: Date; passphrase?: string | null } = {},
): Promise<{
  restoredFrom: string;
  schemaVersion: number;
  safetyCopy: string | null;
  /** Whether backups made after this restore are encrypted (the restored database's setting). */
  encryptedBackups: boolean;
  /** The stored files put back and checked; problems = missing or damaged copies. */
  files: FileRestoreReport;
}> {
  const now = options.now ?? new Date();
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new RestoreError(`Không tìm thấy tệp sao lưu: ${source}`);
  const encrypted = isEncryptedBackup(source);
  if (encrypted && !options.passphrase) throw new RestoreError(vi('restore.passphraseNeeded'));
  const lock = acquireDataDirLock(dataDir);
  const target = path.join(dataDir, DB_FILE_NAME);
  const temp = `${target}.restoring`;
  try {
    fs.rmSync(temp, { force: true });
    fs.rmSync(`${temp}-journal`, { force: true });
    if (encrypted) {
      try {
        await decryptFile(source, temp, options.passphrase ?? '');
      } catch (e) {
        if (e instanceof BackupCryptoError) throw new RestoreError(cryptoMessage(e));
        throw e;
      }
    } else {
      fs.copyFileSync(source, temp);
    }
    makeFilePrivate(temp);
    let check: ReturnType<typeof checkFile>;
    try {
      check = checkFile(temp);
    } catch (e) {
      throw new RestoreError(`Tệp không phải cơ sở dữ liệu SQLite hợp lệ: ${(e as Error).message}`);
    }
    if (!check.ok)
      throw new RestoreError(`Bản sao lưu bị hỏng (integrity_check: ${check.detail}).`);
    if (check.schemaVersion > latestSchemaVersion()) {
      throw new NewerDatabaseError(check.schemaVersion, latestSchemaVersion());
    }
    assertPristineSchema(temp, check.schemaVersion);
    let encryptedBackups: boolean;
    {
      const restored = new Database(temp, { readonly: true, fileMustExist: true });
      try {
        encryptedBackups = readBackupPassphrase(restored) !== null;
      } finally {
        restored.close();
      }
    }
    {
      const fd = fs.openSync(temp, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
    let safetyCopy: string | null = null;
    if (fs.existsSync(target)) {
      const current = new Database(target);
      try {
        current.pragma('busy_timeout = 5000');
        const missing = unsentMissingFrom(current, temp);
        if (missing > 0 && !options.force) {
          throw new RestoreError(
            `Không khôi phục: ${missing} thay đổi chưa đồng bộ lên tỉnh không có trong bản sao lưu và sẽ bị mất. ` +
              'Hãy đồng bộ (hoặc "sync export" ra USB) trước, hoặc dùng --force nếu chấp nhận mất chúng.',
          );
        }
        safetyCopy = await backupTo(
          current,
          path.join(backupDir(current, dataDir), backupFileName('before-restore', now)),
        );
        current.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        current.close();
      }
    }
    fs.rmSync(`${target}-wal`, { force: true });
    fs.rmSync(`${target}-shm`, { force: true });
    fs.renameSync(temp, target);
    // The stored files the restored database lists, from `files/` beside the backup, each
    // checked against its sha256 (docs/backup.md, "Files").
    let shas: string[];
    {
      const restored = new Database(target, { readonly: true, fileMustExist: true });
      try {
        shas = listedFiles(restored);
      } finally {
        restored.close();
      }
    }
    const files = await restoreFiles(
      shas,
      path.dirname(source),
      dataDir,
      options.passphrase ?? null,
    );
    try {
      const dfd = fs.openSync(dataDir, 'r');
      fs.fsyncSync(dfd);
      fs.closeSync(dfd);
    } catch {
      /* best effort on platforms without directory fsync */
    }
    return {
      restoredFrom: source,
      schemaVersion: check.schemaVersion,
      safetyCopy,
      encryptedBackups,
      files,
    };
  } finally {
    fs.rmSync(temp, { force: true });
    lock.release();
  }
}
