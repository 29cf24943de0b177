import type { z } from 'zod';
import { ReceiveError } from './receiveError';
import { newSiteKey, verifySignature } from '../core/sync/signing';
import {
  IDEMPOTENCY_HEADER,
  SYNC_FILE_FORMAT,
  SYNC_SIGNATURE_HEADER,
  SYNC_SITE_HEADER,
  syncBatchSchema,
  syncFileContentSchema,
  syncFileSchema,
  type SyncAck,
  type SyncEvent,
} from '../shared/contract/sync';
import type { ProvinceDb, Queryable } from './db';
import { foldEvents } from './fold';

/**
 * The province's receiver (docs/sync.md, docs/province.md): the batch protocol unchanged —
 * HMAC of the exact body with the site key, each event once (dedup by event id), in order per
 * site (`SEQUENCE_GAP`), a batch in one transaction — on PostgreSQL. Concurrent pushes of one
 * site are serialised by a row lock on the site; different sites proceed in parallel.
 */

export interface SiteInput {
  siteId: string;
  name: string;
  agencyCodes: readonly string[];
  key?: string | undefined;
}

/** Register a site (or replace its name, key and agency list). The key is shown once. */
export async function registerSite(
  db: ProvinceDb,
  input: SiteInput,
): Promise<{ siteId: string; key: string }> {
  const key = input.key ?? newSiteKey();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sites (site_id, name, key) VALUES ($1, $2, $3)
       ON CONFLICT (site_id) DO UPDATE SET name = excluded.name, key = excluded.key`,
      [input.siteId, input.name, key],
    );
    await tx.query('DELETE FROM site_agencies WHERE site_id = $1', [input.siteId]);
    await tx.query(
      `INSERT INTO site_agencies (site_id, agency_code)
       SELECT $1, c FROM unnest($2::text[]) AS c ON CONFLICT DO NOTHING`,
      [input.siteId, input.agencyCodes],
    );
  });
  return { siteId: input.siteId, key };
}

/** Add an agency code to a site: its held-out dossiers count from now on. False: no such site. */
export async function addSiteAgency(
  db: ProvinceDb,
  siteId: string,
  agencyCode: string,
): Promise<boolean> {
  const site = await db.query('SELECT 1 FROM sites WHERE site_id = $1', [siteId]);
  if (site.length === 0) return false;
  await db.query(
    'INSERT INTO site_agencies (site_id, agency_code) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [siteId, agencyCode],
  );
  return true;
}

function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}

export async function listSites(db: Queryable) {
  const rows = await db.query<{
    site_id: string;
    name: string;
    events: number;
    last_received_at: unknown;
    agency_codes: string[] | null;
  }>(
    `SELECT s.site_id, s.name, s.events, s.last_received_at,
            array_agg(a.agency_code ORDER BY a.agency_code) FILTER (WHERE a.agency_code IS NOT NULL) AS agency_codes
       FROM sites s LEFT JOIN site_agencies a ON a.site_id = s.site_id
      GROUP BY s.site_id ORDER BY s.site_id`,
  );
  return rows.map((r) => ({
    siteId: r.site_id,
    name: r.name,
    events: Number(r.events),
    lastReceivedAt: iso(r.last_received_at),
    agencyCodes: r.agency_codes ?? [],
  }));
}

/**
 * Dossiers whose agency code the site has not registered: stored, held out of every figure,
 * listed here for a province admin ("mã cơ quan chưa đăng ký").
 */
export async function unregisteredAgencies(db: Queryable) {
  const rows = await db.query<{ site_id: string; agency_code: string; dossiers: number }>(
    `SELECT d.site_id, d.agency_code, count(*)::int AS dossiers
       FROM dossiers d
      WHERE NOT EXISTS (SELECT 1 FROM site_agencies a
                         WHERE a.site_id = d.site_id AND a.agency_code = d.agency_code)
      GROUP BY d.site_id, d.agency_code ORDER BY d.site_id, d.agency_code`,
  );
  return rows.map((r) => ({ siteId: r.site_id, agencyCode: r.agency_code, dossiers: r.dossiers }));
}

/** The UTC months ('YYYY-MM') holding partitions already (per database, filled lazily). */
const knownPartitions = new WeakMap<ProvinceDb, Set<string>>();

/** Create the monthly partitions of `events` the instants need (own transaction, locked). */
export async function ensurePartitions(db: ProvinceDb, instants: readonly string[]) {
  let known = knownPartitions.get(db);
  if (!known) {
    known = new Set();
    knownPartitions.set(db, known);
  }
  const months = [...new Set(instants.map((at) => at.slice(0, 7)))].filter((m) => !known.has(m));
  if (months.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7268002)');
    for (const month of months) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      const name = `events_${month.replace('-', '_')}`;
      if (!/^events_\d{4}_\d{2}$/.test(name)) throw new ReceiveError('INVALID');
      // DDL takes no bound parameters: the name and bounds are built from checked digits only.
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF events
           FOR VALUES FROM ('${month}-01T00:00:00Z') TO ('${next}-01T00:00:00Z')`,
      );
    }
  });
  for (const m of months) known.add(m);
}

/**
 * Store a site's events: in ONE transaction, each event id once. A known id is a duplicate
 * (counted, nothing changes); a new event must carry the next seq of its site. Any failure
 * rolls the whole batch back, so the sender simply retries it.
 */
