import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Personal data at rest (docs/security.md, "Exports, restore and personal data at rest"):
 * the database, its -wal/-shm, backups and logs are readable by the service's own account
 * only — files 0600, their folders 0700. POSIX only: on Windows the per-user profile folder's
 * ACL is the protection, and on file systems without modes (a FAT/exFAT USB stick) chmod
 * changes nothing — there backup encryption is the protection, and the admin screen warns
 * while backups go to a removable folder unencrypted (looksRemovable).
 */

const POSIX = process.platform !== 'win32';

function chmodQuietly(p: string, mode: number): void {
  try {
    fs.chmodSync(p, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENOENT: gone meanwhile; EPERM/ENOTSUP/EROFS: a file system without modes or not ours.
    if (code !== 'ENOENT' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EROFS') throw e;
  }
}

/** chmod 0600 (POSIX; a no-op elsewhere or where the file system has no modes). */
export function makeFilePrivate(file: string): void {
  if (POSIX) chmodQuietly(file, 0o600);
}

/**
 * Create `dir` (and missing parents) as 0700, and tighten an existing one to 0700 — except
 * folders that are clearly shared and not ours alone: a file-system root, the home folder,
 * a sticky folder such as /tmp, or one owned by another user.
 */
export function makeDirPrivate(dir: string): void {
  const resolved = path.resolve(dir);
  fs.mkdirSync(resolved, { recursive: true, mode: 0o700 });
  if (!POSIX) return;
  const st = fs.statSync(resolved);
  const sticky = (st.mode & 0o1000) !== 0;
  const owner = typeof process.getuid === 'function' ? process.getuid() : st.uid;
  if (
    sticky ||
    st.uid !== owner ||
    resolved === path.parse(resolved).root ||
    resolved === path.resolve(os.homedir())
  ) {
    return;
  }
  if ((st.mode & 0o777) !== 0o700) chmodQuietly(resolved, 0o700);
}

/** Create an empty file with mode 0600 when it does not exist yet (SQLite then keeps the mode). */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  makeFilePrivate(file);
}

/** A folder and every file directly in it made private (the logs folder at start). */
export function makeTreePrivate(dir: string): void {
  if (!fs.existsSync(dir)) return;
  makeDirPrivate(dir);
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p, { throwIfNoEntry: false });
    if (st?.isFile()) makeFilePrivate(p);
  }
}

/**
 * Whether a folder probably sits on a removable or outside disk (the heuristic of
 * docs/backup.md): on Linux under /media, /mnt or /run/media (where desktops and admins mount
 * USB disks), on macOS under /Volumes, on Windows on a drive letter other than the system
 * drive (%SystemDrive%, usually C:) or on a network share (\\server\share).
 */
export function looksRemovable(
  dir: string,
  platform: NodeJS.Platform = process.platform,
  systemDrive: string = process.env.SystemDrive ?? 'C:',
): boolean {
  if (platform === 'win32') {
    const p = path.win32.resolve(dir);
    if (p.startsWith('\\\\')) return true;
    const drive = /^([A-Za-z]):/.exec(p)?.[1];
    return drive !== undefined && drive.toUpperCase() !== systemDrive.charAt(0).toUpperCase();
  }
  const p = path.posix.resolve(dir);
  const under = (root: string) => p === root || p.startsWith(`${root}/`);
  if (platform === 'darwin') return under('/Volumes');
  return under('/media') || under('/mnt') || under('/run/media');
}
