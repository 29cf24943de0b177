import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { Hub } from '../../../src/hub/startHub';
import { translate } from '../../../src/shared/i18n';
import {
  ADMIN,
  OFFICER,
  api,
  cleanupHubs,
  errorOf,
  login,
  rowCounts,
  startTestHub,
} from '../../helpers/hub';

interface AuditRow {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  details: unknown;
}
interface UserSummary {
  id: string;
  username: string;
  role: string;
  fullName: string;
  active: boolean;
  lockedUntil: string | null;
}

const START = new Date('2026-03-02T01:00:00.000Z'); // 08:00 in Hà Nội
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let clock: ReturnType<typeof fixedClock>;
let hub: Hub;
let url: string;

beforeEach(async () => {
  clock = fixedClock(START);
  hub = await startTestHub({ clock });
  url = hub.url;
});
afterEach(cleanupHubs);

async function audit(token: string): Promise<AuditRow[]> {
  const res = await api(url, '/api/v1/audit?limit=500', { token });
  expect(res.status).toBe(200);
  return res.body as AuditRow[];
}

async function users(token: string): Promise<UserSummary[]> {
  const res = await api(url, '/api/v1/users', { token });
  expect(res.status).toBe(200);
  return res.body as UserSummary[];
}

const attempt = (who: { username: string; password: string }) =>
  api(url, '/api/v1/auth/login', { json: who });

