import { APP_EVENTS, AppError, type AppEvent } from '../../shared/contract';
import {
  RATING_WINDOW_SECONDS,
  type RatingReason,
  type RatingScore,
  type RatingWindow,
} from '../../shared/contract/ratings';
import { ulid } from '../../shared/ids';
import { vnDate } from '../../shared/time/vnTime';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import { appendOutbox } from '../sync/outbox';

interface OpenWindow {
  ticketId: string;
  number: string;
  counterId: string;
  counterNumber: number;
  officerUserId: string | null;
  completedAt: string;
  openedAt: Date;
  expiresAt: Date;
}

export interface RatingInput {
  ticketId?: string | undefined;
  counterId?: string | undefined;
  dossierCode?: string | undefined;
  score: RatingScore;
  reasons?: RatingReason[] | undefined;
}

export interface StoredRating {
  id: string;
  ticketId: string;
  score: RatingScore;
  createdAt: string;
}

const WINDOW_MS = RATING_WINDOW_SECONDS * 1000;

function closed(): AppError {
  return new AppError('CONFLICT', { messageKey: 'rating.err.closed', details: { rule: 'window' } });
}

/**
 * Rating rules (NĐ 118/2025/NĐ-CP Art. 29(3), 33; docs/domain.md, Service quality indicators, Queue
 * practice and priority):
 * - a window opens when an officer completes a ticket at a counter, and closes 30 s later
 *   (one open window per counter: the next completion replaces it);
 * - a rating is accepted only inside an open window, found by ticket, counter or the dossier
 *   linked to the ticket; at most one rating per ticket (the second → 409);
 * - stored against the ticket, counter, officer and dossier, and written to the sync outbox
 *   in the same transaction; the rater stays anonymous (nothing about the caller is kept).
 */
