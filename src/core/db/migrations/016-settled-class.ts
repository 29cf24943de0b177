import type { Db } from '../connection';
import { classifyOnTime, type DossierState } from '../../dossiers/lifecycle';
import type { Migration } from './migration';
import { DOSSIER_DONE_DATE } from './007-reports';

/**
 * On-time classes by the due INSTANT (docs/reports.md, "On-time class"): for hour-based and
 * same-day procedures a result ready hours after the due instant, on the due day, is late
 * (NĐ 118/2025 Art. 17(3), 22; NĐ 23/2015 Art. 7 for the 15:00 cut-off). The lifecycle stores
 * the class it computes when the agency settles a dossier (`state.settledClass`, from
 * `classifyOnTime`); the reports read it:
 * - the covering index `reports_dossiers_done` gains the class expression (same name, so the
 *   query plans stay as documented);
 * - `report_dossier_late_on_due` rolls up, per settling date, the dossiers settled ON their
 *   due day but late by the instant (by date alone they would be on time), kept by triggers
 *   like the rollups of migration 008;
 * - dossiers settled before this migration get their class computed from their state.
 */

/** The stored on-time class of a settled dossier ('early' | 'on_time' | 'late' or NULL). */
export const DOSSIER_SETTLED_CLASS = `json_extract(state, '$.settledClass')`;

const at = (expr: string, row: string) => expr.replaceAll('state', `${row}.state`);

/** Settled on the due day but after the due instant: late although the dates are equal. */
const lateOnDue = (row: string) =>
  `${at(DOSSIER_DONE_DATE, row)} IS NOT NULL AND ${at(DOSSIER_DONE_DATE, row)} = ${row}.due_date
   AND ${at(DOSSIER_SETTLED_CLASS, row)} = 'late'`;

export const LATE_ON_DUE_TABLE = 'report_dossier_late_on_due';

function contribution(row: string, sign: 1 | -1, unless = '0'): string {
  return `INSERT INTO ${LATE_ON_DUE_TABLE} (done_date, n)
      SELECT ${at(DOSSIER_DONE_DATE, row)}, ${sign} WHERE ${lateOnDue(row)} AND NOT (${unless})
      ON CONFLICT (done_date) DO UPDATE SET n = n + excluded.n;`;
}

/** Recompute the late-on-due rollup from the rows (called by `rebuildRollups` of 008). */
export function rebuildLateOnDueRollup(db: Db): void {
  const exists = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(LATE_ON_DUE_TABLE);
  if (!exists) return; // migration 008's own backfill runs before this table exists
  db.prepare(`DELETE FROM ${LATE_ON_DUE_TABLE}`).run();
  db.prepare(
    `INSERT INTO ${LATE_ON_DUE_TABLE} (done_date, n)
     SELECT ${at(DOSSIER_DONE_DATE, 'd')}, COUNT(*) FROM dossiers d WHERE ${lateOnDue('d')}
     GROUP BY 1`,
  ).run();
}

/** Class of a dossier settled before `settledClass` existed, from its stored state. */
function backfill(db: Db): void {
  const rows = db
    .prepare<[], { id: string; dueDate: string | null; state: string }>(
      `SELECT id, due_date AS dueDate, state FROM dossiers
       WHERE ${DOSSIER_DONE_DATE} IS NOT NULL AND ${DOSSIER_SETTLED_CLASS} IS NULL`,
    )
    .all();
  const update = db.prepare<{ id: string; settledClass: string }>(
    `UPDATE dossiers SET state = json_set(state, '$.settledClass', @settledClass) WHERE id = @id`,
  );
  for (const r of rows) {
    const state = JSON.parse(r.state) as Partial<DossierState>;
    const settledAt = state.resultReadyAt ?? state.refusal?.at;
    if (!settledAt) continue;
    const settledClass =
      r.dueDate === null
        ? 'on_time'
        : classifyOnTime(new Date(settledAt), r.dueDate, {
            dueAt: state.dueAt ?? null,
            unit: state.processingTime?.unit ?? 'working_day',
          });
    update.run({ id: r.id, settledClass });
  }
}

export const m016SettledClass: Migration = {
  version: 16,
  name: 'reports: on-time class by the due instant (hour-based and same-day limits)',
  up(db) {
    backfill(db);
    db.exec(`
      DROP INDEX reports_dossiers_done;
      CREATE INDEX reports_dossiers_done ON dossiers(${DOSSIER_DONE_DATE}, due_date,
        ${DOSSIER_SETTLED_CLASS}, received_date, procedure_id, received_by);
      CREATE TABLE ${LATE_ON_DUE_TABLE} (
        done_date TEXT PRIMARY KEY,
        n INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER report_late_on_due_insert AFTER INSERT ON dossiers BEGIN
        ${contribution('NEW', 1)}
      END;
      CREATE TRIGGER report_late_on_due_delete AFTER DELETE ON dossiers BEGIN
        ${contribution('OLD', -1)}
        DELETE FROM ${LATE_ON_DUE_TABLE} WHERE n = 0;
      END;
      CREATE TRIGGER report_late_on_due_update AFTER UPDATE OF due_date, state ON dossiers
        WHEN OLD.due_date IS NOT NEW.due_date OR OLD.state IS NOT NEW.state
      BEGIN
        ${contribution('OLD', -1)}
        ${contribution('NEW', 1)}
        DELETE FROM ${LATE_ON_DUE_TABLE} WHERE n = 0;
      END;
    `);
    rebuildLateOnDueRollup(db);
  },
};
