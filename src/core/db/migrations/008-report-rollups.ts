import type { Db } from '../connection';
import type { Migration } from './migration';
import { DOSSIER_DONE_DATE, DOSSIER_END_DATE, DOSSIER_RETURNED_DATE } from './007-reports';
import { rebuildLateOnDueRollup } from './016-settled-class';

/**
 * Reports (docs/reports.md): daily rollups so that the summary of a year (1,000,000 dossiers,
 * 3,000,000 tickets) reads a few thousand small rows instead of millions of index entries
 * (docs/reports.md, "Performance").
 *
 * The rollups are kept by TRIGGERS, in the same transaction as every write to dossiers,
 * tickets and ratings, whatever the write path (services, bulk imports, tests). The triggers
 * use the very expressions of migration 007 — the ones the direct report queries use — so a
 * rollup row is exactly the GROUP BY of those queries: the numbers cannot differ.
 *
 * Keys: a missing due date (awaiting a supplement) is stored as has_due = 0, due = '' (a
 * NULL in a primary key would never match an upsert). Waits are bucketed by whole minutes,
 * floor(wait_seconds / 60), so the exact nearest-rank p90 is found in the rollup to the
 * minute and then to the second from the wait-ordered index (reports_tickets_wait), reading
 * one minute's entries only.
 */

/** Dossiers: received per received_date, returned per returned date (Vietnam dates). */
const DOSSIER_DAYS = `CREATE TABLE report_dossier_days (
  day TEXT PRIMARY KEY,
  received INTEGER NOT NULL DEFAULT 0,
  returned INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID`;

/** One table per dated fact: (date, received_date, has_due, due) → n dossiers. */
const dossierFactTable = (name: string, first: string) => `CREATE TABLE ${name} (
  ${first} TEXT NOT NULL,
  received_date TEXT NOT NULL,
  has_due INTEGER NOT NULL,
  due TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (${first}, received_date, has_due, due)
) STRICT, WITHOUT ROWID`;

export const TICKET_WAIT_MINUTE = (w: string) =>
  `(CASE WHEN ${w} >= 0 THEN ${w} / 60 ELSE (${w} - 59) / 60 END)`;

/** The statuses kept in report_dossier_open: "open" (in process) and "overdue now". */
const OPEN_SET = `('received', 'in_process', 'awaiting_supplement')`;

interface DossierFact {
  table: string;
  /** Key columns, in order; the last is n. */
  columns: readonly string[];
  /** Key values of a row (OLD/NEW), same order. */
  key(row: string): readonly string[];
  /** When the row contributes at all. */
  present(row: string): string;
}

const at = (expr: string, row: string) => expr.replaceAll('state', `${row}.state`);
const dueKey = (row: string) => [`${row}.due_date IS NOT NULL`, `COALESCE(${row}.due_date, '')`];

const DOSSIER_FACTS: readonly DossierFact[] = [
  {
    table: 'report_dossier_done',
    columns: ['done_date', 'received_date', 'has_due', 'due'],
    key: (r) => [at(DOSSIER_DONE_DATE, r), `${r}.received_date`, ...dueKey(r)],
    present: (r) => `${at(DOSSIER_DONE_DATE, r)} IS NOT NULL`,
  },
  {
    table: 'report_dossier_end',
    columns: ['end_date', 'received_date', 'has_due', 'due'],
    key: (r) => [at(DOSSIER_END_DATE, r), `${r}.received_date`, ...dueKey(r)],
    present: (r) => `${at(DOSSIER_END_DATE, r)} IS NOT NULL`,
  },
  {
    table: 'report_dossier_open',
    columns: ['status', 'received_date', 'has_due', 'due'],
    key: (r) => [`${r}.status`, `${r}.received_date`, ...dueKey(r)],
    present: (r) => `${r}.status IN ${OPEN_SET}`,
  },
];

/** The dossier day counters: one column per dated count. */
const DOSSIER_DAY_COUNTS = [
  { column: 'received', day: (r: string) => `${r}.received_date` },
  { column: 'returned', day: (r: string) => at(DOSSIER_RETURNED_DATE, r) },
] as const;

const sameKey = (f: DossierFact) =>
  f
    .key('OLD')
    .map((o, i) => `(${o}) IS (${f.key('NEW')[i] ?? 'NULL'})`)
    .join(' AND ');

function addFact(f: DossierFact, row: string, sign: 1 | -1, unless: string): string {
  return `INSERT INTO ${f.table} (${f.columns.join(', ')}, n)
    SELECT ${f.key(row).join(', ')}, ${sign} WHERE ${f.present(row)} AND NOT (${unless})
    ON CONFLICT (${f.columns.join(', ')}) DO UPDATE SET n = n + excluded.n;`;
}

