/**
 * Real processes, SIGKILLed at random points of a sync: the BUILT site hub (`out/main/hub.js
 * --upstream`) and the province service (`src/province/cli.ts`, as `npm run province` runs it),
 * on the embedded PGlite and on a real PostgreSQL server. In the end the province holds every
 * event once, in seq order, the site has nothing unsent, and both stop cleanly on SIGTERM.
 */
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/app';
import { closeDatabase, openDatabase } from '../../../src/core/db/connection';
import { writeSiteKey } from '../../../src/core/sync/config';
import { newSiteKey } from '../../../src/core/sync/signing';
import { createAccounts } from '../../../src/province/accounts';
import { openProvinceDb } from '../../../src/province/db';
import { registerSite } from '../../../src/province/ingest';
import { migrateProvince } from '../../../src/province/migrations';
import {
  HUB_JS,
  buildIfMissing,
  cleanupProcesses,
  freePort,
  kill,
  killChildren,
  spawnNode,
  tempDir,
  waitExit,
  waitReady,
} from '../../helpers/processes';
import { BACKENDS, PROVINCE_ADMIN, call, loginAs } from '../../helpers/province';
import { provinceEngines } from '../../helpers/provinceSuite';
import { produceRatings } from '../../helpers/sync';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const engines = provinceEngines();

beforeAll(() => {
  buildIfMissing([HUB_JS]);
}, 300_000);
afterEach(killChildren);
afterAll(cleanupProcesses);

/** Rows of the site's outbox not yet acknowledged (read-only, while the hub runs: WAL). */
function unsentCount(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT COUNT(*) AS n FROM sync_outbox WHERE sent_at IS NULL').get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

describe.each(BACKENDS)('SIGKILL during sync to the province service on %s', (kind) => {
  it('kills site and province at random points: every event arrives once, in order', async () => {
    const siteDir = tempDir('motcua-ksite-');
    const provDir = tempDir('motcua-kprov-');
    const databaseUrl = await engines.databaseUrl(kind);
    const key = newSiteKey();
    const site = await createCore({ dataDir: siteDir, maintenance: { autoBackup: false } });
    writeSiteKey(site.db, key, new Date());
    const siteId = (
      site.db
        .prepare("SELECT json_extract(value, '$.siteId') AS id FROM settings WHERE key = 'site'")
        .get() as { id: string }
    ).id;
    // Whatever the new office already queued comes first, then these ratings.
    const produced = (
      site.db.prepare('SELECT id FROM sync_outbox ORDER BY seq').all() as { id: string }[]
    ).map((r) => r.id);
    const ratings = produceRatings(site.db, 1500);
    produced.push(...ratings);
    await site.close();
    {
      const db = await openProvinceDb({ databaseUrl, dataDir: provDir });
      await migrateProvince(db);
      await createAccounts(db).createUser(
        PROVINCE_ADMIN.username,
        PROVINCE_ADMIN.password,
        'admin',
      );
      await registerSite(db, { siteId, name: 'Xã thử', agencyCodes: [], key });
      await db.close();
    }

    const provPort = await freePort();
    const upstream = `http://127.0.0.1:${provPort}`;
    const startProvince = async () => {
      const child = spawnNode([
        '--import',
        'tsx',
        'src/province/cli.ts',
        '--data-dir',
        provDir,
        ...(databaseUrl ? ['--database-url', databaseUrl] : []),
        '--port',
        String(provPort),
        '--static-dir',
        provDir,
      ]);
      await waitReady(child);
      return child;
    };
    const startSite = async () => {
      const child = spawnNode([
        HUB_JS,
        '--data-dir',
        siteDir,
        '--port',
        '0',
        '--upstream',
        upstream,
      ]);
      await waitReady(child);
      return child;
    };
    let token: string | null = null;
    /** Events the province holds for the site, over its own API (PGlite has one process). */
    const received = async (): Promise<number> => {
      try {
        token ??= await loginAs(upstream);
        const r = await call(upstream, 'GET', '/api/v1/sync/sites', { token });
        if (r.status === 401) token = null;
        if (r.status !== 200) return -1;
        return (r.body as { siteId: string; events: number }[])[0]?.events ?? 0;
      } catch {
        return -1; // the province is down (killed): ask again later
      }
    };

    const siteDb = path.join(siteDir, 'motcua.sqlite');
    let siteChild: ChildProcess | null = null;
    let provChild: ChildProcess | null = null;
    let kills = 0;
    for (let round = 0; round < 6; round++) {
      provChild ??= await startProvince();
      if (!siteChild) {
        // More changes while the site is down (the producer writes through the database).
        const db = openDatabase(siteDb);
        const more = produceRatings(db, 250);
        ratings.push(...more);
        produced.push(...more);
        closeDatabase(db);
        siteChild = await startSite();
      }
      const before = unsentCount(siteDb);
      const deadline = Date.now() + 8000;
      // Let the sync run until it made some progress, plus a random moment.
      while (unsentCount(siteDb) === before && Date.now() < deadline) await sleep(20);
      await sleep(Math.floor(Math.random() * 80));
      if (round % 3 === 2) {
        await kill(provChild);
        provChild = null;
      } else {
        await kill(siteChild);
        siteChild = null;
      }
      kills += 1;
    }
    provChild ??= await startProvince();
    siteChild ??= await startSite();
    const end = Date.now() + 120_000;
    while ((await received()) < produced.length && Date.now() < end) await sleep(200);
    // The province has committed the last batch; the site marks it sent only when the
    // acknowledgement comes back: wait for that too before stopping.
    while (unsentCount(siteDb) > 0 && Date.now() < end) await sleep(100);
    siteChild.kill('SIGTERM');
    provChild.kill('SIGTERM');
    expect((await waitExit(siteChild, 30_000)).code).toBe(0);
    expect((await waitExit(provChild, 30_000)).code).toBe(0);
    expect(kills).toBe(6);

    const db = await openProvinceDb({ databaseUrl, dataDir: provDir });
    try {
      const rows = await db.query<{ event_id: string; seq: number }>(
        'SELECT event_id, seq FROM events WHERE site_id = $1 ORDER BY seq',
        [siteId],
      );
      expect(rows.length).toBe(produced.length);
      expect(rows.map((r) => r.event_id)).toEqual(produced);
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_r, i) => i + 1));
      // Folded once each: a resent batch after a kill never counts a rating twice.
      const folded = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings');
      expect(folded[0]?.n).toBe(ratings.length);
    } finally {
      await db.close();
    }
    expect(unsentCount(siteDb)).toBe(0);
  }, 300_000);
});
