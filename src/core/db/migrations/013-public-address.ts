import type { Migration } from './migration';

/** The loopback hosts an old `statusPageBaseUrl` could hold: they never worked on a phone. */
const LOOPBACK = /^https?:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?\/?$/i;

/**
 * One public address for every printed QR (docs/queue.md, "Public address"): the queue
 * setting `statusPageBaseUrl` moves to the settings key `publicAddress`. A value that named a
 * loopback address (the old default `http://127.0.0.1:8787`) counts as unset; any other value
 * is carried over. The queue settings lose the field either way (their schema is strict).
 */
export const m013PublicAddress: Migration = {
  version: 13,
  name: 'public address: one setting for every printed QR (from queue.statusPageBaseUrl)',
  up(db) {
    const row = db.prepare("SELECT value, updated_at FROM settings WHERE key = 'queue'").get() as
      { value: string; updated_at: string } | undefined;
    if (!row) return;
    const queue = JSON.parse(row.value) as Record<string, unknown>;
    if (!('statusPageBaseUrl' in queue)) return;
    const old = queue['statusPageBaseUrl'];
    delete queue['statusPageBaseUrl'];
    db.prepare("UPDATE settings SET value = ? WHERE key = 'queue'").run(JSON.stringify(queue));
    if (typeof old !== 'string' || LOOPBACK.test(old.trim())) return;
    const url = old.trim().replace(/\/+$/, '').toLowerCase();
    db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES ('publicAddress', ?, ?)
       ON CONFLICT(key) DO NOTHING`,
    ).run(JSON.stringify({ url }), row.updated_at);
  },
};
