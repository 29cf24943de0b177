import { SYNC_BATCHES_PATH, syncAckSchema, type SyncEvent } from '../../shared/contract/sync';
import { ulid } from '../../shared/ids';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { listRange, listUnsent } from './outbox';
import { batchHeaders } from './signing';

export interface PushTiming {
  /** Events per batch (≤ 500). */
  batchSize: number;
  /** How often to look for new changes when the outbox is empty or sync is off. */
  pollMs: number;
  /** A request without an answer within this time counts as failed. */
  timeoutMs: number;
  /** Retry delay: base · 2^(attempts−1), capped, with jitter (50–100 %). */
  baseMs: number;
  maxDelayMs: number;
}

export const DEFAULT_PUSH_TIMING: PushTiming = {
  batchSize: 200,
  pollMs: 5_000,
  timeoutMs: 20_000,
  baseMs: 2_000,
  maxDelayMs: 10 * 60_000,
};

/** Exponential backoff with "equal jitter": never zero, never more than the cap. */
export function backoffMs(
  attempts: number,
  timing: Pick<PushTiming, 'baseMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const raw = Math.min(timing.maxDelayMs, timing.baseMs * 2 ** Math.min(30, attempts - 1));
  return Math.round(raw / 2 + (raw / 2) * random());
}

interface StateRow {
  inflight_batch_id: string | null;
  inflight_from_seq: number | null;
  inflight_to_seq: number | null;
  attempts: number;
  next_attempt_at: string | null;
  last_sent_at: string | null;
  last_error: string | null;
}

export function readSyncState(db: Db): StateRow {
  return db
    .prepare(
      `SELECT inflight_batch_id, inflight_from_seq, inflight_to_seq, attempts, next_attempt_at,
              last_sent_at, last_error FROM sync_state WHERE id = 1`,
    )
    .get() as StateRow;
}

export interface PushSource {
  siteId(): string;
  upstream(): string | null;
  siteKey(): string | null;
}

export type PushWorker = ReturnType<typeof createPushWorker>;

/**
 * Sends the outbox upstream, in seq order, in batches. The batch in flight (id + seq range) is
 * written to `sync_state` BEFORE it is sent, so after a crash the very same batch (same id,
 * same events) is sent again; rows are marked sent only in the transaction that handles the
 * acknowledgement. Failures wait with exponential backoff + jitter (persisted, so a restart
 * does not hammer a sick receiver). One request at a time.
 */