export function createRatingService(deps: { db: Db; clock: Clock; events: EventBus }) {
  const { db, clock, events } = deps;
  const windows = new Map<string, OpenWindow>();

  const q = {
    ticket: db.prepare(
      `SELECT t.id, t.number, t.status, t.counter_id, t.officer_user_id, t.completed_at,
              c.number AS counter_number
       FROM tickets t LEFT JOIN counters c ON c.id = t.counter_id WHERE t.id = ?`,
    ),
    rated: db.prepare('SELECT 1 FROM ratings WHERE ticket_id = ?'),
    dossiersOfTicket: db.prepare(
      'SELECT id, code FROM dossiers WHERE ticket_id = ? ORDER BY received_at DESC, id DESC',
    ),
    dossierByCode: db.prepare('SELECT ticket_id FROM dossiers WHERE code = ?'),
    insert: db.prepare(
      `INSERT INTO ratings (id, ticket_id, ticket_number, business_date, counter_id,
         officer_user_id, dossier_id, dossier_code, score, reasons, completed_at, created_at)
       VALUES (@id, @ticket_id, @ticket_number, @business_date, @counter_id, @officer_user_id,
         @dossier_id, @dossier_code, @score, @reasons, @completed_at, @created_at)`,
    ),
  };

  function prune(now: Date): void {
    for (const [id, w] of windows) if (now >= w.expiresAt) windows.delete(id);
  }

  function view(w: OpenWindow, now: Date): RatingWindow {
    return {
      ticketId: w.ticketId,
      number: w.number,
      counterId: w.counterId,
      counterNumber: w.counterNumber,
      openedAt: w.openedAt.toISOString(),
      expiresAt: w.expiresAt.toISOString(),
      secondsLeft: Math.max(0, Math.ceil((w.expiresAt.getTime() - now.getTime()) / 1000)),
    };
  }

  /** Open the window of a ticket just completed; null when it cannot be rated. */
  function open(ticketId: string): RatingWindow | null {
    const row = q.ticket.get(ticketId) as
      | {
          id: string;
          number: string;
          status: string;
          counter_id: string | null;
          officer_user_id: string | null;
          completed_at: string | null;
          counter_number: number | null;
        }
      | undefined;
    if (!row || row.status !== 'done' || !row.counter_id || !row.completed_at) return null;
    if (q.rated.get(ticketId)) return null;
    const now = clock.now();
    prune(now);
    for (const [id, w] of windows) if (w.counterId === row.counter_id) windows.delete(id);
    const w: OpenWindow = {
      ticketId: row.id,
      number: row.number,
      counterId: row.counter_id,
      counterNumber: row.counter_number ?? 0,
      officerUserId: row.officer_user_id,
      completedAt: row.completed_at,
      openedAt: now,
      expiresAt: new Date(now.getTime() + WINDOW_MS),
    };
    windows.set(w.ticketId, w);
    const v = view(w, now);
    // The public stream says only which counter may rate now; the paired rating tablet asks
    // `ratings.open` (device only) for the ticket it rates (docs/security.md, "Devices").
    const { ticketId: _hidden, ...publicView } = v;
    events.publish(APP_EVENTS.ratingOpen, publicView, now);
    return v;
  }

  function openWindows(counterId?: string): RatingWindow[] {
    const now = clock.now();
    prune(now);
    return [...windows.values()]
      .filter((w) => !counterId || w.counterId === counterId)
      .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime())
      .map((w) => view(w, now));
  }

  function findWindow(input: RatingInput): OpenWindow {
    if (input.ticketId) {
      const w = windows.get(input.ticketId);
      if (!w) throw closed();
      if (input.counterId && w.counterId !== input.counterId) throw closed();
      return w;
    }
    if (input.counterId) {
      const w = [...windows.values()].find((x) => x.counterId === input.counterId);
      if (!w) throw closed();
      return w;
    }
    const code = (input.dossierCode ?? '').trim().toUpperCase();
    const d = q.dossierByCode.get(code) as { ticket_id: string | null } | undefined;
    const w = d?.ticket_id ? windows.get(d.ticket_id) : undefined;
    if (!w) throw closed();
    return w;
  }

  function alreadyRated(): AppError {
    return new AppError('CONFLICT', {
      messageKey: 'rating.err.already',
      details: { rule: 'one-per-ticket' },
    });
  }

  function submit(input: RatingInput): StoredRating {
    const now = clock.now();
    if (input.ticketId && q.rated.get(input.ticketId)) throw alreadyRated();
    prune(now);
    const w = findWindow(input);
    const linked = q.dossiersOfTicket.all(w.ticketId) as { id: string; code: string }[];
    let dossier: { id: string; code: string } | null = linked[0] ?? null;
    if (input.dossierCode) {
      const code = input.dossierCode.trim().toUpperCase();
      dossier = linked.find((d) => d.code.toUpperCase() === code) ?? null;
      if (!dossier) {
        throw new AppError('CONFLICT', {
          messageKey: 'rating.err.dossier',
          details: { rule: 'dossier-of-ticket' },
        });
      }
    }
    const reasons = input.score === 'satisfied' ? [] : [...(input.reasons ?? [])];
    const row = {
      id: ulid(now.getTime()),
      ticket_id: w.ticketId,
      ticket_number: w.number,
      business_date: vnDate(now),
      counter_id: w.counterId,
      officer_user_id: w.officerUserId,
      dossier_id: dossier?.id ?? null,
      dossier_code: dossier?.code ?? null,
      score: input.score,
      reasons: JSON.stringify(reasons),
      completed_at: w.completedAt,
      created_at: now.toISOString(),
    };
    try {
      db.transaction(() => {
        q.insert.run(row);
        appendOutbox(db, {
          type: 'rating.submitted',
          at: now,
          payload: {
            ratingId: row.id,
            score: row.score,
            ticketId: row.ticket_id,
            businessDate: row.business_date,
            dossierCode: row.dossier_code,
            counterNumber: w.counterNumber,
            reasons,
          },
        });
      }).immediate();
    } catch (e) {
      if (e instanceof Error && /UNIQUE constraint failed: ratings\.ticket_id/.test(e.message)) {
        throw alreadyRated();
      }
      throw e;
    }
    windows.delete(w.ticketId);
    events.publish(
      APP_EVENTS.ratingClosed,
      { counterId: w.counterId, number: w.number, reason: 'rated' },
      now,
    );
    return { id: row.id, ticketId: w.ticketId, score: input.score, createdAt: row.created_at };
  }

  /** Open a window whenever the queue says a service was completed. */
  const unsubscribe = events.subscribe(
    (event: AppEvent) => {
      if (event.type === APP_EVENTS.queueCompleted) open(event.data.ticketId);
    },
    { internal: true },
  );

  return { open, openWindows, submit, stop: unsubscribe };
}

export type RatingService = ReturnType<typeof createRatingService>;
