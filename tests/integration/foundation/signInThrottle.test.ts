import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../../src/core/app';
import { fixedClock } from '../../../src/core/clock';
import { createLoginThrottle, DEFAULT_THROTTLE_POLICY } from '../../../src/core/auth/loginThrottle';
import { createPasswordHasher, type PasswordHasher } from '../../../src/core/auth/password';
import type { DispatchResult } from '../../../src/core/dispatch';
import { ADMIN, OFFICER, cleanupHubs, login, makeTempDir, startTestHub } from '../../helpers/hub';

const START = new Date('2026-03-02T01:00:00.000Z');
const MINUTE = 60_000;
const WRONG = 'Sai@12345';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await cleanupHubs();
});

async function demoCore(options: Partial<CoreOptions> = {}) {
  const clock = fixedClock(START);
  const core = await createCore({ dataDir: makeTempDir(), demo: true, clock, ...options });
  cores.push(core);
  const signIn = (username: string, password: string, client: string) =>
    core.dispatcher.invoke(
      'auth.login',
      { username, password },
      { token: null, deviceToken: null, clientKey: client, lang: 'vi' },
    );
  return { core, clock, signIn };
}

/** A result without the random bits (token, expiry) — what a client could compare. */
const shape = (r: DispatchResult) => (r.ok ? { ok: true, status: r.status } : r);

/** POST /auth/login from a chosen loopback address (Linux routes all of 127/8 to lo). */
function loginFrom(
  url: string,
  localAddress: string,
  body: { username: string; password: string },
): Promise<{ status: number; body: { error?: { code: string } } }> {
  const target = new URL('/api/v1/auth/login', url);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      {
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text) as { error?: { code: string } },
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('a wrong password locks out the (username, address) pair, not the account', () => {
  // Before: 5 wrong passwords from anyone locked `canbo1` for everyone for 15 minutes.
  it('over HTTP: A guesses 5 times and waits; B, the real user at their counter, still signs in', async () => {
    const hub = await startTestHub({ clock: fixedClock(START) });
    const A = '127.0.0.2';
    const B = '127.0.0.1';
    for (let i = 1; i <= 4; i++) {
      const res = await loginFrom(hub.url, A, { username: 'canbo1', password: WRONG });
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await loginFrom(hub.url, A, { username: 'canbo1', password: WRONG });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error?.code).toBe('ACCOUNT_LOCKED');
    // A cannot go on, not even with the right password…
    expect((await loginFrom(hub.url, A, OFFICER)).status).toBe(429);
    // …but the real user at B signs in, and A's lock did not touch other accounts from A.
    expect((await loginFrom(hub.url, B, OFFICER)).status).toBe(200);
    expect((await loginFrom(hub.url, A, ADMIN)).status).toBe(200);
    await login(hub.url, OFFICER);
  });

  it('the lock lasts 15 minutes; a success at an address clears only that address', async () => {
    const { clock, signIn } = await demoCore();
    for (let i = 0; i < 5; i++) await signIn('canbo1', WRONG, 'A');
    const locked = await signIn('canbo1', OFFICER.password, 'A');
    expect(locked).toMatchObject({
      status: 429,
      error: {
        code: 'ACCOUNT_LOCKED',
        details: { lockedUntil: new Date(START.getTime() + 15 * MINUTE).toISOString() },
      },
    });
    clock.advance(15 * MINUTE - 1000);
    expect((await signIn('canbo1', OFFICER.password, 'A')).status).toBe(429);
    clock.advance(1000);
    expect((await signIn('canbo1', OFFICER.password, 'A')).status).toBe(200);
    // Four wrong at B, a success at A: B's count stays (one more at B locks B).
    for (let i = 0; i < 4; i++) await signIn('canbo1', WRONG, 'B');
    expect((await signIn('canbo1', OFFICER.password, 'A')).status).toBe(200);
    expect((await signIn('canbo1', WRONG, 'B')).status).toBe(429);
  });
});

describe('known and unknown usernames are indistinguishable', () => {
  // Before: a known username answered ACCOUNT_LOCKED at the 5th wrong password, an unknown one
  // went on answering INVALID_CREDENTIALS — the difference revealed which usernames exist.
  it('same status, code, message and details over many attempts, including the lock', async () => {
    const { clock, signIn } = await demoCore();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 8; i++) {
        const known = await signIn('canbo1', WRONG, 'A');
        const unknown = await signIn('khongco', WRONG, 'A');
        expect(shape(unknown)).toEqual(shape(known));
        expect(known.status).toBe(i < 4 ? 401 : 429);
      }
      clock.advance(15 * MINUTE);
    }
  });

  it('a disabled account answers exactly like an unknown username', async () => {
    const { core, signIn } = await demoCore();
    const officer = core.auth.findByUsername('canbo1');
    const admin = core.auth.findByUsername('admin');
    if (!officer || !admin) throw new Error('demo users missing');
    await core.auth.updateUser(
      officer.id,
      { active: false },
      {
        id: admin.id,
        username: admin.username,
        role: 'admin',
        fullName: admin.full_name,
      },
    );
    for (let i = 0; i < 6; i++) {
      const disabled = await signIn('canbo1', OFFICER.password, 'A');
      const unknown = await signIn('khongco', OFFICER.password, 'A');
      expect(shape(disabled)).toEqual(shape(unknown));
    }
  });

  it('timing class: each attempt of either kind runs exactly one password hash check', async () => {
    const real = createPasswordHasher();
    const verified: string[] = [];
    const counting: PasswordHasher = {
      hash: (p) => real.hash(p),
      needsRehash: (s) => real.needsRehash(s),
      verify: (p, s) => {
        verified.push(s.hash.slice(0, 9));
        return real.verify(p, s);
      },
    };
    const { signIn } = await demoCore({ authDeps: { hasher: counting } });
    await signIn('canbo1', WRONG, 'A');
    expect(verified).toEqual(['$argon2id']);
    await signIn('khongco', WRONG, 'A');
    expect(verified).toEqual(['$argon2id', '$argon2id']); // the dummy hash, same algorithm and cost
    // Five wrong at B: the fifth locks B for both usernames, each time after one check.
    for (let i = 0; i < 5; i++) {
      await signIn('canbo1', WRONG, 'B');
      await signIn('khongco', WRONG, 'B');
    }
    expect(verified).toHaveLength(12);
    // Once locked, neither kind is hashed at all.
    await signIn('canbo1', WRONG, 'B');
    await signIn('khongco', WRONG, 'B');
    expect(verified).toHaveLength(12);
  });

  it('the audit log keeps a typed username only when that user exists', async () => {
    const { core, signIn } = await demoCore();
    for (let i = 0; i < 6; i++) {
      await signIn('canbo1', WRONG, 'A');
      await signIn('nguoi-la', WRONG, 'A');
    }
    const rows = core.db
      .prepare(
        `SELECT action, entity_id AS entityId, details FROM audit_log
         WHERE action LIKE 'auth.%' ORDER BY id`,
      )
      .all() as { action: string; entityId: string | null; details: string | null }[];
    expect(JSON.stringify(rows)).not.toContain('nguoi-la');
    const anonymous = rows.filter((r) => r.entityId === null);
    const named = rows.filter((r) => r.entityId !== null);
    expect(anonymous.map((r) => r.action)).toEqual(named.map((r) => r.action));
    expect(named.map((r) => r.action)).toEqual([
      'auth.login.failed',
      'auth.login.failed',
      'auth.login.failed',
      'auth.login.failed',
      'auth.lockout',
      'auth.login.locked',
    ]);
    expect(JSON.parse(named[0]?.details ?? '')).toEqual({
      username: 'canbo1',
      attempts: 1,
      client: 'A',
    });
    expect(JSON.parse(anonymous[0]?.details ?? '')).toEqual({ attempts: 1, client: 'A' });
  });
});

