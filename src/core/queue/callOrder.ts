/**
 * The fair-ordering rule of the queue, as pure functions (no database, no clock): the same
 * inputs always give the same choice, so the rule can be tested exhaustively and explained
 * on the board. docs/queue.md states it in words.
 *
 * 1. A counter may call a waiting ticket of a service it serves, or one transferred to it.
 * 2. Regular tickets are served first come, first served (by queue time: the issue time,
 *    kept when a ticket is transferred; see `reactivatedQueueKey` for a reactivated no-show).
 * 3. When both kinds wait, one priority ticket is called after every `regularPerPriority`
 *    regular tickets called by this counter (default 2).
 * 4. Maximum-wait override: if the oldest regular ticket has waited at least its service
 *    target and longer than the oldest priority ticket, it is called first.
 * 5. A priority counter calls waiting priority tickets first, always.
 */

export interface Candidate {
  id: string;
  serviceId: string;
  /** True for a priority category (elderly, disability, pregnant, child, merit). */
  priority: boolean;
  /** Queue time in ms × 1000 (room to slot a reactivated ticket between two others). */
  queueKey: number;
  /** A ticket transferred to one counter is only called by that counter. */
  targetCounterId: string | null;
  /** Service-level target of the ticket's service, in minutes (max-wait override). */
  targetMinutes: number;
}

export interface CounterInfo {
  id: string;
  priority: boolean;
  serviceIds: readonly string[];
}

export interface OrderSettings {
  regularPerPriority: number;
  maxWaitOverride: boolean;
}

export type CallReason =
  'fifo' | 'only-priority' | 'ratio' | 'max-wait' | 'priority-counter' | 'transferred-here';

export interface CallDecision {
  ticketId: string;
  priority: boolean;
  reason: CallReason;
}

export const KEY_PER_MS = 1000;

export const queueKeyOf = (ms: number): number => ms * KEY_PER_MS;

/** Queue order: queue key, then id (ULIDs sort by creation). */
export function byQueueOrder(a: Candidate, b: Candidate): number {
  return a.queueKey - b.queueKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function isEligible(c: Candidate, counter: CounterInfo): boolean {
  if (c.targetCounterId !== null) return c.targetCounterId === counter.id;
  return counter.serviceIds.includes(c.serviceId);
}

/** Minutes a ticket has waited since its queue time. */
export function waitedMinutes(c: Candidate, nowMs: number): number {
  return (nowMs - c.queueKey / KEY_PER_MS) / 60_000;
}

/**
 * Which ticket this counter calls next, or null when nobody it may call waits.
 * `regularStreak` = regular tickets this counter called in a row since its last priority call.
 */
export function chooseNext(
  waiting: readonly Candidate[],
  counter: CounterInfo,
  regularStreak: number,
  settings: OrderSettings,
  nowMs: number,
): CallDecision | null {
  const mine = waiting.filter((c) => isEligible(c, counter)).sort(byQueueOrder);
  const regular = mine.filter((c) => !c.priority);
  const priority = mine.filter((c) => c.priority);
  const r = regular[0];
  const p = priority[0];
  const pick = (c: Candidate, reason: CallReason): CallDecision => ({
    ticketId: c.id,
    priority: c.priority,
    reason: c.targetCounterId === counter.id && reason === 'fifo' ? 'transferred-here' : reason,
  });
  if (!r && !p) return null;
  if (!p) return pick(r as Candidate, 'fifo');
  if (!r) return pick(p, 'only-priority');
  if (counter.priority) return pick(p, 'priority-counter');
  if (
    settings.maxWaitOverride &&
    waitedMinutes(r, nowMs) >= r.targetMinutes &&
    byQueueOrder(r, p) < 0
  ) {
    return pick(r, 'max-wait');
  }
  if (regularStreak >= settings.regularPerPriority) return pick(p, 'ratio');
  return pick(r, 'fifo');
}

/** The streak after a call: a priority call resets it, a regular call adds one. */
export function nextStreak(streak: number, calledPriority: boolean): number {
  return calledPriority ? 0 : streak + 1;
}

/**
 * The order in which this counter alone would call everyone now waiting (used for "people
 * ahead" and in tests). Time does not advance during the simulation.
 */
export function simulateOrder(
  waiting: readonly Candidate[],
  counter: CounterInfo,
  regularStreak: number,
  settings: OrderSettings,
  nowMs: number,
): CallDecision[] {
  const left = [...waiting];
  const out: CallDecision[] = [];
  let streak = regularStreak;
  for (;;) {
    const d = chooseNext(left, counter, streak, settings, nowMs);
    if (!d) return out;
    out.push(d);
    streak = nextStreak(streak, d.priority);
    left.splice(
      left.findIndex((c) => c.id === d.ticketId),
      1,
    );
  }
}

export type ReactivatePosition = 'end' | 'original' | 'after';

/**
 * The queue key of a no-show that is reactivated:
 * - 'original': its original place (ahead of everyone issued after it);
 * - 'end': the back of the line, as if issued now;
 * - 'after' (default): behind the next `after` tickets waiting for its service, so the
 *   citizen who stepped out does not lose the whole wait and those present are not skipped.
 * `waitingKeys` are the queue keys of the tickets waiting for the same service.
 */
export function reactivatedQueueKey(
  position: ReactivatePosition,
  after: number,
  originalKey: number,
  nowMs: number,
  waitingKeys: readonly number[],
): number {
  const endKey = Math.max(queueKeyOf(nowMs), ...waitingKeys.map((k) => k + 1));
  if (position === 'original') return originalKey;
  if (position === 'end') return endKey;
  const sorted = [...waitingKeys].sort((a, b) => a - b);
  if (sorted.length <= after) return endKey;
  const before = sorted[after - 1] as number;
  const next = sorted[after] as number;
  // Slot between the N-th and the (N+1)-th; keys are µs-grained so there is nearly always room.
  return Math.min(before + 1, next);
}
