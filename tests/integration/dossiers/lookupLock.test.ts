/**
 * The public dossier lookup cannot be brute-forced (docs/security.md, "Lookup"). Before the
 * lock, the only limit was 10 lookups a minute PER ADDRESS: 1,000 loopback addresses found a
 * code's 4 check digits in 4.7 s with no 429. Now wrong checks are counted per code string
 * (all addresses together, known or unknown code alike), and strangers share a global cap.
 * The calls go through the one dispatcher with a different client address each time, as
 * many machines of the LAN would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock';
import type { CallerInfo, DispatchResult } from '../../../src/core/dispatch';
import { DEFAULT_LOOKUP_POLICY, LookupGuard } from '../../../src/core/security/lookupGuard';
import { AppError } from '../../../src/shared/contract';
import { vnInstant } from '../../../src/shared/time/vnTime';
import { api, cleanupHubs, KIOSK, startTestHub } from '../../helpers/hub';

afterEach(cleanupHubs);

async function setup() {
  const clock = fixedClock(vnInstant('2026-03-02', 9, 0));
  const hub = await startTestHub({ clock });
  const row = hub.core.db
    .prepare(
      `SELECT code, applicant_phone AS phone FROM dossiers
       WHERE applicant_phone IS NOT NULL AND length(applicant_phone) >= 4 LIMIT 1`,
    )
    .get() as { code: string; phone: string };
  const right = row.phone.slice(-4);
  const wrongDigits = (i: number) => {
    const d = String(i % 10_000).padStart(4, '0');
    if (d !== right) return d;
    return right === '9999' ? '0000' : '9999';
  };
  let address = 0;
  /** One lookup from a new address each time (device: the paired kiosk's token). */
  const lookup = (code: string, check: string, device?: string): Promise<DispatchResult> => {
    address += 1;
    const caller: CallerInfo = {
      token: null,
      deviceToken: device ?? null,
      clientKey: `10.0.${address >> 8}.${address & 255}`,
      lang: 'vi',
    };
    return hub.core.dispatcher.invoke('public.dossierLookup', { code, check }, caller);
  };
  return { hub, clock, code: row.code, right, wrongDigits, lookup };
}

const answer = (r: DispatchResult) =>
  r.ok ? { status: 200 } : { status: r.status, code: r.error.code, message: r.error.message };

describe('public lookup lock per code string', () => {
  it('brute force from many addresses: 10 wrong checks, then 429 LOOKUP_LOCKED whatever the digits', async () => {
    const { code, right, wrongDigits, lookup } = await setup();
    expect((await lookup(code, right)).ok).toBe(true);
    for (let i = 0; i < 10; i++) {
      expect(answer(await lookup(code, wrongDigits(i)))).toMatchObject({ status: 404 });
    }
    const locked = await lookup(code, wrongDigits(10));
    expect(answer(locked)).toMatchObject({ status: 429, code: 'LOOKUP_LOCKED' });
    // The right digits are locked too: the attacker learns nothing from the 11th try on.
    expect(answer(await lookup(code, right))).toMatchObject({ status: 429, code: 'LOOKUP_LOCKED' });
    // Case and spaces do not give a new code string.
    expect(answer(await lookup(` ${code.toLowerCase()} `, right))).toMatchObject({
      code: 'LOOKUP_LOCKED',
    });
    // So is the paired kiosk: exempt from the global cap, not from the per-code lock.
    expect(answer(await lookup(code, right, KIOSK))).toMatchObject({ code: 'LOOKUP_LOCKED' });
  });

  it('answers an existing and an unknown code identically, lock included', async () => {
    const { code, wrongDigits, lookup } = await setup();
    const unknown = code.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10)) + 'X';
    const seqKnown: unknown[] = [];
    const seqUnknown: unknown[] = [];
    for (let i = 0; i < 12; i++) {
      seqKnown.push(answer(await lookup(code, wrongDigits(i))));
      seqUnknown.push(answer(await lookup(unknown, wrongDigits(i))));
    }
    expect(seqUnknown).toEqual(seqKnown);
    expect(seqKnown.slice(10)).toEqual([
      expect.objectContaining({ status: 429, code: 'LOOKUP_LOCKED' }),
      expect.objectContaining({ status: 429, code: 'LOOKUP_LOCKED' }),
    ]);
  });

  it('the lock lasts 15 minutes; the counter of wrong checks restarts after 15 minutes', async () => {
    const { code, right, wrongDigits, lookup, clock } = await setup();
    for (let i = 0; i < 10; i++) await lookup(code, wrongDigits(i));
    clock.advance(15 * 60_000 - 1000);
    expect(answer(await lookup(code, right))).toMatchObject({ code: 'LOOKUP_LOCKED' });
    clock.advance(1000);
    expect((await lookup(code, right)).ok).toBe(true);
    // 9 wrong, then 15 minutes later 9 more: never 10 within 15 minutes, never locked.
    for (let i = 0; i < 9; i++) await lookup(code, wrongDigits(i));
    clock.advance(15 * 60_000);
    for (let i = 0; i < 9; i++) await lookup(code, wrongDigits(i));
    expect((await lookup(code, right)).ok).toBe(true);
  });
});

describe('global cap of wrong checks for unpaired clients', () => {
  it('after 60 wrong checks in a minute strangers wait (429); the paired kiosk is exempt', async () => {
    const { hub, code, right, wrongDigits, lookup } = await setup();
    // 60 wrong checks spread over 7 codes (below each code's lock of 10).
    for (let i = 0; i < DEFAULT_LOOKUP_POLICY.globalFailuresPerMinute; i++) {
      const r = await lookup(`${code}-${i % 7}`, wrongDigits(i));
      expect(answer(r)).toMatchObject({ status: 404 });
    }
    const stranger = await lookup(code, right);
    expect(answer(stranger)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await lookup(code, right, KIOSK)).ok).toBe(true);
    // Over HTTP too, with the kiosk's header.
    const overHttp = await api(hub.url, `/api/v1/public/dossiers/${encodeURIComponent(code)}`, {
      device: KIOSK,
    });
    expect(overHttp.status).toBe(400); // no `check`: validation, not the cap
    const kioskHttp = await api(
      hub.url,
      `/api/v1/public/dossiers/${encodeURIComponent(code)}?check=${right}`,
      { device: KIOSK },
    );
    expect(kioskHttp.status).toBe(200);
    const strangerHttp = await api(
      hub.url,
      `/api/v1/public/dossiers/${encodeURIComponent(code)}?check=${right}`,
    );
    expect(strangerHttp.status).toBe(429);
  });
});

describe('LookupGuard', () => {
  it('keeps a bounded map of code strings, and counts only "not found" answers', () => {
    const guard = new LookupGuard({ ...DEFAULT_LOOKUP_POLICY, maxCodes: 100 });
    const run = (code: string, error: Error) => {
      try {
        guard.run(code, true, 0, () => {
          throw error;
        });
      } catch {
        /* the lookup's own answer */
      }
    };
    for (let i = 0; i < 1000; i++) run(`CODE-${i}`, new Error('disk'));
    expect(guard.size).toBe(0);
    for (let i = 0; i < 1000; i++) run(`CODE-${i}`, new AppError('NOT_FOUND'));
    expect(guard.size).toBe(100);
  });
});
