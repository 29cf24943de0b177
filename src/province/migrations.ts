import type { ProvinceDb } from './db';

/**
 * The province's own numbered PostgreSQL migrations (the project's runner pattern: a list of
 * `{ version, name, sql }`, applied in order, each in its own transaction, the version
 * recorded in `schema_migrations`). Released migrations are never edited: add a new one.
 * The schema is described in docs/province.md.
 */
export interface ProvinceMigration {
  version: number;
  name: string;
  sql: string;
}

export const provinceMigrations: readonly ProvinceMigration[] = [
  {
    version: 1,
    name: 'province: accounts, sites, events by month, current state, daily rollups',
    sql: `
CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE TABLE sites (
  site_id text PRIMARY KEY,
  name text NOT NULL DEFAULT '',
  key text NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0,
  events bigint NOT NULL DEFAULT 0,
  last_received_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The agencies a site receives dossiers for (its own code, the commune police, ...).
CREATE TABLE site_agencies (
  site_id text NOT NULL REFERENCES sites(site_id) ON DELETE CASCADE,
  agency_code text NOT NULL,
  PRIMARY KEY (site_id, agency_code)
);
-- Dedup key of every event ever stored, and the per-site order (no gap, no reuse).
CREATE TABLE event_ids (
  event_id text PRIMARY KEY,
  site_id text NOT NULL,
  seq bigint NOT NULL,
  UNIQUE (site_id, seq)
);
-- Every event as received, partitioned by the UTC month of its instant (partitions are
-- created on first use, see ingest.ts ensurePartitions).
CREATE TABLE events (
  site_id text NOT NULL,
  seq bigint NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  batch_id text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, seq, at)
) PARTITION BY RANGE (at);
CREATE TABLE imports (
  file_id text PRIMARY KEY,
  site_id text NOT NULL,
  events integer NOT NULL,
  accepted integer NOT NULL,
  imported_at timestamptz NOT NULL
);
-- Current state of each dossier, folded from its trail (docs/reports.md dates, Vietnam).
CREATE TABLE dossiers (
  site_id text NOT NULL,
  dossier_id text NOT NULL,
  dossier_code text NOT NULL,
  agency_code text NOT NULL,
  procedure_id text NOT NULL,
  status text NOT NULL,
  due_date date,
  received_date date NOT NULL,
  settled_date date,
  ended_date date,
  returned_date date,
  last_seq bigint NOT NULL,
  PRIMARY KEY (site_id, dossier_id)
);
-- The ranking reads the dossiers still in process at asOf only: open now, or settled / ended
-- after asOf (each arm an index, combined by a BitmapOr); everything else comes from daily.
CREATE INDEX dossiers_received ON dossiers (site_id, received_date);
CREATE INDEX dossiers_settled ON dossiers (settled_date);
CREATE INDEX dossiers_ended ON dossiers (ended_date);
CREATE INDEX dossiers_open ON dossiers (site_id, due_date)
  WHERE status IN ('received', 'in_process', 'awaiting_supplement');
-- Each ticket's outcome (the last event per ticket wins, docs/sync.md).
CREATE TABLE tickets (
  site_id text NOT NULL,
  ticket_id text NOT NULL,
  business_date date NOT NULL,
  service_id text NOT NULL,
  outcome text NOT NULL,
  wait_seconds integer,
  PRIMARY KEY (site_id, ticket_id)
);
CREATE INDEX tickets_day ON tickets (site_id, business_date);
CREATE TABLE ratings (
  site_id text NOT NULL,
  rating_id text NOT NULL,
  business_date date NOT NULL,
  score text NOT NULL,
  dossier_code text,
  PRIMARY KEY (site_id, rating_id)
);
CREATE INDEX ratings_day ON ratings (site_id, business_date);
-- Daily per-commune rollups, kept in the batch's transaction. Dossier counts are per agency
-- code (a code the site has not registered is held out of the figures by a join); queue and
-- rating counts use agency_code ''.
CREATE TABLE daily (
  site_id text NOT NULL,
  agency_code text NOT NULL,
  day date NOT NULL,
  received integer NOT NULL DEFAULT 0,
  settled integer NOT NULL DEFAULT 0,
  -- settled on or before the due date (or without one): early + on time of docs/reports.md
  settled_in_time integer NOT NULL DEFAULT 0,
  returned integer NOT NULL DEFAULT 0,
  issued integer NOT NULL DEFAULT 0,
  served integer NOT NULL DEFAULT 0,
  no_show integer NOT NULL DEFAULT 0,
  waits integer NOT NULL DEFAULT 0,
  wait_seconds bigint NOT NULL DEFAULT 0,
  satisfied integer NOT NULL DEFAULT 0,
  neutral integer NOT NULL DEFAULT 0,
  unsatisfied integer NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, agency_code, day)
);
`,
  },
  {
    version: 2,
    name: 'province: apology letters and digitisation counts (payload versions 2 and 3)',
    // Columns for what payload versions 2 and 3 carry (docs/sync.md), filled from the events
    // already stored: the latest event of each dossier wins, apology letters counted by the
    // Vietnam day (UTC+7, no daylight saving) of their instant. The site's highest payload
    // version tells "no letters" (0) from "cannot know" (null) in the figures.
    sql: `
ALTER TABLE sites ADD COLUMN payload_version integer NOT NULL DEFAULT 1;
ALTER TABLE dossiers ADD COLUMN apology_letters integer;
ALTER TABLE dossiers ADD COLUMN appointment_date date;
ALTER TABLE dossiers ADD COLUMN paper_documents integer;
ALTER TABLE dossiers ADD COLUMN digitised_documents integer;
ALTER TABLE dossiers ADD COLUMN result_digitised boolean;
-- result_ready or refused: the step that settled the dossier (only a result can be digitised).
ALTER TABLE dossiers ADD COLUMN settled_action text;
ALTER TABLE daily ADD COLUMN apologies integer NOT NULL DEFAULT 0;
UPDATE sites s SET payload_version = v.version
  FROM (SELECT site_id, max((payload->>'payloadVersion')::int) AS version
          FROM events WHERE type = 'dossier.event' AND payload ? 'payloadVersion'
         GROUP BY site_id) v
 WHERE v.site_id = s.site_id;
UPDATE dossiers d SET apology_letters = (l.payload->>'apologyLetters')::int,
       appointment_date = (l.payload->>'appointmentDate')::date,
       paper_documents = (l.payload->>'paperDocuments')::int,
       digitised_documents = (l.payload->>'digitisedDocuments')::int,
       result_digitised = (l.payload->>'resultDigitised')::boolean
  FROM (SELECT DISTINCT ON (site_id, payload->>'dossierId') site_id, payload
          FROM events WHERE type = 'dossier.event'
         ORDER BY site_id, payload->>'dossierId', seq DESC) l
 WHERE l.site_id = d.site_id AND l.payload->>'dossierId' = d.dossier_id;
UPDATE dossiers d SET settled_action = f.action
  FROM (SELECT DISTINCT ON (site_id, payload->>'dossierId') site_id,
               payload->>'dossierId' AS dossier_id, payload->>'action' AS action
          FROM events
         WHERE type = 'dossier.event' AND payload->>'action' IN ('result_ready', 'refused')
         ORDER BY site_id, payload->>'dossierId', seq) f
 WHERE f.site_id = d.site_id AND f.dossier_id = d.dossier_id;
INSERT INTO daily (site_id, agency_code, day, apologies)
SELECT e.site_id, d.agency_code, ((e.at AT TIME ZONE 'UTC') + interval '7 hours')::date, count(*)
  FROM events e
  JOIN dossiers d ON d.site_id = e.site_id AND d.dossier_id = e.payload->>'dossierId'
 WHERE e.type = 'dossier.event' AND e.payload->>'action' = 'apology'
 GROUP BY 1, 2, 3
ON CONFLICT (site_id, agency_code, day) DO UPDATE SET apologies = excluded.apologies;
`,
  },
  {
    version: 3,
    name: 'province: waits by minute and the letters / digitisation counts as daily rollups',
    // The ranking reads rollups, not every wait nor every dossier (docs/province.md,
    // "Figures"): `ticket_waits` holds the called tickets' waits by whole minute per site and
    // day (the last minute, 600, holds every longer wait), from which the exact nearest-rank
    // p90 is found as the commune's own report finds it (docs/reports.md): the minute holding
    // the rank from the rollup, then that minute's waits to the second from `tickets_wait`.
    // `ticket_waits_month` holds the same by calendar month, so that a year reads twelve
    // months and only the partial months at the period's edges read days.
    // `daily` gains the late-letter and digitisation counts by the day that counts them
    // (settled day, received day). Filled from the current-state tables folded so far.
    sql: `
CREATE TABLE ticket_waits (
  site_id text NOT NULL,
  day date NOT NULL,
  minute integer NOT NULL,
  n integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, site_id, minute)
);
CREATE TABLE ticket_waits_month (
  site_id text NOT NULL,
  month date NOT NULL,
  minute integer NOT NULL,
  n integer NOT NULL DEFAULT 0,
  PRIMARY KEY (month, site_id, minute)
);
CREATE INDEX tickets_wait ON tickets (site_id, wait_seconds, business_date)
  WHERE wait_seconds IS NOT NULL;
INSERT INTO ticket_waits (site_id, day, minute, n)
SELECT site_id, business_date, LEAST(wait_seconds / 60, 600), count(*)
  FROM tickets WHERE wait_seconds IS NOT NULL
 GROUP BY 1, 2, 3;
INSERT INTO ticket_waits_month (site_id, month, minute, n)
SELECT site_id, date_trunc('month', day)::date, minute, sum(n)
  FROM ticket_waits GROUP BY 1, 2, 3;
ALTER TABLE daily ADD COLUMN late_known integer NOT NULL DEFAULT 0;
ALTER TABLE daily ADD COLUMN late_with_letter integer NOT NULL DEFAULT 0;
ALTER TABLE daily ADD COLUMN paper integer NOT NULL DEFAULT 0;
ALTER TABLE daily ADD COLUMN paper_digitised integer NOT NULL DEFAULT 0;
ALTER TABLE daily ADD COLUMN results integer NOT NULL DEFAULT 0;
ALTER TABLE daily ADD COLUMN results_digitised integer NOT NULL DEFAULT 0;
INSERT INTO daily (site_id, agency_code, day, late_known, late_with_letter, results,
                   results_digitised)
SELECT site_id, agency_code, settled_date,
       count(*) FILTER (WHERE apology_letters IS NOT NULL AND settled_date > due_date),
       count(*) FILTER (WHERE apology_letters > 0 AND settled_date > due_date),
       count(*) FILTER (WHERE settled_action = 'result_ready' AND result_digitised IS NOT NULL),
       count(*) FILTER (WHERE settled_action = 'result_ready' AND result_digitised)
  FROM dossiers WHERE settled_date IS NOT NULL
 GROUP BY 1, 2, 3
ON CONFLICT (site_id, agency_code, day) DO UPDATE SET late_known = excluded.late_known,
   late_with_letter = excluded.late_with_letter, results = excluded.results,
   results_digitised = excluded.results_digitised;
INSERT INTO daily (site_id, agency_code, day, paper, paper_digitised)
SELECT site_id, agency_code, received_date,
       count(*) FILTER (WHERE paper_documents > 0),
       count(*) FILTER (WHERE paper_documents > 0 AND digitised_documents >= paper_documents)
  FROM dossiers
 GROUP BY 1, 2, 3
ON CONFLICT (site_id, agency_code, day) DO UPDATE SET paper = excluded.paper,
   paper_digitised = excluded.paper_digitised;
`,
  },
  {
    version: 4,
    name: 'province: the open dossiers read from their index alone',
    // A year of 100 communes holds ≈ 80,000 dossiers in process; the ranking counts them per
    // commune (in process at asOf, overdue now). Fetching each from the table took ≈ 0.4 s per
    // count (docs/province.md, "Benchmark"); with every column those counts read in the
    // partial index they are index-only scans.
    sql: `
CREATE INDEX dossiers_open_cover ON dossiers (site_id, due_date)
  INCLUDE (agency_code, received_date, status, apology_letters)
  WHERE status IN ('received', 'in_process', 'awaiting_supplement');
DROP INDEX dossiers_open;
`,
  },
  {
    version: 5,
    name: 'province: due instant and the settled on-time class (payload version 4)',
    // Payload version 4 (docs/sync.md) carries the legal due instant and the on-time class the
    // site stored at settlement (docs/reports.md, "On-time class"); the fold keeps both from
    // each dossier's latest event and counts a dossier settled on its due day late when the
    // class says so. No event of version 4 can be stored before this migration (the service
    // refused it), so existing dossiers keep null: the date rule of versions 1–3, unchanged.
    sql: `
ALTER TABLE dossiers ADD COLUMN due_at timestamptz;
ALTER TABLE dossiers ADD COLUMN settled_class text
  CHECK (settled_class IN ('early', 'on_time', 'late'));
`,
  },
];

/** Apply the migrations not yet applied; a server-wide advisory lock keeps two starts apart. */
export async function migrateProvince(
  db: ProvinceDb,
  list: readonly ProvinceMigration[] = provinceMigrations,
): Promise<number> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  let applied = 0;
  for (const m of list) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7268001)');
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        m.version,
      ]);
      if (seen.length > 0) return false;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      return true;
    });
    if (done) applied += 1;
  }
  return applied;
}

/** The statements of a migration (no function bodies here, so `;` at a line end splits). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s !== '');
}
