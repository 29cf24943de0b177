import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/app';
import {
  hashPassword,
  hashToken,
  isStrongEnough,
  newToken,
  verifyPassword,
} from '../../../src/core/auth/password';

describe('password hashing (scrypt, per-user salt)', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const { hash, salt } = await hashPassword('Mật khẩu 2026');
    expect(hash).toMatch(/^[0-9a-f]{128}$/);
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(await verifyPassword('Mật khẩu 2026', hash, salt)).toBe(true);
    expect(await verifyPassword('Mật khẩu 2027', hash, salt)).toBe(false);
    expect(await verifyPassword('Mật khẩu 2026', hash, '00'.repeat(16))).toBe(false);
  });

  it('treats NFC and NFD spellings of a Vietnamese password as the same password', async () => {
    const nfc = 'Đặng123'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const { hash, salt } = await hashPassword(nfc);
    expect(await verifyPassword(nfd, hash, salt)).toBe(true);
  });

  it('gives the same password a different salt and hash each time', async () => {
    const a = await hashPassword('Canbo@123');
    const b = await hashPassword('Canbo@123');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('policy: at least 8 characters with a letter and a digit', () => {
    expect(isStrongEnough('abc12345')).toBe(true);
    expect(isStrongEnough('Ánh12345')).toBe(true);
    expect(isStrongEnough('abc1234')).toBe(false);
    expect(isStrongEnough('abcdefgh')).toBe(false);
    expect(isStrongEnough('12345678')).toBe(false);
  });

  it('tokens are random and only their sha256 is kept', () => {
    const t1 = newToken();
    const t2 = newToken();
    expect(t1).not.toBe(t2);
    expect(hashToken(t1)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t1)).toBe(hashToken(t1));
    expect(hashToken(t1)).not.toBe(hashToken(t2));
  });
});

describe('stored accounts', () => {
  let dir: string;
  let core: Core | undefined;

  afterEach(async () => {
    await core?.close();
    core = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two users with the same password have different salts and hashes in the database', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pw-'));
    core = await createCore({ dataDir: dir });
    await core.auth.createUser(
      { username: 'anh', fullName: 'Nguyễn Văn Anh', role: 'officer', password: 'Chung@2026' },
      null,
    );
    await core.auth.createUser(
      { username: 'binh', fullName: 'Trần Thị Bình', role: 'officer', password: 'Chung@2026' },
      null,
    );
    const rows = core.db
      .prepare('SELECT username, password_hash, password_salt FROM users ORDER BY username')
      .all() as { username: string; password_hash: string; password_salt: string }[];
    expect(rows).toHaveLength(2);
    const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect(a.password_salt).not.toBe(b.password_salt);
    expect(a.password_hash).not.toBe(b.password_hash);
    // The password itself is stored nowhere.
    const dump = JSON.stringify(core.db.prepare('SELECT * FROM users').all());
    expect(dump).not.toContain('Chung@2026');
    // Both can sign in with it.
    await expect(core.auth.login('anh', 'Chung@2026')).resolves.toHaveProperty('token');
    await expect(core.auth.login('binh', 'Chung@2026')).resolves.toHaveProperty('token');
  });
});
