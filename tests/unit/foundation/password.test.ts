import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOptions } from '@node-rs/argon2';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/app';
import {
  argon2Params,
  createHashPool,
  createPasswordHasher,
  hashToken,
  HashPoolBusyError,
  isStrongEnough,
  newToken,
  OWASP_ARGON2,
  TEST_ARGON2,
  type PasswordHasher,
} from '../../../src/core/auth/password';

const hasher = createPasswordHasher(OWASP_ARGON2);

/** A hash as the code before argon2id wrote it: scrypt N=2^14 r=8 p=1, 64 bytes, hex. */
function legacyScrypt(password: string): { hash: string; salt: string } {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password.normalize('NFC'), salt, 64, {
    N: 16384,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  return { hash: key.toString('hex'), salt: salt.toString('hex') };
}

describe('password hashing: argon2id, PHC strings', () => {
  // Before: scrypt, a 128-hex-digit hash and a separate salt column, no parameters stored.
  it('new hashes are PHC argon2id strings at OWASP parameters (m=19456 KiB, t=2, p=1)', async () => {
    const phc = await hasher.hash('Mật khẩu 2026');
    expect(phc).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    const p = parseOptions(phc);
    expect([p.memoryCost, p.timeCost, p.parallelism]).toEqual([19456, 2, 1]);
    expect(OWASP_ARGON2).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(argon2Params({})).toEqual(OWASP_ARGON2);
    expect(hasher.needsRehash({ hash: phc, salt: '' })).toBe(false);
  });

  it('verifies the right password and rejects a wrong one or a malformed hash', async () => {
    const phc = await hasher.hash('Mật khẩu 2026');
    expect(await hasher.verify('Mật khẩu 2026', { hash: phc, salt: '' })).toBe(true);
    expect(await hasher.verify('Mật khẩu 2027', { hash: phc, salt: '' })).toBe(false);
    expect(await hasher.verify('Mật khẩu 2026', { hash: '$argon2id$garbage', salt: '' })).toBe(
      false,
    );
    expect(await hasher.verify('Mật khẩu 2026', { hash: 'zz', salt: 'zz' })).toBe(false);
  });

  it('treats NFC and NFD spellings of a Vietnamese password as the same password', async () => {
    const nfc = 'Đặng123'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const phc = await hasher.hash(nfc);
    expect(await hasher.verify(nfd, { hash: phc, salt: '' })).toBe(true);
  });

  it('gives the same password a different salt and hash each time', async () => {
    const a = await hasher.hash('Canbo@123');
    const b = await hasher.hash('Canbo@123');
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(a).not.toBe(b);
  });

  it('a legacy scrypt hash still verifies and is marked for upgrade', async () => {
    const legacy = legacyScrypt('Cũ@12345');
    expect(await hasher.verify('Cũ@12345', legacy)).toBe(true);
    expect(await hasher.verify('Cũ@12346', legacy)).toBe(false);
    expect(hasher.needsRehash(legacy)).toBe(true);
  });

  it('MOTCUA_ARGON2_TEST_COST=1 lowers the cost; such hashes are upgraded once it is gone', async () => {
    expect(argon2Params({ MOTCUA_ARGON2_TEST_COST: '1' })).toEqual(TEST_ARGON2);
    expect(argon2Params({ MOTCUA_ARGON2_TEST_COST: 'yes' })).toEqual(OWASP_ARGON2);
    const cheap = createPasswordHasher(TEST_ARGON2);
    const phc = await cheap.hash('Canbo@123');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await hasher.verify('Canbo@123', { hash: phc, salt: '' })).toBe(true);
    expect(hasher.needsRehash({ hash: phc, salt: '' })).toBe(true);
    expect(cheap.needsRehash({ hash: phc, salt: '' })).toBe(false);
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

/** A task that runs until the test releases it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('the hash pool', () => {
  // Before: every sign-in hashed at once (scrypt, 16 MiB each): 1,000 parallel guesses meant
  // 1,000 hashes competing for memory.
  it('runs at most 2 hashes at once, queues a bounded number, refuses the rest at once', async () => {
    const pool = createHashPool({ maxActive: 2, maxWaiting: 3 });
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 5 }, gate);
    const results = gates.map((g, i) =>
      pool.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await g.opened;
        running -= 1;
        return i;
      }),
    );
    expect(pool.active).toBe(2);
    expect(pool.waiting).toBe(3);
    // The sixth is refused without waiting for anything.
    await expect(pool.run(async () => 99)).rejects.toBeInstanceOf(HashPoolBusyError);
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(pool.active).toBe(0);
    expect(pool.waiting).toBe(0);
    // A failing task frees its place too.
    await expect(pool.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.run(async () => 'ok')).toBe('ok');
    expect(pool.active).toBe(0);
  });

  it('sign-ins go through it: with a slow hasher, 2 verify at once and the overflow gets 503 AUTH_BUSY', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pool-'));
    const real = createPasswordHasher();
    let running = 0;
    let peak = 0;
    const release = gate();
    let slow = false;
    const slowHasher: PasswordHasher = {
      hash: (p) => real.hash(p),
      needsRehash: (s) => real.needsRehash(s),
      async verify(p, s) {
        running += 1;
        peak = Math.max(peak, running);
        if (slow) await release.opened;
        running -= 1;
        return real.verify(p, s);
      },
    };
    const core = await createCore({
      dataDir: dir,
      demo: true,
      authDeps: { hasher: slowHasher, pool: createHashPool({ maxActive: 2, maxWaiting: 4 }) },
    });
    try {
      slow = true;
      const call = (i: number) =>
        core.dispatcher.invoke(
          'auth.login',
          { username: 'canbo1', password: 'Canbo@123' },
          { token: null, deviceToken: null, clientKey: `10.0.0.${i}`, lang: 'vi' },
        );
      const first = Array.from({ length: 6 }, (_, i) => call(i));
      await expect.poll(() => running, { timeout: 20_000 }).toBe(2);
      const refused = await call(100);
      expect(refused).toMatchObject({ ok: false, status: 503, error: { code: 'AUTH_BUSY' } });
      release.open();
      const done = await Promise.all(first);
      expect(done.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(peak).toBe(2);
    } finally {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
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

  it('two users with the same password have different PHC strings in the database', async () => {
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
    for (const r of [a, b]) {
      expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(r.password_salt).toBe('');
    }
    expect(a.password_hash).not.toBe(b.password_hash);
    // The password itself is stored nowhere.
    const dump = JSON.stringify(core.db.prepare('SELECT * FROM users').all());
    expect(dump).not.toContain('Chung@2026');
    // Both can sign in with it.
    await expect(core.auth.login('anh', 'Chung@2026')).resolves.toHaveProperty('token');
    await expect(core.auth.login('binh', 'Chung@2026')).resolves.toHaveProperty('token');
  });

  // Before: scrypt hashes stayed scrypt forever.
  it('a legacy scrypt account signs in and its hash is rewritten as argon2id', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pw-'));
    core = await createCore({ dataDir: dir });
    const legacy = legacyScrypt('Cũ@12345');
    const now = new Date().toISOString();
    core.db
      .prepare(
        `INSERT INTO users (id, username, full_name, role, password_hash, password_salt, created_at, updated_at)
         VALUES ('u-old', 'cu', 'Người dùng cũ', 'officer', ?, ?, ?, ?)`,
      )
      .run(legacy.hash, legacy.salt, now, now);
    const row = () =>
      core?.db
        .prepare("SELECT password_hash, password_salt FROM users WHERE id = 'u-old'")
        .get() as {
        password_hash: string;
        password_salt: string;
      };
    // A wrong password changes nothing.
    await expect(core.auth.login('cu', 'Sai@12345')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(row()).toEqual({ password_hash: legacy.hash, password_salt: legacy.salt });
    await expect(core.auth.login('cu', 'Cũ@12345')).resolves.toHaveProperty('token');
    const upgraded = row();
    expect(upgraded.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(upgraded.password_salt).toBe('');
    // The new hash works, the old one is gone.
    await expect(core.auth.login('cu', 'Cũ@12345')).resolves.toHaveProperty('token');
    expect(row().password_hash).toBe(upgraded.password_hash);
  });
});
