import {
  createHashPool,
  createPasswordHasher,
  hashToken,
  newToken,
  type PasswordHasher,
} from '../core/auth/password';
import type { ProvinceRole } from '../shared/contract/province';
import type { Queryable } from './db';

/**
 * Province accounts (roles admin / viewer) with the hub's password hashing (argon2id,
 * src/core/auth/password.ts, docs/security.md) and opaque bearer tokens of which only the
 * sha256 is stored, valid 12 hours.
 */
export const SESSION_HOURS = 12;

export interface ProvinceUser {
  id: string;
  username: string;
  role: ProvinceRole;
}

export function createAccounts(db: Queryable, hasher: PasswordHasher = createPasswordHasher()) {
  const pool = createHashPool();
  // A fixed hash to verify against when the user does not exist: the same work either way.
  let decoy: Promise<string> | null = null;

  async function createUser(username: string, password: string, role: ProvinceRole) {
    const hash = await pool.run(() => hasher.hash(password));
    await db.query(
      `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO NOTHING`,
      [username, hash, role],
    );
  }

  async function login(username: string, password: string, now: Date) {
    const rows = await db.query<{
      id: number;
      username: string;
      role: ProvinceRole;
      password_hash: string;
    }>('SELECT id, username, role, password_hash FROM users WHERE username = $1', [username]);
    const row = rows[0];
    decoy ??= hasher.hash('decoy-password-1');
    const stored = { hash: row?.password_hash ?? (await decoy), salt: '' };
    const ok = await pool.run(() => hasher.verify(password, stored));
    if (!row || !ok) return null;
    const token = newToken();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    await db.query('DELETE FROM sessions WHERE expires_at < $1', [now.toISOString()]);
    await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      hashToken(token),
      row.id,
      expiresAt.toISOString(),
    ]);
    const user: ProvinceUser = { id: String(row.id), username: row.username, role: row.role };
    return { token, expiresAt: expiresAt.toISOString(), user };
  }

  async function userOfToken(token: string, now: Date): Promise<ProvinceUser | null> {
    const rows = await db.query<{ id: number; username: string; role: ProvinceRole }>(
      `SELECT u.id, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [hashToken(token), now.toISOString()],
    );
    const r = rows[0];
    return r ? { id: String(r.id), username: r.username, role: r.role } : null;
  }

  async function logout(token: string) {
    await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
  }

  return { createUser, login, userOfToken, logout };
}
export type Accounts = ReturnType<typeof createAccounts>;
