import type { z } from 'zod';
import {
  SYNC_FILE_FORMAT,
  syncBatchSchema,
  syncFileContentSchema,
  syncFileSchema,
  type SyncAck,
  type SyncEvent,
} from '../../shared/contract/sync';
import type { Db } from '../db/connection';
import { newSiteKey, verifySignature } from './signing';

/**
 * The receiving side (`--role province`): registered sites, every event stored exactly once
 * (unique event id), in order per site (each site's seq must continue without a gap).
 * Used by `POST /api/v1/sync/batches` and by `motcua sync import FILE` alike.
 */

export type ReceiveErrorReason =
  | 'UNKNOWN_SITE'
  | 'BAD_SIGNATURE'
  | 'BAD_IDEMPOTENCY_KEY'
  | 'INVALID'
  | 'SEQUENCE_GAP'
  | 'SEQUENCE_CONFLICT'
  | 'CORRUPT_FILE'
  | 'WRONG_SITE'
  | 'FILE_ALREADY_IMPORTED';

const MESSAGES: Record<ReceiveErrorReason, { vi: string; en: string }> = {
  UNKNOWN_SITE: {
    vi: 'Đơn vị {site} chưa được đăng ký ở máy chủ tỉnh.',
    en: 'Site {site} is not registered at the provincial hub.',
  },
  BAD_SIGNATURE: {
    vi: 'Chữ ký không hợp lệ: dữ liệu đã bị sửa đổi hoặc khóa đơn vị không đúng.',
    en: 'Invalid signature: the data was altered or the site key is wrong.',
  },
  BAD_IDEMPOTENCY_KEY: {
    vi: 'Tiêu đề Idempotency-Key phải bằng batchId của lô.',
    en: 'The Idempotency-Key header must equal the batch id.',
  },
  INVALID: { vi: 'Dữ liệu đồng bộ không hợp lệ.', en: 'Invalid sync data.' },
  SEQUENCE_GAP: {
    vi: 'Thiếu sự kiện: máy chủ tỉnh đang chờ số thứ tự {expected} của đơn vị.',
    en: 'Events missing: the provincial hub expects sequence {expected} next.',
  },
  SEQUENCE_CONFLICT: {
    vi: 'Số thứ tự {seq} đã dùng cho một sự kiện khác (đơn vị đã khôi phục bản sao lưu cũ?).',
    en: 'Sequence {seq} already holds another event (did the site restore an old backup?).',
  },
  CORRUPT_FILE: {
    vi: 'Tệp đồng bộ bị hỏng hoặc không đúng định dạng.',
    en: 'The sync file is corrupt or not in the expected format.',
  },
  WRONG_SITE: {
    vi: 'Tệp này thuộc đơn vị khác (trong tệp: {site}).',
    en: 'This file belongs to another site (inside: {site}).',
  },
  FILE_ALREADY_IMPORTED: {
    vi: 'Tệp này đã được nhập lúc {at}; không nhập lại.',
    en: 'This file was already imported at {at}; not imported again.',
  },
};

function format(
  reason: ReceiveErrorReason,
  params: Record<string, string | number>,
  lang: 'vi' | 'en',
) {
  return MESSAGES[reason][lang].replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
}

export class ReceiveError extends Error {
  constructor(
    readonly reason: ReceiveErrorReason,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(format(reason, params, 'vi'));
    this.name = 'ReceiveError';
  }
  text(lang: 'vi' | 'en'): string {
    return format(this.reason, this.params, lang);
  }
  /** HTTP status of the reason. */
  get status(): 400 | 401 | 409 {
    switch (this.reason) {
      case 'UNKNOWN_SITE':
      case 'BAD_SIGNATURE':
        return 401;
      case 'SEQUENCE_GAP':
      case 'SEQUENCE_CONFLICT':
      case 'FILE_ALREADY_IMPORTED':
        return 409;
      default:
        return 400;
    }
  }
}

interface SiteRow {
  site_id: string;
  key: string;
  last_seq: number;
}

function siteRow(db: Db, siteId: string): SiteRow | undefined {
  return db
    .prepare('SELECT site_id, key, last_seq FROM sync_sites WHERE site_id = ?')
    .get(siteId) as SiteRow | undefined;
}

/** Register a site (or replace its key). Returns the key, generated when not given. */
export function registerSite(
  db: Db,
  input: { siteId: string; name: string; key?: string | undefined },
  now: Date,
): { siteId: string; key: string } {
  const key = input.key ?? newSiteKey();
  db.prepare(
    `INSERT INTO sync_sites (site_id, name, key, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(site_id) DO UPDATE SET name = excluded.name, key = excluded.key`,
  ).run(input.siteId, input.name, key, now.toISOString());
  return { siteId: input.siteId, key };
}

export function listSites(db: Db) {
  const rows = db
    .prepare('SELECT site_id, events, last_received_at FROM sync_sites ORDER BY site_id')
    .all() as { site_id: string; events: number; last_received_at: string | null }[];
  return rows.map((r) => ({
    siteId: r.site_id,
    events: r.events,
    lastReceivedAt: r.last_received_at,
  }));
}

/**
 * Store a site's events: in ONE transaction, each event id once. A known id is a duplicate
 * (counted, nothing changes); a new event must carry the next seq of its site. Any failure
 * rolls the whole batch back, so the sender simply retries it.
 */
