/**
 * Handlers of the sync / watchdog operations (docs/sync.md); spread into createHandlers.
 */
import { AppError, type PublicUser } from '../../shared/contract';
import type { Watchdog } from '../../shared/contract/sync';
import { recordAudit } from '../audit/auditLog';
import type { Maintenance } from '../backup/maintenance';
import type { HandlerDeps, Handler } from '../handlerTypes';
import type { PrintService } from '../printing/jobs/printService';
import { getSite } from '../settings/site';
import {
  readSiteKey,
  readSyncEnabled,
  readUpstream,
  writeSiteKey,
  writeSyncEnabled,
  writeUpstream,
} from './config';
import type { SyncService } from './syncService';
import { buildSyncFile, eventCount, syncFileName } from './usbExport';

type SyncOps =
  'sync.status' | 'sync.config.get' | 'sync.config.set' | 'sync.export' | 'system.watchdog';

const HEALTHY_PRINTER = new Set(['ok', 'none', 'unknown', 'paper_near_end']);

function actor(user: PublicUser | null): PublicUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

export function createSyncHandlers(
  deps: Pick<HandlerDeps, 'db' | 'clock'> & {
    sync: SyncService;
    maintenance: Maintenance;
    print: Pick<PrintService, 'printerStatus'>;
  },
): { [N in SyncOps]: Handler<N> } {
  const { db, clock, sync, maintenance, print } = deps;
  return {
    'sync.status': () => sync.status(),
    'sync.config.get': () => ({
      siteId: getSite(db, clock.now()).siteId,
      upstreamUrl: sync.upstream() ?? readUpstream(db),
      upstreamFromCommandLine: sync.upstreamFromCommandLine,
      hasSiteKey: readSiteKey(db) !== null,
      enabled: readSyncEnabled(db),
    }),
    'sync.config.set': (input, ctx) => {
      const now = clock.now();
      db.transaction(() => {
        writeUpstream(db, input.upstreamUrl, now);
        if (input.siteKey) writeSiteKey(db, input.siteKey, now);
        if (input.enabled !== undefined) writeSyncEnabled(db, input.enabled, now);
        recordAudit(
          db,
          {
            actor: actor(ctx.user),
            action: 'sync.config',
            entity: 'settings',
            // Never the key itself: only that it changed.
            details: {
              upstreamUrl: input.upstreamUrl,
              siteKeyChanged: Boolean(input.siteKey),
              enabled: input.enabled ?? readSyncEnabled(db),
            },
          },
          now,
        );
      })();
      sync.worker.kick();
      return {
        upstreamUrl: input.upstreamUrl,
        hasSiteKey: readSiteKey(db) !== null,
        enabled: readSyncEnabled(db),
      };
    },
    'sync.export': (_input, ctx) => {
      const key = readSiteKey(db);
      if (!key) {
        throw new AppError('CONFLICT', {
          message: {
            vi: 'Chưa có khóa đơn vị do tỉnh cấp: quản trị viên nhập khóa trong mục Đồng bộ.',
            en: 'No site key from the province yet: an administrator enters it under Sync.',
          },
        });
      }
      const now = clock.now();
      const { siteId } = getSite(db, now);
      const file = buildSyncFile(db, siteId, key, now);
      const events = eventCount(file);
      recordAudit(
        db,
        { actor: actor(ctx.user), action: 'sync.export', entity: 'sync', details: { events } },
        now,
      );
      return { fileName: syncFileName(siteId, now), events, file };
    },
    'system.watchdog': async (_input, ctx) => {
      const now = clock.now();
      let dbOk = true;
      let dbDetail: string | null = null;
      try {
        db.prepare('SELECT 1').get();
      } catch (e) {
        dbOk = false;
        dbDetail = String(e);
      }
      const health = maintenance.health();
      const printers = await print.printerStatus(ctx.lang);
      const bad = printers.filter((p) => !HEALTHY_PRINTER.has(p.state) || p.failedJobs > 0);
      const status = sync.status();
      const upstream: Watchdog['upstream'] =
        sync.upstream() === null
          ? { state: 'off', pending: status.pending, detail: null }
          : {
              state: status.lastError ? 'failing' : 'ok',
              pending: status.pending,
              detail: status.lastError,
            };
      const result: Watchdog = {
        ok: false,
        checkedAt: now.toISOString(),
        database: {
          ok: dbOk && health.database.ok,
          detail: dbDetail ?? health.database.detail,
        },
        printer: {
          ok: bad.length === 0,
          detail: bad.length ? bad.map((p) => `${p.name}: ${p.message}`).join('; ') : null,
        },
        upstream,
        backup: health.backup,
      };
      result.ok =
        result.database.ok && result.printer.ok && upstream.state !== 'failing' && result.backup.ok;
      return result;
    },
  };
}
