import type { HubRole } from '../../shared/contract/sync';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { getSite } from '../settings/site';
import { readSiteKey, readSyncEnabled, readUpstream } from './config';
import { pendingCount } from './outbox';
import { createPushWorker, readSyncState, type PushTiming } from './pushWorker';

export type { HubRole };

export interface SyncOptions {
  /** 'province': this hub receives batches from sites (`--role province`). Default 'site'. */
  role?: HubRole;
  /** `--upstream URL`: overrides the stored setting while this process runs. */
  upstream?: string | null;
  pushTiming?: Partial<PushTiming>;
}

export type SyncService = ReturnType<typeof createSyncService>;

/** The site side of sync (push worker + status) and this hub's role. */
export function createSyncService(
  db: Db,
  clock: Clock,
  options: SyncOptions = {},
  log: (msg: string) => void = (m) => console.error(m),
) {
  const role: HubRole = options.role ?? 'site';
  const upstreamOverride = options.upstream ?? null;
  /** Where to push now: `--upstream` wins; else the setting, unless the admin switched it off. */
  const upstream = () => {
    if (role !== 'site') return null;
    if (upstreamOverride !== null) return upstreamOverride;
    return readSyncEnabled(db) ? readUpstream(db) : null;
  };
  const worker = createPushWorker(
    db,
    clock,
    {
      siteId: () => getSite(db, clock.now()).siteId,
      upstream,
      siteKey: () => readSiteKey(db),
    },
    { timing: options.pushTiming ?? {}, log },
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
