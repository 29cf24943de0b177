import type { Migration } from './migration';

/**
 * The retired SQLite province receiver's tables (migration 006: `sync_sites`,
 * `sync_received` with its append-only trigger, `sync_imports`). The one receiver is the
 * province service (docs/sync.md, "Receiver"); a commune's hub never wrote or read these
 * tables since, so they go. The sync outbox (`sync_outbox`, `sync_state`) is unchanged.
 */
export const m018DropOldReceiver: Migration = {
  version: 18,
  name: 'sync: drop the retired SQLite receiver tables',
  up(db) {
    db.exec(`
      DROP TRIGGER IF EXISTS sync_received_no_update;
      DROP TABLE IF EXISTS sync_received;
      DROP TABLE IF EXISTS sync_sites;
      DROP TABLE IF EXISTS sync_imports;
    `);
  },
};
