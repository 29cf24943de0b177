import crypto from 'node:crypto';
import { hash as argon2Hash, parseOptions, verify as argon2Verify } from '@node-rs/argon2';

/**
 * Password hashing (docs/security.md, "Setup, sign-in and passwords").
 *
 * New hashes: argon2id at OWASP's recommended parameters (m = 19456 KiB, t = 2, p = 1), stored
 * as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) in `users.password_hash`;
 * the salt is inside the PHC string, so `users.password_salt` is '' for these rows.
 *
 * Legacy hashes (written before argon2id): scrypt N=2^14, r=8, p=1, 64 bytes, hex, with the
 * per-user salt in `users.password_salt`. They still verify and are rewritten as argon2id at the
 * user's next successful sign-in (`needsRehash`).
 *
 * Passwords are NFC-normalised so that NFC and NFD spellings of a Vietnamese password match.
 */
export interface Argon2Params {
  /** KiB */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1. */
export const OWASP_ARGON2: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * A deliberately cheap cost, only for test suites: set `MOTCUA_ARGON2_TEST_COST=1`. Hashes made
 * with it are upgraded to OWASP_ARGON2 at the next sign-in once the variable is gone.
 */
export const TEST_ARGON2: Argon2Params = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export const TEST_COST_ENV = 'MOTCUA_ARGON2_TEST_COST';

/** The argon2id cost in effect: OWASP's, unless the test-cost variable is set to 1. */
export function argon2Params(env: NodeJS.ProcessEnv = process.env): Argon2Params {
  return env[TEST_COST_ENV] === '1' ? TEST_ARGON2 : OWASP_ARGON2;
}

/** What a users row keeps of a password. */
export interface StoredPassword {
  hash: string;
  /** hex salt of a legacy scrypt hash; '' for an argon2id PHC string */
  salt: string;
}

export interface PasswordHasher {
  /** A new PHC argon2id string. */
  hash(password: string): Promise<string>;
  verify(password: string, stored: StoredPassword): Promise<boolean>;
  /** True for a legacy scrypt hash or an argon2 hash made with other parameters. */
  needsRehash(stored: StoredPassword): boolean;
}

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum: not available at runtime)

const LEGACY_KEY_LENGTH = 64;
const LEGACY_SCRYPT: crypto.ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function legacyScrypt(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, LEGACY_KEY_LENGTH, LEGACY_SCRYPT, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export function isArgon2(stored: StoredPassword): boolean {
  return stored.hash.startsWith('$argon2');
}

export function createPasswordHasher(params: Argon2Params = argon2Params()): PasswordHasher {
  const options = { ...params, algorithm: ARGON2ID };
  return {
    hash: (password) => argon2Hash(password.normalize('NFC'), options),
    async verify(password, stored) {
      const nfc = password.normalize('NFC');
      if (isArgon2(stored)) {
        try {
          return await argon2Verify(stored.hash, nfc);
        } catch {
          return false; // a malformed PHC string never matches
        }
      }
      if (!/^[0-9a-f]+$/.test(stored.hash) || !/^[0-9a-f]+$/.test(stored.salt)) return false;
      const key = await legacyScrypt(nfc, Buffer.from(stored.salt, 'hex'));
      const expected = Buffer.from(stored.hash, 'hex');
      return expected.length === key.length && crypto.timingSafeEqual(expected, key);
    },
    needsRehash(stored) {
      if (!isArgon2(stored)) return true;
      try {
        const p = parseOptions(stored.hash);
        return (
          p.algorithm !== ARGON2ID ||
          p.memoryCost !== params.memoryCost ||
          p.timeCost !== params.timeCost ||
          p.parallelism !== params.parallelism
        );
      } catch {
        return true;
      }
    },
  };
}

/**
 * At most `maxActive` hashes run at once (each argon2id hash holds 19 MiB), at most
 * `maxWaiting` more wait their turn; beyond that `run` refuses at once with `BusyError`, so a
 * flood of parallel guesses can neither exhaust memory nor pile up unbounded work.
 */
export class HashPoolBusyError extends Error {
  constructor() {
    super('password hash pool is full');
    this.name = 'HashPoolBusyError';
  }
}

export interface HashPool {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

export const DEFAULT_HASH_POOL = { maxActive: 2, maxWaiting: 32 } as const;

export function createHashPool(
  limits: { maxActive: number; maxWaiting: number } = DEFAULT_HASH_POOL,
): HashPool {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active -= 1;
    const next = queue.shift();
    if (next) {
      active += 1;
      next();
    }
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limits.maxActive) {
        active += 1;
      } else if (queue.length < limits.maxWaiting) {
        await new Promise<void>((resolve) => queue.push(resolve)); // `release` counts us active
      } else {
        throw new HashPoolBusyError();
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** At least 8 characters with at least one letter and one digit. */
export function isStrongEnough(password: string): boolean {
  return password.length >= 8 && /\p{L}/u.test(password) && /\d/.test(password);
}

/** Bearer tokens: 32 random bytes; only their sha256 is stored. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
