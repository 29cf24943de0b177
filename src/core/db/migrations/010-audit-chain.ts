import { anchorHash, AUDIT_CHAIN_SCHEMA_VERSION, unchainedRows } from '../../audit/auditChain';
import type { Db } from '../connection';
import type { Migration } from './migration';

/**
 * The audit log becomes hash-chained (docs/security.md, "Audit log and field logs";
 * src/core/audit/auditChain.ts). The append-only triggers of migration 001 stay.
 *
 * - New rows carry `seq` (their position, unique), `prev_hash` and `hash`; a row without
 *   them is refused, so nothing can write the log except `recordAudit`.
 * - The rows already there are sealed by ONE anchor hash over all of them in id order
 *   (`audit_anchor`, a single row that cannot be changed or deleted either); the first
 *   chained row's prev_hash is that anchor.
 */
export const m010AuditChain: Migration = {
  version: AUDIT_CHAIN_SCHEMA_VERSION,
  name: 'audit-chain',
  up(db: Db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN seq INTEGER;
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);

      CREATE TABLE audit_anchor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        rows INTEGER NOT NULL,         -- rows sealed (written before this migration)
        last_id TEXT,                  -- the newest sealed row's id (NULL: none)
        hash TEXT NOT NULL             -- SHA-256 over the sealed rows, id order
      ) STRICT;
      CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE ON audit_anchor
        BEGIN SELECT RAISE(ABORT, 'audit_anchor is append-only'); END;
      CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
        BEGIN SELECT RAISE(ABORT, 'audit_anchor is append-only'); END;

      CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
        WHEN NEW.seq IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL
        BEGIN SELECT RAISE(ABORT, 'audit_log rows are hash-chained: write them with recordAudit'); END;
    `);
    const sealed = anchorHash(unchainedRows(db));
    const lastId = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as string | null;
    db.prepare('INSERT INTO audit_anchor (id, rows, last_id, hash) VALUES (1, ?, ?, ?)').run(
      sealed.rows,
      lastId,
      sealed.hash,
    );
  },
};
