import type { PublicUser } from '../../shared/contract';
import { AppError } from '../../shared/contract';
import { ulid } from '../../shared/ids';
import { recordAudit } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { createLoginThrottle, DEFAULT_THROTTLE_POLICY, type ThrottlePolicy } from './loginThrottle';
import {
  createHashPool,
  createPasswordHasher,
  DEFAULT_HASH_POOL,
  hashToken,
  HashPoolBusyError,
  isStrongEnough,
  newToken,
  type HashPool,
  type PasswordHasher,
} from './password';
import type { SetupCodeStore } from './setupCode';

export interface AuthPolicy extends ThrottlePolicy {
  sessionHours: number;
  /** Sign-ins that may wait out the per-account delay at once; beyond, AUTH_BUSY at once. */
  maxDelayedSignIns: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  ...DEFAULT_THROTTLE_POLICY,
  sessionHours: 12,
  maxDelayedSignIns: 100,
};

export interface AuthDeps {
  hasher?: PasswordHasher;
  pool?: HashPool;
  /** The setup code of a hub without administrator (none: setup always needs the code). */
  setupCodes?: SetupCodeStore;
  /** The per-account delay; a timer by default (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
}

/** Over which edge a call came in: only the desktop app's own windows speak IPC. */
export type Transport = 'ipc' | 'http';

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  role: 'admin' | 'officer';
  password_hash: string;
  password_salt: string;
  // failed_attempts and locked_until (migration 001) are no longer used: sign-in throttling
  // is per (username, address) in memory, see loginThrottle.ts.
  active: number;
  created_at: string;
}

