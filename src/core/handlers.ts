import {
  APP_EVENTS,
  AppError,
  operationList,
  type OpName,
  type OutputOf,
  type ParsedInputOf,
  type PublicUser,
} from '../shared/contract';
import { buildOpenApi } from '../shared/contract/openapi';
import { listAudit } from './audit/auditLog';
import { recordAudit } from './audit/auditLog';
import type { AuthService } from './auth/authService';
import type { Clock } from './clock';
import type { CallContext } from './context';
import { listCounters } from './counters/countersRepo';
import { schemaVersion } from './db/migrate';
import type { Db } from './db/connection';
import type { EventBus } from './events/eventBus';
import type { HeavyWork } from './worker/heavyWork';
import { createPrintingHandlers } from './printing/jobs/handlers';
import { createQueueHandlers } from './queue/handlers';
import { createKioskHandlers } from './kiosk/handlers';
import { createRatingHandlers } from './ratings/handlers';
import { calendarHandlers } from './calendar/handlers';
import { catalogHandlers } from './catalog/handlers';
import { dossierHandlers } from './dossiers/handlers';
import { reportHandlers } from './reports/handlers';
import type { PrintService } from './printing/jobs/printService';
import { getSite, updateSite } from './settings/site';
import type { Maintenance } from './backup/maintenance';
import { createBackupHandlers } from './backup/handlers';
import { createSyncHandlers } from './sync/handlers';
import { createDeviceHandlers } from './devices/handlers';
import type { DeviceService } from './devices/deviceService';
import type { SyncService } from './sync/syncService';
import { savePublicAddress, type PublicAddress } from './settings/publicAddress';

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
  sync: SyncService; // issue 8
  maintenance: Maintenance; // issue 8: startup check, checkpoints, backups
  devices: DeviceService; // paired kiosks, rating tablets, boards (docs/security.md)
  publicAddress: PublicAddress; // where printed QRs point (docs/queue.md, "Public address")
  heavy: HeavyWork; // heavy reads off the serving thread (src/core/worker)
}

function publicAddressView(p: PublicAddress) {
  return { url: p.setting(), runOverride: p.runOverride, effective: p.configured() };
}

function requireUser(ctx: CallContext): PublicUser {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, clock, auth, events, version } = deps;
  let openApiCache: Record<string, unknown> | null = null;
  return {
    'system.health': () => ({ status: 'ok', version, schemaVersion: schemaVersion(db) }),
    'system.openapi': () => (openApiCache ??= buildOpenApi(operationList, version)),
    'setup.status': () => ({ needsAdmin: auth.needsAdmin() }),
    'setup.createAdmin': (input, ctx) => auth.createFirstAdmin(input, ctx.via),
    'site.get': () => getSite(db, clock.now()),
    'publicAddress.get': () => publicAddressView(deps.publicAddress),
    'publicAddress.update': (input, ctx) => {
      const now = clock.now();
      db.transaction(() => {
        savePublicAddress(db, input.url, now);
        recordAudit(
          db,
          {
            actor: requireUser(ctx),
            action: 'publicAddress.update',
            entity: 'settings',
            details: input,
          },
          now,
        );
      })();
      return publicAddressView(deps.publicAddress);
    },
    'site.update': (input, ctx) => {
      const now = clock.now();
      const site = db.transaction(() => {
        const updated = updateSite(db, input, now);
        recordAudit(
          db,
          { actor: requireUser(ctx), action: 'site.update', entity: 'site', details: input },
          now,
        );
        return updated;
      })();
      events.publish(APP_EVENTS.siteChanged, undefined, now);
      return site;
    },
    'counters.list': () => listCounters(db),
    'audit.list': (input) => listAudit(db, input),
    'auth.login': (input, ctx) => auth.login(input.username, input.password, ctx.clientKey),
    'auth.logout': (_input, ctx) => {
      if (ctx.tokenHash) auth.logout(ctx.tokenHash, requireUser(ctx));
      return null;
    },
    'auth.me': (_input, ctx) => requireUser(ctx),
    'users.list': () => auth.listUsers(),
    'users.create': (input, ctx) => auth.createUser(input, requireUser(ctx)),
    'users.update': ({ id, ...changes }, ctx) => auth.updateUser(id, changes, requireUser(ctx)),
    ...createPrintingHandlers(deps),
    ...createQueueHandlers(deps),
    ...createRatingHandlers(deps),
    ...createKioskHandlers(deps),
    ...calendarHandlers(deps),
    ...catalogHandlers(deps),
    ...dossierHandlers(deps),
    ...reportHandlers(deps),
    ...createSyncHandlers(deps),
    ...createBackupHandlers(deps),
    ...createDeviceHandlers(deps.devices),
  };
}
