import Database from 'better-sqlite3';
import { AppError } from '../../shared/contract';
import { copyInOneStep, finishCopy } from '../backup/backupService';
import { importCatalogXlsx, XlsxFileError } from '../catalog/catalogXlsx';
import type { Db } from '../db/connection';
import { exportFile } from '../reports/exports';
import { createReportService, digitisationFigures } from '../reports/reportService';
import type { HeavyJob, HeavyOp, HeavyResult } from './workerContract';

/**
 * The heavy jobs themselves, the same code whichever thread runs them (heavyWorker.ts, or
 * the serving thread when there is no file to open, e.g. an in-memory test database).
 * `readDb` gives a read-only connection to the database file named by the job.
 */
export async function runHeavyJob<O extends HeavyOp>(
  job: Extract<HeavyJob, { op: O }>,
  readDb: (dbPath: string) => Db,
): Promise<HeavyResult<O>>;
export async function runHeavyJob(job: HeavyJob, readDb: (dbPath: string) => Db): Promise<unknown> {
  switch (job.op) {
    case 'backupCopy':
      return job.source ? copyInOneStep(readDb(job.source), job.file) : finishCopy(job.file);
    case 'reportDetails': {
      const now = new Date(job.now);
      const reports = createReportService(readDb(job.dbPath), () => now);
      return reports.details(job.input, job.overdueLimit);
    }
    case 'reportExport': {
      const now = new Date(job.now);
      const db = readDb(job.dbPath);
      const reports = createReportService(db, () => now);
      const { kind, format } = job.input;
      const file = await exportFile(
        reports.queries(),
        kind,
        format,
        job.input,
        now,
        job.site,
        (period) => digitisationFigures(db, period),
      );
      // A text file (CSV) leaves as UTF-8 bytes, encoded here: a year's register is ~10 MB,
      // and encoding it on the serving thread took 0.1–0.2 s (docs/performance.md, "No
      // freeze"); bytes also cross to that thread as one copy, not a string clone.
      return typeof file.body === 'string'
        ? { ...file, body: new TextEncoder().encode(file.body) }
        : file;
    }
    case 'catalogXlsx':
      try {
        return await importCatalogXlsx(job.bytes, { validRowsOnly: job.validRowsOnly });
      } catch (e) {
        if (e instanceof XlsxFileError) {
          throw new AppError('UNPROCESSABLE', { message: { vi: e.vi, en: e.en } });
        }
        throw e;
      }
  }
}

/** Read-only connections by file, opened on first use and kept (one per database). */
export function readOnlyConnections(): { get: (dbPath: string) => Db; closeAll: () => void } {
  const open = new Map<string, Db>();
  return {
    get(dbPath) {
      let db = open.get(dbPath);
      if (!db) {
        db = new Database(dbPath, { readonly: true, fileMustExist: true });
        // Bounded page cache (≈ 8 MiB): the worker reads a period once, it does not need more.
        db.pragma('cache_size = -8000');
        open.set(dbPath, db);
      }
      return db;
    },
    closeAll() {
      for (const db of open.values()) db.close();
      open.clear();
    },
  };
}
