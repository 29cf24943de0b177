/**
 * Benchmark of the reports (docs/reports.md): seeds a year (2025) of 1,000,000 dossiers and
 * 3,000,000 tickets (plus ratings) into a temporary database with multi-row INSERTs in big
 * transactions, then prints how long the summary (GET /reports/summary's computation) takes
 * for the year, a month and a day, and the dashboard details for the year.
 *
 * The daily rollups (migration 008) fill up exactly as in the app: the triggers run on every
 * inserted row, in the seeding transactions. The script then also times the previous,
 * row-based computation of the same summary (`summaryFromRows`, the rollups' test oracle),
 * checks that both give identical numbers, and times a full `rebuildRollups()` (the cost of
 * migration 008 on a database of that size).
 *
 *   npm run bench:reports [-- --dossiers 1000000 --tickets 3000000 --keep]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCatalogService } from '../src/core/catalog/catalogService';
import { ensureCounter } from '../src/core/counters/countersRepo';
import { closeDatabase, openDatabase } from '../src/core/db/connection';
import { migrate } from '../src/core/db/migrate';
import { rebuildRollups } from '../src/core/db/migrations/008-report-rollups';
import { seedQueueDemo } from '../src/core/queue/demoServices';
import { createReportService } from '../src/core/reports/reportService';
import { periodOf } from '../src/shared/reports/period';
import { addDays, vnInstant, weekdayOf } from '../src/shared/time/vnTime';
import { createRng } from './bench/random';
import { multiRowInserter } from './bench/seed';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DOSSIERS = arg('dossiers', 1_000_000);
const TICKETS = arg('tickets', 3_000_000);
const keep = process.argv.includes('--keep');

// Deterministic pseudo-random numbers (mulberry32, shared: scripts/bench/random.ts).
const rand = createRng(20250101);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const DEM = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Đức', 'Thu', 'Quang', 'Thanh'];
const TEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Giang', 'Hải', 'Lan', 'Mai', 'Nam', 'Phúc', 'Tú'];
const THON = ['Thôn Phú Thọ', 'Thôn Đông', 'Thôn Tây', 'Xóm Mới', 'Thôn Trung'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-reports-'));
const db = openDatabase(path.join(dir, 'motcua.sqlite'));
const t0 = performance.now();
try {
  migrate(db);
  const now = vnInstant('2026-01-05', 8);
  ensureCounter(db, { number: 1, name: 'Quầy 1', priority: false }, now);
  ensureCounter(db, { number: 2, name: 'Quầy 2', priority: false }, now);
  ensureCounter(db, { number: 3, name: 'Quầy 3', priority: true }, now);
  seedQueueDemo(db, now);
  createCatalogService(db).ensureDefault(now);
  db.prepare(
    `INSERT INTO users (id, username, full_name, role, password_hash, password_salt, created_at, updated_at)
     VALUES ('u1', 'canbo1', 'Nguyễn Thị Ngọc Ánh', 'officer', 'x', 'x', ?, ?),
            ('u2', 'canbo2', 'Trần Văn Bình', 'officer', 'x', 'x', ?, ?)`,
  ).run(now.toISOString(), now.toISOString(), now.toISOString(), now.toISOString());
  const procedures = db.prepare('SELECT id, name, data FROM procedures').all() as {
    id: string;
    name: string;
    data: string;
  }[];
  const services = db.prepare('SELECT id, prefix FROM queue_services').all() as {
    id: string;
    prefix: string;
  }[];
  const counters = (db.prepare('SELECT id FROM counters').all() as { id: string }[]).map(
    (c) => c.id,
  );

  const days: string[] = [];
  for (let d = '2025-01-01'; d <= '2025-12-31'; d = addDays(d, 1)) {
    const w = weekdayOf(d);
    if (w !== 0 && w !== 6) days.push(d);
  }
  const iso = (date: string, minutes: number) =>
    new Date(vnInstant(date, 7, 30).getTime() + minutes * 60_000).toISOString();

  // ——— dossiers ———
  const BATCH = 500;
  const dossierRows = multiRowInserter(
    db,
    'dossiers',
    [
      'id',
      'code',
      'agency_code',
      'procedure_id',
      'procedure',
      'applicant_name',
      'applicant_phone',
      'applicant_address',
      'documents',
      'received_at',
      'received_date',
      'due_date',
      'due_at',
      'status',
      'state',
      'deciding_authority',
      'receiving_unit',
      'result_method',
      'register_year',
      'register_entry',
      'received_by',
      'created_at',
      'updated_at',
    ],
    BATCH,
  );
  const perDay = Math.ceil(DOSSIERS / days.length);
  let made = 0;
  db.transaction(() => {
    days.forEach((day, di) => {
      for (let i = 0; i < perDay && made < DOSSIERS; i++, made++) {
        const p = pick(procedures);
        const receivedAt = iso(day, Math.floor(rand() * 540));
        const due = days[Math.min(di + 1 + Math.floor(rand() * 5), days.length - 1)] as string;
        const r = rand();
        // 70 % settled (mostly on time), 15 % returned later, 8 % in process, 4 % supplement, 3 % stopped
        const settled = r < 0.85 && di < days.length - 3;
        const lateBy = rand() < 0.06 ? 1 + Math.floor(rand() * 3) : 0;
        const doneDay = settled
          ? (days[Math.min(di + Math.floor(rand() * 4) + lateBy, days.length - 1)] as string)
          : null;
        const doneAt = doneDay ? iso(doneDay, 300) : null;
        const returned = settled && r < 0.7;
        const status = settled
          ? returned
            ? 'returned'
            : 'result_ready'
          : r < 0.93
            ? 'in_process'
            : r < 0.97
              ? 'awaiting_supplement'
              : 'stopped';
        const state = {
          status,
          receivedAt,
          resultReadyAt: doneAt,
          returned: returned && doneAt ? { at: doneAt, onTime: 'on_time' } : null,
          refusal: null,
          stop: status === 'stopped' ? { at: iso(day, 560), reason: null } : null,
          closedAt: null,
        };
        const code = `000.00.14.H56-${day.slice(2).replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`;
        dossierRows.add([
          `d${made}`,
          code,
          '000.00.14.H56',
          p.id,
          JSON.stringify({ name: p.name }),
          `${pick(HO)} ${pick(DEM)} ${pick(TEN)}`,
          `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
          `${pick(THON)}, xã Quảng Phú`,
          '[{"name":"Tờ khai","kind":"original","count":1}]',
          receivedAt,
          day,
          status === 'awaiting_supplement' ? null : due,
          status === 'awaiting_supplement' ? null : iso(due, 570),
          status,
          JSON.stringify(state),
          'UBND cấp xã',
          'Bộ phận Một cửa',
          'desk',
          2025,
          made + 1,
          rand() < 0.5 ? 'u1' : 'u2',
          receivedAt,
          receivedAt,
        ]);
      }
    });
    dossierRows.flush();
  })();
  const tDossiers = performance.now();
  console.log(
    `Seeded ${made.toLocaleString('en')} dossiers in ${((tDossiers - t0) / 1000).toFixed(1)} s`,
  );

  // ——— tickets ———
  const ticketRows = multiRowInserter(
    db,
    'tickets',
    [
      'id',
      'number_service_id',
      'service_id',
      'business_date',
      'seq',
      'number',
      'status',
      'outcome',
      'channel',
      'issued_at',
      'queue_key',
      'first_called_at',
      'called_at',
      'started_at',
      'completed_at',
      'counter_id',
      'wait_seconds',
      'service_seconds',
      'updated_at',
    ],
    BATCH,
  );
  let tmade = 0;
  const perDayT = Math.ceil(TICKETS / days.length);
  db.transaction(() => {
    for (const day of days) {
      const seqs = new Map<string, number>();
      for (let i = 0; i < perDayT && tmade < TICKETS; i++, tmade++) {
        const s = pick(services);
        const seq = (seqs.get(s.id) ?? 0) + 1;
        seqs.set(s.id, seq);
        const issuedMin = Math.floor(rand() * 540);
        const issuedAt = iso(day, issuedMin);
        const r = rand();
        const called = r < 0.97;
        const wait = called ? Math.floor(-Math.log(1 - rand()) * 900) : null;
        const calledAt = wait !== null ? iso(day, issuedMin + wait / 60) : null;
        const outcome = !called ? 'abandoned' : r < 0.9 ? 'served' : 'no_show';
        const serviceSeconds = outcome === 'served' ? 120 + Math.floor(rand() * 900) : null;
        ticketRows.add([
          `t${tmade}`,
          s.id,
          s.id,
          day,
          seq,
          `${s.prefix}${String(seq).padStart(3, '0')}`,
          outcome === 'no_show' ? 'no_show' : 'done',
          outcome,
          rand() < 0.8 ? 'kiosk' : 'officer',
          issuedAt,
          Date.parse(issuedAt) * 1000,
          calledAt,
          calledAt,
          outcome === 'served' ? calledAt : null,
          outcome === 'served' && calledAt
            ? new Date(Date.parse(calledAt) + (serviceSeconds ?? 0) * 1000).toISOString()
            : null,
          called ? pick(counters) : null,
          wait,
          serviceSeconds,
          issuedAt,
        ]);
      }
    }
    ticketRows.flush();
  })();
  const tTickets = performance.now();
  console.log(
    `Seeded ${tmade.toLocaleString('en')} tickets in ${((tTickets - tDossiers) / 1000).toFixed(1)} s`,
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  const size = fs.statSync(path.join(dir, 'motcua.sqlite')).size;
  console.log(`Database: ${(size / 1e9).toFixed(2)} GB at ${dir}`);

  const reports = createReportService(db, () => vnInstant('2026-01-05', 9));
  const time = (label: string, fn: () => unknown) => {
    const runs: number[] = [];
    let out: unknown;
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      out = fn();
      runs.push(performance.now() - s);
    }
    console.log(
      `${label.padEnd(34)} first ${runs[0]?.toFixed(0)} ms, then ${runs
        .slice(1)
        .map((x) => x.toFixed(0))
        .join(' / ')} ms`,
    );
    return out;
  };
  const year = periodOf('year', '2025-06-15');
  const month = periodOf('month', '2025-06-15');
  const day = periodOf('day', '2025-06-16');
  const summary = time('summary, year 2025', () => reports.summary(year));
  const summaryMonth = time('summary, month 2025-06', () => reports.summary(month));
  const summaryDay = time('summary, day 2025-06-16', () => reports.summary(day));
  const fromRows = time('  from the rows (before), year', () => reports.summaryFromRows(year));
  const fromRowsMonth = time('  from the rows (before), month', () =>
    reports.summaryFromRows(month),
  );
  const fromRowsDay = time('  from the rows (before), day', () => reports.summaryFromRows(day));
  const same =
    JSON.stringify([summary, summaryMonth, summaryDay]) ===
    JSON.stringify([fromRows, fromRowsMonth, fromRowsDay]);
  console.log(`Rollups and rows give identical summaries: ${same ? 'yes' : 'NO'}`);
  time('details (dashboard), year 2025', () => reports.details(year));
  console.log('Summary of the year:', JSON.stringify(summary));
  const tRebuild = performance.now();
  rebuildRollups(db);
  console.log(
    `rebuildRollups() (migration 008's backfill) in ${((performance.now() - tRebuild) / 1000).toFixed(1)} s;` +
      ` the same summary after it: ${JSON.stringify(reports.summary(year)) === JSON.stringify(summary) ? 'yes' : 'NO'}`,
  );
  if (!same) process.exitCode = 1;
} finally {
  closeDatabase(db);
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}
