/**
 * Every SQL statement of the dossier module, in one place; parameters always bound.
 * Callers wrap writes in a transaction together with the audit row (dossierService.ts).
 */
import { foldVietnamese } from '../../shared/text/fold';
import type { Db } from '../db/connection';
import { outboxDossierEvent } from '../sync/producers';
import type { DossierState, DossierStatus } from './lifecycle';

export interface IdempotencyRow {
  operation: string;
  request_hash: string;
  response: string;
}

export interface DossierRow {
  rowid: number;
  id: string;
  code: string;
  agency_code: string;
  procedure_id: string;
  procedure: string;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  applicant_address: string | null;
  applicant_email: string | null;
  documents: string;
  received_at: string;
  received_date: string;
  due_date: string | null;
  due_at: string | null;
  status: DossierStatus;
  state: string;
  deciding_authority: string;
  receiving_unit: string;
  ticket_id: string | null;
  result_method: 'desk' | 'post';
  register_year: number;
  register_entry: number;
  received_by: string;
}

export interface EventRow {
  seq: number;
  type: string;
  at: string;
  officer_id: string | null;
  officer_name: string | null;
  from_status: DossierStatus | null;
  to_status: DossierStatus;
  reason: string | null;
  due_before: string | null;
  due_after: string | null;
  details: string;
}

export interface NewDossier {
  id: string;
  code: string;
  agencyCode: string;
  procedureId: string;
  procedure: string;
  applicantName: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  documents: string;
  receivedAt: string;
  receivedDate: string;
  dueDate: string;
  dueAt: string;
  state: string;
  decidingAuthority: string;
  receivingUnit: string;
  ticketId: string | null;
  resultMethod: 'desk' | 'post';
  registerYear: number;
  registerEntry: number;
  receivedBy: string;
  now: string;
}

export interface NewEvent {
  id: string;
  dossierId: string;
  type: string;
  at: string;
  officerId: string | null;
  officerName: string | null;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  dueBefore: string | null;
  dueAfter: string | null;
  details: string;
}

export interface SearchFilters {
  code?: { exact: string } | { prefix: string };
  digits?: string;
  /** The short daily number: the last part of the code (`0002` of `…-YYMMDD-0002`). */
  sequence?: string;
  ftsQuery?: string;
  status?: DossierStatus;
  procedureId?: string;
  fromInstant?: string;
  toInstant?: string;
  limit: number;
  offset: number;
}

const COLUMNS = `d.rowid AS rowid, d.id, d.code, d.agency_code, d.procedure_id, d.procedure,
  d.applicant_name, d.applicant_id_number, d.applicant_phone, d.applicant_address,
  d.applicant_email, d.documents, d.received_at, d.received_date, d.due_date, d.due_at,
  d.status, d.state, d.deciding_authority, d.receiving_unit, d.ticket_id, d.result_method,
  d.register_year, d.register_entry, d.received_by`;

/**
 * What the FTS index holds for a name: the folded words plus all words joined into one token
 * ("dang van duc dangvanduc"), so a full name typed from its start is one short prefix lookup
 * (`"dangvanduc"*`) instead of an intersection of very common words (Nguyễn, Văn, Thị).
 */
export function ftsNameText(fullName: string): string {
  const folded = foldVietnamese(fullName);
  const joined = folded.replace(/[^\p{L}\p{N}]/gu, '');
  return folded.includes(' ') ? `${folded} ${joined}` : folded;
}

/** FTS5 queries for folded words: [joined prefix (≥ 2 words), every word as a prefix]. */
export function ftsQueries(q: string): string[] {
  const words = foldVietnamese(q)
    .split(' ')
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  if (words.length === 0) return [];
  const all = words.map((w) => `"${w}"*`).join(' ');
  return words.length > 1 ? [`"${words.join('')}"*`, all] : [all];
}

/**
 * The search statement: the WHERE clause is assembled from fixed fragments, every value is
 * bound. Code (exact or prefix range), ID number / phone (two indexes, OR), folded name
 * (FTS5 MATCH on the folded index), status, procedure, received date range.
 */
