import type { Migration } from './migration';

/**
 * Citizen satisfaction ratings (docs/domain.md, Service quality indicators). One rating per ticket
 * at most (UNIQUE ticket_id: the second one answers 409). Stored against the ticket, counter,
 * officer and dossier; nothing about the rater (no IP, no device, no name — Art. 29(3)).
 */
export const m005Ratings: Migration = {
  version: 5,
  name: 'ratings: anonymous satisfaction per ticket, counter, officer and dossier',
  up(db) {
    db.exec(`
      CREATE TABLE ratings (
        id TEXT PRIMARY KEY,              -- ULID
        ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets(id),
        ticket_number TEXT NOT NULL,
        business_date TEXT NOT NULL,      -- Vietnam date of the rating
        counter_id TEXT REFERENCES counters(id),
        officer_user_id TEXT,             -- the officer who served (completed) the ticket
        dossier_id TEXT,
        dossier_code TEXT,
        score TEXT NOT NULL CHECK (score IN ('satisfied', 'neutral', 'unsatisfied')),
        reasons TEXT NOT NULL DEFAULT '[]', -- JSON array of reason codes
        completed_at TEXT NOT NULL,       -- when the officer completed the service
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ratings_day ON ratings(business_date, score);
      CREATE INDEX ratings_officer ON ratings(officer_user_id, business_date);
      CREATE INDEX ratings_dossier ON ratings(dossier_code);
    `);
  },
};
