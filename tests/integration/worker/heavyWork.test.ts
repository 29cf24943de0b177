/**
 * Heavy work off the serving thread (src/core/worker, docs/architecture.md): the worker
 * thread answers the same as the serving thread would, keeps AppErrors as they are, and the
 * hub's report details, exports, catalogue workbooks and backup checks go through it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../src/core/app';
import { fixedClock } from '../../../src/core/clock';
import { exportFile } from '../../../src/core/reports/exports';
import { createReportService, digitisationFigures } from '../../../src/core/reports/reportService';
import { getSite } from '../../../src/core/settings/site';
import { createHeavyWork } from '../../../src/core/worker/heavyWork';
import { workerRequestSchema } from '../../../src/core/worker/workerContract';
import { isAppError } from '../../../src/shared/contract';
import { reportDetailsSchema } from '../../../src/shared/contract/reports';
import { vnInstant } from '../../../src/shared/time/vnTime';
import { api, cleanupHubs, login, makeTempDir, OFFICER, startTestHub } from '../../helpers/hub';

const cores: Core[] = [];
afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()));
  await cleanupHubs();
});

const NOW = vnInstant('2026-03-10', 10, 0);

async function demoCore(): Promise<Core> {
  const core = await createCore({
    dataDir: makeTempDir('motcua-heavy-'),
    clock: fixedClock(NOW),
    demo: true,
    maintenance: { autoBackup: false },
  });
  cores.push(core);
  return core;
}

describe('heavy work thread', () => {
  it('answers the report details exactly as the serving thread computes them', async () => {
    const core = await demoCore();
    const dbPath = core.heavy.dbPath(core.db);
    expect(dbPath).not.toBeNull();
    const input = { from: '2021-03-10', to: '2026-03-09' }; // five years, the longest period
    const before = core.heavy.offThread;
    const off = await core.heavy.run({
      op: 'reportDetails',
      dbPath: dbPath as string,
      input,
      now: NOW.toISOString(),
    });
    const inThread = reportDetailsSchema.parse(
      createReportService(core.db, () => NOW).details(input),
    );
    expect(off).toEqual(inThread);
    expect(core.heavy.offThread).toBe(before + 1);
  });

  it('hands a CSV export over as UTF-8 bytes, the same as the serving thread makes', async () => {
    const core = await demoCore();
    const dbPath = core.heavy.dbPath(core.db) as string;
    const input = {
      kind: 'register',
      format: 'csv',
      from: '2026-01-01',
      to: '2026-03-09',
    } as const;
    const site = getSite(core.db, NOW);
    const off = await core.heavy.run({
      op: 'reportExport',
      dbPath,
      input,
      now: NOW.toISOString(),
      site,
    });
    // Encoded in the worker: the serving thread never encodes a year's text.
    expect(off.body).toBeInstanceOf(Uint8Array);
    const db = core.db;
    const inThread = await exportFile(
      createReportService(db, () => NOW).queries(),
      input.kind,
      input.format,
      input,
      NOW,
      site,
      (period) => digitisationFigures(db, period),
    );
    expect(typeof inThread.body).toBe('string');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(off.body as Uint8Array)).toBe(
      inThread.body,
    );
    expect(off.fileName).toBe(inThread.fileName);
    expect(off.contentType).toBe(inThread.contentType);
  });

  it('serves reports.details and reports.export over HTTP through the worker', async () => {
    const hub = await startTestHub({ dataDir: makeTempDir('motcua-heavy-http-') });
    const token = await login(hub.url, OFFICER);
    const before = hub.core.heavy.offThread;
    const details = await api(hub.url, '/api/v1/reports/details?from=2026-01-01&to=2026-03-09', {
      token,
    });
    expect(details.status).toBe(200);
    const csv = await fetch(
      `${hub.url}/api/v1/reports/export?kind=register&format=csv&from=2026-01-01&to=2026-03-09`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).length).toBeGreaterThan(0);
    expect(hub.core.heavy.offThread).toBe(before + 2);
  });

  it('checks a backup copy off the thread; a damaged file is refused', async () => {
    const core = await demoCore();
    const before = core.heavy.offThread;
    const file = await core.maintenance.backupNow();
    expect(fs.existsSync(file)).toBe(true);
    expect(core.heavy.offThread).toBe(before + 1);
    const good = await core.heavy.run({ op: 'backupCopy', file });
    expect(good.ok).toBe(true);
    const bad = path.join(path.dirname(file), 'not-a-database.sqlite');
    fs.writeFileSync(bad, Buffer.alloc(8192, 7));
    await expect(core.heavy.run({ op: 'backupCopy', file: bad })).rejects.toThrow();
  });

  it('makes the backup copy itself off the thread: a consistent snapshot of the data', async () => {
    const core = await demoCore();
    // The serving connection never runs SQLite's backup API (its writes stall the thread).
    const servingBackup = vi.spyOn(core.db, 'backup');
    const file = await core.maintenance.backupNow();
    expect(servingBackup).not.toHaveBeenCalled();
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const count = (d: Database.Database) =>
        d.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number };
      expect(count(copy)).toEqual(count(core.db));
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
  });

  it('keeps the AppError of a bad workbook (422 with its Vietnamese message)', async () => {
    const core = await demoCore();
    const error = await core.heavy
      .run({ op: 'catalogXlsx', bytes: new Uint8Array([1, 2, 3, 4]), validRowsOnly: false })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isAppError(error)).toBe(true);
    if (!isAppError(error)) return;
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.options.message?.vi).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặ]/);
  });

  it('the message contract refuses an unknown job or a malformed one', () => {
    expect(workerRequestSchema.safeParse({ id: 1, job: { op: 'vacuum' } }).success).toBe(false);
    expect(
      workerRequestSchema.safeParse({ id: 1, job: { op: 'backupCopy', file: '' } }).success,
    ).toBe(false);
    expect(
      workerRequestSchema.safeParse({
        id: 1,
        job: {
          op: 'reportDetails',
          dbPath: '/x',
          input: { from: '2026-03-09', to: '2026-01-01' },
          now: NOW.toISOString(),
        },
      }).success,
    ).toBe(false);
  });
});

describe('heavy work thread, idle', () => {
  it('stops when idle and starts again for the next job', async () => {
    const heavy = createHeavyWork({ idleMs: 50 });
    try {
      const dir = makeTempDir('motcua-heavy-idle-');
      const file = path.join(dir, 'x.sqlite');
      const db = new Database(file);
      db.exec('CREATE TABLE t (x)');
      db.close();
      expect((await heavy.run({ op: 'backupCopy', file })).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 300)); // idle: the worker is stopped
      expect((await heavy.run({ op: 'backupCopy', file })).ok).toBe(true);
      expect(heavy.offThread).toBe(2);
    } finally {
      await heavy.close();
    }
  });
});
