import { backupDir, backupNow } from './backup/backupService';
import { startupCheck, type StartupCheck } from './backup/maintenance';
import { consumeCleanShutdownMarker } from './db/cleanShutdown';
import type { Clock } from './clock';
import type { Db } from './db/connection';
import { latestSchemaVersion, migrate, schemaVersion } from './db/migrate';
import { migrations } from './db/migrations';
import { assertNoOrphanedOutbox } from './sync/outbox';

/**
 * What createCore does before the services start: the startup check (quick_check, REINDEX
 * when damaged) when the last run did not end cleanly (see db/cleanShutdown.ts; the daily
 * backup's integrity_check covers the other days), then — only when migrations are pending
 * on an existing database — the outbox guard and a backup, then the migrations, whose
 * `beforeMigrate` hook runs the guard once more (docs/backup.md).
 */
export async function prepareDatabase(
  db: Db,
  dataDir: string,
  clock: Clock,
  log?: (msg: string) => void,
): Promise<StartupCheck> {
  const check: StartupCheck = consumeCleanShutdownMarker(dataDir)
    ? { ok: true, detail: null, repaired: false }
    : startupCheck(db, log);
  const from = schemaVersion(db);
  const to = latestSchemaVersion(migrations);
  if (from > 0 && from < to) {
    assertNoOrphanedOutbox(db, migrations, from);
    await backupNow(db, backupDir(db, dataDir), 'premigrate', clock.now(), `v${from}-v${to}`);
  }
  migrate(db, migrations, (f) => assertNoOrphanedOutbox(db, migrations, f));
  return check;
}
