import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { translate } from '../../shared/i18n';
import { looksRemovable } from '../security/fileModes';
import {
  backupDir,
  backupNow,
  dailyBackupIfDue,
  type CopyMaker,
  lastBackup,
  makeBackupsPrivate,
  readBackupPassphrase,
} from './backupService';

export interface StartupCheck {
  ok: boolean;
  detail: string | null;
  repaired: boolean;
}

/**
 * At every start: `quick_check` (fast, catches page-level damage). When it reports problems,
 * `REINDEX` rebuilds every index (what SQLite can repair in place) and the check runs again;
 * what remains is reported on the watchdog (restore a backup: docs/backup.md).
 */
export function startupCheck(db: Db, log: (m: string) => void = console.error): StartupCheck {
  const run = () =>
    (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ');
  const first = run();
  if (first === 'ok') return { ok: true, detail: null, repaired: false };
  log(`[motcua] kiểm tra cơ sở dữ liệu: ${first} — đang dựng lại chỉ mục (REINDEX)`);
  try {
    db.exec('REINDEX');
  } catch (e) {
    log(`[motcua] REINDEX thất bại: ${String(e)}`);
  }
  const second = run();
  if (second === 'ok') return { ok: true, detail: `Đã sửa: ${first}`, repaired: true };
  return { ok: false, detail: second, repaired: false };
}

export const MAINTENANCE_INTERVAL_MS = 5 * 60_000;

export type Maintenance = ReturnType<typeof createMaintenance>;

/**
 * Background care: a passive WAL checkpoint every 5 minutes (keeps the -wal file small even
 * when a reader is always open) and the daily backup when due (checked at start and then at
 * every tick; the backup folder is read from settings each time).
 */
export function createMaintenance(
  db: Db,
  dataDir: string,
  clock: Clock,
  check: StartupCheck,
  options: {
    intervalMs?: number;
    autoBackup?: boolean;
    servedDirs?: readonly string[];
    /** Makes and checks the copy (backup API + integrity_check): off the serving thread in the hub. */
    makeCopy?: CopyMaker;
  } = {},
  log: (msg: string) => void = (m) => console.error(m),
) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let lastBackupError: string | null = null;
  let lastCheckpointError: string | null = null;

  async function tick(): Promise<void> {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      lastCheckpointError = null;
    } catch (e) {
      lastCheckpointError = String(e);
    }
    if (options.autoBackup === false) return;
    try {
      await dailyBackupIfDue(db, backupDir(db, dataDir), clock.now(), options.makeCopy);
      lastBackupError = null;
    } catch (e) {
      lastBackupError = `Sao lưu tự động thất bại: ${(e as Error).message}`;
      log(lastBackupError);
    }
  }

  /** Run `job` after whatever backup/checkpoint is under way (never two copies at once). */
  function queue<T>(job: () => Promise<T>): Promise<T> {
    const next = running.catch(() => undefined).then(job);
    running = next.catch(() => undefined);
    return next;
  }

  return {
    startup: check,
    dataDir,
    /** Folders the hub serves over HTTP: a backup folder may not be inside one. */
    servedDirs: options.servedDirs ?? [],
    /** The backup folder now (the `backup.dir` setting is read each time). */
    backupDir: () => backupDir(db, dataDir),
    /** "Sao lưu ngay" on the admin screen: a manual backup, queued behind the automatic one. */
    backupNow: (): Promise<string> =>
      queue(() =>
        backupNow(db, backupDir(db, dataDir), 'manual', clock.now(), '', options.makeCopy),
      ),
    /** Look again now (e.g. the backup folder changed: its daily backup is made if due). */
    kick(): void {
      if (timer) void queue(tick);
    },
    start(): void {
      // Backups going unencrypted to what looks like a USB disk: said at every start too (the
      // admin screen shows the same warning; docs/backup.md "Removable folders").
      const dir = backupDir(db, dataDir);
      try {
        makeBackupsPrivate(dir);
      } catch (e) {
        console.error(`[motcua] ${String(e)}`); // a USB disk not plugged in: the tick says so
      }
      if (looksRemovable(dir) && readBackupPassphrase(db) === null) {
        console.warn(`[motcua] ${translate('vi', 'backup.removableWarning', { dir })}`);
      }
      running = tick();
      timer = setInterval(() => {
        running = running.then(tick);
      }, options.intervalMs ?? MAINTENANCE_INTERVAL_MS);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running.catch(() => undefined);
    },
    health() {
      const dir = backupDir(db, dataDir);
      const last = lastBackup(dir);
      return {
        database: {
          ok: check.ok && lastCheckpointError === null,
          detail: lastCheckpointError ?? check.detail,
        },
        backup: {
          ok: lastBackupError === null && last !== null,
          lastAt: last ? last.at.toISOString() : null,
          detail: lastBackupError ?? (last ? null : `Chưa có bản sao lưu nào trong ${dir}`),
        },
      };
    },
  };
}
