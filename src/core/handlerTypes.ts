// The shapes every operation handler shares. They live apart from handlers.ts (which
// assembles the handlers of every module) so that a module's handlers can name them
// without importing the assembly that imports the module back.
import type { OpName, OutputOf, ParsedInputOf } from '../shared/contract';
import type { AuthService } from './auth/authService';
import type { Maintenance } from './backup/maintenance';
import type { Clock } from './clock';
import type { CallContext } from './context';
import type { Db } from './db/connection';
import type { DeviceService } from './devices/deviceService';
import type { EventBus } from './events/eventBus';
import type { FileService } from './files/fileService';
import type { ScanFolder } from './files/scanFolder';
import type { PrintService } from './printing/jobs/printService';
import type { PublicAddress } from './settings/publicAddress';
import type { SyncService } from './sync/syncService';
import type { HeavyWork } from './worker/heavyWork';

export type Handler<N extends OpName> = (
  input: ParsedInputOf<N>,
  ctx: CallContext,
) => OutputOf<N> | null | Promise<OutputOf<N> | null>;

/** One handler per contract operation; the type makes a missing handler a compile error. */
export type Handlers = { [N in OpName]: Handler<N> };

export interface HandlerDeps {
  db: Db;
  clock: Clock;
  auth: AuthService;
  events: EventBus;
  print: PrintService;
  version: string;
  sync: SyncService; // pushes dossier events to the province (docs/sync.md)
  maintenance: Maintenance; // startup check, checkpoints, backups (docs/backup.md)
  devices: DeviceService; // paired kiosks, rating tablets, boards (docs/security.md)
  publicAddress: PublicAddress; // where printed QRs point (docs/queue.md, "Public address")
  files: FileService; // files of dossiers (docs/digitisation.md)
  scanFolder: ScanFolder; // the scanner's folder tray (docs/digitisation.md)
  heavy: HeavyWork; // heavy reads off the serving thread (src/core/worker)
}