export function searchSql(f: Omit<SearchFilters, 'limit' | 'offset'>): {
  sql: string;
  countSql: string;
  params: Array<string | number>;
} {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (f.code && 'exact' in f.code) {
    where.push('d.code = ?');
    params.push(f.code.exact);
  } else if (f.code) {
    where.push('d.code >= ? AND d.code < ?');
    params.push(f.code.prefix, `${f.code.prefix}\uffff`);
  }
  if (f.digits) {
    where.push('(d.applicant_id_number = ? OR d.applicant_phone = ?)');
    params.push(f.digits, f.digits);
  }
  if (f.sequence) {
    where.push('d.code LIKE ?');
    params.push(`%-${f.sequence}`);
  }
  if (f.ftsQuery) {
    where.push('dossiers_fts MATCH ?');
    params.push(f.ftsQuery);
  }
  if (f.status) {
    where.push('d.status = ?');
    params.push(f.status);
  }
  if (f.procedureId) {
    where.push('d.procedure_id = ?');
    params.push(f.procedureId);
  }
  if (f.fromInstant) {
    where.push('d.received_at >= ?');
    params.push(f.fromInstant);
  }
  if (f.toInstant) {
    where.push('d.received_at < ?');
    params.push(f.toInstant);
  }
  // A name search starts from the FTS hits (CROSS JOIN fixes the order): with `rowid IN
  // (subquery)` the planner chose to scan the whole table on a large database.
  const from = f.ftsQuery
    ? 'dossiers_fts CROSS JOIN dossiers d ON d.rowid = dossiers_fts.rowid'
    : 'dossiers d';
  const clause = `${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return {
    // With a selective key (code, ID/phone, name) the planner must start from that index and
    // sort the few hits: '+' keeps it from walking the received_at index instead.
    // Name search: newest *entered* first (FTS rowid order, which FTS5 walks backwards and
    // stops after the page) — a common name can have thousands of hits and sorting them all
    // by received_at cost 170 ms at 1,000,000 dossiers; received_at differs only for
    // back-entered paper dossiers.
    sql: `SELECT ${COLUMNS} FROM ${clause}
      ORDER BY ${
        f.ftsQuery
          ? 'dossiers_fts.rowid DESC'
          : f.code || f.digits
            ? '+d.received_at DESC, d.id DESC'
            : 'd.received_at DESC, d.id DESC'
      }
      LIMIT ? OFFSET ?`,
    countSql:
      f.ftsQuery && where.length === 1
        ? 'SELECT COUNT(*) FROM dossiers_fts WHERE dossiers_fts MATCH ?'
        : `SELECT COUNT(*) FROM ${clause}`,
    params,
  };
}

export type DossierRepo = ReturnType<typeof createDossierRepo>;

export function createDossierRepo(db: Db) {
  const s = {
    nextSeq: db.prepare(
      `INSERT INTO dossier_sequences (agency_code, day, last_seq) VALUES (?, ?, 1)
       ON CONFLICT(agency_code, day) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    ),
    nextEntry: db.prepare(
      `INSERT INTO register_sequences (year, last_entry) VALUES (?, 1)
       ON CONFLICT(year) DO UPDATE SET last_entry = last_entry + 1
       RETURNING last_entry`,
    ),
    insert: db.prepare(
      `INSERT INTO dossiers (id, code, agency_code, procedure_id, procedure, applicant_name,
         applicant_id_number, applicant_phone, applicant_address, applicant_email, documents,
         received_at, received_date, due_date, due_at, status, state, deciding_authority,
         receiving_unit, ticket_id, result_method, register_year, register_entry, received_by,
         created_at, updated_at)
       VALUES (@id, @code, @agencyCode, @procedureId, @procedure, @applicantName, @idNumber,
         @phone, @address, @email, @documents, @receivedAt, @receivedDate, @dueDate, @dueAt,
         'received', @state, @decidingAuthority, @receivingUnit, @ticketId, @resultMethod,
         @registerYear, @registerEntry, @receivedBy, @now, @now)`,
    ),
    insertFts: db.prepare('INSERT INTO dossiers_fts (rowid, name) VALUES (?, ?)'),
    byCode: db.prepare(`SELECT ${COLUMNS} FROM dossiers d WHERE d.code = ?`),
    update: db.prepare(
      `UPDATE dossiers SET status = @status, state = @state, due_date = @dueDate, due_at = @dueAt,
         extended = @extended, supplement_requested = @supplementRequested,
         supplement_requested_at = @supplementRequestedAt, updated_at = @now
       WHERE id = @id`,
    ),
    nextEventSeq: db.prepare(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM dossier_events WHERE dossier_id = ?',
    ),
    insertEvent: db.prepare(
      `INSERT INTO dossier_events (id, dossier_id, seq, type, at, officer_id, officer_name,
         from_status, to_status, reason, due_before, due_after, details)
       VALUES (@id, @dossierId, @seq, @type, @at, @officerId, @officerName, @fromStatus,
         @toStatus, @reason, @dueBefore, @dueAfter, @details)`,
    ),
    events: db.prepare(
      `SELECT seq, type, at, officer_id, officer_name, from_status, to_status, reason,
         due_before, due_after, details
       FROM dossier_events WHERE dossier_id = ? ORDER BY seq`,
    ),
    dueCandidates: db.prepare(
      `SELECT ${COLUMNS} FROM dossiers d
       WHERE d.status IN ('received', 'in_process') AND d.due_date <= ?
       ORDER BY d.due_date, d.code`,
    ),
    supplementCandidates: db.prepare(
      `SELECT ${COLUMNS} FROM dossiers d
       WHERE d.status = 'awaiting_supplement' AND d.supplement_requested_at <= ?
       ORDER BY d.supplement_requested_at, d.code`,
    ),
    /** Received and not yet passed on (NĐ 118/2025 Art. 18): the status index, by receipt. */
    transferCandidates: db.prepare(
      `SELECT ${COLUMNS} FROM dossiers d
       WHERE d.status = 'received' AND d.received_at <= ?
       ORDER BY d.received_at, d.code`,
    ),
    register: db.prepare(
      `SELECT ${COLUMNS} FROM dossiers d WHERE d.register_year = ? ORDER BY d.register_entry`,
    ),
    agencyFor: db.prepare('SELECT agency_code FROM agencies WHERE deciding_authority = ?').pluck(),
    agencies: db.prepare(
      'SELECT deciding_authority, agency_code FROM agencies ORDER BY deciding_authority',
    ),
    setAgency: db.prepare(
      `INSERT INTO agencies (deciding_authority, agency_code, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(deciding_authority) DO UPDATE SET agency_code = excluded.agency_code,
         updated_at = excluded.updated_at`,
    ),
    deleteAgency: db.prepare('DELETE FROM agencies WHERE deciding_authority = ?'),
    insertSlip: db.prepare(
      `INSERT INTO reception_slips (id, kind, procedure_id, procedure, applicant_name,
         applicant_id_number, applicant_phone, applicant_address, applicant_email, reason,
         documents, ticket_id, officer_id, at)
       VALUES (@id, @kind, @procedureId, @procedure, @applicantName, @idNumber, @phone,
         @address, @email, @reason, @documents, @ticketId, @officerId, @at)`,
    ),
    slip: db.prepare('SELECT * FROM reception_slips WHERE id = ?'),
    userName: db.prepare('SELECT full_name FROM users WHERE id = ?').pluck(),
    procedureUsage: db.prepare(
      `SELECT procedure_id AS procedureId, COUNT(*) AS count FROM dossiers
       WHERE received_at >= ? GROUP BY procedure_id ORDER BY count DESC, procedure_id LIMIT 100`,
    ),
    idempotencyGet: db.prepare(
      `SELECT operation, request_hash, response FROM idempotency_keys
       WHERE user_id = ? AND key = ? AND created_at > ?`,
    ),
    idempotencyPurge: db.prepare('DELETE FROM idempotency_keys WHERE created_at <= ?'),
    idempotencyPut: db.prepare(
      `INSERT INTO idempotency_keys (user_id, key, operation, request_hash, response, created_at)
       VALUES (@userId, @key, @operation, @requestHash, @response, @createdAt)`,
    ),
  };

  return {
    nextSequence: (agencyCode: string, day: string): number =>
      s.nextSeq.pluck().get(agencyCode, day) as number,
    nextRegisterEntry: (year: number): number => s.nextEntry.pluck().get(year) as number,
    insert(d: NewDossier): void {
      const info = s.insert.run(d);
      s.insertFts.run(info.lastInsertRowid, ftsNameText(d.applicantName));
    },
    byCode: (code: string): DossierRow | undefined => s.byCode.get(code) as DossierRow | undefined,
    update(id: string, state: DossierState, now: string): void {
      s.update.run({
        id,
        status: state.status,
        state: JSON.stringify(state),
        dueDate: state.dueDate,
        dueAt: state.dueAt,
        extended: state.extension ? 1 : 0,
        supplementRequested: state.supplement ? 1 : 0,
        supplementRequestedAt:
          state.status === 'awaiting_supplement' ? (state.supplement?.requestedAt ?? null) : null,
        now,
      });
    },
    appendEvent(e: NewEvent): void {
      const seq = s.nextEventSeq.pluck().get(e.dossierId) as number;
      s.insertEvent.run({ ...e, seq });
      outboxDossierEvent(db, { ...e, seq }); // the province's copy (docs/sync.md), same transaction
    },
    events: (dossierId: string): EventRow[] => s.events.all(dossierId) as EventRow[],
    dueCandidates: (horizon: string): DossierRow[] => s.dueCandidates.all(horizon) as DossierRow[],
    supplementCandidates: (before: string): DossierRow[] =>
      s.supplementCandidates.all(before) as DossierRow[],
    transferCandidates: (before: string): DossierRow[] =>
      s.transferCandidates.all(before) as DossierRow[],
    register: (year: number): DossierRow[] => s.register.all(year) as DossierRow[],
    agencyFor: (authority: string): string | undefined =>
      s.agencyFor.get(authority) as string | undefined,
    agencies: () =>
      (s.agencies.all() as Array<{ deciding_authority: string; agency_code: string }>).map((r) => ({
        decidingAuthority: r.deciding_authority,
        agencyCode: r.agency_code,
      })),
    setAgency(authority: string, code: string | null, now: string): void {
      if (code) s.setAgency.run(authority, code, now);
      else s.deleteAgency.run(authority);
    },
    insertSlip: (slip: Record<string, string | null>): void => {
      s.insertSlip.run(slip);
    },
    slip: (id: string) => s.slip.get(id) as Record<string, string | null> | undefined,
    userName: (id: string): string | undefined => s.userName.get(id) as string | undefined,

    /** Dossiers per procedure received since `since` (ISO), most first (the desk's picker). */
    procedureUsage: (since: string): { procedureId: string; count: number }[] =>
      s.procedureUsage.all(since) as { procedureId: string; count: number }[],
    /** The stored answer of an idempotency key newer than `after` (ISO), if any. */
    idempotencyGet: (userId: string, key: string, after: string): IdempotencyRow | undefined =>
      s.idempotencyGet.get(userId, key, after) as IdempotencyRow | undefined,
    /** Forget keys older than 24 hours (`before` = now − 24 h), then store a new one. */
    idempotencyPut(row: {
      userId: string;
      key: string;
      operation: string;
      requestHash: string;
      response: string;
      createdAt: string;
      before: string;
    }): void {
      s.idempotencyPurge.run(row.before);
      s.idempotencyPut.run({
        userId: row.userId,
        key: row.key,
        operation: row.operation,
        requestHash: row.requestHash,
        response: row.response,
        createdAt: row.createdAt,
      });
    },

    /** The search query (see searchSql). */
    search(f: SearchFilters): { rows: DossierRow[]; total: number } {
      const q = searchSql(f);
      const rows = db.prepare(q.sql).all(...q.params, f.limit, f.offset) as DossierRow[];
      const total =
        f.offset === 0 && rows.length < f.limit
          ? rows.length
          : (db
              .prepare(q.countSql)
              .pluck()
              .get(...q.params) as number);
      return { rows, total };
    },
    /** Hot lookups by code, used by the query-plan test too. */
    sql: {
      byCode: `SELECT ${COLUMNS} FROM dossiers d WHERE d.code = ?`,
      dueCandidates: `SELECT ${COLUMNS} FROM dossiers d
       WHERE d.status IN ('received', 'in_process') AND d.due_date <= ?
       ORDER BY d.due_date, d.code`,
    },
  };
}