export interface UserSummary extends PublicUser {
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

const toPublic = (u: UserRow): PublicUser => ({
  id: u.id,
  username: u.username,
  role: u.role,
  fullName: u.full_name,
});

const timerSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export type AuthService = ReturnType<typeof createAuthService>;

/**
 * Users, passwords, sessions and sign-in throttling. Every login and admin change is audited;
 * a failed login names the typed username only when that user exists.
 */
export function createAuthService(
  db: Db,
  clock: Clock,
  policy: AuthPolicy = DEFAULT_AUTH_POLICY,
  deps: AuthDeps = {},
) {
  const hasher = deps.hasher ?? createPasswordHasher();
  const pool = deps.pool ?? createHashPool(DEFAULT_HASH_POOL);
  const sleep = deps.sleep ?? timerSleep;
  const throttle = createLoginThrottle(policy);
  const byUsername = db.prepare('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  let delayed = 0;

  // Unknown usernames are checked against this hash (same algorithm and cost as real ones),
  // so that a wrong username costs the same time as a wrong password.
  const dummyHash = hasher.hash(newToken());
  dummyHash.catch(() => undefined); // awaited (and reported) by the first login that needs it

  function findByUsername(username: string): UserRow | undefined {
    return byUsername.get(username) as UserRow | undefined;
  }
  function findById(id: string): UserRow | undefined {
    return byId.get(id) as UserRow | undefined;
  }

  const toSummary = (u: UserRow): UserSummary => ({
    ...toPublic(u),
    active: u.active === 1,
    lockedUntil: throttle.latestLock(u.username, clock.now())?.toISOString() ?? null,
    createdAt: u.created_at,
  });

  function countActiveAdmins(): number {
    return (
      db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1").get() as {
        n: number;
      }
    ).n;
  }

  /** Every hash runs through the bounded pool; a full pool answers AUTH_BUSY (503) at once. */
  async function pooled<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await pool.run(task);
    } catch (e) {
      if (e instanceof HashPoolBusyError) throw new AppError('AUTH_BUSY');
      throw e;
    }
  }

  const lockedError = (lockedUntil: Date, now: Date) =>
    new AppError('ACCOUNT_LOCKED', {
      params: { minutes: Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000) },
      details: { lockedUntil: lockedUntil.toISOString() },
    });

  /** An audited sign-in event: the typed username only when that user exists. */
  function auditAttempt(
    action: 'auth.login.failed' | 'auth.lockout' | 'auth.login.locked',
    user: UserRow | undefined,
    details: Record<string, unknown>,
    now: Date,
  ): void {
    recordAudit(
      db,
      user
        ? {
            actor: null,
            action,
            entity: 'user',
            entityId: user.id,
            details: { username: user.username, ...details },
          }
        : { actor: null, action, details },
      now,
    );
  }

  /**
   * Sign in. Known and unknown (or disabled) usernames take the same path — the same
   * throttling, one password hash each, the same answers (401 INVALID_CREDENTIALS, or 429
   * ACCOUNT_LOCKED for a locked (username, address) pair) — so nothing reveals which exist.
   */
  async function login(username: string, password: string, client = 'unknown') {
    const lockedAtStart = throttle.lockedUntil(username, client, clock.now());
    if (lockedAtStart) {
      const now = clock.now();
      const user = findByUsername(username);
      auditAttempt('auth.login.locked', user?.active === 1 ? user : undefined, { client }, now);
      throw lockedError(lockedAtStart, now);
    }
    const wait = throttle.delayMs(username, clock.now());
    if (wait > 0) {
      if (delayed >= policy.maxDelayedSignIns) throw new AppError('AUTH_BUSY');
      delayed += 1;
      try {
        await sleep(wait);
      } finally {
        delayed -= 1;
      }
    }
    const found = findByUsername(username);
    const user = found?.active === 1 ? found : undefined;
    const stored = user
      ? { hash: user.password_hash, salt: user.password_salt }
      : { hash: await dummyHash, salt: '' };
    const ok = (await pooled(() => hasher.verify(password, stored))) && user !== undefined;
    const now = clock.now();
    // Re-check after the await: guesses sent in parallel must not keep being evaluated once
    // one of them locked this pair.
    const lockedNow = throttle.lockedUntil(username, client, now);
    if (lockedNow) {
      auditAttempt('auth.login.locked', user, { client }, now);
      throw lockedError(lockedNow, now);
    }
    if (!ok || !user) {
      const { attempts, lockedUntil } = throttle.fail(username, client, now);
      auditAttempt(
        lockedUntil ? 'auth.lockout' : 'auth.login.failed',
        user,
        { attempts, client },
        now,
      );
      if (lockedUntil) throw lockedError(lockedUntil, now);
      throw new AppError('INVALID_CREDENTIALS');
    }
    throttle.succeed(username, client);
    if (hasher.needsRehash(stored)) await upgradeHash(user, password);
    const token = newToken();
    const expiresAt = new Date(now.getTime() + policy.sessionHours * 3_600_000).toISOString();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(hashToken(token), user.id, now.toISOString(), expiresAt, now.toISOString());
      recordAudit(
        db,
        { actor: toPublic(user), action: 'auth.login', entity: 'user', entityId: user.id },
        now,
      );
    })();
    return { token, expiresAt, user: toPublic(user) };
  }

  /**
   * A legacy scrypt hash (or an argon2 hash of another cost) is rewritten as argon2id with the
   * password just proven right. Only if the row still holds the hash that was checked; a busy
   * pool just leaves it for the next sign-in.
   */
  async function upgradeHash(user: UserRow, password: string): Promise<void> {
    let phc: string;
    try {
      phc = await pooled(() => hasher.hash(password));
    } catch (e) {
      if (e instanceof AppError && e.code === 'AUTH_BUSY') return;
      throw e;
    }
    db.prepare(
      `UPDATE users SET password_hash = ?, password_salt = '', updated_at = ?
       WHERE id = ? AND password_hash = ?`,
    ).run(phc, clock.now().toISOString(), user.id, user.password_hash);
  }

  /** The user behind a bearer token, or an error value for a missing/expired/revoked one. */
  function authenticate(token: string): { user: PublicUser; tokenHash: string } {
    const now = clock.now();
    const tokenHash = hashToken(token);
    const row = db
      .prepare(
        `SELECT s.expires_at, s.revoked_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ?`,
      )
      .get(tokenHash) as (UserRow & { expires_at: string; revoked_at: string | null }) | undefined;
    if (!row || row.revoked_at || row.active !== 1) throw new AppError('UNAUTHENTICATED');
    if (new Date(row.expires_at) <= now) throw new AppError('SESSION_EXPIRED');
    return { user: toPublic(row), tokenHash };
  }

  function logout(tokenHash: string, actor: PublicUser): void {
    const now = clock.now();
    db.transaction(() => {
      db.prepare(
        'UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL',
      ).run(now.toISOString(), tokenHash);
      recordAudit(db, { actor, action: 'auth.logout', entity: 'user', entityId: actor.id }, now);
    })();
  }

  function needsAdmin(): boolean {
    return countActiveAdmins() === 0;
  }

  async function createUser(
    input: { username: string; fullName: string; role: 'admin' | 'officer'; password: string },
    actor: PublicUser | null,
  ): Promise<UserSummary> {
    if (!isStrongEnough(input.password)) throw new AppError('WEAK_PASSWORD');
    if (findByUsername(input.username)) throw new AppError('USERNAME_TAKEN');
    const hash = await pooled(() => hasher.hash(input.password));
    const now = clock.now().toISOString();
    const id = ulid();
    db.transaction(() => {
      if (findByUsername(input.username)) throw new AppError('USERNAME_TAKEN');
      db.prepare(
        `INSERT INTO users (id, username, full_name, role, password_hash, password_salt, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, input.username, input.fullName, input.role, hash, '', now, now);
      recordAudit(
        db,
        {
          actor,
          action: 'user.create',
          entity: 'user',
          entityId: id,
          details: { username: input.username, role: input.role },
        },
        new Date(now),
      );
    })();
    return toSummary(findById(id) as UserRow);
  }

  /**
   * Create the first administrator. Over HTTP it needs the one-time setup code of the hub's
   * terminal or `<data-dir>/setup-code.txt` (403 SETUP_CODE_INVALID otherwise, nothing created);
   * the desktop app's own window (IPC, same machine) and the hub's terminal need none. The code
   * is checked before anything else and forgotten once the administrator exists.
   */
  async function createFirstAdmin(
    input: { fullName: string; password: string; setupCode?: string | undefined },
    via: Transport | 'terminal',
  ) {
    if (!needsAdmin()) throw new AppError('SETUP_DONE');
    if (via === 'http' && !deps.setupCodes?.matches(input.setupCode)) {
      recordAudit(db, { actor: null, action: 'setup.code.invalid' }, clock.now());
      throw new AppError('SETUP_CODE_INVALID');
    }
    let user: UserSummary;
    try {
      user = await createUser(
        { username: 'admin', role: 'admin', fullName: input.fullName, password: input.password },
        null,
      );
    } catch (e) {
      // Two right answers at once: the second finds the administrator already there.
      if (e instanceof AppError && e.code === 'USERNAME_TAKEN' && !needsAdmin()) {
        throw new AppError('SETUP_DONE');
      }
      throw e;
    }
    deps.setupCodes?.clear();
    return { username: user.username };
  }

  /** At start: a hub without administrator gets a setup code; otherwise any old one goes. */
  function prepareSetupCode(): string | null {
    if (!deps.setupCodes) return null;
    if (!needsAdmin()) {
      deps.setupCodes.clear();
      return null;
    }
    return deps.setupCodes.current() ?? deps.setupCodes.issue();
  }

  async function updateUser(
    id: string,
    changes: {
      fullName?: string | undefined;
      role?: 'admin' | 'officer' | undefined;
      active?: boolean | undefined;
      password?: string | undefined;
      unlock?: true | undefined;
    },
    actor: PublicUser,
  ): Promise<UserSummary> {
    const user = findById(id);
    if (!user) throw new AppError('NOT_FOUND');
    if (changes.password !== undefined && !isStrongEnough(changes.password)) {
      throw new AppError('WEAK_PASSWORD');
    }
    const demotes =
      user.role === 'admin' &&
      user.active === 1 &&
      ((changes.role && changes.role !== 'admin') || changes.active === false);
    if (demotes && countActiveAdmins() <= 1) throw new AppError('LAST_ADMIN');
    const newPassword = changes.password;
    const newHash = newPassword === undefined ? null : await pooled(() => hasher.hash(newPassword));
    const now = clock.now();
    db.transaction(() => {
      db.prepare(
        `UPDATE users SET
           full_name = COALESCE(?, full_name),
           role = COALESCE(?, role),
           active = COALESCE(?, active),
           password_hash = COALESCE(?, password_hash),
           password_salt = CASE WHEN ? IS NULL THEN password_salt ELSE '' END,
           updated_at = ?
         WHERE id = ?`,
      ).run(
        changes.fullName ?? null,
        changes.role ?? null,
        changes.active === undefined ? null : changes.active ? 1 : 0,
        newHash,
        newHash,
        now.toISOString(),
        id,
      );
      // A password change or deactivation ends the user's open sessions.
      if (newHash || changes.active === false) {
        db.prepare(
          'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
        ).run(now.toISOString(), id);
      }
      recordAudit(
        db,
        {
          actor,
          action: 'user.update',
          entity: 'user',
          entityId: id,
          details: {
            ...changes,
            password: changes.password === undefined ? undefined : '(changed)',
          },
        },
        now,
      );
    })();
    // "unlock": every address locked out of this account may try again at once.
    if (changes.unlock) throttle.clear(user.username);
    return toSummary(findById(id) as UserRow);
  }

  function listUsers(): UserSummary[] {
    return (db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toSummary);
  }

  return {
    login,
    authenticate,
    logout,
    needsAdmin,
    createUser,
    createFirstAdmin,
    prepareSetupCode,
    setupCode: (): string | null => deps.setupCodes?.current() ?? null,
    updateUser,
    listUsers,
    findByUsername,
  };
}
