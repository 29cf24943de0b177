import type { Migration } from './migration';

/**
 * Paired devices (docs/security.md, "Devices"): kiosks, rating tablets and lobby boards that
 * an admin paired. Only the sha256 of a device's token is stored (the token is shown once);
 * a revoked device keeps its row (revoked_at) so the list and the audit log stay readable.
 */
export const m009Devices: Migration = {
  version: 9,
  name: 'devices: paired kiosks, rating tablets and lobby boards (hashed tokens)',
  up(db) {
    db.exec(`
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,                -- ULID
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'rating', 'display')),
        token_hash TEXT NOT NULL UNIQUE,    -- sha256 (hex) of the device token
        created_at TEXT NOT NULL,
        created_by TEXT,                    -- the admin who paired it (users.id)
        revoked_at TEXT,
        last_seen_at TEXT
      ) STRICT;
    `);
  },
};
