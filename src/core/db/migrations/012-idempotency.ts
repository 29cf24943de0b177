import type { Migration } from './migration';

/**
 * Idempotency keys of dossier reception (docs/dossiers.md, "Idempotent reception"): a repeat
 * of `POST /dossiers` with the same `Idempotency-Key` from the same officer within 24 hours
 * answers the first result and writes nothing. The row is written in the same transaction as
 * the dossier, so a key never points at a dossier that was not stored (and vice versa).
 */
export const m012Idempotency: Migration = {
  version: 12,
  name: 'idempotency keys of dossier reception',
  up(db) {
    db.exec(`
      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,              -- the officer who sent the key (users.id)
        key TEXT NOT NULL,                  -- the client's key, as sent
        operation TEXT NOT NULL,            -- contract operation name, e.g. dossiers.create
        request_hash TEXT NOT NULL,         -- sha256 (hex) of the canonical request
        response TEXT NOT NULL,             -- the first answer (JSON)
        created_at TEXT NOT NULL,           -- ISO UTC; the key is honoured for 24 hours
        PRIMARY KEY (user_id, key)
      ) STRICT;
      CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
    `);
  },
};
