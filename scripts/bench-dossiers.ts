/**
 * Dossier search benchmark (target, docs/performance.md: < 50 ms p95 at 1,000,000 dossiers).
 *   npm run bench:dossiers -- [--count 1000000] [--queries 200] [--optimize] [--keep]
 * Seeds N dossiers into a temporary database (real schema and migrations, folded FTS index),
 * prints the seeding rate, then the p50/p95 of officer searches by code, ID number and folded
 * name through the real service (dossierService.search). No assertion: numbers to read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../src/core/clock';
import { closeDatabase, openDatabase } from '../src/core/db/connection';
import { migrate } from '../src/core/db/migrate';
import { createCalendarService } from '../src/core/calendar/calendarService';
import { createCatalogService } from '../src/core/catalog/catalogService';
import { ftsNameText } from '../src/core/dossiers/dossierRepo';
import { createDossierService } from '../src/core/dossiers/dossierService';
import { EventBus } from '../src/core/events/eventBus';
import { ulid } from '../src/shared/ids';
import { foldVietnamese } from '../src/shared/text/fold';
import { vnDate, vnYYMMDD } from '../src/shared/time/vnTime';
import { createRandom, vietnameseName } from './bench/random';
import { summarize, timeSync } from './bench/stats';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const COUNT = arg('count', 1_000_000);
const QUERIES = arg('queries', 200);

// Shared generator (scripts/bench/random.ts): Vietnamese names with diacritics, seeded RNG.
const r = createRandom(42);
const rand = (n: number): number => r.int(n);
const pick = <T>(list: readonly T[]): T => r.pick(list);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
const db = openDatabase(path.join(dir, 'bench.sqlite'));
db.pragma('synchronous = OFF'); // seeding speed only; the product runs with FULL
try {
  migrate(db);
  const clock = fixedClock(new Date('2026-06-30T03:00:00Z'));
  const calendar = createCalendarService(db);
  const catalog = createCatalogService(db);
  catalog.ensureDefault(clock.now());
  const insert = db.prepare(
    `INSERT INTO dossiers (id, code, agency_code, procedure_id, procedure, applicant_name,
       applicant_id_number, applicant_phone, applicant_address, documents, received_at,
       received_date, due_date, due_at, status, state, deciding_authority, receiving_unit,
       result_method, register_year, register_entry, received_by, created_at, updated_at)
     VALUES (?, ?, '000.00.14.H56', '1.001193', ?, ?, ?, ?, 'Thôn Phú Thọ', '[]', ?, ?, ?, ?, ?, ?,
       'Ủy ban nhân dân cấp xã', 'UBND xã', 'desk', ?, ?, 'bench', ?, ?)`,
  );
  const fts = db.prepare('INSERT INTO dossiers_fts (rowid, name) VALUES (?, ?)');
  const procedure = JSON.stringify({
    id: '1.001193',
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    decidingAuthority: 'UBND cấp xã',
    processingTime: { amount: 1, unit: 'working_day' },
    processingNote: null,
  });
  const statuses = ['received', 'in_process', 'result_ready', 'returned', 'returned', 'returned'];
  const perDay = 400;
  const start = Date.UTC(2019, 0, 1, 1, 0, 0);
  const samples = { codes: [] as string[], ids: [] as string[], names: [] as string[] };
  const t0 = performance.now();
  const BATCH = 10_000;
  for (let b = 0; b < COUNT; b += BATCH) {
    db.transaction(() => {
      for (let i = b; i < Math.min(COUNT, b + BATCH); i++) {
        const day = Math.floor(i / perDay);
        const at = new Date(start + day * 86_400_000 + (i % perDay) * 60_000);
        const code = `000.00.14.H56-${vnYYMMDD(at)}-${String((i % perDay) + 1).padStart(4, '0')}`;
        const name = vietnameseName(r);
        const idNumber = `0380${String(rand(100)).padStart(2, '0')}${String(i).padStart(6, '0')}`;
        const phone = `09${String(i).padStart(8, '0')}`;
        const status = pick(statuses);
        const date = vnDate(at);
        const state = JSON.stringify({
          status,
          processingTime: { amount: 1, unit: 'working_day' },
          receivedAt: at.toISOString(),
          clockStartedAt: at.toISOString(),
          dueDate: date,
          dueAt: at.toISOString(),
          originalDueDate: date,
          currentUnit: null,
          supplement: null,
          extension: null,
          resultReadyAt: null,
          returned: null,
          refusal: null,
          stop: null,
          closedAt: null,
          lastEventAt: at.toISOString(),
        });
        const info = insert.run(
          ulid(at.getTime()),
          code,
          procedure,
          name,
          idNumber,
          phone,
          at.toISOString(),
          date,
          date,
          at.toISOString(),
          status,
          state,
          at.getUTCFullYear(),
          i + 1,
          at.toISOString(),
          at.toISOString(),
        );
        fts.run(info.lastInsertRowid, ftsNameText(name));
        if (rand(COUNT) < QUERIES * 3) {
          samples.codes.push(code);
          samples.ids.push(idNumber);
          samples.names.push(foldVietnamese(name));
        }
      }
    })();
    if ((b / BATCH) % 20 === 0)
      process.stdout.write(`\r  seeded ${Math.min(COUNT, b + BATCH).toLocaleString('en')}…`);
  }
  db.exec('ANALYZE');
  if (process.argv.includes('--optimize')) {
    // Merge the FTS segments into one (what a nightly maintenance job would do).
    db.prepare("INSERT INTO dossiers_fts (dossiers_fts) VALUES ('optimize')").run();
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `\nSeeded ${COUNT.toLocaleString('en')} dossiers in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds).toLocaleString('en')}/s)`,
  );

  const service = createDossierService({ db, clock, calendar, catalog, events: new EventBus() });
  const viewer = {
    id: 'bench',
    username: 'bench',
    role: 'officer' as const,
    fullName: 'Benchmark',
  };
  const measure = (label: string, queries: string[]): void => {
    let hits = 0;
    const times = timeSync(Math.min(QUERIES, queries.length), 0, (i) => {
      const r = service.search({ q: queries[i], page: 1, pageSize: 20 }, viewer, 'vi');
      if (r.total > 0) hits += 1;
    });
    const s = summarize(times);
    console.log(
      `  ${label.padEnd(22)} n=${s.n}  p50 ${s.p50.toFixed(2)} ms  p95 ${s.p95.toFixed(2)} ms  (hits ${hits})`,
    );
  };
  console.log('Search (dossierService.search, page of 20, with total):');
  measure('by code', samples.codes);
  measure('by ID number', samples.ids);
  measure('by folded full name', samples.names);
} finally {
  closeDatabase(db);
  if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
}
