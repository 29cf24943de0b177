/**
 * Set-up shared by the tests that work the law's deadlines by hand over real HTTP (their
 * citizen is `APPLICANT` of ./hub): Vietnamese wall-clock times as instants, and a demo hub on a test clock whose
 * sessions outlast the months the tests move the clock over.
 */
import type { fixedClock } from '../../src/core/clock';
import type { Hub } from '../../src/hub/startHub';
import { ADMIN, login, OFFICER, startTestHub } from './hub';

/** A Vietnamese wall-clock time (`2026-03-05T10:00:00`) as an instant. */
export const vnInstant = (local: string): Date => new Date(`${local}+07:00`);

/**
 * A demo hub on `clock`, started on Thu 01/01/2026 09:00 (VN) with sessions of a year, and
 * the administrator's and the officer's tokens. Stopped by `cleanupHubs()`.
 */
export async function startLawHub(
  clock: ReturnType<typeof fixedClock>,
): Promise<{ hub: Hub; admin: string; officer: string }> {
  clock.set(new Date('2026-01-01T02:00:00Z'));
  const hub = await startTestHub({ clock, authPolicy: { sessionHours: 24 * 365 } });
  return { hub, admin: await login(hub.url, ADMIN), officer: await login(hub.url, OFFICER) };
}