describe('failures from many addresses slow the account down instead of locking it', () => {
  it('a growing delay (1 s, 2 s, 4 s … 30 s) for known and unknown usernames alike; the real user still signs in', async () => {
    const sleeps: number[] = [];
    const { signIn } = await demoCore({
      authDeps: {
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
    });
    const run = async (username: string) => {
      sleeps.length = 0;
      // 10 failures from 5 addresses: none of them is locked, no delay yet.
      for (let i = 0; i < 10; i++) await signIn(username, WRONG, `10.0.0.${i % 5}`);
      expect(sleeps).toEqual([]);
      // Then every further check waits, longer each time, at most 30 s.
      for (let i = 0; i < 8; i++) await signIn(username, WRONG, `10.0.1.${i}`);
      return [...sleeps];
    };
    const known = await run('canbo1');
    expect(known).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(await run('khongco')).toEqual(known);
    // The real user, at their own counter, waits but signs in.
    sleeps.length = 0;
    expect((await signIn('canbo1', OFFICER.password, '10.0.9.9')).status).toBe(200);
    expect(sleeps).toEqual([30000]);
  });

  it('delayed sign-ins are capped: beyond the cap the answer is 503 AUTH_BUSY at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let waiting = 0;
    const { signIn } = await demoCore({
      authPolicy: { maxDelayedSignIns: 2 },
      authDeps: {
        sleep: async () => {
          waiting += 1;
          await gate;
        },
      },
    });
    for (let i = 0; i < 10; i++) await signIn('admin', WRONG, `10.0.0.${i}`);
    const held = [signIn('admin', WRONG, 'x1'), signIn('admin', WRONG, 'x2')];
    await expect.poll(() => waiting).toBe(2);
    const third = await signIn('admin', ADMIN.password, 'x3');
    expect(third).toMatchObject({ ok: false, status: 503, error: { code: 'AUTH_BUSY' } });
    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([401, 401]);
  });
});

describe('the throttle state is bounded', () => {
  it('never holds more than maxEntries pairs or accounts, and keeps running locks first', () => {
    const throttle = createLoginThrottle({ ...DEFAULT_THROTTLE_POLICY, maxEntries: 50 });
    const now = new Date(START);
    for (let i = 0; i < 5; i++) throttle.fail('admin', 'A', now);
    expect(throttle.lockedUntil('admin', 'A', now)).not.toBeNull();
    for (let i = 0; i < 10_000; i++) throttle.fail(`junk${i}`, 'A', now);
    expect(throttle.sizes().pairs).toBeLessThanOrEqual(50);
    expect(throttle.sizes().accounts).toBeLessThanOrEqual(50);
    // Flooding with junk usernames does not evict the attacker's own lock.
    expect(throttle.lockedUntil('admin', 'A', now)).not.toBeNull();
    // Usernames are compared without case, like the users table.
    expect(throttle.lockedUntil('ADMIN', 'A', now)).not.toBeNull();
  });
});
