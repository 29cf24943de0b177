/**
 * Sync and backups with real processes (docs/sync.md, docs/backup.md): the BUILT hub
 * (`out/main/hub.js`) as site and as province, SIGKILLed at random points of a sync; the BUILT CLI
 * (`out/main/motcua.js backup`) SIGKILLed at random points of a backup. Nothing is lost, nothing is
 * stored twice.
 */
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/app';
import { closeDatabase, openDatabase } from '../../../src/core/db/connection';
import { writeSiteKey } from '../../../src/core/sync/config';
import { registerSite } from '../../../src/core/sync/receiver';
import { newSiteKey } from '../../../src/core/sync/signing';
import {
  CLI_JS,
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
import { produceRatings, tableChecksums } from '../../helpers/sync';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

function countReceived(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM sync_received').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(() => buildIfMissing([HUB_JS, CLI_JS]), 180_000);
afterEach(killChildren);
afterAll(cleanupProcesses);

describe('SIGKILL during sync and backup (built processes)', () => {
  it('kills site and province at random points of a sync: every event arrives once, in order', async () => {
    const siteDir = tempDir('motcua-ksite-');
    const provDir = tempDir('motcua-kprov-');
    const key = newSiteKey();
    const site = await createCore({ dataDir: siteDir, maintenance: { autoBackup: false } });
    writeSiteKey(site.db, key, new Date());
    const siteId = (
      site.db
        .prepare("SELECT json_extract(value, '$.siteId') AS id FROM settings WHERE key = 'site'")
        .get() as { id: string }
    ).id;
    const produced = produceRatings(site.db, 1500);
    await site.close();
    const prov = await createCore({
      dataDir: provDir,
      sync: { role: 'province' },
      maintenance: { autoBackup: false },
    });
    registerSite(prov.db, { siteId, name: 'Xã thử', key }, new Date());
    await prov.close();

    const provPort = await freePort();
    const upstream = `http://127.0.0.1:${provPort}`;
    const provDb = path.join(provDir, 'motcua.sqlite');
    let siteChild: ChildProcess | null = null;
    let provChild: ChildProcess | null = null;
    let kills = 0;
    for (let round = 0; round < 8; round++) {
      if (!provChild) {
        provChild = spawnNode([
          HUB_JS,
          '--data-dir',
          provDir,
          '--port',
          String(provPort),
          '--role',
          'province',
        ]);
        await waitReady(provChild);
      }
      if (!siteChild) {
        // More changes while the site is down (the producer writes through the database).
        const db = openDatabase(path.join(siteDir, 'motcua.sqlite'));
        produced.push(...produceRatings(db, 250));
        closeDatabase(db);
        siteChild = spawnNode([
          HUB_JS,
          '--data-dir',
          siteDir,
          '--port',
          '0',
          '--upstream',
          upstream,
        ]);
        await waitReady(siteChild);
      }
      const before = countReceived(provDb);
      const deadline = Date.now() + 4000;
      // Let the sync run until it made some progress, plus a random moment.
      while (countReceived(provDb) === before && Date.now() < deadline) await sleep(10);
      await sleep(Math.floor(Math.random() * 60));
      if (round % 3 === 2) {
        await kill(provChild);
        provChild = null;
      } else {
        await kill(siteChild);
        siteChild = null;
      }
      kills += 1;
    }
    if (!provChild) {
      provChild = spawnNode([
        HUB_JS,
        '--data-dir',
        provDir,
        '--port',
        String(provPort),
        '--role',
        'province',
      ]);
      await waitReady(provChild);
    }
    if (!siteChild) {
      siteChild = spawnNode([HUB_JS, '--data-dir', siteDir, '--port', '0', '--upstream', upstream]);
      await waitReady(siteChild);
    }
    const end = Date.now() + 60_000;
    while (countReceived(provDb) < produced.length && Date.now() < end) await sleep(50);
    // The province has committed the last batch; the site marks it sent only when the
    // acknowledgement comes back. Wait for that too before stopping (a stop before it is
    // legitimate — the batch would be resent — but then the outbox is not yet empty).
    const siteDb = path.join(siteDir, 'motcua.sqlite');
    while (unsentCount(siteDb) > 0 && Date.now() < end) await sleep(50);
    siteChild.kill('SIGTERM');
    provChild.kill('SIGTERM');
    expect((await waitExit(siteChild)).code).toBe(0);
    expect((await waitExit(provChild)).code).toBe(0);
    expect(kills).toBe(8);

    const p = new Database(provDb, { readonly: true });
    try {
      const rows = p.prepare('SELECT event_id, seq FROM sync_received ORDER BY rowid').all() as {
        event_id: string;
        seq: number;
      }[];
      expect(rows.length).toBe(produced.length);
      expect(rows.map((r) => r.event_id)).toEqual(produced);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => i + 1));
      expect(p.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      p.close();
    }
    const s = new Database(path.join(siteDir, 'motcua.sqlite'), { readonly: true });
    try {
      expect(
        s.prepare('SELECT COUNT(*) AS n FROM sync_outbox WHERE sent_at IS NULL').get(),
      ).toEqual({ n: 0 });
    } finally {
      s.close();
    }
  }, 120_000);

  it('kills `motcua backup` at random points: the database and every finished backup stay exact, partials never pass for backups', async () => {
    const dataDir = tempDir('motcua-kbak-');
    const outDir = tempDir('motcua-kbak-out-');
    const core = await createCore({ dataDir, maintenance: { autoBackup: false } });
    produceRatings(core.db, 3000);
    // Bulk so that a backup takes a while: ~24 MB of random pages.
    core.db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    const ins = core.db.prepare('INSERT INTO filler (data) VALUES (randomblob(8000))');
    core.db.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run();
    })();
    const source = tableChecksums(core.db);
    await core.close();

    const backups = () => fs.readdirSync(outDir).filter((n) => n.endsWith('.sqlite'));
    for (let i = 0; i < 6; i++) {
      const child = spawnNode([CLI_JS, 'backup', '--data-dir', dataDir, '--out', outDir]);
      await sleep(80 + Math.floor(Math.random() * 400));
      await kill(child);
      for (const name of backups()) {
        const db = new Database(path.join(outDir, name), { readonly: true });
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(tableChecksums(db)).toEqual(source);
        } finally {
          db.close();
        }
      }
    }
    const done = spawnNode([CLI_JS, 'backup', '--data-dir', dataDir, '--out', outDir]);
    expect((await waitExit(done, 30_000)).code).toBe(0);
    expect(fs.readdirSync(outDir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(backups().length).toBeGreaterThanOrEqual(1);
    const db = new Database(path.join(dataDir, 'motcua.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(tableChecksums(db)).toEqual(source);
    } finally {
      db.close();
    }
  }, 120_000);
});
