/**
 * Encrypted backup files (docs/backup.md "Encrypted backups"): AES-256-GCM frames under a
 * scrypt key, the header authenticated. Old behaviour: backups were plain SQLite files that
 * anyone holding the USB disk could open.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKUP_MAGIC,
  BackupCryptoError,
  decryptFile,
  encryptFile,
  HEADER_LENGTH,
  isEncryptedBackup,
} from '../../../src/core/backup/backupCrypto';

const KDF = { logN: 10, r: 8, p: 1 }; // cheap for tests; the hub uses N = 2^17
const CHUNK = 1024;
const PASS = 'mật khẩu sao lưu của xã';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-crypto-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function encrypted(plain: Buffer): Promise<{ dir: string; enc: string }> {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'plain'), plain);
  const enc = path.join(dir, 'plain.enc');
  await encryptFile(path.join(dir, 'plain'), enc, PASS, { kdf: KDF, chunkSize: CHUNK });
  return { dir, enc };
}

async function problemOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BackupCryptoError) return e.problem;
    throw e;
  }
  return 'none';
}

describe('encrypted backup files', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK * 3, CHUNK * 3 + 17])(
    'round trip of %i bytes, mode 0600, no plaintext in the file',
    async (size) => {
      const plain = Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(size)]).subarray(
        0,
        size,
      );
      const { dir, enc } = await encrypted(plain);
      expect(isEncryptedBackup(enc)).toBe(true);
      const bytes = fs.readFileSync(enc);
      expect(bytes.subarray(0, 8)).toEqual(BACKUP_MAGIC);
      if (size >= 16) expect(bytes.includes(plain.subarray(0, 16))).toBe(false);
      if (process.platform !== 'win32') expect(fs.statSync(enc).mode & 0o777).toBe(0o600);
      const out = path.join(dir, 'out');
      await decryptFile(enc, out, PASS);
      expect(fs.readFileSync(out).equals(plain)).toBe(true);
      if (process.platform !== 'win32') expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    },
  );

  it('a wrong passphrase is WRONG_PASSPHRASE and writes nothing', async () => {
    const { dir, enc } = await encrypted(randomBytes(5000));
    const out = path.join(dir, 'out');
    expect(await problemOf(decryptFile(enc, out, 'not the passphrase'))).toBe('WRONG_PASSPHRASE');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('any changed byte of a frame is detected (TAMPERED), and the partial output removed', async () => {
    const { dir, enc } = await encrypted(randomBytes(CHUNK * 4));
    const original = fs.readFileSync(enc);
    for (const offset of [HEADER_LENGTH, HEADER_LENGTH + CHUNK + 20, original.length - 1]) {
      const bad = Buffer.from(original);
      bad[offset] = (bad[offset] as number) ^ 0x01;
      const file = path.join(dir, `bad-${offset}`);
      fs.writeFileSync(file, bad);
      const out = path.join(dir, `out-${offset}`);
      expect(await problemOf(decryptFile(file, out, PASS))).toBe('TAMPERED');
      expect(fs.existsSync(out)).toBe(false);
    }
  });

  it('a file cut short (also at a frame boundary) or lengthened is detected', async () => {
    const { dir, enc } = await encrypted(randomBytes(CHUNK * 3 + 100));
    const original = fs.readFileSync(enc);
    const frame = CHUNK + 16;
    const variants = {
      boundary: original.subarray(0, HEADER_LENGTH + 2 * frame),
      midFrame: original.subarray(0, original.length - 50),
      appended: Buffer.concat([original, randomBytes(40)]),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      expect(await problemOf(decryptFile(file, null, PASS))).toBe('TAMPERED');
    }
  });

  it('the header is authenticated: a changed parameter byte or nonce fails', async () => {
    const { dir, enc } = await encrypted(randomBytes(3000));
    const original = fs.readFileSync(enc);
    // 12..27 salt, 28..34 nonce prefix: the key check covers the whole fixed header (and the
    // frames take the header as AAD), so either change is refused before anything is written.
    const salt = Buffer.from(original);
    salt[12] = (salt[12] as number) ^ 0xff;
    fs.writeFileSync(path.join(dir, 'salt'), salt);
    expect(await problemOf(decryptFile(path.join(dir, 'salt'), null, PASS))).toBe(
      'WRONG_PASSPHRASE',
    );
    const nonce = Buffer.from(original);
    nonce[30] = (nonce[30] as number) ^ 0xff;
    fs.writeFileSync(path.join(dir, 'nonce'), nonce);
    expect(await problemOf(decryptFile(path.join(dir, 'nonce'), null, PASS))).toBe(
      'WRONG_PASSPHRASE',
    );
  });

  it('checks the format version and bounds the scrypt parameters a header may ask for', async () => {
    const { dir, enc } = await encrypted(randomBytes(100));
    const original = fs.readFileSync(enc);
    const v2 = Buffer.from(original);
    v2[8] = 2;
    fs.writeFileSync(path.join(dir, 'v2'), v2);
    const err = await decryptFile(path.join(dir, 'v2'), null, PASS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupCryptoError);
    expect((err as BackupCryptoError).problem).toBe('VERSION');
    expect((err as BackupCryptoError).detail.version).toBe(2);
    const greedy = Buffer.from(original);
    greedy[9] = 30; // N = 2^30: would need 128 GiB
    fs.writeFileSync(path.join(dir, 'greedy'), greedy);
    expect(await problemOf(decryptFile(path.join(dir, 'greedy'), null, PASS))).toBe('BAD_HEADER');
    fs.writeFileSync(path.join(dir, 'plain.sqlite'), 'SQLite format 3\0');
    expect(isEncryptedBackup(path.join(dir, 'plain.sqlite'))).toBe(false);
    expect(await problemOf(decryptFile(path.join(dir, 'plain.sqlite'), null, PASS))).toBe(
      'NOT_ENCRYPTED',
    );
  });
});
