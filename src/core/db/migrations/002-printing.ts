import type { Migration } from './migration';

export const m002Printing: Migration = {
  version: 2,
  name: 'printing: persisted print jobs',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id TEXT PRIMARY KEY,              -- ULID
        kind TEXT NOT NULL,               -- 'ticket', 'dossier-receipt', 'test-page', …
        role TEXT NOT NULL CHECK (role IN ('ticket', 'receipt')),
        printer_id TEXT,                  -- the profile used (NULL: no printer for the role)
        document TEXT NOT NULL,           -- JSON of the print document, so a reprint is exact
        status TEXT NOT NULL CHECK (status IN ('queued', 'printing', 'done', 'failed', 'screen')),
        attempts INTEGER NOT NULL DEFAULT 0,
        auto_retry INTEGER NOT NULL DEFAULT 1 CHECK (auto_retry IN (0, 1)),
        next_attempt_at TEXT,             -- automatic retry time; NULL: none planned
        error_code TEXT,
        error_message TEXT,
        ref_type TEXT,                    -- 'ticket', 'dossier', …
        ref_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        printed_at TEXT
      ) STRICT;
      CREATE INDEX print_jobs_status ON print_jobs(status, next_attempt_at);
      CREATE INDEX print_jobs_ref ON print_jobs(ref_type, ref_id);
    `);
  },
};