export function ingestEvents(
  db: Db,
  siteId: string,
  events: readonly SyncEvent[],
  source: string,
  now: Date,
): Omit<SyncAck, 'batchId'> {
  return db.transaction(() => {
    const site = siteRow(db, siteId);
    if (!site) throw new ReceiveError('UNKNOWN_SITE', { site: siteId });
    let lastSeq = site.last_seq;
    let accepted = 0;
    let duplicates = 0;
    const known = db.prepare('SELECT site_id, seq FROM sync_received WHERE event_id = ?');
    const insert = db.prepare(
      `INSERT INTO sync_received (site_id, event_id, seq, type, at, payload, batch_id, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const receivedAt = now.toISOString();
    for (const e of events) {
      const existing = known.get(e.id) as { site_id: string; seq: number } | undefined;
      if (existing) {
        if (existing.site_id !== siteId || existing.seq !== e.seq) {
          throw new ReceiveError('SEQUENCE_CONFLICT', { seq: e.seq });
        }
        duplicates += 1;
        continue;
      }
      if (e.seq <= lastSeq) throw new ReceiveError('SEQUENCE_CONFLICT', { seq: e.seq });
      if (e.seq !== lastSeq + 1) {
        throw new ReceiveError(
          'SEQUENCE_GAP',
          { expected: lastSeq + 1 },
          { expectedSeq: lastSeq + 1 },
        );
      }
      insert.run(siteId, e.id, e.seq, e.type, e.at, JSON.stringify(e.payload), source, receivedAt);
      lastSeq = e.seq;
      accepted += 1;
    }
    if (accepted > 0) {
      db.prepare(
        `UPDATE sync_sites SET last_seq = ?, events = events + ?, last_received_at = ?
         WHERE site_id = ?`,
      ).run(lastSeq, accepted, receivedAt, siteId);
    }
    return { accepted, duplicates, lastSeq };
  })();
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string) {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * `POST /api/v1/sync/batches`: authenticate the raw body with the site's key, validate it
 * (zod), check the Idempotency-Key, store. A replayed batch answers 200 with `duplicates`.
 */
export function receiveBatch(
  db: Db,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  now: Date,
): SyncAck {
  const siteId = headerValue(headers, 'x-motcua-site') ?? '';
  const site = siteRow(db, siteId);
  if (!site) throw new ReceiveError('UNKNOWN_SITE', { site: siteId.slice(0, 64) });
  const signature = headerValue(headers, 'x-motcua-signature') ?? '';
  if (!verifySignature(site.key, rawBody, signature)) throw new ReceiveError('BAD_SIGNATURE');
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new ReceiveError('INVALID');
  }
  const parsed = syncBatchSchema.safeParse(json);
  if (!parsed.success) {
    throw new ReceiveError(
      'INVALID',
      {},
      parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const batch = parsed.data;
  if (batch.siteId !== siteId) throw new ReceiveError('WRONG_SITE', { site: batch.siteId });
  if (headerValue(headers, 'idempotency-key') !== batch.batchId) {
    throw new ReceiveError('BAD_IDEMPOTENCY_KEY');
  }
  return { batchId: batch.batchId, ...ingestEvents(db, siteId, batch.events, batch.batchId, now) };
}

/** Parse and verify a USB file (site key from this hub's registry), without storing it. */
export function verifyFile(
  db: Db,
  text: string,
): { siteId: string; fileId: string; events: SyncEvent[] } {
  let outer: z.infer<typeof syncFileSchema>;
  try {
    const parsed = syncFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('schema');
    outer = parsed.data;
  } catch {
    throw new ReceiveError('CORRUPT_FILE');
  }
  if (outer.format !== SYNC_FILE_FORMAT) throw new ReceiveError('CORRUPT_FILE');
  const site = siteRow(db, outer.siteId);
  if (!site) throw new ReceiveError('UNKNOWN_SITE', { site: outer.siteId });
  if (!verifySignature(site.key, outer.content, outer.signature)) {
    throw new ReceiveError('BAD_SIGNATURE');
  }
  let content: z.infer<typeof syncFileContentSchema>;
  try {
    const parsed = syncFileContentSchema.safeParse(JSON.parse(outer.content));
    if (!parsed.success) throw new Error('schema');
    content = parsed.data;
  } catch {
    throw new ReceiveError('CORRUPT_FILE');
  }
  if (content.siteId !== outer.siteId)
    throw new ReceiveError('WRONG_SITE', { site: content.siteId });
  return { siteId: content.siteId, fileId: content.fileId, events: content.events };
}

/**
 * `motcua sync import FILE`: verify, refuse a file imported before, store its events (same
 * dedup as batches) and remember the file — all in one transaction.
 */
export function importFile(
  db: Db,
  text: string,
  now: Date,
): { siteId: string; fileId: string; events: number; accepted: number; duplicates: number } {
  const file = verifyFile(db, text);
  return db.transaction(() => {
    const seen = db
      .prepare('SELECT imported_at FROM sync_imports WHERE file_id = ?')
      .get(file.fileId) as { imported_at: string } | undefined;
    if (seen) throw new ReceiveError('FILE_ALREADY_IMPORTED', { at: seen.imported_at });
    const r = ingestEvents(db, file.siteId, file.events, `file:${file.fileId}`, now);
    db.prepare(
      'INSERT INTO sync_imports (file_id, site_id, events, accepted, imported_at) VALUES (?, ?, ?, ?, ?)',
    ).run(file.fileId, file.siteId, file.events.length, r.accepted, now.toISOString());
    return {
      siteId: file.siteId,
      fileId: file.fileId,
      events: file.events.length,
      accepted: r.accepted,
      duplicates: r.duplicates,
    };
  })();
}
