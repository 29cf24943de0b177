/**
 * The content-addressed file store (docs/digitisation.md, "Storage"): a file's bytes live at
 * `<data-dir>/files/<first 2 hex digits of its sha256>/<sha256>`, mode 0600 in 0700 folders.
 * A file is written to a temporary name in its folder, flushed to disk, then renamed into
 * place, so a crash never leaves a half-written file under a real name. The same bytes are
 * stored once. A file that no row names (an upload refused after its bytes were written, or
 * a crash between the write and the row) is taken out of the store: at once by the file
 * service, or by the start-up sweep below — moved aside, never deleted.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeDirPrivate } from '../security/fileModes';

export const FILES_DIR_NAME = 'files';
const SHA_RE = /^[0-9a-f]{64}$/;

export function filesDir(dataDir: string): string {
  return path.join(dataDir, FILES_DIR_NAME);
}

/** Where the bytes with this sha256 live, relative to a files folder: `ab/abcd…`. */
export function storedRelPath(sha256: string): string {
  if (!SHA_RE.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(sha256.slice(0, 2), sha256);
}

export function storedPath(dataDir: string, sha256: string): string {
  return path.join(filesDir(dataDir), storedRelPath(sha256));
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The sha256 of a file on disk, read in chunks (no whole-file buffer). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Write `bytes` (whose sha256 is `sha256`) to `target` atomically: a temporary file beside it
 * (0600), fsync, rename over, fsync of the folder where the platform allows.
 */
export async function writeFileAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  makeDirPrivate(dir);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.promises.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await fs.promises.rm(tmp, { force: true }); // a full disk leaves no partial temporary file
    throw e;
  }
  await handle.close();
  try {
    await fs.promises.rename(tmp, target);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  try {
    const dirHandle = await fs.promises.open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there.
  }
}

/**
 * Store bytes under their sha256 (computed by the image worker, off the event loop). When a file of that name exists and still has that hash,
 * nothing is written (same bytes stored once); a damaged one is replaced by the good bytes.
 */
export async function putStoredFile(
  dataDir: string,
  sha256: string,
  bytes: Uint8Array,
): Promise<'stored' | 'existing'> {
  const target = storedPath(dataDir, sha256);
  makeDirPrivate(filesDir(dataDir));
  if (fs.existsSync(target) && (await sha256OfFile(target)) === sha256) return 'existing';
  await writeFileAtomically(target, bytes);
  return 'stored';
}

export class StoredFileDamaged extends Error {
  constructor(readonly sha256: string) {
    super(`stored file ${sha256} is missing or does not match its hash`);
    this.name = 'StoredFileDamaged';
  }
}

/** The bytes of a stored file, checked against their hash (hashed chunk by chunk). */
export async function readStoredFile(dataDir: string, sha256: string): Promise<Buffer> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of fs.createReadStream(storedPath(dataDir, sha256))) {
      hash.update(chunk as Buffer);
      chunks.push(chunk as Buffer);
    }
  } catch {
    throw new StoredFileDamaged(sha256);
  }
  if (hash.digest('hex') !== sha256) throw new StoredFileDamaged(sha256);
  return Buffer.concat(chunks);
}

/** Unreferenced files are moved here (beside `files/`), never deleted: docs/digitisation.md. */
export const UNREFERENCED_DIR_NAME = 'files-unreferenced';

/** How old an unreferenced file must be before the start-up sweep moves it aside. */
export const UNREFERENCED_GRACE_MS = 30 * 60_000;

/**
 * The start-up sweep of the store (docs/digitisation.md, "Storage"): a file no row names
 * (`isReferenced` false) and older than `graceMs` — left by a crash between the write and
 * the row, or by a database restored from an older backup — is moved to
 * `<data-dir>/files-unreferenced/` (kept, never deleted: after a restore it may belong to the
 * 'before-restore' copy); a leftover temporary file of an interrupted write is removed.
 * Returns what was moved and removed.
 */
export function sweepUnreferencedFiles(
  dataDir: string,
  isReferenced: (sha256: string) => boolean,
  now: Date,
  graceMs = UNREFERENCED_GRACE_MS,
): { moved: string[]; removedTemporary: number } {
  const root = filesDir(dataDir);
  const out = { moved: [] as string[], removedTemporary: 0 };
  if (!fs.existsSync(root)) return out;
  const cutoff = now.getTime() - graceMs;
  for (const dir of fs.readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const folder = path.join(root, dir.name);
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(folder, entry.name);
      if (fs.statSync(file).mtimeMs > cutoff) continue;
      if (entry.name.endsWith('.tmp')) {
        fs.rmSync(file, { force: true });
        out.removedTemporary += 1;
      } else if (SHA_RE.test(entry.name) && !isReferenced(entry.name)) {
        const aside = path.join(dataDir, UNREFERENCED_DIR_NAME, entry.name);
        makeDirPrivate(path.dirname(aside));
        fs.renameSync(file, aside);
        out.moved.push(entry.name);
      }
    }
  }
  return out;
}
