/**
 * The content-addressed file store (docs/digitisation.md, "Storage"): a file's bytes live at
 * `<data-dir>/files/<first 2 hex digits of its sha256>/<sha256>`, mode 0600 in 0700 folders.
 * A file is written to a temporary name in its folder, flushed to disk, then renamed into
 * place, so a crash never leaves a half-written file under a real name. The same bytes are
 * stored once; nothing here ever deletes a stored file.
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
  } finally {
    await handle.close();
  }
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
