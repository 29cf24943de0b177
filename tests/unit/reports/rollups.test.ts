/**
 * The daily rollups of migration 008 against the direct queries (the previous summary,
 * kept as `summaryFromRows`): random activity — dossiers in every status with result /
 * refusal / stop / closing / hand-over instants around Vietnam midnight, due dates present or
 * not, tickets with every outcome and waits (none, zero, negative, whole minutes, hours),
 * ratings — inserted, UPDATED and DELETED with plain SQL (the triggers must follow any write
 * path), then the summary of many random periods and "todays" must be identical, the rollup
 * tables must equal a rebuild from the rows, and a database filled before migration 008 must
 * be backfilled by it.
 */
import { describe, expect, it } from 'vitest';
import { createCatalogService } from '../../../src/core/catalog/catalogService';
import { ensureCounter } from '../../../src/core/counters/countersRepo';
import { openDatabase, type Db } from '../../../src/core/db/connection';
import { latestSchemaVersion, migrate } from '../../../src/core/db/migrate';
import { migrations } from '../../../src/core/db/migrations';
import {
  REPORT_ROLLUP_TABLES,
  rebuildRollups,
} from '../../../src/core/db/migrations/008-report-rollups';
import { LATE_ON_DUE_TABLE } from '../../../src/core/db/migrations/016-settled-class';
import { seedQueueDemo } from '../../../src/core/queue/demoServices';
import { createReportService } from '../../../src/core/reports/reportService';
import type { Period } from '../../../src/shared/reports/period';
import { periodOf } from '../../../src/shared/reports/period';
import { addDays, vnInstant } from '../../../src/shared/time/vnTime';

