/**
 * Helpers for the province service tests: start the service on PGlite or on the throw-away
 * PostgreSQL cluster (tests/helpers/postgres.ts), sign and post batches as a site does. Free
 * of vitest, so the Playwright specs use them too; the vitest parts are in provinceSuite.ts.
 */
import { listUnsent } from '../../src/core/sync/outbox';
import { batchHeaders } from '../../src/core/sync/signing';
import type { Hub } from '../../src/hub/startHub';
import { registerSite } from '../../src/province/ingest';
import type { DatabaseKind } from '../../src/province/db';
import { startProvince, type Province } from '../../src/province/service';
import { SYNC_BATCHES_PATH, type SyncEvent } from '../../src/shared/contract/sync';
import { ulid } from '../../src/shared/ids';
import { makeTempDir } from './hub';
import type { TestPostgres } from './postgres';

export const BACKENDS: readonly DatabaseKind[] = ['pglite', 'postgresql'];

export const PROVINCE_ADMIN = { username: 'admin', password: 'Admin@123' } as const;

/** Start the service (port 0) with an admin account; a fresh database on PostgreSQL. */
export async function startTestProvince(
  kind: DatabaseKind,
  cluster: TestPostgres | null,
  options: { dataDir?: string; databaseUrl?: string; now?: () => Date } = {},
): Promise<{ province: Province; dataDir: string; databaseUrl: string | null }> {
  const dataDir = options.dataDir ?? makeTempDir('motcua-province-');
  let databaseUrl: string | null = null;
  if (kind === 'postgresql') {
    if (!cluster) throw new Error('a PostgreSQL cluster is needed');
    databaseUrl = options.databaseUrl ?? (await cluster.freshDatabase());
  }
  const province = await startProvince({
    dataDir,
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    ...(options.now ? { now: options.now } : {}),
  });
  await province.accounts.createUser(PROVINCE_ADMIN.username, PROVINCE_ADMIN.password, 'admin');
  return { province, dataDir, databaseUrl };
}

export interface Answer {
  status: number;
  body: unknown;
  text: string;
}

export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body, text };
}

export async function loginAs(
  base: string,
  user: { username: string; password: string } = PROVINCE_ADMIN,
): Promise<string> {
  const r = await call(base, 'POST', '/api/v1/auth/login', { body: user });
  if (r.status !== 200) throw new Error(`login failed: ${r.text}`);
  return (r.body as { token: string }).token;
}

/** POST a signed batch exactly as a site's push worker does (docs/sync.md). */
export async function pushBatch(
  base: string,
  site: { siteId: string; key: string },
  events: readonly SyncEvent[],
  batchId: string = ulid(),
): Promise<Answer> {
  const body = JSON.stringify({ siteId: site.siteId, batchId, events });
  const res = await fetch(base + SYNC_BATCHES_PATH, {
    method: 'POST',
    headers: batchHeaders(site, batchId, body),
    body,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown, text };
}

/** Rating events seq `from`..`from + n − 1`, as a site's outbox would send them. */
export function ratingEvents(from: number, n: number, businessDate = '2026-11-20'): SyncEvent[] {
  return Array.from({ length: n }, (_v, i) => ({
    id: ulid(),
    seq: from + i,
    type: 'rating.submitted' as const,
    at: `${businessDate}T03:00:00.000Z`,
    payload: {
      ratingId: ulid(),
      score: 'satisfied' as const,
      ticketId: ulid(),
      businessDate,
      dossierCode: null,
      counterNumber: 1,
      reasons: [],
    },
  }));
}

/** A site hub's permanent site id (its `site` setting). */
export function siteIdOf(hub: Hub): string {
  const row = hub.core.db.prepare("SELECT value FROM settings WHERE key = 'site'").get() as {
    value: string;
  };
  return (JSON.parse(row.value) as { siteId: string }).siteId;
}

/**
 * Register a site hub at the province with `agencyCodes`, then push its whole outbox as signed
 * batches of 200, as its push worker would (docs/sync.md); each batch must be acknowledged.
 */
export async function pushSiteOutbox(
  province: Province,
  hub: Hub,
  agencyCodes: string[],
): Promise<{ siteId: string; key: string; events: number }> {
  const siteId = siteIdOf(hub);
  const { key } = await registerSite(province.db, { siteId, name: 'Xã thử nghiệm', agencyCodes });
  const events = listUnsent(hub.core.db, 1_000_000);
  for (let k = 0; k < events.length; k += 200) {
    const r = await pushBatch(province.url, { siteId, key }, events.slice(k, k + 200));
    if (r.status !== 200) throw new Error(`batch refused: ${r.text}`);
  }
  return { siteId, key, events: events.length };
}