describe('login', () => {
  it('returns a token, its expiry (12 h) and the public user', async () => {
    const res = await attempt(OFFICER);
    expect(res.status).toBe(200);
    const body = res.body as {
      token: string;
      expiresAt: string;
      user: Record<string, unknown>;
    };
    expect(body.token.length).toBeGreaterThanOrEqual(32);
    expect(body.expiresAt).toBe(new Date(START.getTime() + 12 * HOUR).toISOString());
    expect(body.user).toEqual({
      id: expect.any(String),
      username: 'canbo1',
      role: 'officer',
      fullName: 'Nguyễn Thị Ngọc Ánh',
    });
    // No secret leaks into the answer.
    expect(res.text).not.toMatch(/password|salt|hash/i);
    const me = await api(url, '/api/v1/auth/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(body.user);
  });

  it('refuses a wrong password or unknown user with 401 INVALID_CREDENTIALS (same message)', async () => {
    const wrong = await attempt({ username: 'canbo1', password: 'Canbo@124' });
    const unknown = await attempt({ username: 'khongco', password: 'Canbo@123' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(errorOf(res)).toEqual({
        code: 'INVALID_CREDENTIALS',
        message: translate('vi', 'errors.INVALID_CREDENTIALS'),
      });
    }
    const en = await api(url, '/api/v1/auth/login', {
      json: { username: 'canbo1', password: 'nope' },
      lang: 'en',
    });
    expect(errorOf(en).message).toBe('Wrong username or password.');
  });

  it('locks this address out of the account after 5 wrong passwords, even the right one, for 15 minutes', async () => {
    const wrong = { username: 'canbo1', password: 'Sai@12345' };
    for (let i = 1; i <= 4; i++) {
      const res = await attempt(wrong);
      expect(res.status).toBe(401);
      expect(errorOf(res).code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await attempt(wrong);
    expect(fifth.status).toBe(429);
    expect(errorOf(fifth).code).toBe('ACCOUNT_LOCKED');
    const lockedUntil = new Date(START.getTime() + 15 * MINUTE).toISOString();
    expect(errorOf(fifth).details).toEqual({ lockedUntil });

    // The right password is refused while locked…
    const right = await attempt(OFFICER);
    expect(right.status).toBe(429);
    expect(errorOf(right).code).toBe('ACCOUNT_LOCKED');
    expect(errorOf(right).message).toContain('15');
    clock.advance(15 * MINUTE - 1000);
    const stillLocked = await attempt(OFFICER);
    expect(stillLocked.status).toBe(429);
    expect(errorOf(stillLocked).code).toBe('ACCOUNT_LOCKED');

    // …and accepted once the lockout has passed.
    clock.advance(2000);
    const after = await attempt(OFFICER);
    expect(after.status).toBe(200);
    // A successful login starts the count again: one wrong password does not re-lock.
    const once = await attempt(wrong);
    expect(once.status).toBe(401);

    const adminToken = await login(url, ADMIN);
    const actions = (await audit(adminToken))
      .filter((r) => r.entity === 'user' || r.action.startsWith('auth.'))
      .map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.login.failed')).toHaveLength(5);
    expect(actions).toContain('auth.lockout');
    expect(actions.filter((a) => a === 'auth.login.locked')).toHaveLength(2);
    expect(actions).toContain('auth.login');
  });

  it('guesses sent all at once are not all evaluated: the lockout still stops at 5', async () => {
    const wrong = { username: 'canbo1', password: 'Sai@12345' };
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(wrong)));
    const codes = results.map((r) => errorOf(r).code).sort();
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(6);
    expect((await attempt(OFFICER)).status).toBe(429);
    const adminToken = await login(url, ADMIN);
    const actions = (await audit(adminToken)).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.login.failed')).toHaveLength(4);
    expect(actions.filter((a) => a === 'auth.lockout')).toHaveLength(1);
  });

  it('an administrator can unlock a locked account at once', async () => {
    for (let i = 0; i < 5; i++) await attempt({ username: 'canbo1', password: 'Sai@12345' });
    expect((await attempt(OFFICER)).status).toBe(429);
    const adminToken = await login(url, ADMIN);
    const officer = (await users(adminToken)).find((u) => u.username === 'canbo1');
    expect(officer?.lockedUntil).not.toBeNull();
    const res = await api(url, `/api/v1/users/${officer?.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { unlock: true },
    });
    expect(res.status).toBe(200);
    expect((res.body as UserSummary).lockedUntil).toBeNull();
    expect((await attempt(OFFICER)).status).toBe(200);
  });
});

describe('sessions', () => {
  it('expire after 12 hours with 401 SESSION_EXPIRED', async () => {
    const token = await login(url, OFFICER);
    clock.advance(12 * HOUR - 1000);
    expect((await api(url, '/api/v1/auth/me', { token })).status).toBe(200);
    clock.advance(1000);
    const expired = await api(url, '/api/v1/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(errorOf(expired).code).toBe('SESSION_EXPIRED');
    expect(errorOf(expired).message).toBe(translate('vi', 'errors.SESSION_EXPIRED'));
    // A public operation still answers with the stale token.
    expect((await api(url, '/api/v1/site', { token })).status).toBe(200);
  });

  it('logout revokes exactly this token: 204, then 401', async () => {
    const token = await login(url, OFFICER);
    const other = await login(url, OFFICER);
    const out = await api(url, '/api/v1/auth/logout', { method: 'POST', token });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const after = await api(url, '/api/v1/auth/me', { token });
    expect(after.status).toBe(401);
    expect(errorOf(after).code).toBe('UNAUTHENTICATED');
    const again = await api(url, '/api/v1/auth/logout', { method: 'POST', token });
    expect(again.status).toBe(401);
    expect((await api(url, '/api/v1/auth/me', { token: other })).status).toBe(200);
  });

  it('a deactivated user cannot sign in and loses open sessions', async () => {
    const officerToken = await login(url, OFFICER);
    const adminToken = await login(url, ADMIN);
    const officer = (await users(adminToken)).find((u) => u.username === 'canbo1');
    const res = await api(url, `/api/v1/users/${officer?.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { active: false },
    });
    expect(res.status).toBe(200);
    expect((await api(url, '/api/v1/auth/me', { token: officerToken })).status).toBe(401);
    const relogin = await attempt(OFFICER);
    expect(relogin.status).toBe(401);
    expect(errorOf(relogin).code).toBe('INVALID_CREDENTIALS');
  });
});

describe('audit trail of sign-ins and admin changes', () => {
  it('records login, failed login, lockout, logout, user create/update and site change', async () => {
    const adminToken = await login(url, ADMIN);
    await attempt({ username: 'canbo1', password: 'Sai@12345' });
    await attempt({ username: 'khongco', password: 'Sai@12345' });
    for (let i = 0; i < 4; i++) await attempt({ username: 'canbo1', password: 'Sai@12345' });
    const secondToken = await login(url, ADMIN);
    expect(
      (await api(url, '/api/v1/auth/logout', { method: 'POST', token: secondToken })).status,
    ).toBe(204);
    const created = await api(url, '/api/v1/users', {
      token: adminToken,
      json: {
        username: 'canbo2',
        fullName: 'Lê Văn Cường',
        role: 'officer',
        password: 'Canbo2@26',
      },
    });
    expect(created.status).toBe(201);
    const id = (created.body as UserSummary).id;
    const patched = await api(url, `/api/v1/users/${id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { fullName: 'Lê Văn Cường (Tư pháp)', password: 'Moi@12345' },
    });
    expect(patched.status).toBe(200);
    const site = await api(url, '/api/v1/site', {
      method: 'PUT',
      token: adminToken,
      json: { agencyName: 'UBND xã Quảng Phú', agencyCode: '000.00.14.H56', address: 'Thôn 1' },
    });
    expect(site.status).toBe(200);

    const rows = await audit(adminToken);
    const find = (action: string) => rows.filter((r) => r.action === action);
    expect(find('auth.login').map((r) => r.actor)).toEqual(['admin', 'admin']);
    // A typed username is kept only when that user exists.
    expect(find('auth.login.failed').map((r) => r.details)).toEqual(
      expect.arrayContaining([
        { attempts: 1, client: '127.0.0.1' },
        { username: 'canbo1', attempts: 1, client: '127.0.0.1' },
        { username: 'canbo1', attempts: 4, client: '127.0.0.1' },
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain('khongco');
    expect(find('auth.lockout')).toHaveLength(1);
    expect(find('auth.lockout')[0]?.details).toEqual({
      username: 'canbo1',
      attempts: 5,
      client: '127.0.0.1',
    });
    expect(find('auth.logout').map((r) => r.actor)).toEqual(['admin']);
    const userCreate = find('user.create').find((r) => r.entityId === id);
    expect(userCreate).toMatchObject({
      actor: 'admin',
      entity: 'user',
      details: { username: 'canbo2', role: 'officer' },
    });
    const userUpdate = find('user.update');
    expect(userUpdate).toHaveLength(1);
    expect(userUpdate[0]).toMatchObject({ actor: 'admin', entityId: id });
    expect(userUpdate[0]?.details).toEqual({
      fullName: 'Lê Văn Cường (Tư pháp)',
      password: '(changed)',
    });
    expect(find('site.update')[0]).toMatchObject({ actor: 'admin', entity: 'site' });
    // Newest first, and no password ever stored in the log.
    const ids = rows.map((r) => r.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const dump = JSON.stringify(hub.core.db.prepare('SELECT * FROM audit_log').all());
    for (const secret of ['Sai@12345', 'Canbo2@26', 'Moi@12345', 'Admin@123']) {
      expect(dump).not.toContain(secret);
    }
  });
});

describe('account rules', () => {
  it('refuses weak passwords with 422 WEAK_PASSWORD and writes nothing', async () => {
    const adminToken = await login(url, ADMIN);
    const before = rowCounts(hub);
    for (const password of ['abc123', 'abcdefgh', '12345678']) {
      const res = await api(url, '/api/v1/users', {
        token: adminToken,
        json: { username: 'yeu', fullName: 'Mật khẩu yếu', role: 'officer', password },
      });
      expect(res.status).toBe(422);
      expect(errorOf(res).code).toBe('WEAK_PASSWORD');
      expect(errorOf(res).message).toBe(translate('vi', 'errors.WEAK_PASSWORD'));
    }
    const officer = (await users(adminToken)).find((u) => u.username === 'canbo1');
    const res = await api(url, `/api/v1/users/${officer?.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { password: 'short1' },
      lang: 'en',
    });
    expect(res.status).toBe(422);
    expect(errorOf(res).message).toBe(translate('en', 'errors.WEAK_PASSWORD'));
    expect(rowCounts(hub)).toEqual(before);
    expect((await attempt(OFFICER)).status).toBe(200); // old password untouched
  });

  it('the last active administrator cannot be disabled or demoted (409)', async () => {
    const adminToken = await login(url, ADMIN);
    const admin = (await users(adminToken)).find((u) => u.username === 'admin');
    for (const change of [{ active: false }, { role: 'officer' }]) {
      const res = await api(url, `/api/v1/users/${admin?.id}`, {
        method: 'PATCH',
        token: adminToken,
        json: change,
      });
      expect(res.status).toBe(409);
      expect(errorOf(res).code).toBe('LAST_ADMIN');
    }
    expect((await api(url, '/api/v1/auth/me', { token: adminToken })).status).toBe(200);
    // With a second administrator, the first may be disabled.
    const second = await api(url, '/api/v1/users', {
      token: adminToken,
      json: { username: 'admin2', fullName: 'Quản trị 2', role: 'admin', password: 'Admin2@26' },
    });
    expect(second.status).toBe(201);
    const res = await api(url, `/api/v1/users/${admin?.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { active: false },
    });
    expect(res.status).toBe(200);
    expect((res.body as UserSummary).active).toBe(false);
  });
});

describe('first-administrator setup', () => {
  it('works exactly once: 201, then 409 SETUP_DONE', async () => {
    const fresh = await startTestHub({ demo: false, clock });
    const status = await api(fresh.url, '/api/v1/setup');
    expect(status.body).toEqual({ needsAdmin: true });
    // Officer operations are closed until then.
    expect((await api(fresh.url, '/api/v1/users')).status).toBe(401);

    // The one-time code of the hub's terminal / setup-code.txt (setupCode.test.ts).
    const setupCode = fresh.core.auth.setupCode();
    const weak = await api(fresh.url, '/api/v1/setup/admin', {
      json: { setupCode, fullName: 'Chủ tịch xã', password: 'matkhau' },
    });
    expect(weak.status).toBe(422);
    expect(errorOf(weak).code).toBe('WEAK_PASSWORD');

    const first = await api(fresh.url, '/api/v1/setup/admin', {
      json: { setupCode, fullName: 'Chủ tịch xã', password: 'QuangPhu2026' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ username: 'admin' });
    expect((await api(fresh.url, '/api/v1/setup')).body).toEqual({ needsAdmin: false });

    const second = await api(fresh.url, '/api/v1/setup/admin', {
      json: { setupCode, fullName: 'Kẻ gian', password: 'KeGian2026' },
      lang: 'en',
    });
    expect(second.status).toBe(409);
    expect(errorOf(second)).toEqual({
      code: 'SETUP_DONE',
      message: translate('en', 'errors.SETUP_DONE'),
    });
    // The first password still works, the second one does not.
    await login(fresh.url, { username: 'admin', password: 'QuangPhu2026' });
    const intruder = await api(fresh.url, '/api/v1/auth/login', {
      json: { username: 'admin', password: 'KeGian2026' },
    });
    expect(intruder.status).toBe(401);
  });

  it('a demo hub already has its administrator: setup answers 409', async () => {
    const res = await api(url, '/api/v1/setup/admin', {
      json: { fullName: 'Ai đó', password: 'AiDo2026x' },
    });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('SETUP_DONE');
  });
});