export function createPushWorker(
  db: Db,
  clock: Clock,
  source: PushSource,
  options: {
    timing?: Partial<PushTiming>;
    fetch?: typeof fetch;
    log?: (msg: string) => void;
    onChange?: () => void;
  } = {},
) {
  const timing = { ...DEFAULT_PUSH_TIMING, ...options.timing };
  const doFetch = options.fetch ?? fetch;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let controller: AbortController | null = null;

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = null;
        void runOnce();
      },
      Math.max(0, ms),
    );
    timer.unref();
  }

  function fail(message: string): void {
    const now = clock.now();
    const st = readSyncState(db);
    const attempts = st.attempts + 1;
    const delay = backoffMs(attempts, timing);
    db.prepare(
      `UPDATE sync_state SET attempts = ?, next_attempt_at = ?, last_error = ?, last_error_at = ?
       WHERE id = 1`,
    ).run(attempts, new Date(now.getTime() + delay).toISOString(), message, now.toISOString());
    options.onChange?.();
    schedule(delay);
  }

  /** The batch to send: the one in flight (after a crash or a failure), else the next one. */
  function currentBatch(): { batchId: string; events: SyncEvent[] } | null {
    const st = readSyncState(db);
    if (
      st.inflight_batch_id !== null &&
      st.inflight_from_seq !== null &&
      st.inflight_to_seq !== null
    ) {
      const events = listRange(db, st.inflight_from_seq, st.inflight_to_seq);
      if (events.length > 0) return { batchId: st.inflight_batch_id, events };
      db.prepare(
        `UPDATE sync_state SET inflight_batch_id = NULL, inflight_from_seq = NULL,
           inflight_to_seq = NULL WHERE id = 1`,
      ).run();
    }
    const events = listUnsent(db, Math.min(500, timing.batchSize));
    if (events.length === 0) return null;
    const batchId = ulid(clock.now().getTime());
    db.prepare(
      `UPDATE sync_state SET inflight_batch_id = ?, inflight_from_seq = ?, inflight_to_seq = ?
       WHERE id = 1`,
    ).run(batchId, (events[0] as SyncEvent).seq, (events[events.length - 1] as SyncEvent).seq);
    return { batchId, events };
  }

  function acknowledge(batchId: string, events: SyncEvent[]): void {
    const now = clock.now().toISOString();
    db.transaction(() => {
      db.prepare(
        `UPDATE sync_outbox SET sent_at = ?, batch_id = ?
         WHERE seq BETWEEN ? AND ? AND sent_at IS NULL`,
      ).run(
        now,
        batchId,
        (events[0] as SyncEvent).seq,
        (events[events.length - 1] as SyncEvent).seq,
      );
      db.prepare(
        `UPDATE sync_state SET inflight_batch_id = NULL, inflight_from_seq = NULL,
           inflight_to_seq = NULL, attempts = 0, next_attempt_at = NULL, last_sent_at = ?,
           last_error = NULL, last_error_at = NULL WHERE id = 1`,
      ).run(now);
    })();
    options.onChange?.();
  }

  /** The receiver lost events we had marked sent (it restored a backup): send them again. */
  function rewind(expectedSeq: number): void {
    db.transaction(() => {
      db.prepare('UPDATE sync_outbox SET sent_at = NULL, batch_id = NULL WHERE seq >= ?').run(
        expectedSeq,
      );
      db.prepare(
        `UPDATE sync_state SET inflight_batch_id = NULL, inflight_from_seq = NULL,
           inflight_to_seq = NULL WHERE id = 1`,
      ).run();
    })();
  }

  async function cycle(): Promise<void> {
    const upstream = source.upstream();
    const key = source.siteKey();
    if (!upstream || !key) return schedule(timing.pollMs);
    const st = readSyncState(db);
    if (st.next_attempt_at) {
      const wait = new Date(st.next_attempt_at).getTime() - clock.now().getTime();
      if (wait > 0) return schedule(Math.min(wait, timing.maxDelayMs));
    }
    const batch = currentBatch();
    if (!batch) return schedule(timing.pollMs);
    const siteId = source.siteId();
    const body = JSON.stringify({ siteId, batchId: batch.batchId, events: batch.events });
    controller = new AbortController();
    const timeout = setTimeout(() => controller?.abort(), timing.timeoutMs);
    let status: number;
    let text: string;
    try {
      const res = await doFetch(`${upstream.replace(/\/+$/, '')}${SYNC_BATCHES_PATH}`, {
        method: 'POST',
        headers: batchHeaders({ siteId, key }, batch.batchId, body),
        body,
        signal: controller.signal,
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      if (stopped) return;
      const reason = controller.signal.aborted
        ? `hết thời gian chờ ${timing.timeoutMs} ms`
        : e instanceof Error
          ? e.cause instanceof Error
            ? e.cause.message
            : e.message
          : String(e);
      return fail(`Không kết nối được máy chủ tỉnh: ${reason}`);
    } finally {
      clearTimeout(timeout);
      controller = null;
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    if (status === 200) {
      const ack = syncAckSchema.safeParse(json);
      if (ack.success && ack.data.batchId === batch.batchId) {
        acknowledge(batch.batchId, batch.events);
        return schedule(0); // drain the rest at once
      }
      return fail('Máy chủ tỉnh trả lời không đúng định dạng xác nhận.');
    }
    const error = (json as { error?: { message?: unknown; details?: unknown } } | null)?.error;
    const message = typeof error?.message === 'string' ? error.message : text.slice(0, 200);
    const expected = (error?.details as { expectedSeq?: unknown } | undefined)?.expectedSeq;
    if (
      status === 409 &&
      typeof expected === 'number' &&
      expected < (batch.events[0] as SyncEvent).seq
    ) {
      rewind(expected);
    }
    return fail(`Máy chủ tỉnh trả lời ${status}: ${message}`);
  }

  function runOnce(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) return running;
    running = cycle()
      .catch((e: unknown) => {
        options.log?.(`[motcua] sync push failed: ${String(e)}`);
        if (!stopped) schedule(timing.pollMs);
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /** Look at the outbox now (e.g. after a setting changed). */
    kick(): void {
      schedule(0);
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      controller?.abort();
      await running;
    },
  };
}
