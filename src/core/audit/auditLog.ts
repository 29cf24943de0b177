import { ulid } from '../../shared/ids';
import type { Db } from '../db/connection';

export interface AuditEntry {
  actor: { id: string; username: string } | null;
  action: string;
  entity?: string;
  entityId?: string;
  details?: unknown;
}

/**
 * Append one row to the audit log (who did what to which record). Call it inside the same
 * transaction as the change it describes. Never store passwords, tokens or raw QR payloads.
 */
export function recordAudit(db: Db, entry: AuditEntry, at: Date): void {
  db.prepare(
    `INSERT INTO audit_log (id, at, actor_user_id, actor_username, action, entity, entity_id, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    ulid(at.getTime()),
    at.toISOString(),
    entry.actor?.id ?? null,
    entry.actor?.username ?? null,
    entry.action,
    entry.entity ?? null,
    entry.entityId ?? null,
    entry.details === undefined ? null : JSON.stringify(entry.details),
  );
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
