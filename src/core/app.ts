import path from 'node:path';
import {
  createAuthService,
  DEFAULT_AUTH_POLICY,
  type AuthDeps,
  type AuthPolicy,
} from './auth/authService';
import { createSetupCodeStore } from './auth/setupCode';
import { systemClock, type Clock } from './clock';
import { writeCleanShutdownMarker } from './db/cleanShutdown';
import { closeDatabase, DB_FILE_NAME, openDatabase, type Db } from './db/connection';
import { seedDemo } from './demo/seedDemo';
import { createDispatcher, type Dispatcher } from './dispatch';
import { createDeviceService, type DeviceService } from './devices/deviceService';
import { EventBus } from './events/eventBus';
import { createHandlers } from './handlers';
import { createPublicAddress, parsePublicUrl, type PublicAddress } from './settings/publicAddress';
import { createScanFolder, type ScanFolder, type ScanFolderOptions } from './files/scanFolder';
import { createPrintService, type PrintService } from './printing/jobs/printService';
import { getSite } from './settings/site';
import { APP_VERSION } from './version';
import { assertBackupFolderNotServed } from './backup/backupFolder';
import { copyHere, type CopyMaker } from './backup/backupService';
import { createMaintenance, type Maintenance } from './backup/maintenance';
import { makeTreePrivate } from './security/fileModes';
import { prepareDatabase } from './startup';
import { createSyncService, type SyncOptions, type SyncService } from './sync/syncService';
import { outboxDossierAttachment } from './sync/producers';
import type { DailyFileStream } from './log/dailyFile';
import { createHeavyWork, type HeavyWork } from './worker/heavyWork';
import { createFileLogger, type Logger } from './log/logger';
import { createFileService, type FileService } from './files/fileService';
import { createImagePool, type ImagePool } from './files/imagePool';

export interface CoreOptions {
  /** Folder holding motcua.sqlite (and later backups, print spool). */
  dataDir: string;
  clock?: Clock;
  authPolicy?: Partial<AuthPolicy>;
  /** Tests: a counting or slow password hasher, a hash pool, the per-account delay. */
  authDeps?: Omit<AuthDeps, 'setupCodes'>;
  /** Seed the demo site, counters and accounts (idempotent). */
  demo?: boolean;
  /** Pushing to the province (docs/sync.md): `--upstream`, push timing. */
  sync?: SyncOptions;
  /** Backups (docs/backup.md): checkpoint/backup interval; `autoBackup: false`: no daily backup. */
  maintenance?: { intervalMs?: number; autoBackup?: boolean };
  /**
   * Folders the HTTP server serves (the screens, voice clips): the backup folder may never be
   * inside one — refused when set, and the core refuses to start while it is (docs/backup.md).
   */
  servedDirs?: readonly string[];
  /** The field logger; default: daily JSON-lines files in `<dataDir>/logs/` (closed by close()). */
  logger?: Logger;
  /** Tests and benchmarks: the image worker pool (default: one worker per spare core, ≤ 2). */
  imagePool?: ImagePool;
  /**
   * The public address for this run (`--public-url`), over the admin setting; default
   * MOTCUA_PUBLIC_URL. An invalid value stops the start (docs/queue.md, "Public address").
   */
  publicUrl?: string | null;
  /** The scanner folder's watcher (tests: a short stability wait). */
  scanFolder?: ScanFolderOptions;
  /**
   * Heavy reads (long reports, exports, a backup's integrity_check, catalogue workbooks) run
   * in a worker thread (default) or, `inline`, in the serving thread (docs/architecture.md).
   */
  heavyWork?: 'worker' | 'inline';
}

export interface Core {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly db: Db;
  readonly version: string;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly auth: ReturnType<typeof createAuthService>;
  readonly dispatcher: Dispatcher;
  readonly print: PrintService;
  readonly sync: SyncService;
  readonly maintenance: Maintenance;
  /** Structured field logs (src/core/log/logger.ts): never personal data, tokens or passwords. */
  readonly log: Logger;
  readonly devices: DeviceService;
  /** Where printed QRs point (src/core/settings/publicAddress.ts). */
  readonly publicAddress: PublicAddress;
  /** Files of dossiers (docs/digitisation.md); the hub's upload route calls it. */
  readonly files: FileService;
  /** The scanner's "scan to folder" tray (src/core/files/scanFolder.ts). */
  readonly scanFolder: ScanFolder;
  /** The heavy-work thread (src/core/worker/heavyWork.ts). */
  readonly heavy: HeavyWork;
  /** Stop background work (print retries), then checkpoint and close the database. */
  close(): Promise<void>;
}

