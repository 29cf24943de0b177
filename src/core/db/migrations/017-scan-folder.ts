import type { Migration } from './migration';

/**
 * The scanner's "scan to folder" tray (docs/digitisation.md, "Ghi nhận tệp / Capture"): the
 * app never deletes or moves a file in the scanner's folder; a file once attached is
 * remembered here and leaves the tray. A file is known by its path, size and modification
 * time, so a new scan written under an old name shows up again.
 */
export const m017ScanFolder: Migration = {
  version: 17,
  name: 'scan folder: files of the scanner folder already attached',
  up(db) {
    db.exec(`CREATE TABLE scan_folder_used (
      entry_id TEXT PRIMARY KEY,
      path TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      modified_ms INTEGER NOT NULL,
      dossier_code TEXT NOT NULL,
      document_name TEXT NOT NULL,
      file_id TEXT NOT NULL,
      used_by TEXT,
      used_at TEXT NOT NULL
    ) STRICT`);
  },
};
