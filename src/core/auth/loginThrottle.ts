/**
 * Sign-in throttling without lock-out abuse (docs/security.md, "Setup, sign-in and passwords").
 *
 * - Failures are counted per (username, client address): `maxFailedAttempts` wrong passwords in
 *   a row lock that pair for `lockoutMinutes`. A stranger guessing `admin` from a guest phone
 *   locks out only that phone; the real administrator at their own counter still signs in.
 * - Failures for one username from all addresses together add a growing delay before the next
 *   check (1 s, 2 s, 4 s … at most `accountMaxDelayMs`) once `accountFreeFailures` is passed —
 *   a brake on guessing from many addresses that never locks the real user out.
 * - The username is the typed one (lower-cased), whether or not it exists, so known and
 *   unknown usernames are throttled identically and the answers reveal nothing.
 * - State lives in memory in two maps of at most `maxEntries` each; when full, the entry used
 *   least recently is dropped, preferring entries that hold no running lock.
 */
export interface ThrottlePolicy {
  maxFailedAttempts: number;
  lockoutMinutes: number;
  accountFreeFailures: number;
  accountMaxDelayMs: number;
  maxEntries: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  maxFailedAttempts: 5,
  lockoutMinutes: 15,
  accountFreeFailures: 10,
  accountMaxDelayMs: 30_000,
  maxEntries: 10_000,
};

interface PairState {
  username: string;
  failures: number;
  lastAt: number;
  lockedUntil: number | null;
}
interface AccountState {
  failures: number;
  lastAt: number;
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function createLoginThrottle(policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {
  const windowMs = policy.lockoutMinutes * 60_000;
  const pairs = new Map<string, PairState>();
  const accounts = new Map<string, AccountState>();
  const pairKey = (username: string, client: string) => `${username}\u0000${client}`;

  /** Map insertion order is the recency order: move an entry to the end when touched. */
  function touch<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size <= policy.maxEntries) return;
    let victim: string | undefined;
    for (const [k, v] of map) {
      const lock = (v as Partial<PairState>).lockedUntil;
      if (lock === undefined || lock === null) {
        victim = k;
        break;
      }
    }
    map.delete(victim ?? (map.keys().next().value as string));
  }

  function pairState(username: string, client: string, now: number): PairState | undefined {
    const key = pairKey(username, client);
    const p = pairs.get(key);
    if (!p) return undefined;
    if (p.lockedUntil !== null && p.lockedUntil <= now) {
      pairs.delete(key); // the lock has passed: a fresh start
      return undefined;
    }
    if (p.lockedUntil === null && now - p.lastAt >= windowMs) {
      pairs.delete(key); // quiet for a whole window: forgotten
      return undefined;
    }
    return p;
  }

  function accountState(username: string, now: number): AccountState | undefined {
    const a = accounts.get(username);
    if (a && now - a.lastAt >= windowMs) {
      accounts.delete(username);
      return undefined;
    }
    return a;
  }

  return {
    /** Until when this (username, address) pair is locked, or null. */
    lockedUntil(username: string, client: string, now: Date): Date | null {
      const p = pairState(normaliseUsername(username), client, now.getTime());
      return p?.lockedUntil ? new Date(p.lockedUntil) : null;
    },

    /** How long the next check for this username waits (failures from all addresses). */
    delayMs(username: string, now: Date): number {
      const a = accountState(normaliseUsername(username), now.getTime());
      if (!a || a.failures < policy.accountFreeFailures) return 0;
      const exponent = Math.min(a.failures - policy.accountFreeFailures, 30);
      return Math.min(1000 * 2 ** exponent, policy.accountMaxDelayMs);
    },

    /** Count one wrong password; returns the pair's count and its lock if this one locked it. */
    fail(
      username: string,
      client: string,
      now: Date,
    ): { attempts: number; lockedUntil: Date | null } {
      const name = normaliseUsername(username);
      const t = now.getTime();
      const a = accountState(name, t) ?? { failures: 0, lastAt: t };
      touch(accounts, name, { failures: a.failures + 1, lastAt: t });
      const p = pairState(name, client, t) ?? {
        username: name,
        failures: 0,
        lastAt: t,
        lockedUntil: null,
      };
      const attempts = p.failures + 1;
      const lockedUntil = attempts >= policy.maxFailedAttempts ? t + windowMs : null;
      touch(pairs, pairKey(name, client), {
        username: name,
        failures: attempts,
        lastAt: t,
        lockedUntil,
      });
      return { attempts, lockedUntil: lockedUntil === null ? null : new Date(lockedUntil) };
    },

    /** A right password from this address: its count starts again. */
    succeed(username: string, client: string): void {
      pairs.delete(pairKey(normaliseUsername(username), client));
    },

    /** The latest running lock of any address for this username (the admin's user list). */
    latestLock(username: string, now: Date): Date | null {
      const name = normaliseUsername(username);
      let latest: number | null = null;
      for (const p of pairs.values()) {
        if (p.username !== name || p.lockedUntil === null || p.lockedUntil <= now.getTime()) {
          continue;
        }
        latest = Math.max(latest ?? 0, p.lockedUntil);
      }
      return latest === null ? null : new Date(latest);
    },

    /** An administrator's "unlock": forget every count and lock of this username. */
    clear(username: string): void {
      const name = normaliseUsername(username);
      accounts.delete(name);
      for (const [key, p] of pairs) if (p.username === name) pairs.delete(key);
    },

    /** Sizes of the two maps (tests of the bound). */
    sizes(): { pairs: number; accounts: number } {
      return { pairs: pairs.size, accounts: accounts.size };
    },
  };
}