/**
 * The Electron-free core: opens the database, migrates it, wires services and the
 * dispatcher. Used by the Electron main process, the hub and the tests alike.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const runPublicValue = options.publicUrl ?? process.env['MOTCUA_PUBLIC_URL'] ?? '';
  const runPublicUrl = runPublicValue === '' ? null : parsePublicUrl(runPublicValue);
  const dbFile = path.join(options.dataDir, DB_FILE_NAME);
  let log: Logger;
  let logFile: DailyFileStream | null = null;
  if (options.logger) log = options.logger;
  else ({ log, stream: logFile } = createFileLogger(options.dataDir, clock));
  let db: Db;
  try {
    db = openDatabase(dbFile);
  } catch (e) {
    log.error({ err: e }, 'database could not be opened');
    logFile?.close();
    throw e;
  }
  const warn = (area: string) => (msg: string) => log.warn({ area }, msg);
  try {
    assertBackupFolderNotServed(db, options.dataDir, options.servedDirs ?? []);
    makeTreePrivate(path.join(options.dataDir, 'logs')); // files 0600, folder 0700
    // check, guard, backup, migrate
    const startup = await prepareDatabase(db, options.dataDir, clock, warn('database'));
    getSite(db, clock.now()); // gives a new installation its permanent site id
    const auth = createAuthService(
      db,
      clock,
      { ...DEFAULT_AUTH_POLICY, ...options.authPolicy },
      { ...options.authDeps, setupCodes: createSetupCodeStore(options.dataDir) },
    );
    const events = new EventBus();
    const heavy = createHeavyWork({ inline: options.heavyWork === 'inline' });
    // Backups are copied and checked in the heavy-work thread (docs/performance.md, "No freeze").
    const makeCopy: CopyMaker = async (source, file) => {
      const dbPath = heavy.dbPath(source);
      return dbPath
        ? heavy.run({ op: 'backupCopy', file, source: dbPath })
        : copyHere(source, file);
    };
    if (options.demo) await seedDemo(db, auth, clock);
    // No administrator yet: a one-time setup code in <data-dir>/setup-code.txt (the hub's
    // terminal prints it via `auth.setupCode()`); an administrator: any old code file removed.
    auth.prepareSetupCode();
    const print = createPrintService(db, clock, events);
    const sync = createSyncService(db, clock, options.sync, warn('sync'));
    const maintenance = createMaintenance(
      db,
      options.dataDir,
      clock,
      startup,
      { ...options.maintenance, servedDirs: options.servedDirs ?? [], makeCopy },
      warn('backup'),
    );
    const devices = createDeviceService(db, clock);
    const publicAddress = createPublicAddress(db, runPublicUrl);
    const imagePool = options.imagePool ?? createImagePool();
    const files = createFileService({
      db,
      clock,
      dataDir: options.dataDir,
      pool: imagePool,
      events,
      publicAddress,
      // The province's counts follow each attachment (docs/sync.md, "Digitisation").
      onAttached: (dossierId, at) => outboxDossierAttachment(db, dossierId, at),
    });
    // Before any upload: files a crash left without a row go aside (docs/digitisation.md).
    const swept = files.sweepStore();
    if (swept.moved.length > 0 || swept.removedTemporary > 0) {
      log.warn({ area: 'files', ...swept }, 'unreferenced stored files moved aside');
    }
    const scanFolder = createScanFolder(
      db,
      options.dataDir,
      clock,
      events,
      warn('scanFolder'),
      options.scanFolder,
    );
    const deps = {
      ...{ db, clock, auth, events, print, sync, maintenance, devices, publicAddress },
      files,
      scanFolder,
      heavy,
    };
    const handlers = createHandlers({ ...deps, version: APP_VERSION });
    const dispatcher = createDispatcher(handlers, auth, devices, (msg, err) =>
      log.error({ area: 'dispatch', err }, msg),
    );
    print.start();
    sync.start();
    maintenance.start();
    void scanFolder.start();
    log.info({ version: APP_VERSION }, 'core started');
    return {
      dataDir: options.dataDir,
      dbFile,
      db,
      version: APP_VERSION,
      clock,
      events,
      auth,
      dispatcher,
      print,
      sync,
      maintenance,
      log,
      devices,
      publicAddress,
      files,
      scanFolder,
      heavy,
      close: async () => {
        await Promise.all([sync.stop(), maintenance.stop(), imagePool.close(), scanFolder.stop()]);
        await print.stop();
        await heavy.close();
        closeDatabase(db);
        writeCleanShutdownMarker(options.dataDir, clock.now());
        log.info('core stopped');
        logFile?.close();
      },
    };
  } catch (e) {
    log.error({ err: e }, 'core failed to start');
    closeDatabase(db);
    logFile?.close();
    throw e;
  }
}
