import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { getSite } from '../settings/site';
import { readSiteKey, readUpstream } from './config';
import { pendingCount } from './outbox';
import { createPushWorker, readSyncState, type PushTiming } from './pushWorker';

export type HubRole = 'site' | 'province';

export interface SyncOptions {
  /** 'province': this hub receives batches from sites (`--role province`). Default 'site'. */
  role?: HubRole;
  /** `--upstream URL`: overrides the stored setting while this process runs. */
  upstream?: string | null;
  pushTiming?: Partial<PushTiming>;
}

export type SyncService = ReturnType<typeof createSyncService>;

/** The site side of sync (push worker + status) and this hub's role. */
export function createSyncService(db: Db, clock: Clock, options: SyncOptions = {}) {
  const role: HubRole = options.role ?? 'site';
  const upstreamOverride = options.upstream ?? null;
  const upstream = () => (role === 'site' ? (upstreamOverride ?? readUpstream(db)) : null);
  const worker = createPushWorker(
    db,
    clock,
    {
      siteId: () => getSite(db, clock.now()).siteId,
      upstream,
      siteKey: () => readSiteKey(db),
    },
    { timing: options.pushTiming ?? {}, log: (m) => console.error(m) },
  );
  return {
    role,
    upstream,
    upstreamFromCommandLine: upstreamOverride !== null,
    worker,
    status() {
      const st = readSyncState(db);
      return { pending: pendingCount(db), lastSentAt: st.last_sent_at, lastError: st.last_error };
    },
    start(): void {
      if (role === 'site') worker.start();
    },
    stop: () => worker.stop(),
  };
}
