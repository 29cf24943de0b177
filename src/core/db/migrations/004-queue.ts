import type { Migration } from './migration';

/**
 * The queue (docs/queue.md): services, which counters serve them, each counter's live state,
 * tickets with their KPIs, an append-only trail of ticket events, and one sequence row per
 * service per Vietnam business day so that numbering is atomic (allocated and used in the
 * same transaction as the ticket insert).
 */
export const m004Queue: Migration = {
  version: 4,
  name: 'queue: services, counter links and state, tickets, ticket events, daily sequences',
  up(db) {
    db.exec(`
      CREATE TABLE queue_services (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        prefix TEXT NOT NULL UNIQUE CHECK (length(prefix) BETWEEN 1 AND 2 AND prefix GLOB '[A-Z]*'),
        target_minutes INTEGER NOT NULL DEFAULT 15 CHECK (target_minutes BETWEEN 1 AND 480),
        default_service_minutes INTEGER NOT NULL DEFAULT 8 CHECK (default_service_minutes BETWEEN 1 AND 240),
        sort_order INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE counter_services (
        counter_id TEXT NOT NULL REFERENCES counters(id),
        service_id TEXT NOT NULL REFERENCES queue_services(id),
        PRIMARY KEY (counter_id, service_id)
      ) STRICT;

      CREATE TABLE counter_state (
        counter_id TEXT PRIMARY KEY REFERENCES counters(id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused')),
        pause_reason TEXT,
        current_ticket_id TEXT,
        officer_user_id TEXT,
        -- regular tickets this counter called in a row since its last priority call (ratio rule)
        regular_streak INTEGER NOT NULL DEFAULT 0,
        streak_date TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE queue_sequences (
        service_id TEXT NOT NULL REFERENCES queue_services(id),
        business_date TEXT NOT NULL,    -- YYYY-MM-DD in Asia/Ho_Chi_Minh
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (service_id, business_date)
      ) STRICT;

      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,            -- ULID
        number_service_id TEXT NOT NULL REFERENCES queue_services(id), -- whose prefix/sequence
        service_id TEXT NOT NULL REFERENCES queue_services(id),        -- where it waits now
        business_date TEXT NOT NULL,
        seq INTEGER NOT NULL,
        number TEXT NOT NULL,           -- e.g. A001
        priority TEXT,                  -- category code, NULL = regular
        status TEXT NOT NULL CHECK (status IN
          ('printing', 'waiting', 'called', 'serving', 'parked', 'no_show', 'done', 'void')),
        outcome TEXT CHECK (outcome IN ('served', 'no_show', 'transferred', 'abandoned', 'void')),
        channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'officer')),
        issued_at TEXT NOT NULL,
        queue_key INTEGER NOT NULL,     -- ordering key: ms × 1000 of the queue time (kept on transfer)
        first_called_at TEXT,
        called_at TEXT,
        started_at TEXT,
        completed_at TEXT,
        call_count INTEGER NOT NULL DEFAULT 0,
        counter_id TEXT REFERENCES counters(id),
        target_counter_id TEXT REFERENCES counters(id),
        officer_user_id TEXT,
        ahead_at_issue INTEGER NOT NULL DEFAULT 0,
        est_min INTEGER NOT NULL DEFAULT 0,
        est_max INTEGER NOT NULL DEFAULT 0,
        print_status TEXT NOT NULL DEFAULT 'pending' CHECK (print_status IN
          ('pending', 'queued', 'printed', 'failed', 'screen', 'none')),
        print_job_id TEXT,
        print_error TEXT,
        void_reason TEXT,
        transfer_note TEXT,
        transfer_count INTEGER NOT NULL DEFAULT 0,
        reactivated_at TEXT,
        wait_seconds INTEGER,           -- issue → first call
        walk_seconds INTEGER,           -- call → start
        service_seconds INTEGER,        -- start → complete (summed over transfers)
        updated_at TEXT NOT NULL,
        UNIQUE (number_service_id, business_date, seq)
      ) STRICT;
      CREATE INDEX tickets_queue ON tickets(business_date, status, service_id, queue_key);
      CREATE INDEX tickets_day_number ON tickets(business_date, number);
      CREATE INDEX tickets_open_days ON tickets(status, business_date);

      CREATE TABLE ticket_events (
        id TEXT PRIMARY KEY,            -- ULID: sorts by time
        ticket_id TEXT NOT NULL REFERENCES tickets(id),
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        counter_id TEXT,
        user_id TEXT,
        details TEXT                    -- JSON, never personal data
      ) STRICT;
      CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id);
      CREATE INDEX ticket_events_type_at ON ticket_events(type, at);

      CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
        BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
      CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
        BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
    `);
  },
};