export async function ingestEvents(
  db: ProvinceDb,
  siteId: string,
  events: readonly SyncEvent[],
  source: string,
  now: Date,
  extra?: (tx: Queryable, result: Omit<SyncAck, 'batchId'>) => Promise<void>,
): Promise<Omit<SyncAck, 'batchId'>> {
  await ensurePartitions(
    db,
    events.map((e) => e.at),
  );
  return db.transaction(async (tx) => {
    const site = await tx.query<{ last_seq: number }>(
      'SELECT last_seq FROM sites WHERE site_id = $1 FOR UPDATE',
      [siteId],
    );
    if (site.length === 0) throw new ReceiveError('BAD_SIGNATURE');
    let lastSeq = Number(site[0]?.last_seq ?? 0);
    const knownRows = await tx.query<{ event_id: string; site_id: string; seq: number }>(
      'SELECT event_id, site_id, seq FROM event_ids WHERE event_id = ANY($1::text[])',
      [events.map((e) => e.id)],
    );
    const known = new Map(knownRows.map((r) => [r.event_id, r]));
    const fresh: SyncEvent[] = [];
    let duplicates = 0;
    for (const e of events) {
      const existing = known.get(e.id);
      if (existing) {
        if (existing.site_id !== siteId || Number(existing.seq) !== e.seq) {
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
      fresh.push(e);
      known.set(e.id, { event_id: e.id, site_id: siteId, seq: e.seq });
      lastSeq = e.seq;
    }
    const receivedAt = now.toISOString();
    if (fresh.length > 0) {
      await tx.query(
        `INSERT INTO event_ids (event_id, site_id, seq)
         SELECT i, $1, s FROM unnest($2::text[], $3::bigint[]) AS t(i, s)`,
        [siteId, fresh.map((e) => e.id), fresh.map((e) => e.seq)],
      );
      await tx.query(
        `INSERT INTO events (site_id, seq, event_id, type, at, payload, batch_id, received_at)
         SELECT $1, s, i, t, a, p::jsonb, $6, $7
           FROM unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $8::text[]) AS x(s, i, t, a, p)`,
        [
          siteId,
          fresh.map((e) => e.seq),
          fresh.map((e) => e.id),
          fresh.map((e) => e.type),
          fresh.map((e) => e.at),
          source,
          receivedAt,
          fresh.map((e) => JSON.stringify(e.payload)),
        ],
      );
      await foldEvents(tx, siteId, fresh);
      await tx.query(
        `UPDATE sites SET last_seq = $1, events = events + $2, last_received_at = $3
          WHERE site_id = $4`,
        [lastSeq, fresh.length, receivedAt, siteId],
      );
    }
    const result = { accepted: fresh.length, duplicates, lastSeq };
    if (extra) await extra(tx, result);
    return result;
  });
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string) {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A fixed key to spend the same HMAC work on an unknown site as on a known one. */
const DECOY_KEY = newSiteKey();

async function siteKey(db: Queryable, siteId: string): Promise<string | null> {
  const rows = await db.query<{ key: string }>('SELECT key FROM sites WHERE site_id = $1', [
    siteId,
  ]);
  return rows[0]?.key ?? null;
}

/**
 * `POST /api/v1/sync/batches`: authenticate the raw body with the site's key, validate it
 * (zod), check the Idempotency-Key, store. An unknown site and a bad signature answer the
 * SAME 401 (reason `BAD_SIGNATURE`): a caller cannot probe which site ids exist.
 */
export async function receiveBatch(
  db: ProvinceDb,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  now: Date,
): Promise<SyncAck> {
  const siteId = (headerValue(headers, SYNC_SITE_HEADER) ?? '').slice(0, 64);
  const key = await siteKey(db, siteId);
  const signature = headerValue(headers, SYNC_SIGNATURE_HEADER) ?? '';
  const valid = verifySignature(key ?? DECOY_KEY, rawBody, signature);
  if (key === null || !valid) throw new ReceiveError('BAD_SIGNATURE');
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
  if (headerValue(headers, IDEMPOTENCY_HEADER) !== batch.batchId) {
    throw new ReceiveError('BAD_IDEMPOTENCY_KEY');
  }
  const ack = await ingestEvents(db, siteId, batch.events, batch.batchId, now);
  return { batchId: batch.batchId, ...ack };
}

/**
 * `npm run province -- import FILE`: verify a site's signed USB file (docs/sync.md, "USB
 * transfer"), refuse a file imported before, store its events with the batch rules and
 * remember the file — in one transaction.
 */
export async function importFile(db: ProvinceDb, text: string, now: Date) {
  let outer: z.infer<typeof syncFileSchema>;
  try {
    const parsed = syncFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('schema');
    outer = parsed.data;
  } catch {
    throw new ReceiveError('CORRUPT_FILE');
  }
  if (outer.format !== SYNC_FILE_FORMAT) throw new ReceiveError('CORRUPT_FILE');
  const key = await siteKey(db, outer.siteId);
  if (key === null) throw new ReceiveError('UNKNOWN_SITE', { site: outer.siteId });
  if (!verifySignature(key, outer.content, outer.signature))
    throw new ReceiveError('BAD_SIGNATURE');
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
  const seen = await db.query<{ imported_at: unknown }>(
    'SELECT imported_at FROM imports WHERE file_id = $1',
    [content.fileId],
  );
  if (seen[0])
    throw new ReceiveError('FILE_ALREADY_IMPORTED', { at: iso(seen[0].imported_at) ?? '' });
  const r = await ingestEvents(
    db,
    content.siteId,
    content.events,
    `file:${content.fileId}`,
    now,
    async (tx, result) => {
      await tx.query(
        `INSERT INTO imports (file_id, site_id, events, accepted, imported_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [content.fileId, content.siteId, content.events.length, result.accepted, now.toISOString()],
      );
    },
  );
  return {
    siteId: content.siteId,
    fileId: content.fileId,
    events: content.events.length,
    accepted: r.accepted,
    duplicates: r.duplicates,
  };
}