function dropZero(f: DossierFact, row: string, unless: string): string {
  const match = f.columns.map((c, i) => `${c} = (${f.key(row)[i] ?? 'NULL'})`).join(' AND ');
  return `DELETE FROM ${f.table} WHERE n = 0 AND ${match} AND ${f.present(row)} AND NOT (${unless});`;
}

function addDay(
  c: (typeof DOSSIER_DAY_COUNTS)[number],
  row: string,
  sign: 1 | -1,
  unless: string,
): string {
  return `INSERT INTO report_dossier_days (day, ${c.column}) SELECT ${c.day(row)}, ${sign}
    WHERE ${c.day(row)} IS NOT NULL AND NOT (${unless})
    ON CONFLICT (day) DO UPDATE SET ${c.column} = ${c.column} + excluded.${c.column};`;
}

function dossierTriggers(): string {
  const insert = [
    ...DOSSIER_DAY_COUNTS.map((c) => addDay(c, 'NEW', 1, '0')),
    ...DOSSIER_FACTS.map((f) => addFact(f, 'NEW', 1, '0')),
  ];
  const del = [
    ...DOSSIER_DAY_COUNTS.map((c) => addDay(c, 'OLD', -1, '0')),
    ...DOSSIER_FACTS.flatMap((f) => [addFact(f, 'OLD', -1, '0'), dropZero(f, 'OLD', '0')]),
  ];
  // An update moves a contribution only when its key changes (or it appears / disappears).
  const update = [
    ...DOSSIER_DAY_COUNTS.flatMap((c) => {
      const same = `(${c.day('OLD')}) IS (${c.day('NEW')})`;
      return [addDay(c, 'OLD', -1, same), addDay(c, 'NEW', 1, same)];
    }),
    ...DOSSIER_FACTS.flatMap((f) => {
      const same = `${f.present('OLD')} AND ${f.present('NEW')} AND ${sameKey(f)}`;
      return [addFact(f, 'OLD', -1, same), dropZero(f, 'OLD', same), addFact(f, 'NEW', 1, same)];
    }),
  ];
  return `
    CREATE TRIGGER report_dossiers_insert AFTER INSERT ON dossiers BEGIN
      ${insert.join('\n      ')}
    END;
    CREATE TRIGGER report_dossiers_delete AFTER DELETE ON dossiers BEGIN
      ${del.join('\n      ')}
    END;
    CREATE TRIGGER report_dossiers_update AFTER UPDATE OF status, received_date, due_date, state
      ON dossiers
      WHEN OLD.status IS NOT NEW.status OR OLD.received_date IS NOT NEW.received_date
        OR OLD.due_date IS NOT NEW.due_date OR OLD.state IS NOT NEW.state
    BEGIN
      ${update.join('\n      ')}
    END;`;
}

/** A ticket's contribution to its day (sign ±1) and to its wait-minute bucket. */
function ticketContribution(row: string, sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `INSERT INTO report_ticket_days (business_date, issued, served, no_show, called, wait_sum)
      VALUES (${row}.business_date, ${s}(${row}.outcome IS NOT 'void'), ${s}(${row}.outcome IS 'served'),
        ${s}(${row}.outcome IS 'no_show'), ${s}(${row}.wait_seconds IS NOT NULL),
        ${s}COALESCE(${row}.wait_seconds, 0))
      ON CONFLICT (business_date) DO UPDATE SET issued = issued + excluded.issued,
        served = served + excluded.served, no_show = no_show + excluded.no_show,
        called = called + excluded.called, wait_sum = wait_sum + excluded.wait_sum;
    INSERT INTO report_ticket_waits (business_date, minute, n)
      SELECT ${row}.business_date, ${TICKET_WAIT_MINUTE(`${row}.wait_seconds`)}, ${sign}
      WHERE ${row}.wait_seconds IS NOT NULL
      ON CONFLICT (business_date, minute) DO UPDATE SET n = n + excluded.n;`;
}

function ratingContribution(row: string, sign: 1 | -1): string {
  return `INSERT INTO report_rating_days (business_date, score, n)
      VALUES (${row}.business_date, ${row}.score, ${sign})
      ON CONFLICT (business_date, score) DO UPDATE SET n = n + excluded.n;`;
}

const ROLLUP_TABLES = [
  'report_dossier_days',
  'report_dossier_done',
  'report_dossier_end',
  'report_dossier_open',
  'report_ticket_days',
  'report_ticket_waits',
  'report_rating_days',
] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];
export const REPORT_ROLLUP_TABLES: readonly RollupTable[] = ROLLUP_TABLES;

/**
 * Recompute every rollup from the rows (the migration's backfill; tests; bulk loads that
 * bypassed the triggers). One transaction (a savepoint when called inside one).
 */