function rng(seed: number) {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const START = '2026-02-20';
const DAYS = 50;
const STATUSES = [
  'received',
  'in_process',
  'awaiting_supplement',
  'result_ready',
  'returned',
  'refused',
  'stopped',
  'closed',
] as const;
const OUTCOMES = [null, 'served', 'no_show', 'transferred', 'abandoned', 'void'] as const;
const SCORES = ['satisfied', 'neutral', 'unsatisfied'] as const;

function setup(db: Db, list = migrations) {
  const now = vnInstant(START, 7);
  migrate(db, list);
  ensureCounter(db, { number: 1, name: 'Quầy 1', priority: false }, now);
  ensureCounter(db, { number: 2, name: 'Quầy 2', priority: true }, now);
  seedQueueDemo(db, now);
  createCatalogService(db).ensureDefault(now);
}

/** Some day of the window (a few outside it), as a date. */
const day = (r: Rng) => addDays(START, r.int(DAYS + 10) - 5);
/** An instant on a day, often within a second of Vietnam midnight (17:00Z). */
function instant(r: Rng, date = day(r)): string {
  const x = r.next();
  if (x < 0.3) return new Date(vnInstant(date, 0).getTime() - 1000 * r.int(2)).toISOString();
  if (x < 0.4)
    return new Date(vnInstant(date, 23, 59, 59).getTime() + 1000 * r.int(2)).toISOString();
  return vnInstant(date, r.int(24), r.int(60), r.int(60)).toISOString();
}
const maybe = <T>(r: Rng, p: number, f: () => T): T | null => (r.next() < p ? f() : null);

function randomDossier(r: Rng) {
  const received = day(r);
  const status = r.pick(STATUSES);
  const state = {
    status,
    resultReadyAt: maybe(r, 0.5, () => instant(r, addDays(received, r.int(8)))),
    refusal: maybe(r, 0.1, () => ({ at: instant(r, addDays(received, r.int(8))) })),
    stop: maybe(r, 0.1, () => ({ at: instant(r, addDays(received, r.int(8))), reason: null })),
    closedAt: maybe(r, 0.08, () => instant(r, addDays(received, r.int(20)))),
    returned: maybe(r, 0.4, () => ({ at: instant(r, addDays(received, r.int(10))) })),
    // The class stored at settlement (migration 016): late on the due day moves a count.
    settledClass: maybe(r, 0.7, () => r.pick(['early', 'on_time', 'late'] as const)),
  };
  const due = maybe(r, 0.85, () => addDays(received, r.int(8)));
  return { received, status, state: JSON.stringify(state), due };
}

function randomTicket(r: Rng) {
  const w = r.next();
  const wait =
    w < 0.15
      ? null
      : w < 0.2
        ? 0
        : w < 0.23
          ? -r.int(120)
          : w < 0.35
            ? 60 * r.int(40)
            : w < 0.4
              ? r.int(20_000)
              : r.int(2400);
  return { date: day(r), outcome: r.pick(OUTCOMES), wait };
}

function activity(db: Db, seed: number, size: number) {
  const r = rng(seed);
  const procedures = (db.prepare('SELECT id FROM procedures').all() as { id: string }[]).map(
    (p) => p.id,
  );
  const services = (db.prepare('SELECT id FROM queue_services').all() as { id: string }[]).map(
    (s) => s.id,
  );
  const counters = (db.prepare('SELECT id FROM counters').all() as { id: string }[]).map(
    (c) => c.id,
  );
  const insertDossier = db.prepare(
    `INSERT INTO dossiers (id, code, agency_code, procedure_id, procedure, applicant_name,
       documents, received_at, received_date, due_date, status, state, deciding_authority,
       receiving_unit, result_method, register_year, register_entry, received_by, created_at,
       updated_at)
     VALUES (@id, @id, 'X', @procedure, '{}', 'A', '[]', @at, @received, @due, @status, @state,
       'UBND', 'BPMC', 'desk', 2026, @entry, 'u1', @at, @at)`,
  );
  const updateDossier = db.prepare(
    `UPDATE dossiers SET status = @status, state = @state, due_date = @due,
       received_date = @received WHERE id = @id`,
  );
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, number_service_id, service_id, business_date, seq, number, status,
       outcome, channel, issued_at, queue_key, counter_id, wait_seconds, updated_at)
     VALUES (@id, @service, @service, @date, @seq, 'A', 'done', @outcome, 'kiosk', @at, 0,
       @counter, @wait, @at)`,
  );
  const updateTicket = db.prepare(
    `UPDATE tickets SET business_date = @date, outcome = @outcome, wait_seconds = @wait,
       counter_id = @counter WHERE id = @id`,
  );
  const insertRating = db.prepare(
    `INSERT INTO ratings (id, ticket_id, ticket_number, business_date, dossier_id, score, reasons,
       completed_at, created_at)
     VALUES (@id, @ticket, 'A', @date, @dossier, @score, @reasons, @at, @at)`,
  );
  const dossierIds: string[] = [];
  const ticketIds: string[] = [];
  const rated = new Set<string>();
  let seq = 0;
  db.transaction(() => {
    for (let i = 0; i < size; i++) {
      seq++;
      const x = r.next();
      if (x < 0.3 || dossierIds.length === 0) {
        const d = randomDossier(r);
        const id = `d${seq}`;
        insertDossier.run({
          id,
          procedure: r.pick(procedures),
          at: instant(r, d.received),
          received: d.received,
          due: d.due,
          status: d.status,
          state: d.state,
          entry: seq,
        });
        dossierIds.push(id);
      } else if (x < 0.45) {
        // A lifecycle step: some fields change, some stay.
        const d = randomDossier(r);
        const id = r.pick(dossierIds);
        const old = db
          .prepare(
            'SELECT status, state, due_date AS due, received_date AS received FROM dossiers WHERE id = ?',
          )
          .get(id) as { status: string; state: string; due: string | null; received: string };
        updateDossier.run({
          id,
          status: r.next() < 0.5 ? d.status : old.status,
          state: r.next() < 0.6 ? d.state : old.state,
          due: r.next() < 0.4 ? d.due : old.due,
          received: r.next() < 0.1 ? d.received : old.received,
        });
      } else if (x < 0.48) {
        const id = dossierIds.splice(r.int(dossierIds.length), 1)[0] as string;
        db.prepare('UPDATE ratings SET dossier_id = NULL WHERE dossier_id = ?').run(id);
        db.prepare('DELETE FROM dossiers WHERE id = ?').run(id);
      } else if (x < 0.8 || ticketIds.length === 0) {
        const t = randomTicket(r);
        const id = `t${seq}`;
        insertTicket.run({
          id,
          service: r.pick(services),
          date: t.date,
          seq,
          outcome: t.outcome,
          at: instant(r, t.date),
          counter: t.wait === null ? null : r.pick(counters),
          wait: t.wait,
        });
        ticketIds.push(id);
      } else if (x < 0.9) {
        const t = randomTicket(r);
        const id = r.pick(ticketIds);
        const old = db
          .prepare(
            'SELECT business_date AS date, outcome, wait_seconds AS wait FROM tickets WHERE id = ?',
          )
          .get(id) as { date: string; outcome: string | null; wait: number | null };
        updateTicket.run({
          id,
          date: r.next() < 0.1 ? t.date : old.date,
          outcome: r.next() < 0.6 ? t.outcome : old.outcome,
          wait: r.next() < 0.5 ? t.wait : old.wait,
          counter: r.pick(counters),
        });
      } else if (x < 0.92) {
        const id = ticketIds.splice(r.int(ticketIds.length), 1)[0] as string;
        db.prepare('DELETE FROM ratings WHERE ticket_id = ?').run(id);
        rated.delete(id);
        db.prepare('DELETE FROM tickets WHERE id = ?').run(id);
      } else {
        const ticket = r.pick(ticketIds);
        if (rated.has(ticket)) {
          if (r.next() < 0.5) {
            db.prepare('UPDATE ratings SET score = ?, business_date = ? WHERE ticket_id = ?').run(
              r.pick(SCORES),
              day(r),
              ticket,
            );
          } else {
            db.prepare('DELETE FROM ratings WHERE ticket_id = ?').run(ticket);
            rated.delete(ticket);
          }
          continue;
        }
        const date = day(r);
        insertRating.run({
          id: `r${seq}`,
          ticket,
          date,
          dossier: r.next() < 0.5 ? r.pick(dossierIds) : null,
          score: r.pick(SCORES),
          reasons: JSON.stringify(r.next() < 0.2 ? ['complaint_handling'] : []),
          at: instant(r, date),
        });
        rated.add(ticket);
      }
    }
  })();
}

/** The rollup rows that carry something (a contribution moved away leaves zeros behind). */
function rollupRows(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of [...REPORT_ROLLUP_TABLES, LATE_ON_DUE_TABLE]) {
    // WITHOUT ROWID tables: SELECT * reads in primary-key order.
    const rows = db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
    out[t] = rows.filter((row) =>
      Object.entries(row).some(
        ([k, v]) => typeof v === 'number' && v !== 0 && !['has_due', 'minute'].includes(k),
      ),
    );
  }
  return out;
}

function randomPeriods(r: Rng, n: number): Period[] {
  const out: Period[] = [
    periodOf('year', '2026-03-01'),
    periodOf('month', '2026-03-01'),
    periodOf('week', '2026-03-10'),
    { from: '2020-01-01', to: '2030-12-31' },
  ];
  for (let i = 0; i < n; i++) {
    const a = day(r);
    const b = addDays(a, r.next() < 0.3 ? 0 : r.int(40));
    out.push({ from: a, to: b });
  }
  return out;
}

function compareSummaries(db: Db, seed: number) {
  const r = rng(seed * 7 + 1);
  let today = vnInstant('2026-03-15', 10);
  const reports = createReportService(db, () => today);
  let compared = 0;
  for (const todayDate of ['2026-02-10', '2026-03-03', '2026-03-15', '2026-04-30', '2027-01-01']) {
    today = vnInstant(todayDate, r.int(24));
    for (const p of randomPeriods(r, 12)) {
      const label = `${p.from}..${p.to} today ${todayDate}`;
      expect(reports.summary(p), label).toEqual(reports.summaryFromRows(p));
      expect(reports.dossierCounts(p, 'all').get(''), label).toEqual(
        reports.dossierCounts(p, 'all', 'rows').get(''),
      );
      compared++;
    }
  }
  return compared;
}

describe('report rollups (migration 008) give exactly the numbers of the direct queries', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`random activity #${seed}: inserts, updates, deletes`, () => {
      const db = openDatabase(':memory:');
      setup(db);
      activity(db, seed, 1500);
      expect(compareSummaries(db, seed)).toBeGreaterThan(50);
      // Incremental upkeep = a rebuild from the rows.
      const kept = rollupRows(db);
      rebuildRollups(db);
      expect(rollupRows(db)).toEqual(kept);
      db.close();
    });
  }

  it('the summary is not trivially empty: the random data reaches every number', () => {
    const db = openDatabase(':memory:');
    setup(db);
    activity(db, 5, 1500);
    // Apology letters are trail events (not rolled up): add two inside the period.
    const ids = db.prepare('SELECT id FROM dossiers LIMIT 2').pluck().all() as string[];
    for (const [i, id] of ids.entries()) {
      db.prepare(
        `INSERT INTO dossier_events (id, dossier_id, seq, type, at, to_status, details)
         VALUES (?, ?, 1000, 'apology', ?, 'in_process', '{}')`,
      ).run(`ap${i}`, id, vnInstant('2026-03-10', 9 + i).toISOString());
    }
    const reports = createReportService(db, () => vnInstant('2026-03-15', 10));
    const s = reports.summary({ from: '2026-02-20', to: '2026-03-15' });
    expect(s.dossiers.apologyLetters).toBe(2);
    for (const [k, v] of Object.entries({ ...s.dossiers, ...s.queue, ...s.ratings })) {
      expect(v, k).not.toBe(0);
      expect(v, k).not.toBeNull();
    }
    db.close();
  });

  it('migration 008 backfills a database filled before it', () => {
    const db = openDatabase(':memory:');
    setup(db, migrations.slice(0, 7));
    activity(db, 6, 1200);
    expect(migrate(db)).toEqual({ from: 7, to: latestSchemaVersion() });
    expect(compareSummaries(db, 6)).toBeGreaterThan(50);
    db.close();
  });

  it('query plans: the rollups are read by primary-key ranges, a p90 minute by the wait index', () => {
    const db = openDatabase(':memory:');
    setup(db);
    const r = createReportService(db, () => vnInstant('2026-03-15', 10)).queries().rollups;
    const plan = (stmt: { source: string }, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${stmt.source}`).all(params) as { detail: string }[])
        .map((x) => x.detail)
        .join(' | ');
    const p = { from: '2026-01-01', to: '2026-12-31' };
    expect(plan(r.dossierDays, p)).toMatch(/SEARCH report_dossier_days USING PRIMARY KEY/);
    expect(plan(r.done, p)).toMatch(/SEARCH report_dossier_done USING PRIMARY KEY/);
    expect(plan(r.openDoneLater, { asOf: p.to })).toMatch(
      /SEARCH report_dossier_done USING PRIMARY KEY/,
    );
    expect(plan(r.openEndedLater, { asOf: p.to })).toMatch(
      /SEARCH report_dossier_end USING PRIMARY KEY/,
    );
    expect(plan(r.openNow, { asOf: p.to })).toMatch(/SEARCH report_dossier_open USING PRIMARY KEY/);
    expect(plan(r.tickets, p)).toMatch(/SEARCH report_ticket_days USING PRIMARY KEY/);
    expect(plan(r.waitMinutes, p)).toMatch(/SEARCH report_ticket_waits USING PRIMARY KEY/);
    expect(plan(r.waitSeconds, { ...p, lo: 60, hi: 119 })).toMatch(
      /SEARCH tickets USING COVERING INDEX reports_tickets_wait \(wait_seconds>\? AND wait_seconds<\?\)/,
    );
    db.close();
  });

  it('p90: should a wait minute disagree with the rows, the rows answer', () => {
    const db = openDatabase(':memory:');
    setup(db);
    activity(db, 7, 1500);
    const reports = createReportService(db, () => vnInstant('2026-03-15', 10));
    const p = { from: '2026-02-01', to: '2026-04-30' };
    const expected = reports.summaryFromRows(p).queue.p90WaitMinutes;
    expect(expected).not.toBeNull();
    db.prepare('UPDATE report_ticket_waits SET n = n + 1').run();
    expect(reports.summary(p).queue.p90WaitMinutes).toBe(expected);
    db.close();
  });
});
