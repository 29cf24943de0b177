import { ulid } from '../../shared/ids';
import { vnDate } from '../../shared/time/vnTime';
import type { Db } from '../db/connection';
import { outboxTicketOutcome } from '../sync/producers';
import { queueRepo, type TicketRow } from './queueRepo';

/**
 * The day rollover: tickets left open from a previous Vietnam day are closed as 'abandoned'
 * (lazily, on the first queue operation of a new day, docs/queue.md). No-shows keep their
 * outcome. Each closed ticket's outcome goes to the province's outbox in the same transaction
 * (docs/sync.md). Returns the function the queue calls before each operation; it remembers
 * the day it last closed, so the rest of the day costs one comparison.
 */
export function createDayRollover(db: Db): (now: Date) => void {
  const repo = queueRepo(db);
  let closedThrough: string | null = null;
  return function closePreviousDays(now: Date): void {
    const today = vnDate(now);
    if (closedThrough === today) return;
    db.transaction(() => {
      const iso = now.toISOString();
      for (const id of repo.closeOld(iso, today)) {
        repo.insertEvent(ulid(now.getTime()), id, iso, 'abandoned', null, null, null);
        outboxTicketOutcome(db, repo.ticket(id) as TicketRow, now);
      }
      repo.clearOldCurrent(today);
    }).immediate();
    closedThrough = today;
  };
}
