import type { Migration } from './index';

/**
 * Files of dossiers (docs/digitisation.md): the scans of received documents and results
 * (NĐ 118/2025 Art. 13(2)(b), Art. 17). The bytes live content-addressed under
 * `<data-dir>/files/`; the database holds one row per distinct content (`stored_files`) and
 * one row per attachment (`dossier_files`: a dossier, a document of its checklist or
 * "result", who and when). Reuse in a later dossier of the same citizen adds a link row
 * pointing to the earlier attachment (no copy). Attachments are only ever added: both tables
 * refuse UPDATE and DELETE. `upload_links` holds the one-time phone upload links (the token's
 * sha256 only, never the token).
 */
export const m014Files: Migration = {
  version: 14,
  name: 'files of dossiers: content-addressed scans, attachments, one-time upload links',
  up(db) {
    db.exec(`
      CREATE TABLE stored_files (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        pages INTEGER NOT NULL CHECK (pages > 0),
        content_type TEXT NOT NULL CHECK (content_type = 'application/pdf'),
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER stored_files_no_update BEFORE UPDATE ON stored_files
        BEGIN SELECT RAISE(ABORT, 'stored_files is append-only'); END;
      CREATE TRIGGER stored_files_no_delete BEFORE DELETE ON stored_files
        BEGIN SELECT RAISE(ABORT, 'stored_files is append-only'); END;

      CREATE TABLE dossier_files (
        id TEXT PRIMARY KEY,             -- ULID
        dossier_id TEXT NOT NULL REFERENCES dossiers(id),
        document_name TEXT NOT NULL,     -- a document of the checklist, or 'result'
        sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
        linked_from TEXT REFERENCES dossier_files(id), -- reuse: the earlier attachment
        via TEXT NOT NULL CHECK (via IN ('officer', 'upload_link', 'reuse')),
        created_by TEXT,                 -- the officer's user id
        created_by_name TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX dossier_files_dossier ON dossier_files(dossier_id, created_at);
      CREATE INDEX dossier_files_sha ON dossier_files(sha256);
      CREATE TRIGGER dossier_files_no_update BEFORE UPDATE ON dossier_files
        BEGIN SELECT RAISE(ABORT, 'dossier_files is append-only'); END;
      CREATE TRIGGER dossier_files_no_delete BEFORE DELETE ON dossier_files
        BEGIN SELECT RAISE(ABORT, 'dossier_files is append-only'); END;

      CREATE TABLE upload_links (
        token_hash TEXT PRIMARY KEY,     -- sha256 of the token
        dossier_id TEXT NOT NULL REFERENCES dossiers(id),
        document_name TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
