import type { Migration } from './migration';

/**
 * Reports (docs/reports.md): covering indexes so that a year of 1,000,000 dossiers and 3,000,000
 * tickets is summarised from the indexes alone, without reading the rows (docs/reports.md).
 *
 * Dossier dates that live only in the lifecycle state (JSON) are indexed as expressions; the
 * report queries (src/core/reports/reportQueries.ts) use these EXACT expressions, exported
 * below, so SQLite matches them to the index. All of them are Vietnam business dates
 * ('YYYY-MM-DD') of UTC instants: date(instant, '+7 hours').
 */

/** When the dossier was settled by the agency: result ready, or refused after review. */
export const DOSSIER_DONE_DATE = `date(COALESCE(json_extract(state, '$.resultReadyAt'), json_extract(state, '$.refusal.at')), '+7 hours')`;
/** When the dossier left processing without a result: stopped on request or closed. */
export const DOSSIER_END_DATE = `date(COALESCE(json_extract(state, '$.stop.at'), json_extract(state, '$.closedAt')), '+7 hours')`;
/** When the result was handed to the citizen. */
export const DOSSIER_RETURNED_DATE = `date(json_extract(state, '$.returned.at'), '+7 hours')`;
/** Vietnam hour of day (0–23) a ticket was issued: issued_at is 'YYYY-MM-DDTHH:MM:SS.sssZ'. */
export const TICKET_VN_HOUR = `((CAST(substr(issued_at, 12, 2) AS INTEGER) + 7) % 24)`;

export const m007Reports: Migration = {
  version: 7,
  name: 'reports: covering indexes for period summaries',
  up(db) {
    db.exec(`
      CREATE INDEX reports_dossiers_received ON dossiers(received_date, procedure_id, received_by);
      CREATE INDEX reports_dossiers_done ON dossiers(${DOSSIER_DONE_DATE}, due_date, received_date,
        procedure_id, received_by);
      CREATE INDEX reports_dossiers_end ON dossiers(${DOSSIER_END_DATE}, received_date, due_date,
        procedure_id, received_by);
      CREATE INDEX reports_dossiers_returned ON dossiers(${DOSSIER_RETURNED_DATE}, procedure_id,
        received_by);
      CREATE INDEX reports_dossiers_open ON dossiers(status, received_date, due_date, procedure_id,
        received_by);

      CREATE INDEX reports_tickets_service ON tickets(service_id, business_date, outcome,
        wait_seconds, service_seconds);
      CREATE INDEX reports_tickets_wait ON tickets(wait_seconds, business_date)
        WHERE wait_seconds IS NOT NULL;
      CREATE INDEX reports_tickets_hour ON tickets(business_date, ${TICKET_VN_HOUR}, outcome,
        wait_seconds);
      CREATE INDEX reports_tickets_counter ON tickets(business_date, counter_id, outcome,
        wait_seconds, service_seconds);

      CREATE INDEX reports_ratings_day ON ratings(business_date, score, reasons);
    `);
  },
};
