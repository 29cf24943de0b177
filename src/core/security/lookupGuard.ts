import { AppError, isAppError } from '../../shared/contract';

/**
 * The public dossier lookup (code + last 4 digits of the phone or ID number) cannot be
 * brute-forced (docs/security.md, "Lookup"):
 *
 * - wrong checks are counted PER CODE STRING, from all addresses together, whether or not
 *   the code exists: after `maxFailures` wrong checks within `windowMs`, that code answers
 *   429 LOOKUP_LOCKED for `lockMs` whatever the digits — the same for an existing and an
 *   unknown code, so the lock reveals nothing (a per-address count is useless against a
 *   stranger with many addresses);
 * - a global cap of wrong checks per minute for callers that are not a paired kiosk
 *   (spraying many codes); a paired kiosk is exempt from the cap, not from the per-code lock.
 *
 * The trade-off: a stranger can lock one code's lookup for 15 minutes (the citizen then
 * asks at the counter, which still serves), and while the cap is reached strangers' lookups
 * wait for the next minute. The map is bounded: when full, expired entries go first, then
 * the oldest; refilling it needs `maxCodes` wrong checks, which the global cap spreads over
 * hours.
 */
export interface LookupGuardPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  globalFailuresPerMinute: number;
  maxCodes: number;
}

export const DEFAULT_LOOKUP_POLICY: LookupGuardPolicy = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  globalFailuresPerMinute: 60,
  maxCodes: 10_000,
};

interface CodeEntry {
  windowStart: number;
  failures: number;
  lockedUntil: number;
}

export class LookupGuard {
  private readonly codes = new Map<string, CodeEntry>();
  private global = { start: 0, failures: 0 };

  constructor(private readonly policy: LookupGuardPolicy = DEFAULT_LOOKUP_POLICY) {}

  /** Run `lookup` for `code` unless locked; a NOT_FOUND answer counts as a wrong check. */
  run<T>(code: string, exemptFromGlobalCap: boolean, now: number, lookup: () => T): T {
    const key = code.trim().toUpperCase();
    const entry = this.codes.get(key);
    if (entry && now < entry.lockedUntil) throw new AppError('LOOKUP_LOCKED');
    if (now - this.global.start >= 60_000) this.global = { start: now, failures: 0 };
    if (!exemptFromGlobalCap && this.global.failures >= this.policy.globalFailuresPerMinute) {
      throw new AppError('RATE_LIMITED');
    }
    try {
      return lookup();
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND') this.fail(key, exemptFromGlobalCap, now);
      throw e;
    }
  }

  private fail(key: string, exempt: boolean, now: number): void {
    if (!exempt) this.global.failures += 1;
    let entry = this.codes.get(key);
    if (!entry || now - entry.windowStart >= this.policy.windowMs) {
      if (!entry) this.makeRoom(now);
      entry = { windowStart: now, failures: 0, lockedUntil: 0 };
      this.codes.set(key, entry);
    }
    entry.failures += 1;
    if (entry.failures >= this.policy.maxFailures) {
      entry.lockedUntil = now + this.policy.lockMs;
      entry.failures = 0;
      entry.windowStart = now;
    }
  }

  private makeRoom(now: number): void {
    if (this.codes.size < this.policy.maxCodes) return;
    for (const [k, e] of this.codes) {
      if (now >= e.lockedUntil && now - e.windowStart >= this.policy.windowMs) this.codes.delete(k);
    }
    // Still full: the oldest entry goes (Map keeps insertion order).
    while (this.codes.size >= this.policy.maxCodes) {
      const oldest = this.codes.keys().next().value as string;
      this.codes.delete(oldest);
    }
  }

  /** Entries kept (tests: the map stays bounded). */
  get size(): number {
    return this.codes.size;
  }
}
