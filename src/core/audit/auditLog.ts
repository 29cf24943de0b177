import { ulid } from '../../shared/ids';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection';
import {
  AUDIT_CHAIN_SCHEMA_VERSION,
  AUDIT_CONTENT_COLUMNS,
  auditContentValues,
  chainHash,
  type AuditContent,
} from './auditChain';

export interface AuditEntry {
  actor: { id: string; username: string } | null;
  action: string;
  entity?: string;
  entityId?: string;
  details?: unknown;
}

interface ChainStatements {
  last: Statement<[], { seq: number; hash: string }>;
  anchor: Statement<[], { hash: string }>;
  insert: Statement<unknown[]>;
}

/** Prepared once per connection: the chain costs one indexed read per row. */
const statements = new WeakMap<Db, ChainStatements>();

function chainStatements(db: Db): ChainStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      last: db.prepare<[], { seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
      ),
      anchor: db.prepare<[], { hash: string }>('SELECT hash FROM audit_anchor WHERE id = 1'),
      insert: db.prepare<unknown[]>(
        `INSERT INTO audit_log (${AUDIT_CONTENT_COLUMNS}, seq, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * Append one row to the audit log (who did what to which record). Call it inside the same
 * transaction as the change it describes. Never store passwords, tokens or raw QR payloads;
 * free text an officer typed goes through `maskPersonalNumbers` first.
 *
 * The row is hash-chained to the one before it (src/core/audit/auditChain.ts): its position
 * and previous hash are read from the newest row (an indexed read) in the same transaction
 * as the insert, so two writers can never fork the chain. This is the ONLY writer of
 * audit_log: the database refuses a row without a hash (migration 010).
 */
export function recordAudit(db: Db, entry: AuditEntry, at: Date): void {
  const row: AuditContent = {
    id: ulid(at.getTime()),
    at: at.toISOString(),
    actor_user_id: entry.actor?.id ?? null,
    actor_username: entry.actor?.username ?? null,
    action: entry.action,
    entity: entry.entity ?? null,
    entity_id: entry.entityId ?? null,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
  };
  if ((db.pragma('user_version', { simple: true }) as number) < AUDIT_CHAIN_SCHEMA_VERSION) {
    // A database not yet migrated to the chain (only ever a partly migrated one in tests):
    // the row is written as before and sealed by the anchor when migration 010 runs.
    db.prepare(
      `INSERT INTO audit_log (${AUDIT_CONTENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...auditContentValues(row));
    return;
  }
  const s = chainStatements(db);
  const append = () => {
    const last = s.last.get();
    const prev = last?.hash ?? s.anchor.get()?.hash;
    if (prev === undefined) throw new Error('audit_anchor is missing: the audit chain is broken');
    const seq = (last?.seq ?? 0) + 1;
    s.insert.run(...auditContentValues(row), seq, prev, chainHash(prev, seq, row));
  };
  if (db.inTransaction) append();
  else db.transaction(append).immediate();
}

interface AuditRow {
  id: string;
  at: string;
  actor_username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  details: string | null;
}

export function listAudit(db: Db, opts: { limit: number; before?: string | undefined }) {
  const rows = db
    .prepare(
      `SELECT id, at, actor_username, action, entity, entity_id, details FROM audit_log
       WHERE (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`,
    )
    .all(opts.before ?? null, opts.before ?? null, opts.limit) as AuditRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor_username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    details: r.details === null ? null : (JSON.parse(r.details) as unknown),
  }));
}
