import path from 'node:path';
import { createAuthService, DEFAULT_AUTH_POLICY, type AuthPolicy } from './auth/authService';
import { systemClock, type Clock } from './clock';
import { writeCleanShutdownMarker } from './db/cleanShutdown';
import { closeDatabase, DB_FILE_NAME, openDatabase, type Db } from './db/connection';
import { seedDemo } from './demo/seedDemo';
import { createDispatcher, type Dispatcher } from './dispatch';
import { createDeviceService, type DeviceService } from './devices/deviceService';
import { EventBus } from './events/eventBus';
import { createHandlers } from './handlers';
import { createPrintService, type PrintService } from './printing/jobs/printService';
import { getSite } from './settings/site';
import { APP_VERSION } from './version';
import { createMaintenance, type Maintenance } from './backup/maintenance';
import { prepareDatabase } from './sync/coreSetup';
import { createSyncService, type SyncOptions, type SyncService } from './sync/syncService';

export interface CoreOptions {
  /** Folder holding motcua.sqlite (and later backups, print spool). */
  dataDir: string;
  clock?: Clock;
  authPolicy?: Partial<AuthPolicy>;
  /** Seed the demo site, counters and accounts (idempotent). */
  demo?: boolean;
  /** Issue 8: hub role (site / province), `--upstream`, push timing. */
  sync?: SyncOptions;
  /** Issue 8: checkpoint/backup interval; `autoBackup: false` skips the daily backup. */
  maintenance?: { intervalMs?: number; autoBackup?: boolean };
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
  readonly devices: DeviceService;
  /** Stop background work (print retries), then checkpoint and close the database. */
  close(): Promise<void>;
}

/**
 * The Electron-free core: opens the database, migrates it, wires services and the
 * dispatcher. Used by the Electron main process, the hub and the tests alike.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const dbFile = path.join(options.dataDir, DB_FILE_NAME);
  const db = openDatabase(dbFile);
  try {
    const startup = await prepareDatabase(db, options.dataDir, clock); // check, guard, backup, migrate
    getSite(db, clock.now()); // gives a new installation its permanent site id
    const auth = createAuthService(db, clock, { ...DEFAULT_AUTH_POLICY, ...options.authPolicy });
    const events = new EventBus();
    if (options.demo) await seedDemo(db, auth, clock);
    const print = createPrintService(db, clock, events);
    const sync = createSyncService(db, clock, options.sync);
    const maintenance = createMaintenance(db, options.dataDir, clock, startup, options.maintenance);
    const devices = createDeviceService(db, clock);
    const deps = { db, clock, auth, events, print, sync, maintenance, devices };
    const handlers = createHandlers({ ...deps, version: APP_VERSION });
    const dispatcher = createDispatcher(handlers, auth, devices);
    print.start();
    sync.start();
    maintenance.start();
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
      devices,
      close: async () => {
        await Promise.all([sync.stop(), maintenance.stop()]);
        await print.stop();
        closeDatabase(db);
        writeCleanShutdownMarker(options.dataDir, clock.now());
      },
    };
  } catch (e) {
    closeDatabase(db);
    throw e;
  }
}
