import {
  syncEventSchema,
  syncPayloadSchemas,
  type SyncEvent,
  type SyncEventType,
  type SyncPayload,
} from '../../shared/contract/sync';
import { ulid } from '../../shared/ids';
import type { Db } from '../db/connection';
import type { Migration } from '../db/migrations';

/** The format rows are written with today. A migration that changes it sets `changesOutbox`. */
export const OUTBOX_FORMAT = 1;

export class OutboxOutsideTransactionError extends Error {
  constructor() {
    super(
      'appendOutbox phải được gọi trong cùng giao dịch với thay đổi (db.transaction). ' +
        '(appendOutbox must run inside the transaction of the change.)',
    );
    this.name = 'OutboxOutsideTransactionError';
  }
}

/**
 * Record one change for the province. Call it INSIDE the transaction that makes the change
 * (docs/sync.md): the change and its sync record commit together or not at all. The only
 * producer of sync data. The payload is validated against the contract's schema for its type
 * (unknown fields — e.g. a name slipped in by mistake — are refused), so a bad payload rolls
 * the whole change back instead of sending garbage upstream.
 */
export function appendOutbox<T extends SyncEventType>(
  db: Db,
  event: { type: T; payload: SyncPayload<T>; at: Date },
): { id: string; seq: number } {
  if (!db.inTransaction) throw new OutboxOutsideTransactionError();
  const payload = syncPayloadSchemas[event.type].parse(event.payload);
  const id = ulid(event.at.getTime());
  const result = db
    .prepare(
      `INSERT INTO sync_outbox (id, type, payload, format, created_at) VALUES (?, ?, ?, ?, ?)`,
    )
    .run(id, event.type, JSON.stringify(payload), OUTBOX_FORMAT, event.at.toISOString());
  return { id, seq: Number(result.lastInsertRowid) };
}

/** Mask a citizen ID number for anything leaving the desk: `001093012356` → `0010******56`. */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber) return null;
  const digits = idNumber.replace(/\D/g, '');
  if (digits.length < 7) return null; // too short to mask meaningfully: send nothing
  return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 6)}${digits.slice(-2)}`;
}

interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  payload: string;
  created_at: string;
}

function toEvent(r: OutboxRow): SyncEvent {
  return syncEventSchema.parse({
    id: r.id,
    seq: r.seq,
    type: r.type,
    at: r.created_at,
    payload: JSON.parse(r.payload) as unknown,
  });
}

/** Unsent events in seq order, starting after `afterSeq`. */
export function listUnsent(db: Db, limit: number, afterSeq = 0): SyncEvent[] {
  const rows = db
    .prepare(
      `SELECT seq, id, type, payload, created_at FROM sync_outbox
       WHERE sent_at IS NULL AND seq > ? ORDER BY seq LIMIT ?`,
    )
    .all(afterSeq, limit) as OutboxRow[];
  return rows.map(toEvent);
}

/** The events of seq range [from, to] that are still unsent (a batch rebuilt after a restart). */
export function listRange(db: Db, fromSeq: number, toSeq: number): SyncEvent[] {
  const rows = db
    .prepare(
      `SELECT seq, id, type, payload, created_at FROM sync_outbox
       WHERE sent_at IS NULL AND seq BETWEEN ? AND ? ORDER BY seq`,
    )
    .all(fromSeq, toSeq) as OutboxRow[];
  return rows.map(toEvent);
}

export function pendingCount(db: Db): number {
  return (
    db.prepare('SELECT COUNT(*) AS n FROM sync_outbox WHERE sent_at IS NULL').get() as { n: number }
  ).n;
}

export function outboxTableExists(db: Db): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_outbox'")
      .get() !== undefined
  );
}

export class UnsentOutboxError extends Error {
  constructor(
    readonly pending: number,
    readonly migrationVersions: number[],
  ) {
    super(
      `Không nâng cấp cơ sở dữ liệu: còn ${pending} thay đổi chưa đồng bộ lên tỉnh và bản nâng cấp ` +
        `(migration ${migrationVersions.join(', ')}) thay đổi định dạng hàng đợi đồng bộ. ` +
        'Hãy đồng bộ hết (hoặc xuất tệp USB và nhập ở tỉnh) bằng phiên bản hiện tại rồi nâng cấp. ' +
        `(Upgrade refused: ${pending} unsent sync records would be orphaned.)`,
    );
    this.name = 'UnsentOutboxError';
  }
}

/**
 * The guard run before migrations (the runner's `beforeMigrate` hook): a pending migration
 * that changes the outbox format would orphan rows written in the old format, so it is
 * refused while any row is unsent. Additive migrations never touch the outbox and pass.
 */
export function assertNoOrphanedOutbox(
  db: Db,
  list: readonly Migration[],
  fromVersion: number,
): void {
  const breaking = list.filter((m) => m.version > fromVersion && m.changesOutbox);
  if (breaking.length === 0 || !outboxTableExists(db)) return;
  const pending = pendingCount(db);
  if (pending > 0)
    throw new UnsentOutboxError(
      pending,
      breaking.map((m) => m.version),
    );
}
