/**
 * The floor: each operation done directly on SQLite with the raw better-sqlite3 statements
 * that do the same database work, prepared once, on a connection opened like the product's
 * (WAL, synchronous=FULL — a write pays the same fsync). No HTTP, no JSON, no validation, no
 * business rules. Run after the hub has stopped, on the same (warm) database file.
 */
import { recordAudit } from '../../src/core/audit/auditLog';
import { openDatabase, closeDatabase } from '../../src/core/db/connection';
import { createReportService } from '../../src/core/reports/reportService';
import { ftsNameText, ftsQueries } from '../../src/core/dossiers/dossierRepo';
import { getSite } from '../../src/core/settings/site';
import { ulid } from '../../src/shared/ids';
import { addDays, vnDate, vnInstant, vnYYMMDD } from '../../src/shared/time/vnTime';
import type { SearchSamples } from './seed';
import { summarize, timeSync, type Stats } from './stats';

export interface FloorPlan {
  warmup: number;
  runs: number;
  summaryRuns: number;
}

export function runFloorBench(
  dbFile: string,
  samples: SearchSamples,
  years: { lastFullYear: number; span: { from: string; to: string } },
  plan: FloorPlan,
): Record<string, Stats> {
  const db = openDatabase(dbFile);
  const out: Record<string, Stats> = {};
  try {
    const now = new Date();
    const today = vnDate(now);
    const services = db
      .prepare('SELECT id, prefix FROM queue_services ORDER BY sort_order')
      .all() as {
      id: string;
      prefix: string;
    }[];
    const counters = db
      .prepare('SELECT id FROM counters ORDER BY number')
      .pluck()
      .all() as string[];
    const officer = db
      .prepare("SELECT id FROM users WHERE username = 'canbo1'")
      .pluck()
      .get() as string;
    const { runs, warmup } = plan;

    // ——— issue a ticket: number, people ahead, ticket, its event; one IMMEDIATE transaction ———
    const nextSeq = db.prepare(
      `INSERT INTO queue_sequences (service_id, business_date, last_seq) VALUES (?, ?, 1)
       ON CONFLICT (service_id, business_date) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    );
    const waiting = db.prepare(
      `SELECT COUNT(*) FROM tickets WHERE business_date = ? AND status = 'waiting' AND service_id = ?`,
    );
    const insertTicket = db.prepare(
      `INSERT INTO tickets (id, number_service_id, service_id, business_date, seq, number, status,
         channel, issued_at, queue_key, ahead_at_issue, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'waiting', 'kiosk', ?, ?, ?, ?)`,
    );
    const insertTicketEvent = db.prepare(
      `INSERT INTO ticket_events (id, ticket_id, at, type, details) VALUES (?, ?, ?, ?, ?)`,
    );
    const issue = db.transaction((i: number) => {
      const s = services[i % services.length] as { id: string; prefix: string };
      const at = new Date();
      const seq = nextSeq.pluck().get(s.id, today) as number;
      const ahead = waiting.pluck().get(today, s.id) as number;
      const id = ulid(at.getTime());
      insertTicket.run(
        id,
        s.id,
        s.id,
        today,
        seq,
        `${s.prefix}${String(seq).padStart(3, '0')}`,
        at.toISOString(),
        at.getTime() * 1000,
        ahead,
        at.toISOString(),
      );
      insertTicketEvent.run(
        ulid(at.getTime()),
        id,
        at.toISOString(),
        'issued',
        '{"channel":"kiosk"}',
      );
    });
    out.issue = summarize(timeSync(runs, warmup, (i) => issue.immediate(i)));

    // ——— call next: first waiting ticket of the counter's services, called, counter updated ———
    const firstWaiting = db.prepare(
      `SELECT id, issued_at FROM tickets WHERE business_date = ? AND status = 'waiting'
         AND service_id IN (SELECT service_id FROM counter_services WHERE counter_id = ?)
       ORDER BY queue_key LIMIT 1`,
    );
    const callTicket = db.prepare(
      `UPDATE tickets SET status = 'called', counter_id = ?, officer_user_id = ?, called_at = ?,
         first_called_at = COALESCE(first_called_at, ?), call_count = call_count + 1,
         wait_seconds = ?, updated_at = ? WHERE id = ?`,
    );
    const ensureState = db.prepare(
      `INSERT INTO counter_state (counter_id, status, updated_at) VALUES (?, 'open', ?)
       ON CONFLICT (counter_id) DO NOTHING`,
    );
    const setCurrent = db.prepare(
      'UPDATE counter_state SET current_ticket_id = ?, updated_at = ? WHERE counter_id = ?',
    );
    const call = db.transaction((counterId: string): string | null => {
      const at = new Date();
      ensureState.run(counterId, at.toISOString());
      const t = firstWaiting.get(today, counterId) as { id: string; issued_at: string } | undefined;
      if (!t) return null;
      const wait = Math.round((at.getTime() - Date.parse(t.issued_at)) / 1000);
      callTicket.run(
        counterId,
        officer,
        at.toISOString(),
        at.toISOString(),
        wait,
        at.toISOString(),
        t.id,
      );
      setCurrent.run(t.id, at.toISOString(), counterId);
      insertTicketEvent.run(ulid(at.getTime()), t.id, at.toISOString(), 'called', null);
      return t.id;
    });
    const noShow = db.prepare(
      `UPDATE tickets SET status = 'no_show', outcome = 'no_show' WHERE id = ?`,
    );
    const callTimes: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = process.hrtime.bigint();
      const id = call.immediate(counters[i % counters.length] as string);
      if (i >= warmup) callTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (id) noShow.run(id); // untimed, like the HTTP run's no-show
    }
    out.callNext = summarize(callTimes);

    // ——— receive a dossier: code + register entry, row, FTS, trail event, audit, outbox ———
    const procedure = db.prepare('SELECT id, data FROM procedures LIMIT 1').get() as {
      id: string;
      data: string;
    };
    const agency = getSite(db, now).agencyCode;
    const daySeq = db.prepare(
      `INSERT INTO dossier_sequences (agency_code, day, last_seq) VALUES (?, ?, 1)
       ON CONFLICT(agency_code, day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
    );
    const entrySeq = db.prepare(
      `INSERT INTO register_sequences (year, last_entry) VALUES (?, 1)
       ON CONFLICT(year) DO UPDATE SET last_entry = last_entry + 1 RETURNING last_entry`,
    );
    const insertDossier = db.prepare(
      `INSERT INTO dossiers (id, code, agency_code, procedure_id, procedure, applicant_name,
         applicant_id_number, applicant_phone, applicant_address, documents, received_at,
         received_date, due_date, due_at, status, state, deciding_authority, receiving_unit,
         result_method, register_year, register_entry, received_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, 'received', ?, 'UBND cấp xã', 'UBND xã',
         'desk', ?, ?, ?, ?, ?)`,
    );
    const insertFts = db.prepare('INSERT INTO dossiers_fts (rowid, name) VALUES (?, ?)');
    const insertEvent = db.prepare(
      `INSERT INTO dossier_events (id, dossier_id, seq, type, at, officer_id, to_status, due_after,
         details) VALUES (?, ?, 1, 'received', ?, ?, 'received', ?, '{}')`,
    );
    const insertOutbox = db.prepare(
      `INSERT INTO sync_outbox (id, type, payload, created_at) VALUES (?, 'dossier.event', ?, ?)`,
    );
    const receive = db.transaction((i: number) => {
      const at = new Date();
      const seq = daySeq.pluck().get(agency, today) as number;
      const year = Number(today.slice(0, 4));
      const entry = entrySeq.pluck().get(year) as number;
      const id = ulid(at.getTime());
      const code = `${agency}-${vnYYMMDD(at)}-${String(seq).padStart(4, '0')}`;
      const due = addDays(today, 5);
      const dueAt = vnInstant(due, 17).toISOString();
      const state = JSON.stringify({
        status: 'received',
        receivedAt: at.toISOString(),
        dueDate: due,
      });
      const name = 'Nguyễn Thị Ngọc Ánh';
      const info = insertDossier.run(
        id,
        code,
        agency,
        procedure.id,
        procedure.data,
        name,
        `0381950${String(50_000 + i).padStart(5, '0')}`,
        `09124${String(i).padStart(5, '0')}`,
        'Thôn Phú Thọ',
        at.toISOString(),
        today,
        due,
        dueAt,
        state,
        year,
        entry,
        officer,
        at.toISOString(),
        at.toISOString(),
      );
      insertFts.run(info.lastInsertRowid, ftsNameText(name));
      insertEvent.run(ulid(at.getTime()), id, at.toISOString(), officer, due);
      // The audit row is hash-chained: only recordAudit may write it (migration 010).
      recordAudit(
        db,
        {
          actor: { id: officer, username: 'canbo1' },
          action: 'dossier.receive',
          entity: 'dossier',
          entityId: id,
          details: {},
        },
        at,
      );
      insertOutbox.run(
        ulid(at.getTime()),
        JSON.stringify({ code, type: 'received' }),
        at.toISOString(),
      );
    });
    out.receive = summarize(timeSync(runs, warmup, (i) => receive.immediate(i)));

    // ——— search: the page of 20 and, when the page is full, the total ———
    const byCode = db.prepare('SELECT * FROM dossiers WHERE code = ?');
    out.searchCode = summarize(
      timeSync(runs, warmup, (i) => byCode.all(samples.lookups[i % samples.lookups.length]?.code)),
    );
    const byDigits = db.prepare(
      `SELECT * FROM dossiers WHERE applicant_id_number = ? OR applicant_phone = ?
       ORDER BY received_at DESC LIMIT 20`,
    );
    out.searchId = summarize(
      timeSync(runs, warmup, (i) => {
        const q = samples.idNumbers[i % samples.idNumbers.length];
        byDigits.all(q, q);
      }),
    );
    const byName = db.prepare(
      `SELECT d.* FROM dossiers_fts CROSS JOIN dossiers d ON d.rowid = dossiers_fts.rowid
       WHERE dossiers_fts MATCH ? ORDER BY dossiers_fts.rowid DESC LIMIT 20`,
    );
    const countName = db.prepare('SELECT COUNT(*) FROM dossiers_fts WHERE dossiers_fts MATCH ?');
    out.searchName = summarize(
      timeSync(runs, warmup, (i) => {
        const match = ftsQueries(samples.foldedNames[i % samples.foldedNames.length] as string)[0];
        if (byName.all(match).length === 20) countName.get(match);
      }),
    );

    // ——— public lookup: the one row by code ———
    const lookup = db.prepare(
      `SELECT code, procedure, status, state, applicant_phone, applicant_id_number
       FROM dossiers WHERE code = ?`,
    );
    out.lookup = summarize(
      timeSync(runs, warmup, (i) => lookup.get(samples.lookups[i % samples.lookups.length]?.code)),
    );

    // ——— report summary: the report service's own aggregate statements, in-process ———
    const reports = createReportService(db, () => now);
    const y = years.lastFullYear;
    out.summaryYear = summarize(
      timeSync(plan.summaryRuns, 1, () =>
        reports.summary({ from: `${y}-01-01`, to: `${y}-12-31` }),
      ),
    );
    out.summarySpan = summarize(
      timeSync(plan.summaryRuns, 1, () =>
        reports.summary({ from: years.span.from, to: years.span.to }),
      ),
    );
    return out;
  } finally {
    closeDatabase(db);
  }
}
