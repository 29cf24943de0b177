import type { PublicUser } from '../../shared/contract';
import { AppError } from '../../shared/contract';
import { ulid } from '../../shared/ids';
import { recordAudit } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { hashPassword, hashToken, isStrongEnough, newToken, verifyPassword } from './password';

export interface AuthPolicy {
  maxFailedAttempts: number;
  lockoutMinutes: number;
  sessionHours: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  maxFailedAttempts: 5,
  lockoutMinutes: 15,
  sessionHours: 12,
};

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  role: 'admin' | 'officer';
  password_hash: string;
  password_salt: string;
  failed_attempts: number;
  locked_until: string | null;
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

const toSummary = (u: UserRow): UserSummary => ({
  ...toPublic(u),
  active: u.active === 1,
  lockedUntil: u.locked_until,
  createdAt: u.created_at,
});

// A real hash to compare against when the username does not exist, so that the response
// time does not reveal which usernames exist.
const DUMMY = { hash: '00'.repeat(64), salt: '00'.repeat(16) };

export type AuthService = ReturnType<typeof createAuthService>;

/** Users, passwords, sessions and lockout. Every login and admin change is audited. */
export function createAuthService(db: Db, clock: Clock, policy: AuthPolicy = DEFAULT_AUTH_POLICY) {
  const byUsername = db.prepare('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');

  function findByUsername(username: string): UserRow | undefined {
    return byUsername.get(username) as UserRow | undefined;
  }
  function findById(id: string): UserRow | undefined {
    return byId.get(id) as UserRow | undefined;
  }

  function countActiveAdmins(): number {
    return (
      db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1").get() as {
        n: number;
      }
    ).n;
  }

  async function login(username: string, password: string) {
    const now = clock.now();
    const user = findByUsername(username);
    if (!user || user.active !== 1) {
      await verifyPassword(password, DUMMY.hash, DUMMY.salt);
      recordAudit(db, { actor: null, action: 'auth.login.failed', details: { username } }, now);
      throw new AppError('INVALID_CREDENTIALS');
    }
    const refuseIfLocked = (u: UserRow) => {
      if (!u.locked_until || new Date(u.locked_until) <= now) return;
      recordAudit(
        db,
        { actor: toPublic(u), action: 'auth.login.locked', entity: 'user', entityId: u.id },
        now,
      );
      const minutes = Math.ceil((new Date(u.locked_until).getTime() - now.getTime()) / 60_000);
      throw new AppError('ACCOUNT_LOCKED', {
        params: { minutes },
        details: { lockedUntil: u.locked_until },
      });
    };
    refuseIfLocked(user);
    const ok = await verifyPassword(password, user.password_hash, user.password_salt);
    // Re-read after the await: another login may have changed the counters meanwhile, and
    // guesses sent in parallel must not keep being evaluated once one of them locked the account.
    const fresh = findById(user.id) ?? user;
    refuseIfLocked(fresh);
    if (!ok) {
      const attempts = fresh.failed_attempts + 1;
      const lock = attempts >= policy.maxFailedAttempts;
      const lockedUntil = lock
        ? new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString()
        : null;
      db.transaction(() => {
        db.prepare(
          'UPDATE users SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?',
        ).run(lock ? 0 : attempts, lockedUntil ?? fresh.locked_until, now.toISOString(), user.id);
        recordAudit(
          db,
          {
            actor: null,
            action: lock ? 'auth.lockout' : 'auth.login.failed',
            entity: 'user',
            entityId: user.id,
            details: { username: user.username, attempts },
          },
          now,
        );
      })();
      if (lock) {
        throw new AppError('ACCOUNT_LOCKED', {
          params: { minutes: policy.lockoutMinutes },
          details: { lockedUntil },
        });
      }
      throw new AppError('INVALID_CREDENTIALS');
    }
    const token = newToken();
    const expiresAt = new Date(now.getTime() + policy.sessionHours * 3_600_000).toISOString();
    db.transaction(() => {
      db.prepare(
        'UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
      ).run(now.toISOString(), user.id);
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
    const { hash, salt } = await hashPassword(input.password);
    const now = clock.now().toISOString();
    const id = ulid();
    db.transaction(() => {
      if (findByUsername(input.username)) throw new AppError('USERNAME_TAKEN');
      db.prepare(
        `INSERT INTO users (id, username, full_name, role, password_hash, password_salt, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, input.username, input.fullName, input.role, hash, salt, now, now);
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

  async function createFirstAdmin(input: { fullName: string; password: string }) {
    if (!needsAdmin()) throw new AppError('SETUP_DONE');
    const user = await createUser({ username: 'admin', role: 'admin', ...input }, null);
    return { username: user.username };
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
    const newSecret = changes.password === undefined ? null : await hashPassword(changes.password);
    const now = clock.now();
    db.transaction(() => {
      db.prepare(
        `UPDATE users SET
           full_name = COALESCE(?, full_name),
           role = COALESCE(?, role),
           active = COALESCE(?, active),
           password_hash = COALESCE(?, password_hash),
           password_salt = COALESCE(?, password_salt),
           failed_attempts = CASE WHEN ? THEN 0 ELSE failed_attempts END,
           locked_until = CASE WHEN ? THEN NULL ELSE locked_until END,
           updated_at = ?
         WHERE id = ?`,
      ).run(
        changes.fullName ?? null,
        changes.role ?? null,
        changes.active === undefined ? null : changes.active ? 1 : 0,
        newSecret?.hash ?? null,
        newSecret?.salt ?? null,
        changes.unlock ? 1 : 0,
        changes.unlock ? 1 : 0,
        now.toISOString(),
        id,
      );
      // A password change or deactivation ends the user's open sessions.
      if (newSecret || changes.active === false) {
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
    updateUser,
    listUsers,
    findByUsername,
  };
}
