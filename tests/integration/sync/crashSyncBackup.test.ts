/**
 * Backups with real processes (docs/backup.md): the BUILT CLI (`out/main/motcua.js backup`)
 * SIGKILLed at random points of a backup. Nothing is lost. (SIGKILL during a sync, site hub
 * and province service: tests/integration/province/crashSync.test.ts.)
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/app';
import {
  CLI_JS,
  HUB_JS,
  buildIfMissing,
  cleanupProcesses,
  kill,
  killChildren,
  spawnNode,
  tempDir,
  waitExit,
} from '../../helpers/processes';
import { produceRatings, tableChecksums } from '../../helpers/sync';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => buildIfMissing([HUB_JS, CLI_JS]), 180_000);
afterEach(killChildren);
afterAll(cleanupProcesses);

describe('SIGKILL during a backup (built processes)', () => {
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
