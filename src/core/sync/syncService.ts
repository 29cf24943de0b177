import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { getSite } from '../settings/site';
import { readSiteKey, readSyncEnabled, readUpstream } from './config';
import { pendingCount } from './outbox';
import { createPushWorker, readSyncState, type PushTiming } from './pushWorker';

export interface SyncOptions {
  /** `--upstream URL`: overrides the stored setting while this process runs. */
  upstream?: string | null;
  pushTiming?: Partial<PushTiming>;
}

export type SyncService = ReturnType<typeof createSyncService>;

/**
 * The site side of sync: the push worker and its status. The receiving side is the province
 * service (src/province, docs/province.md), not a hub.
 */
export function createSyncService(
  db: Db,
  clock: Clock,
  options: SyncOptions = {},
  log: (msg: string) => void = (m) => console.error(m),
) {
  const upstreamOverride = options.upstream ?? null;
  /** Where to push now: `--upstream` wins; else the setting, unless the admin switched it off. */
  const upstream = () => {
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
    upstream,
    upstreamFromCommandLine: upstreamOverride !== null,
    worker,
    status() {
      const st = readSyncState(db);
      return { pending: pendingCount(db), lastSentAt: st.last_sent_at, lastError: st.last_error };
    },
    start(): void {
      worker.start();
    },
    stop: () => worker.stop(),
  };
}
