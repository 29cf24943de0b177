import type { Migration } from './migration';

/**
 * Sync to the province (docs/sync.md).
 * Site side: the outbox (one row per change, written in the change's transaction) and the push
 * worker's state (the batch in flight survives a restart, so it is resent with the same id).
 * Receiver side ('--role province'): registered sites with their keys, every received event
 * once (unique event id, unique seq per site), imported USB files.
 */
export const m006Sync: Migration = {
  version: 6,
  name: 'sync: outbox, push state, receiver tables',
  up(db) {
    db.exec(`
      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- per-site order; AUTOINCREMENT: never reused
        id TEXT NOT NULL UNIQUE,                -- ULID of the event
        type TEXT NOT NULL,
        payload TEXT NOT NULL,                  -- JSON, validated by the contract's schema
        format INTEGER NOT NULL DEFAULT 1,      -- outbox format the row was written with
        created_at TEXT NOT NULL,
        sent_at TEXT,                           -- set only after the receiver acknowledged
        batch_id TEXT
      ) STRICT;
      CREATE INDEX sync_outbox_unsent ON sync_outbox(seq) WHERE sent_at IS NULL;
      CREATE TRIGGER sync_outbox_no_delete_unsent BEFORE DELETE ON sync_outbox
        WHEN OLD.sent_at IS NULL
        BEGIN SELECT RAISE(ABORT, 'an unsent sync record cannot be deleted'); END;

      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        inflight_batch_id TEXT,                 -- the batch being sent (resent after a crash)
        inflight_from_seq INTEGER,
        inflight_to_seq INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_sent_at TEXT,
        last_error TEXT,
        last_error_at TEXT
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);

      CREATE TABLE sync_sites (
        site_id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        key TEXT NOT NULL,                      -- shared secret (HMAC-SHA256), see docs/sync.md
        last_seq INTEGER NOT NULL DEFAULT 0,
        events INTEGER NOT NULL DEFAULT 0,
        last_received_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_received (
        site_id TEXT NOT NULL REFERENCES sync_sites(site_id),
        event_id TEXT NOT NULL PRIMARY KEY,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        payload TEXT NOT NULL,
        batch_id TEXT NOT NULL,                 -- batch id, or 'file:<fileId>' for a USB import
        received_at TEXT NOT NULL,
        UNIQUE (site_id, seq)
      ) STRICT;
      CREATE TRIGGER sync_received_no_update BEFORE UPDATE ON sync_received
        BEGIN SELECT RAISE(ABORT, 'sync_received is append-only'); END;

      CREATE TABLE sync_imports (
        file_id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        events INTEGER NOT NULL,
        accepted INTEGER NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
