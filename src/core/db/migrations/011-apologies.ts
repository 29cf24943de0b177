import type { Migration } from './migration';

/**
 * Apology letters for late dossiers (docs/dossier-lifecycle.md, "Apology for a late dossier";
 * docs/reports.md): the reports count the `apology` events of a period per procedure. Only
 * those events enter this partial index, so the count stays cheap however long the trail.
 */
export const m011Apologies: Migration = {
  version: 11,
  name: 'apologies: partial index of apology events by time',
  up(db) {
    db.exec(`
      CREATE INDEX dossier_events_apology_at ON dossier_events (at, dossier_id)
        WHERE type = 'apology';
    `);
  },
};
