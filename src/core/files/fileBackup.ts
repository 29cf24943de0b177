/**
 * Backups of the stored files (docs/backup.md, "Files"; docs/digitisation.md): a backup is
 * the database copy plus a `files/` folder beside it with the same content-addressed layout.
 * Files never change, so a file already in the backup folder is never copied again
 * (incremental). With a backup passphrase each file is encrypted on its own with the
 * backups' format (src/core/backup/backupCrypto.ts) and named `<sha256>.enc`. Restore puts
 * back every file the restored database lists and checks each one's sha256; a missing or
 * damaged copy (a flipped byte) is reported, never stored under its name.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decryptFile, encryptFile, type KdfParams } from '../backup/backupCrypto';
import type { Db } from '../db/connection';
import { makeDirPrivate, makeFilePrivate } from '../security/fileModes';
import { FILES_DIR_NAME, sha256OfFile, storedPath, storedRelPath } from './fileStore';

/** The encrypted copy of a file ends in this. */
export const ENCRYPTED_FILE_SUFFIX = '.enc';

/** The sha256 of every stored file the database lists (none before migration 014). */
export function listedFiles(db: Db): string[] {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stored_files'")
    .get();
  if (!exists) return [];
  return (
    db.prepare('SELECT sha256 FROM stored_files ORDER BY sha256').all() as Array<{
      sha256: string;
    }>
  ).map((r) => r.sha256);
}

function tempBeside(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

/**
 * Copy the files the database lists into `<backupFolder>/files/`, those not there yet only.
 * Returns how many were copied and how many were already there.
 */
export async function backupFiles(
  db: Db,
  dataDir: string,
  backupFolder: string,
  passphrase: string | null,
  options: { kdf?: KdfParams } = {},
): Promise<{ copied: number; present: number }> {
  const shas = listedFiles(db);
  let copied = 0;
  let present = 0;
  const root = path.join(backupFolder, FILES_DIR_NAME);
  for (const sha of shas) {
    const plain = path.join(root, storedRelPath(sha));
    const encrypted = `${plain}${ENCRYPTED_FILE_SUFFIX}`;
    if (fs.existsSync(plain) || fs.existsSync(encrypted)) {
      present += 1;
      continue;
    }
    const source = storedPath(dataDir, sha);
    if (!fs.existsSync(source)) continue; // reported by restore and by reading, not fatal here
    const target = passphrase ? encrypted : plain;
    makeDirPrivate(path.dirname(target));
    const tmp = tempBeside(target);
    try {
      if (passphrase) {
        await encryptFile(source, tmp, passphrase, options.kdf ? { kdf: options.kdf } : {});
      } else {
        await fs.promises.copyFile(source, tmp, fs.constants.COPYFILE_EXCL);
        makeFilePrivate(tmp);
      }
      const handle = await fs.promises.open(tmp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, target);
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
    copied += 1;
  }
  return { copied, present };
}

export interface FileRestoreReport {
  /** Files put back from the backup. */
  restored: number;
  /** Files already in place whose hash was checked. */
  verified: number;
  /** Files that could not be put back: none in the backup, or a copy whose hash is wrong. */
  problems: Array<{ sha256: string; problem: 'missing' | 'damaged' }>;
}

/**
 * Bring back every file `shas` lists from `<backupFolder>/files/` into the data folder,
 * checking each sha256 (a file already in place is checked too and replaced from the backup
 * when damaged).
 */
export async function restoreFiles(
  shas: readonly string[],
  backupFolder: string,
  dataDir: string,
  passphrase: string | null,
): Promise<FileRestoreReport> {
  const report: FileRestoreReport = { restored: 0, verified: 0, problems: [] };
  const root = path.join(backupFolder, FILES_DIR_NAME);
  for (const sha of shas) {
    const target = storedPath(dataDir, sha);
    if (fs.existsSync(target) && (await sha256OfFile(target)) === sha) {
      report.verified += 1;
      continue;
    }
    const plain = path.join(root, storedRelPath(sha));
    const encrypted = `${plain}${ENCRYPTED_FILE_SUFFIX}`;
    const source = fs.existsSync(plain) ? plain : fs.existsSync(encrypted) ? encrypted : null;
    if (!source || (source === encrypted && !passphrase)) {
      report.problems.push({ sha256: sha, problem: 'missing' });
      continue;
    }
    makeDirPrivate(path.dirname(target));
    const tmp = tempBeside(target);
    try {
      try {
        if (source === encrypted) await decryptFile(source, tmp, passphrase ?? '');
        else await fs.promises.copyFile(source, tmp);
      } catch {
        report.problems.push({ sha256: sha, problem: 'damaged' });
        continue;
      }
      makeFilePrivate(tmp);
      if ((await sha256OfFile(tmp)) !== sha) {
        report.problems.push({ sha256: sha, problem: 'damaged' });
        continue;
      }
      await fs.promises.rename(tmp, target);
      report.restored += 1;
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }
  return report;
}
