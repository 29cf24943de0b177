import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';

/**
 * Encrypted backup files (docs/backup.md, "Encrypted backups"; docs/security.md, "A stolen
 * backup"). AES-256-GCM in chunked frames, so a multi-gigabyte database is encrypted and
 * decrypted with one chunk in memory. The key comes from scrypt of the office's passphrase
 * with a random salt per file.
 *
 * Layout (version 1, integers big-endian):
 *   header  "MOTCUAEB" | version u8 | scrypt log2(N) u8 | r u8 | p u8 | salt[16]
 *           | nonce prefix[7] | chunk size u32 | key check[32]
 *   frames  AES-256-GCM(chunk) | tag[16], one per `chunk size` bytes of plaintext; the last
 *           frame is shorter (possibly empty).
 * The 71-byte header is the additional authenticated data of every frame: changing any byte
 * of it (salt, parameters, version) fails the authentication. Frame i uses the nonce
 * prefix | i (u32) | 1 if it is the last frame else 0 — frames cannot be reordered, dropped
 * or the file cut short at a frame boundary without failing (the "STREAM" construction).
 * The key check is HMAC-SHA256 of the header's first 39 bytes under a second scrypt-derived
 * key: it tells a wrong passphrase apart from a file altered after it was written.
 */

export const BACKUP_MAGIC = Buffer.from('MOTCUAEB', 'ascii');
export const BACKUP_FORMAT_VERSION = 1;
const FIXED_LENGTH = BACKUP_MAGIC.length + 1 + 3 + 16 + 7 + 4; // 39 bytes before the check
export const HEADER_LENGTH = FIXED_LENGTH + 32;
const TAG_LENGTH = 16;
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

/** OWASP's scrypt parameters (N = 2^17, r = 8, p = 1: 128 MiB, about half a second). */
export const DEFAULT_KDF = { logN: 17, r: 8, p: 1 } as const;
export interface KdfParams {
  logN: number;
  r: number;
  p: number;
}

/** Why an encrypted file cannot be read; the restore turns it into plain words. */
export type BackupCryptoProblem =
  'NOT_ENCRYPTED' | 'VERSION' | 'BAD_HEADER' | 'WRONG_PASSPHRASE' | 'TAMPERED';

export class BackupCryptoError extends Error {
  constructor(
    readonly problem: BackupCryptoProblem,
    readonly detail: { version?: number; frame?: number } = {},
  ) {
    super(`backup decryption failed: ${problem}`);
    this.name = 'BackupCryptoError';
  }
}

interface Header {
  bytes: Buffer;
  version: number;
  kdf: KdfParams;
  salt: Buffer;
  noncePrefix: Buffer;
  chunkSize: number;
  check: Buffer;
}

/** Bounds on what a header may ask for: a crafted file must not make scrypt take gigabytes. */
function checkHeaderBounds(kdf: KdfParams, chunkSize: number): boolean {
  return (
    kdf.logN >= 10 &&
    kdf.logN <= 20 &&
    kdf.r >= 1 &&
    kdf.r <= 32 &&
    kdf.p >= 1 &&
    kdf.p <= 16 &&
    chunkSize >= 1024 &&
    chunkSize <= 16 * 1024 * 1024
  );
}

function deriveKeys(
  passphrase: string,
  salt: Buffer,
  kdf: KdfParams,
): Promise<{ key: Buffer; checkKey: Buffer }> {
  const N = 2 ** kdf.logN;
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      64,
      { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + 1024 * 1024 },
      (err, derived) => {
        if (err) reject(err);
        else resolve({ key: derived.subarray(0, 32), checkKey: derived.subarray(32) });
      },
    );
  });
}

function nonceOf(prefix: Buffer, index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 7);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function parseHeader(bytes: Buffer): Header {
  if (bytes.length < BACKUP_MAGIC.length || !bytes.subarray(0, 8).equals(BACKUP_MAGIC)) {
    throw new BackupCryptoError('NOT_ENCRYPTED');
  }
  if (bytes.length < 9) throw new BackupCryptoError('BAD_HEADER');
  const version = bytes[8] as number;
  if (version !== BACKUP_FORMAT_VERSION) throw new BackupCryptoError('VERSION', { version });
  if (bytes.length < HEADER_LENGTH) throw new BackupCryptoError('BAD_HEADER');
  const kdf = { logN: bytes[9] as number, r: bytes[10] as number, p: bytes[11] as number };
  const chunkSize = bytes.readUInt32BE(35);
  if (!checkHeaderBounds(kdf, chunkSize)) throw new BackupCryptoError('BAD_HEADER');
  return {
    bytes: bytes.subarray(0, HEADER_LENGTH),
    version,
    kdf,
    salt: bytes.subarray(12, 28),
    noncePrefix: bytes.subarray(28, 35),
    chunkSize,
    check: bytes.subarray(FIXED_LENGTH, HEADER_LENGTH),
  };
}

