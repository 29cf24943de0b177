import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';

/**
 * The audit log's hash chain (docs/security.md, "Audit log and field logs").
 *
 * Every row written since migration 010 carries its position `seq` (1, 2, 3, …), the hash of
 * the row before it (`prev_hash`) and its own `hash` = SHA-256 of (prev_hash, the row's
 * content). Rows written before that migration have no hash: the migration sealed them with
 * ONE anchor hash over all of them in id order (table `audit_anchor`), and the first chained
 * row's prev_hash is that anchor. Editing, deleting or slipping in a row anywhere breaks the
 * chain at that row, which `verifyAuditChain` (`npm run motcua -- audit verify`) names.
 */

/** The schema version (migration 010) from which audit rows are chained. */
export const AUDIT_CHAIN_SCHEMA_VERSION = 10;

/** The columns every hash covers, in this order. */
export const AUDIT_CONTENT_COLUMNS =
  'id, at, actor_user_id, actor_username, action, entity, entity_id, details';

export interface AuditContent {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  details: string | null;
}

/** The content's values in column order (AUDIT_CONTENT_COLUMNS). */
export const auditContentValues = (r: AuditContent) => [
  r.id,
  r.at,
  r.actor_user_id,
  r.actor_username,
  r.action,
  r.entity,
  r.entity_id,
  r.details,
];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A chained row's hash: SHA-256 over the previous hash, its position and its content. */
export function chainHash(prevHash: string, seq: number, row: AuditContent): string {
  return sha256(`${prevHash}\n${JSON.stringify([seq, ...auditContentValues(row)])}`);
}

const ANCHOR_PREFIX = 'motcua-audit-anchor-v1\n';

/** The anchor over the unchained rows (id order): one SHA-256 over one line per row. */
export function anchorHash(rows: Iterable<AuditContent>): { hash: string; rows: number } {
  const h = createHash('sha256').update(ANCHOR_PREFIX, 'utf8');
  let n = 0;
  for (const r of rows) {
    h.update(`${JSON.stringify(auditContentValues(r))}\n`, 'utf8');
    n++;
  }
  return { hash: h.digest('hex'), rows: n };
}

/** The unchained rows, the way the anchor reads them. */
export function unchainedRows(db: Db): Iterable<AuditContent> {
  return db
    .prepare(`SELECT ${AUDIT_CONTENT_COLUMNS} FROM audit_log WHERE seq IS NULL ORDER BY id`)
    .iterate() as Iterable<AuditContent>;
}

export type BrokenReason =
  | 'ANCHOR_MISSING' // the anchor row was deleted
  | 'SEALED_ROWS_CHANGED' // a row sealed by the anchor was edited or deleted
  | 'UNCHAINED_ROW' // a row without a hash written after the chain started
  | 'MISSING_ROWS' // the rows just before this one are gone (its position skips)
  | 'DUPLICATE_POSITION' // a second row claims an existing position
  | 'PREV_HASH_MISMATCH' // the row before it was replaced, or it was slipped in
  | 'HASH_MISMATCH'; // this row's content was changed, or it was inserted with a made-up hash

export type AuditVerification =
  | {
      ok: true;
      /** All rows of the log. */
      rows: number;
      /** Rows sealed by the anchor (written before migration 010). */
      sealed: number;
      /** The newest chained row's position (0: none yet). */
      position: number;
      /**
       * The newest hash. Kept elsewhere (a backup, a printed report) with its position, it
       * proves later that the rows up to there were neither rewritten nor cut off.
       */
      head: string;
    }
  | {
      ok: false;
      rows: number;
      reason: BrokenReason;
      /** The first broken row (null when the sealed rows as a whole no longer match). */
      id: string | null;
      seq: number | null;
    };

interface ChainedRow extends AuditContent {
  seq: number;
  prev_hash: string | null;
  hash: string | null;
}

/** Walk the whole log; stop at the first row that breaks the chain. */
export function verifyAuditChain(db: Db): AuditVerification {
  const rows = (db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number) ?? 0;
  const broken = (reason: BrokenReason, id: string | null, seq: number | null) =>
    ({ ok: false, rows, reason, id, seq }) as const;
  const anchorTable = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_anchor'`)
    .get();
  const anchor = anchorTable
    ? (db.prepare('SELECT rows, last_id, hash FROM audit_anchor WHERE id = 1').get() as
        { rows: number; last_id: string | null; hash: string } | undefined)
    : undefined;
  if (!anchor) return broken('ANCHOR_MISSING', null, null);

  const lastSealed = anchor.last_id;
  const late = db
    .prepare(
      `SELECT id FROM audit_log WHERE seq IS NULL AND (? IS NULL OR id > ?) ORDER BY id LIMIT 1`,
    )
    .pluck()
    .get(lastSealed, lastSealed) as string | undefined;
  if (late) return broken('UNCHAINED_ROW', late, null);
  const sealed = anchorHash(unchainedRows(db));
  if (sealed.hash !== anchor.hash || sealed.rows !== anchor.rows) {
    return broken('SEALED_ROWS_CHANGED', null, null);
  }

  let expected = 1;
  let prev = anchor.hash;
  const chained = db
    .prepare(
      `SELECT seq, prev_hash, hash, ${AUDIT_CONTENT_COLUMNS} FROM audit_log
       WHERE seq IS NOT NULL ORDER BY seq, id`,
    )
    .iterate() as Iterable<ChainedRow>;
  for (const r of chained) {
    if (r.seq !== expected) {
      return broken(r.seq < expected ? 'DUPLICATE_POSITION' : 'MISSING_ROWS', r.id, r.seq);
    }
    if (r.prev_hash !== prev) return broken('PREV_HASH_MISMATCH', r.id, r.seq);
    if (r.hash !== chainHash(prev, r.seq, r)) return broken('HASH_MISMATCH', r.id, r.seq);
    prev = r.hash;
    expected++;
  }
  return { ok: true, rows, sealed: sealed.rows, position: expected - 1, head: prev };
}
