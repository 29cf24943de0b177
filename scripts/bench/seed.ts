/**
 * Seeds a benchmark database through the real schema: `createCore`'s own steps are not used
 * (they start services), but the same migrations, the demo office/accounts/queue services
 * (`seedDemo`), the default procedure catalogue, the real due-date arithmetic
 * (`receiveDossier` with the working calendar) and the real FTS text of a name
 * (`ftsNameText`). Every index and the FTS index are maintained during the inserts, exactly
 * as in the product; only the SEEDING connection runs with journal_mode=OFF,
 * synchronous=OFF and a 1 GiB page cache (the file is put back to WAL before the hub opens
 * it). See docs/performance.md for what is and is not seeded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAuthService, DEFAULT_AUTH_POLICY } from '../../src/core/auth/authService';
import { createCalendarService } from '../../src/core/calendar/calendarService';
import { computeDueDate } from '../../src/core/calendar';
import { createCatalogService } from '../../src/core/catalog/catalogService';
import type { Clock } from '../../src/core/clock';
import { closeDatabase, DB_FILE_NAME, openDatabase, type Db } from '../../src/core/db/connection';
import { migrate } from '../../src/core/db/migrate';
import { seedDemo } from '../../src/core/demo/seedDemo';
import { ftsNameText } from '../../src/core/dossiers/dossierRepo';
import {
  receiveDossier,
  type DossierState,
  type OnTimeClass,
} from '../../src/core/dossiers/lifecycle';
import { getSite } from '../../src/core/settings/site';
import { RATING_REASONS } from '../../src/shared/contract/ratings';
import { isProcedureEffective, type Procedure } from '../../src/shared/catalog/procedure';
import { ulid } from '../../src/shared/ids';
import { foldVietnamese } from '../../src/shared/text/fold';
import { addDays, vnDate, vnInstant, vnParts, vnYYMMDD } from '../../src/shared/time/vnTime';
import { address, createRandom, idNumber, phone, vietnameseName, type Random } from './random';

/**
 * `INSERT … VALUES (…), (…), …` with `rowsPerStatement` rows a statement, prepared once;
 * the last partial statement is prepared on flush. Rows that reference other rows (foreign
 * keys) name the inserters to flush first.
 */
