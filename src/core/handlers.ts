import { APP_EVENTS, AppError, operationList, type PublicUser } from '../shared/contract';
import { buildOpenApi } from '../shared/contract/openapi';
import { listAudit } from './audit/auditLog';
import { recordAudit } from './audit/auditLog';
import type { CallContext } from './context';
import { listCounters } from './counters/countersRepo';
import { schemaVersion } from './db/migrate';
import type { HandlerDeps, Handlers } from './handlerTypes';
import { createPrintingHandlers } from './printing/jobs/handlers';
import { createQueueHandlers } from './queue/handlers';
import { createKioskHandlers } from './kiosk/handlers';
import { createRatingHandlers } from './ratings/handlers';
import { calendarHandlers } from './calendar/handlers';
import { catalogHandlers } from './catalog/handlers';
import { dossierHandlers } from './dossiers/handlers';
import { reportHandlers } from './reports/handlers';
import { getSite, updateSite } from './settings/site';
import { createBackupHandlers } from './backup/handlers';
import { createSyncHandlers } from './sync/handlers';
import { createDeviceHandlers } from './devices/handlers';
import { readBankAccount, saveBankAccount, vietQrBanks } from './settings/bankAccount';
import { savePublicAddress, type PublicAddress } from './settings/publicAddress';
import { createFileHandlers } from './files/handlers';
import { createScanFolderHandlers } from './files/scanFolderHandlers';

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
    'bankAccount.get': () => ({ account: readBankAccount(db), banks: vietQrBanks() }),
    'bankAccount.update': (input, ctx) => {
      const now = clock.now();
      const account = db.transaction(() => {
        const saved = saveBankAccount(db, input.account, now);
        recordAudit(
          db,
          {
            actor: requireUser(ctx),
            action: 'bankAccount.update',
            entity: 'settings',
            details: input,
          },
          now,
        );
        return saved;
      })();
      return { account };
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
    ...createFileHandlers(deps.files),
    ...createScanFolderHandlers(deps),
  };
}