export function rebuildRollups(db: Db): void {
  const facts = DOSSIER_FACTS.map(
    (f) => `INSERT INTO ${f.table} (${f.columns.join(', ')}, n)
      SELECT ${f.key('d').join(', ')}, COUNT(*) FROM dossiers d WHERE ${f.present('d')}
      GROUP BY ${f.columns.map((_, i) => i + 1).join(', ')};`,
  );
  db.transaction(() => {
    for (const t of ROLLUP_TABLES) db.prepare(`DELETE FROM ${t}`).run();
    db.exec(`
      INSERT INTO report_dossier_days (day, received, returned)
        SELECT day, SUM(received), SUM(returned) FROM (
          SELECT received_date AS day, 1 AS received, 0 AS returned FROM dossiers
          UNION ALL
          SELECT ${DOSSIER_RETURNED_DATE}, 0, 1 FROM dossiers
          WHERE ${DOSSIER_RETURNED_DATE} IS NOT NULL)
        GROUP BY day;
      ${facts.join('\n')}
      INSERT INTO report_ticket_days (business_date, issued, served, no_show, called, wait_sum)
        SELECT business_date, SUM(outcome IS NOT 'void'), SUM(outcome IS 'served'),
          SUM(outcome IS 'no_show'), COUNT(wait_seconds), COALESCE(SUM(wait_seconds), 0)
        FROM tickets GROUP BY business_date;
      INSERT INTO report_ticket_waits (business_date, minute, n)
        SELECT business_date, ${TICKET_WAIT_MINUTE('wait_seconds')}, COUNT(*) FROM tickets
        WHERE wait_seconds IS NOT NULL GROUP BY 1, 2;
      INSERT INTO report_rating_days (business_date, score, n)
        SELECT business_date, score, COUNT(*) FROM ratings GROUP BY 1, 2;
    `);
    // The rollup of migration 016 (on-time class by the due instant), once it exists.
    rebuildLateOnDueRollup(db);
  })();
}

export const m008ReportRollups: Migration = {
  version: 8,
  name: 'reports: daily rollups kept by triggers (year summary in milliseconds)',
  up(db) {
    db.exec(`
      ${DOSSIER_DAYS};
      ${dossierFactTable('report_dossier_done', 'done_date')};
      ${dossierFactTable('report_dossier_end', 'end_date')};
      ${dossierFactTable('report_dossier_open', 'status')};

      CREATE TABLE report_ticket_days (
        business_date TEXT PRIMARY KEY,
        issued INTEGER NOT NULL DEFAULT 0,   -- outcome IS NOT 'void'
        served INTEGER NOT NULL DEFAULT 0,
        no_show INTEGER NOT NULL DEFAULT 0,
        called INTEGER NOT NULL DEFAULT 0,   -- wait_seconds IS NOT NULL
        wait_sum INTEGER NOT NULL DEFAULT 0  -- SUM(wait_seconds)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE report_ticket_waits (
        business_date TEXT NOT NULL,
        minute INTEGER NOT NULL,             -- floor(wait_seconds / 60)
        n INTEGER NOT NULL,
        PRIMARY KEY (business_date, minute)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE report_rating_days (
        business_date TEXT NOT NULL,
        score TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (business_date, score)
      ) STRICT, WITHOUT ROWID;

      ${dossierTriggers()}

      CREATE TRIGGER report_tickets_insert AFTER INSERT ON tickets BEGIN
        ${ticketContribution('NEW', 1)}
      END;
      CREATE TRIGGER report_tickets_delete AFTER DELETE ON tickets BEGIN
        ${ticketContribution('OLD', -1)}
      END;
      CREATE TRIGGER report_tickets_update AFTER UPDATE OF business_date, outcome, wait_seconds
        ON tickets
        WHEN OLD.business_date IS NOT NEW.business_date OR OLD.outcome IS NOT NEW.outcome
          OR OLD.wait_seconds IS NOT NEW.wait_seconds
      BEGIN
        ${ticketContribution('OLD', -1)}
        ${ticketContribution('NEW', 1)}
      END;

      CREATE TRIGGER report_ratings_insert AFTER INSERT ON ratings BEGIN
        ${ratingContribution('NEW', 1)}
      END;
      CREATE TRIGGER report_ratings_delete AFTER DELETE ON ratings BEGIN
        ${ratingContribution('OLD', -1)}
      END;
      CREATE TRIGGER report_ratings_update AFTER UPDATE OF business_date, score ON ratings
        WHEN OLD.business_date IS NOT NEW.business_date OR OLD.score IS NOT NEW.score
      BEGIN
        ${ratingContribution('OLD', -1)}
        ${ratingContribution('NEW', 1)}
      END;
    `);
    rebuildRollups(db);
  },
};
