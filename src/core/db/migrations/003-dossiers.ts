import type { Migration } from './migration';

/**
 * Dossiers (docs/dossiers.md): the procedure catalogue, administrator calendar years, agency
 * identifiers per deciding authority, per-agency-per-day code sequences, the yearly register
 * (Mẫu 06) numbering, dossiers, their append-only event trail, reception slips (supplement /
 * refusal at the counter) and the folded full-text index of applicant names.
 *
 * Search: the FTS5 table holds FOLDED text (foldVietnamese in code: đ→d, marks stripped,
 * lower-case) because SQLite's remove_diacritics keeps `đ`. Codes, ID numbers and phones use
 * normal B-tree indexes (exact or prefix range lookups). See docs/dossiers.md.
 */
export const m003Dossiers: Migration = {
  version: 3,
  name: 'dossiers: catalogue, calendar years, agencies, sequences, dossiers, events, search',
  up(db) {
    db.exec(`
      CREATE TABLE procedures (
        id TEXT PRIMARY KEY,
        national_code TEXT NOT NULL,
        name TEXT NOT NULL,
        search_folded TEXT NOT NULL,     -- foldVietnamese(code + name + field)
        field TEXT NOT NULL,
        deciding_authority TEXT NOT NULL,
        data TEXT NOT NULL,              -- the whole procedure as JSON (procedureSchema)
        effective_from TEXT NOT NULL,
        effective_to TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX procedures_national_code ON procedures(national_code);

      CREATE TABLE calendar_years (
        year INTEGER PRIMARY KEY,
        days_off TEXT NOT NULL,          -- JSON ["YYYY-MM-DD", ...]
        working_saturdays TEXT NOT NULL, -- JSON
        updated_at TEXT NOT NULL,
        updated_by TEXT
      ) STRICT;

      -- Agency identifier (QCVN 102:2016) per deciding authority when it differs from the
      -- site's own code (NĐ 118 Art. 28: the code of the authority competent to decide).
      CREATE TABLE agencies (
        deciding_authority TEXT PRIMARY KEY,
        agency_code TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE dossier_sequences (
        agency_code TEXT NOT NULL,
        day TEXT NOT NULL,               -- business date of receipt, Vietnam time
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (agency_code, day)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE register_sequences (
        year INTEGER PRIMARY KEY,
        last_entry INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE dossiers (
        id TEXT PRIMARY KEY,             -- ULID
        code TEXT NOT NULL UNIQUE,
        agency_code TEXT NOT NULL,
        procedure_id TEXT NOT NULL REFERENCES procedures(id),
        procedure TEXT NOT NULL,         -- JSON snapshot of the procedure at receipt
        applicant_name TEXT NOT NULL,
        applicant_id_number TEXT,
        applicant_phone TEXT,            -- digits only
        applicant_address TEXT,
        applicant_email TEXT,
        documents TEXT NOT NULL,         -- JSON [{ name, kind, count }]
        received_at TEXT NOT NULL,       -- UTC instant
        received_date TEXT NOT NULL,     -- business date, Vietnam time
        due_date TEXT,                   -- null while awaiting a supplement
        due_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('received', 'in_process', 'awaiting_supplement',
          'result_ready', 'returned', 'refused', 'stopped', 'closed')),
        state TEXT NOT NULL,             -- JSON DossierState (lifecycle.ts)
        extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
        supplement_requested INTEGER NOT NULL DEFAULT 0 CHECK (supplement_requested IN (0, 1)),
        supplement_requested_at TEXT,
        deciding_authority TEXT NOT NULL,
        receiving_unit TEXT NOT NULL,
        ticket_id TEXT,
        result_method TEXT NOT NULL CHECK (result_method IN ('desk', 'post')),
        register_year INTEGER NOT NULL,
        register_entry INTEGER NOT NULL,
        received_by TEXT NOT NULL,       -- user id
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (register_year, register_entry)
      ) STRICT;
      CREATE INDEX dossiers_id_number ON dossiers(applicant_id_number);
      CREATE INDEX dossiers_phone ON dossiers(applicant_phone);
      CREATE INDEX dossiers_status_due ON dossiers(status, due_date);
      CREATE INDEX dossiers_received ON dossiers(received_at);
      CREATE INDEX dossiers_procedure_received ON dossiers(procedure_id, received_at);
      CREATE INDEX dossiers_supplement ON dossiers(status, supplement_requested_at);

      -- The trail (Phiếu kiểm soát quá trình giải quyết hồ sơ): append-only.
      CREATE TABLE dossier_events (
        id TEXT PRIMARY KEY,             -- ULID
        dossier_id TEXT NOT NULL REFERENCES dossiers(id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        officer_id TEXT,
        officer_name TEXT,
        from_status TEXT,
        to_status TEXT NOT NULL,
        reason TEXT,
        due_before TEXT,
        due_after TEXT,
        details TEXT NOT NULL,           -- JSON
        UNIQUE (dossier_id, seq)
      ) STRICT;
      CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
        BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;
      CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
        BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;

      -- Reception outcomes that do not create a dossier (Art. 17): the counter hands out a
      -- Phiếu yêu cầu bổ sung (Mẫu 02) or a Phiếu từ chối (Mẫu 03). Kept for the record.
      CREATE TABLE reception_slips (
        id TEXT PRIMARY KEY,             -- ULID
        kind TEXT NOT NULL CHECK (kind IN ('supplement', 'refusal')),
        procedure_id TEXT NOT NULL REFERENCES procedures(id),
        procedure TEXT NOT NULL,         -- JSON snapshot
        applicant_name TEXT NOT NULL,
        applicant_id_number TEXT,
        applicant_phone TEXT,
        applicant_address TEXT,
        applicant_email TEXT,
        reason TEXT NOT NULL,
        documents TEXT NOT NULL,         -- JSON: what to complete (supplement) or what was brought
        ticket_id TEXT,
        officer_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;

      -- Folded applicant names; rowid = dossiers.rowid. Contentless: the text lives in dossiers.
      CREATE VIRTUAL TABLE dossiers_fts USING fts5(
        name, content = '', tokenize = 'unicode61 remove_diacritics 0'
      );
    `);
  },
};