export function multiRowInserter(
  db: Db,
  table: string,
  columns: readonly string[],
  rowsPerStatement = 500,
  /** Inserters whose rows these rows reference (foreign keys): flushed first. */
  dependsOn: readonly { flush(): void }[] = [],
) {
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const sql = (n: number) =>
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array<string>(n).fill(tuple).join(',')}`;
  const full = db.prepare(sql(rowsPerStatement));
  let params: unknown[] = [];
  let pending = 0;
  let total = 0;
  const flush = (): void => {
    if (pending === 0) return;
    for (const d of dependsOn) d.flush();
    if (pending === rowsPerStatement) full.run(params);
    else db.prepare(sql(pending)).run(params);
    total += pending;
    params = [];
    pending = 0;
  };
  return {
    add(values: readonly unknown[]): void {
      if (values.length !== columns.length)
        throw new Error(`${table}: ${values.length} values for ${columns.length} columns`);
      for (const v of values) params.push(v);
      pending += 1;
      if (pending === rowsPerStatement) flush();
    },
    flush,
    get rows(): number {
      return total + pending;
    },
  };
}

export interface SeedOptions {
  dir: string;
  dossiers: number;
  tickets: number;
  ratings: number;
  /** Years of history ending yesterday (Vietnam time). */
  years: number;
  now: Date;
  log: (line: string) => void;
  seed?: number;
}

export interface SearchSamples {
  /** Existing dossiers: code and the last 4 digits of the phone or ID (public lookup). */
  lookups: { code: string; check: string }[];
  idNumbers: string[];
  /** Folded full names ("nguyen thi ngoc anh"), what an officer types without diacritics. */
  foldedNames: string[];
}

export interface SeedResult {
  dbFile: string;
  rows: Record<'dossiers' | 'dossierEvents' | 'fts' | 'tickets' | 'ratings' | 'other', number>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  bytes: number;
  span: { from: string; to: string };
  lastFullYear: number;
  samples: SearchSamples;
}

const SAMPLE_SIZE = 2000;

/** The dossier columns written by the seeder (the real table's, with an explicit rowid). */
const DOSSIER_COLUMNS = [
  'rowid',
  'id',
  'code',
  'agency_code',
  'procedure_id',
  'procedure',
  'applicant_name',
  'applicant_id_number',
  'applicant_phone',
  'applicant_address',
  'documents',
  'received_at',
  'received_date',
  'due_date',
  'due_at',
  'status',
  'state',
  'supplement_requested',
  'supplement_requested_at',
  'deciding_authority',
  'receiving_unit',
  'result_method',
  'register_year',
  'register_entry',
  'received_by',
  'created_at',
  'updated_at',
] as const;
const EVENT_COLUMNS = [
  'id',
  'dossier_id',
  'seq',
  'type',
  'at',
  'officer_id',
  'officer_name',
  'from_status',
  'to_status',
  'reason',
  'due_before',
  'due_after',
  'details',
] as const;
const TICKET_COLUMNS = [
  'id',
  'number_service_id',
  'service_id',
  'business_date',
  'seq',
  'number',
  'priority',
  'status',
  'outcome',
  'channel',
  'issued_at',
  'queue_key',
  'first_called_at',
  'called_at',
  'started_at',
  'completed_at',
  'call_count',
  'counter_id',
  'officer_user_id',
  'ahead_at_issue',
  'est_min',
  'est_max',
  'print_status',
  'wait_seconds',
  'walk_seconds',
  'service_seconds',
  'updated_at',
] as const;
const RATING_COLUMNS = [
  'id',
  'ticket_id',
  'ticket_number',
  'business_date',
  'counter_id',
  'officer_user_id',
  'dossier_id',
  'dossier_code',
  'score',
  'reasons',
  'completed_at',
  'created_at',
] as const;

/** The trail event that leads to a status (lifecycle.ts). */
const EVENT_TYPE: Partial<Record<DossierState['status'], string>> = {
  in_process: 'transferred',
  awaiting_supplement: 'supplement_requested',
};
const PRIORITIES = ['elderly', 'disability', 'pregnant', 'child', 'merit'] as const;
const MINUTE = 60_000;

interface Officer {
  id: string;
  name: string;
}

/** Reservoir sampling: a uniform sample of everything offered. */
function reservoir<T>(size: number, r: Random) {
  const items: T[] = [];
  let seen = 0;
  return {
    offer(item: T): void {
      seen += 1;
      if (items.length < size) items.push(item);
      else {
        const j = r.int(seen);
        if (j < size) items[j] = item;
      }
    },
    items,
  };
}

export async function seedDatabase(o: SeedOptions): Promise<SeedResult> {
  fs.mkdirSync(o.dir, { recursive: true });
  const dbFile = path.join(o.dir, DB_FILE_NAME);
  const r = createRandom(o.seed ?? 20260101);
  const clock: Clock = { now: () => o.now };
  const t0 = process.hrtime.bigint();
  const db = openDatabase(dbFile);
  try {
    migrate(db);
    // Demo office, counters, accounts, queue services, catalogue and its six demo dossiers.
    const auth = createAuthService(db, clock, DEFAULT_AUTH_POLICY);
    await seedDemo(db, auth, clock);
    for (const [username, fullName] of [
      ['canbo2', 'Trần Văn Bình'],
      ['canbo3', 'Lê Thị Hồng Nhung'],
      ['canbo4', 'Phạm Quang Đức'],
    ] as const) {
      if (!auth.findByUsername(username))
        await auth.createUser({ username, fullName, role: 'officer', password: 'Canbo@123' }, null);
    }
    const officers = (
      db
        .prepare("SELECT id, full_name FROM users WHERE role = 'officer' ORDER BY username")
        .all() as {
        id: string;
        full_name: string;
      }[]
    ).map((u): Officer => ({ id: u.id, name: u.full_name }));
    const site = getSite(db, o.now);
    const calendar = createCalendarService(db).calendar();
    const procedures = createCatalogService(db).all();
    const agencyOf = new Map(
      (
        db.prepare('SELECT deciding_authority, agency_code FROM agencies').all() as {
          deciding_authority: string;
          agency_code: string;
        }[]
      ).map((a) => [a.deciding_authority, a.agency_code]),
    );
    const services = db
      .prepare(
        'SELECT id, prefix, default_service_minutes AS typical FROM queue_services ORDER BY sort_order',
      )
      .all() as { id: string; prefix: string; typical: number }[];
    const countersOf = new Map<string, string[]>();
    for (const l of db.prepare('SELECT counter_id, service_id FROM counter_services').all() as {
      counter_id: string;
      service_id: string;
    }[]) {
      countersOf.set(l.service_id, [...(countersOf.get(l.service_id) ?? []), l.counter_id]);
    }
    const counterOfficer = new Map<string, Officer>();
    (db.prepare('SELECT id FROM counters ORDER BY number').all() as { id: string }[]).forEach(
      (c, i) => counterOfficer.set(c.id, officers[i % officers.length] as Officer),
    );
    // Continue the real sequences after the demo dossiers.
    const daySeq = new Map(
      (
        db.prepare('SELECT agency_code, day, last_seq FROM dossier_sequences').all() as {
          agency_code: string;
          day: string;
          last_seq: number;
        }[]
      ).map((s) => [`${s.agency_code}|${s.day}`, s.last_seq]),
    );
    const registerEntry = new Map(
      (
        db.prepare('SELECT year, last_entry FROM register_sequences').all() as {
          year: number;
          last_entry: number;
        }[]
      ).map((s) => [s.year, s.last_entry]),
    );
    let rowid =
      (db.prepare('SELECT COALESCE(MAX(rowid), 0) FROM dossiers').pluck().get() as number) + 1;
    const baseRows = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM dossiers) + (SELECT COUNT(*) FROM dossier_events)
        + (SELECT COUNT(*) FROM tickets) AS n`,
      )
      .pluck()
      .get() as number;

    // Seeding connection only: no rollback journal, no fsync, a big page cache.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    db.pragma('temp_store = MEMORY');

    const today = vnDate(o.now);
    const spanFrom = addDays(today, -Math.round(o.years * 365));
    const spanTo = addDays(today, -1);
    const days: string[] = [];
    for (let d = spanFrom; d <= spanTo; d = addDays(d, 1))
      if (calendar.isWorkingDay(d)) days.push(d);

    const dIns = multiRowInserter(db, 'dossiers', DOSSIER_COLUMNS, 300);
    const fIns = multiRowInserter(db, 'dossiers_fts', ['rowid', 'name'], 500);
    const eIns = multiRowInserter(db, 'dossier_events', EVENT_COLUMNS, 500, [dIns]);
    const tIns = multiRowInserter(db, 'tickets', TICKET_COLUMNS, 500);
    const rIns = multiRowInserter(db, 'ratings', RATING_COLUMNS, 500, [tIns]);
    const qsIns = multiRowInserter(
      db,
      'queue_sequences',
      ['service_id', 'business_date', 'last_seq'],
      500,
    );
    const dsUpsert = db.prepare(
      `INSERT INTO dossier_sequences (agency_code, day, last_seq) VALUES (?, ?, ?)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_seq = excluded.last_seq`,
    );
    const rsUpsert = db.prepare(
      `INSERT INTO register_sequences (year, last_entry) VALUES (?, ?)
       ON CONFLICT (year) DO UPDATE SET last_entry = excluded.last_entry`,
    );

    const lookups = reservoir<{ code: string; check: string }>(SAMPLE_SIZE, r);
    const ids = reservoir<string>(SAMPLE_SIZE, r);
    const names = reservoir<string>(SAMPLE_SIZE, r);
    const effectiveCache = new Map<string, Procedure[]>();
    const effective = (day: string): Procedure[] => {
      const key = day.slice(0, 7);
      let list = effectiveCache.get(key);
      if (!list) {
        list = procedures.filter((p) => isProcedureEffective(p, day));
        if (list.length === 0) list = procedures;
        effectiveCache.set(key, list);
      }
      return list;
    };
    const snapshots = new Map(
      procedures.map((p) => [
        p.id,
        JSON.stringify({
          id: p.id,
          code: p.nationalCode,
          name: p.name,
          field: p.field,
          decidingAuthority: p.decidingAuthority,
          processingTime: { amount: p.processingTime.amount, unit: p.processingTime.unit },
          processingNote: p.processingTime.note ?? null,
        }),
      ]),
    );
    const documentsOf = new Map(
      procedures.map((p) => [
        p.id,
        JSON.stringify(
          p.requiredDocuments
            .filter((d) => !d.optional)
            .map((d) => ({
              name: d.name,
              kind: d.kind === 'original' ? 'original' : 'copy',
              count: d.count,
            })),
        ),
      ]),
    );

    let dossierCarry = 0;
    let ticketCarry = 0;
    const dossiersPerDay = o.dossiers / days.length;
    const ticketsPerDay = o.tickets / days.length;
    // Ratings are given for served tickets (≈ 90 % of the tickets).
    const ratingChance = Math.min(1, o.ratings / Math.max(1, o.tickets * 0.9));
    let lastLog = process.hrtime.bigint();
    const iso = (ms: number) => new Date(ms).toISOString();

    const seedDay = (day: string, dayIndex: number): void => {
      const open = vnInstant(day, 7, 30).getTime();
      const dayMinutes = 540;
      const dayDossiers: { id: string; code: string }[] = [];
      // ——— dossiers ———
      dossierCarry += dossiersPerDay;
      const nD = Math.min(Math.floor(dossierCarry), o.dossiers - dIns.rows);
      dossierCarry -= nD;
      for (let i = 0; i < nD; i++) {
        const p = r.pick(effective(day));
        const receivedAtMs = open + Math.floor(((i + r.next()) * dayMinutes * MINUTE) / nD);
        const receivedAt = new Date(receivedAtMs);
        const officer = r.pick(officers);
        const received = receiveDossier({
          receivedAt,
          processingTime: { amount: p.processingTime.amount, unit: p.processingTime.unit },
          officerId: officer.id,
          calendar,
          dueDate: computeDueDate,
        });
        const state: DossierState = received.state;
        const agency = agencyOf.get(p.decidingAuthority) ?? site.agencyCode;
        const seqKey = `${agency}|${day}`;
        const seq = (daySeq.get(seqKey) ?? 0) + 1;
        daySeq.set(seqKey, seq);
        const year = vnParts(receivedAt).year;
        const entry = (registerEntry.get(year) ?? 0) + 1;
        registerEntry.set(year, entry);
        const code = `${agency}-${vnYYMMDD(receivedAt)}-${String(seq).padStart(4, '0')}`;
        const id = ulid(receivedAtMs);
        const name = vietnameseName(r);
        const idNo = r.next() < 0.85 ? idNumber(r) : null;
        const tel = r.next() < 0.9 ? phone(r) : null;
        const events: { type: string; at: string; from: string | null; to: string }[] = [];
        const due = state.dueDate as string;
        let last = receivedAtMs;
        // Lifecycle by age: old dossiers are settled, recent ones are in every open state.
        const x = r.next();
        const recent = dayIndex >= days.length - 12;
        if (!recent || x < 0.12) {
          if (!recent && x < 0.015) {
            const at = receivedAtMs + (1 + r.int(2)) * 86_400_000;
            state.status = 'refused';
            state.refusal = { at: iso(at), reason: 'Hồ sơ không đủ điều kiện giải quyết' };
            last = at;
          } else if (!recent && x < 0.035) {
            const at = receivedAtMs + (1 + r.int(3)) * 86_400_000;
            state.status = 'stopped';
            state.stop = { at: iso(at), reason: 'Công dân rút hồ sơ' };
            last = at;
          } else if (!recent && x < 0.04) {
            state.status = 'in_process'; // forgotten: overdue today
            state.currentUnit = 'Công chức Tư pháp - Hộ tịch';
            last = receivedAtMs + 3_600_000;
          } else {
            const lateBy = r.next() < 0.06 ? 1 + r.int(3) : 0;
            const doneDay = lateBy
              ? calendar.addWorkingDays(due, lateBy)
              : (() => {
                  const early = r.int(3);
                  const d = early ? addDays(due, -early) : due;
                  return d < day ? day : d;
                })();
            const doneAt = Math.max(receivedAtMs + 3_600_000, vnInstant(doneDay, 10).getTime());
            state.status = 'result_ready';
            state.resultReadyAt = iso(doneAt);
            last = doneAt;
            const onTime: OnTimeClass =
              doneDay < due ? 'early' : doneDay === due ? 'on_time' : 'late';
            const returnDay = addDays(doneDay, r.int(4));
            if (r.next() < 0.93 && returnDay < today) {
              const at = Math.max(doneAt + 600_000, vnInstant(returnDay, 14).getTime());
              state.status = 'returned';
              state.returned = {
                at: iso(at),
                collectedBy: name,
                collectorKind: 'applicant',
                idChecked: true,
                authorisationChecked: false,
                feePaidVnd: null,
                paymentMethod: null,
                onTime,
              };
              last = at;
            }
          }
        } else if (x < 0.45) {
          state.status = 'in_process';
          state.currentUnit = 'Công chức Tư pháp - Hộ tịch';
          last = receivedAtMs + 3_600_000;
        } else if (x < 0.53) {
          const at = receivedAtMs + 86_400_000;
          state.status = 'awaiting_supplement';
          state.supplement = {
            requestedAt: iso(at),
            reason: 'Thiếu bản sao giấy tờ tùy thân',
            documents: ['Bản sao Căn cước'],
            late: false,
            receivedAt: null,
          };
          state.dueDate = null;
          state.dueAt = null;
          last = at;
        }
        if (last > o.now.getTime() - MINUTE) last = o.now.getTime() - MINUTE;
        state.lastEventAt = iso(last);
        if (state.status !== 'received')
          events.push({
            type: EVENT_TYPE[state.status] ?? state.status,
            at: state.lastEventAt,
            from: 'received',
            to: state.status,
          });
        dIns.add([
          rowid,
          id,
          code,
          agency,
          p.id,
          snapshots.get(p.id),
          name,
          idNo,
          tel,
          address(r),
          documentsOf.get(p.id),
          receivedAt.toISOString(),
          day,
          state.dueDate,
          state.dueAt,
          state.status,
          JSON.stringify(state),
          state.supplement ? 1 : 0,
          state.status === 'awaiting_supplement' ? (state.supplement?.requestedAt ?? null) : null,
          p.decidingAuthority,
          site.agencyName,
          r.next() < 0.9 ? 'desk' : 'post',
          year,
          entry,
          officer.id,
          receivedAt.toISOString(),
          state.lastEventAt,
        ]);
        fIns.add([rowid, ftsNameText(name)]);
        rowid += 1;
        // The trail: the reception event (as receiveDossier made it) and the current status.
        const ev = received.event;
        eIns.add([
          ulid(receivedAtMs),
          id,
          1,
          ev.type,
          ev.at,
          officer.id,
          officer.name,
          null,
          'received',
          null,
          null,
          ev.dueDateAfter,
          JSON.stringify({ ...ev.details, code }),
        ]);
        events.forEach((e, k) =>
          eIns.add([
            ulid(Date.parse(e.at)),
            id,
            k + 2,
            e.type,
            e.at,
            officer.id,
            officer.name,
            e.from,
            e.to,
            null,
            null,
            null,
            '{}',
          ]),
        );
        dayDossiers.push({ id, code });
        const check = tel ?? idNo;
        if (check) lookups.offer({ code, check: check.slice(-4) });
        if (idNo) ids.offer(idNo);
        names.offer(foldVietnamese(name));
      }

      // ——— tickets (and ratings of served ones) ———
      ticketCarry += ticketsPerDay;
      const nT = Math.min(Math.floor(ticketCarry), o.tickets - tIns.rows);
      ticketCarry -= nT;
      const seqs = new Map<string, number>();
      for (let i = 0; i < nT; i++) {
        const x = r.next();
        const s =
          (x < 0.4 ? services[0] : x < 0.7 ? services[1] : x < 0.85 ? services[2] : services[3]) ??
          (services[0] as (typeof services)[number]);
        const seq = (seqs.get(s.id) ?? 0) + 1;
        seqs.set(s.id, seq);
        const issuedMs = open + Math.floor(((i + r.next()) * dayMinutes * MINUTE) / nT);
        const o2 = r.next();
        const outcome = o2 < 0.03 ? 'abandoned' : o2 < 0.1 ? 'no_show' : 'served';
        const wait = outcome === 'abandoned' ? null : Math.round(r.exp(12 * 60));
        const calledMs = wait === null ? null : issuedMs + wait * 1000;
        const walk = outcome === 'served' ? 20 + r.int(90) : null;
        const service = outcome === 'served' ? Math.round(60 + r.exp(s.typical * 60)) : null;
        const startedMs = calledMs !== null && walk !== null ? calledMs + walk * 1000 : null;
        const completedMs =
          startedMs !== null && service !== null ? startedMs + service * 1000 : null;
        const counterId = calledMs === null ? null : r.pick(countersOf.get(s.id) ?? [null]);
        const officer = counterId ? (counterOfficer.get(counterId) ?? null) : null;
        const id = ulid(issuedMs);
        const number = `${s.prefix}${String(seq).padStart(3, '0')}`;
        const ahead = r.int(12);
        tIns.add([
          id,
          s.id,
          s.id,
          day,
          seq,
          number,
          r.next() < 0.08 ? r.pick(PRIORITIES) : null,
          outcome === 'no_show' ? 'no_show' : 'done',
          outcome,
          r.next() < 0.8 ? 'kiosk' : 'officer',
          iso(issuedMs),
          issuedMs * 1000,
          calledMs === null ? null : iso(calledMs),
          calledMs === null ? null : iso(calledMs),
          startedMs === null ? null : iso(startedMs),
          completedMs === null ? null : iso(completedMs),
          calledMs === null ? 0 : outcome === 'no_show' ? 2 : 1,
          counterId,
          officer?.id ?? null,
          ahead,
          ahead * s.typical,
          ahead * s.typical + 10,
          'printed',
          wait,
          walk,
          service,
          iso(completedMs ?? calledMs ?? issuedMs),
        ]);
        if (
          outcome === 'served' &&
          completedMs !== null &&
          rIns.rows < o.ratings &&
          r.next() < ratingChance
        ) {
          const y = r.next();
          const score = y < 0.85 ? 'satisfied' : y < 0.95 ? 'neutral' : 'unsatisfied';
          const reasons =
            score === 'satisfied'
              ? []
              : score === 'neutral'
                ? [r.pick(RATING_REASONS)]
                : [...new Set([r.pick(RATING_REASONS), r.pick(RATING_REASONS)])];
          const dossier = dayDossiers.length && r.next() < 0.3 ? r.pick(dayDossiers) : null;
          rIns.add([
            ulid(completedMs + 30_000),
            id,
            number,
            day,
            counterId,
            officer?.id ?? null,
            dossier?.id ?? null,
            dossier?.code ?? null,
            score,
            JSON.stringify(reasons),
            iso(completedMs),
            iso(completedMs + 30_000),
          ]);
        }
      }
      for (const [serviceId, last] of seqs) qsIns.add([serviceId, day, last]);
    };

    const DAYS_PER_TRANSACTION = 30;
    for (let start = 0; start < days.length; start += DAYS_PER_TRANSACTION) {
      db.transaction(() => {
        for (let k = start; k < Math.min(days.length, start + DAYS_PER_TRANSACTION); k++)
          seedDay(days[k] as string, k);
        for (const ins of [dIns, fIns, eIns, tIns, rIns, qsIns]) ins.flush();
      })();
      // Let signal handlers run between transactions (Ctrl+C must not wait for the end).
      await new Promise((resolve) => setImmediate(resolve));
      if (
        Number(process.hrtime.bigint() - lastLog) > 5e9 ||
        start + DAYS_PER_TRANSACTION >= days.length
      ) {
        lastLog = process.hrtime.bigint();
        const secs = Number(lastLog - t0) / 1e9;
        const rows = dIns.rows + fIns.rows + eIns.rows + tIns.rows + rIns.rows;
        o.log(
          `  ${days[Math.min(days.length, start + DAYS_PER_TRANSACTION) - 1]}: ` +
            `${dIns.rows.toLocaleString('en')} dossiers, ${tIns.rows.toLocaleString('en')} tickets, ` +
            `${rIns.rows.toLocaleString('en')} ratings — ${Math.round(rows / secs).toLocaleString('en')} rows/s`,
        );
      }
    }
    db.transaction(() => {
      for (const [key, last] of daySeq) {
        const [agency, day] = key.split('|') as [string, string];
        dsUpsert.run(agency, day, last);
      }
      for (const [year, last] of registerEntry) rsUpsert.run(year, last);
    })();
    // Back to the product's journal mode before anyone else opens the file.
    db.pragma('journal_mode = WAL');
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const rows = {
      dossiers: dIns.rows,
      dossierEvents: eIns.rows,
      fts: fIns.rows,
      tickets: tIns.rows,
      ratings: rIns.rows,
      other: qsIns.rows + daySeq.size + baseRows,
    };
    const totalRows = Object.values(rows).reduce((s, n) => s + n, 0);
    closeDatabase(db);
    return {
      dbFile,
      rows,
      totalRows,
      seconds,
      rowsPerSecond: totalRows / seconds,
      bytes: fs.statSync(dbFile).size,
      span: { from: spanFrom, to: spanTo },
      lastFullYear: Number(today.slice(0, 4)) - 1,
      samples: { lookups: lookups.items, idNumbers: ids.items, foldedNames: names.items },
    };
  } finally {
    closeDatabase(db);
  }
}