/** Whether a file starts with the encrypted-backup magic bytes (any version). */
export function isEncryptedBackup(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(BACKUP_MAGIC.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(BACKUP_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

async function readFully(fh: fs.promises.FileHandle, buf: Buffer): Promise<number> {
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, null);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

async function writeFully(fh: fs.promises.FileHandle, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, null);
    off += bytesWritten;
  }
}

/**
 * Encrypt `source` into a new file `target` (mode 0600, must not exist), one chunk in memory.
 * `options.kdf` lowers the scrypt cost in tests only; the hub uses DEFAULT_KDF.
 */
export async function encryptFile(
  source: string,
  target: string,
  passphrase: string,
  options: { kdf?: KdfParams; chunkSize?: number } = {},
): Promise<void> {
  const kdf = options.kdf ?? DEFAULT_KDF;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!checkHeaderBounds(kdf, chunkSize))
    throw new Error('scrypt or chunk parameters out of range');
  const salt = randomBytes(16);
  const noncePrefix = randomBytes(7);
  const { key, checkKey } = await deriveKeys(passphrase, salt, kdf);
  const fixed = Buffer.alloc(FIXED_LENGTH);
  BACKUP_MAGIC.copy(fixed, 0);
  fixed[8] = BACKUP_FORMAT_VERSION;
  fixed[9] = kdf.logN;
  fixed[10] = kdf.r;
  fixed[11] = kdf.p;
  salt.copy(fixed, 12);
  noncePrefix.copy(fixed, 28);
  fixed.writeUInt32BE(chunkSize, 35);
  const header = Buffer.concat([fixed, createHmac('sha256', checkKey).update(fixed).digest()]);

  const input = await fs.promises.open(source, 'r');
  const output = await fs.promises.open(target, 'wx', 0o600);
  try {
    await writeFully(output, header);
    const size = (await input.stat()).size;
    const frames = Math.floor(size / chunkSize) + 1; // the last one may be empty
    const buf = Buffer.alloc(chunkSize);
    for (let i = 0; i < frames; i++) {
      const want = i === frames - 1 ? size - i * chunkSize : chunkSize;
      const got = await readFully(input, buf.subarray(0, want));
      if (got !== want) throw new Error('the file changed while it was being encrypted');
      const cipher = createCipheriv('aes-256-gcm', key, nonceOf(noncePrefix, i, i === frames - 1));
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(buf.subarray(0, want)), cipher.final()]);
      await writeFully(output, Buffer.concat([body, cipher.getAuthTag()]));
    }
    await output.sync();
  } finally {
    await input.close();
    await output.close();
  }
}

/**
 * Decrypt `source` into a new file `target` (mode 0600), or — `target` null — only check that
 * every frame authenticates. Throws BackupCryptoError: WRONG_PASSPHRASE (the key check
 * failed), TAMPERED (a frame failed, or the file was cut short or lengthened), VERSION,
 * BAD_HEADER, NOT_ENCRYPTED. A failed decryption removes what it wrote of `target`.
 */
export async function decryptFile(
  source: string,
  target: string | null,
  passphrase: string,
): Promise<void> {
  const input = await fs.promises.open(source, 'r');
  let output: fs.promises.FileHandle | null = null;
  let ok = false;
  try {
    const size = (await input.stat()).size;
    const headBuf = Buffer.alloc(Math.min(HEADER_LENGTH, size));
    await readFully(input, headBuf);
    const header = parseHeader(headBuf);
    const { key, checkKey } = await deriveKeys(passphrase, header.salt, header.kdf);
    const expected = createHmac('sha256', checkKey)
      .update(header.bytes.subarray(0, FIXED_LENGTH))
      .digest();
    if (!timingSafeEqual(expected, header.check)) throw new BackupCryptoError('WRONG_PASSPHRASE');
    const frameLength = header.chunkSize + TAG_LENGTH;
    const body = size - HEADER_LENGTH;
    const frames = Math.floor(body / frameLength) + 1;
    const lastLength = body - (frames - 1) * frameLength;
    if (lastLength < TAG_LENGTH) throw new BackupCryptoError('TAMPERED', { frame: frames - 1 });
    if (target !== null) output = await fs.promises.open(target, 'wx', 0o600);
    const buf = Buffer.alloc(frameLength);
    for (let i = 0; i < frames; i++) {
      const last = i === frames - 1;
      const length = last ? lastLength : frameLength;
      const frame = buf.subarray(0, length);
      if ((await readFully(input, frame)) !== length) {
        throw new BackupCryptoError('TAMPERED', { frame: i });
      }
      const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(header.noncePrefix, i, last));
      decipher.setAAD(header.bytes);
      decipher.setAuthTag(frame.subarray(length - TAG_LENGTH));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(frame.subarray(0, length - TAG_LENGTH)),
          decipher.final(),
        ]);
      } catch {
        throw new BackupCryptoError('TAMPERED', { frame: i });
      }
      if (output) await writeFully(output, plain);
    }
    if (output) await output.sync();
    ok = true;
  } finally {
    await input.close();
    if (output) await output.close();
    if (!ok && output && target !== null) fs.rmSync(target, { force: true });
  }
}
