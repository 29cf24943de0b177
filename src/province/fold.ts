import type { SyncEvent } from '../shared/contract/sync';
import { parseDossierCode } from '../shared/dossierCode';
import { vnDate } from '../shared/time/vnTime';
import type { Queryable } from './db';

/**
 * Folding new events into the current-state tables (`dossiers`, `tickets`, `ratings`) and the
 * daily per-commune rollups (`daily`), inside the batch's transaction (docs/province.md).
 * A rollup changes by (contribution of the new state − contribution of the old state), so a
 * ticket whose outcome is replaced by a later event counts once, with its final outcome.
 * The dates follow docs/reports.md: Vietnam business dates of the trail's instants.
 */

type DailyColumn =
  | 'received'
  | 'settled'
  | 'settled_in_time'
  | 'returned'
  | 'issued'
  | 'served'
  | 'no_show'
  | 'waits'
  | 'wait_seconds'
  | 'satisfied'
  | 'neutral'
  | 'unsatisfied'
  | 'apologies'
  | 'late_known'
  | 'late_with_letter'
  | 'paper'
  | 'paper_digitised'
  | 'results'
  | 'results_digitised';
const DAILY_COLUMNS: readonly DailyColumn[] = [
  'received',
  'settled',
  'settled_in_time',
  'returned',
  'issued',
  'served',
  'no_show',
  'waits',
  'wait_seconds',
  'satisfied',
  'neutral',
  'unsatisfied',
  'apologies',
  'late_known',
  'late_with_letter',
  'paper',
  'paper_digitised',
  'results',
  'results_digitised',
];

/** The last minute of `ticket_waits`: it holds every wait of 600 minutes or more. */
export const WAIT_MINUTE_CAP = 600;
/** The `ticket_waits` minute of a wait in seconds (whole minutes, the last one open-ended). */
export const waitMinute = (seconds: number): number =>
  Math.min(Math.floor(seconds / 60), WAIT_MINUTE_CAP);

interface Contribution {
  agency: string;
  day: string;
  column: DailyColumn;
  amount: number;
}

export interface DossierState {
  dossier_id: string;
  dossier_code: string;
  agency_code: string;
  procedure_id: string;
  status: string;
  due_date: string | null;
  received_date: string;
  settled_date: string | null;
  ended_date: string | null;
  returned_date: string | null;
  last_seq: number;
  /** Payload version ≥ 2 (docs/sync.md): letters so far and the latest new date; else null. */
  apology_letters: number | null;
  appointment_date: string | null;
  /** Payload version 3: digitisation counts of the latest event; else null. */
  paper_documents: number | null;
  digitised_documents: number | null;
  result_digitised: boolean | null;
  /** The step that settled it: `result_ready` or `refused`. */
  settled_action: string | null;
  /**
   * Payload version 4: the legal due instant and the on-time class the site stored when the
   * dossier was settled ('early' | 'on_time' | 'late'), from the latest event; else null (the
   * date rule applies, docs/sync.md "Payload versions").
   */
  due_at: string | null;
  settled_class: string | null;
}

/**
 * Settled early or on time, the commune's own rule (docs/reports.md, "On-time class"): before
 * the due day, or on it unless the class the site stored says late (after the due instant of
 * an hour-based or same-day procedure); without a due date on time. Versions 1–3 carry no
 * class: on the due day they count on time (the date rule).
 */
export function settledInTime(d: {
  due_date: string | null;
  settled_date: string | null;
  settled_class: string | null;
}): boolean {
  if (d.settled_date === null) return false;
  if (d.due_date === null || d.settled_date < d.due_date) return true;
  return d.settled_date === d.due_date && d.settled_class !== 'late';
}

interface TicketState {
  ticket_id: string;
  business_date: string;
  service_id: string;
  outcome: string;
  wait_seconds: number | null;
}

function dossierContributions(d: DossierState | undefined): Contribution[] {
  if (!d) return [];
  const out: Contribution[] = [
    { agency: d.agency_code, day: d.received_date, column: 'received', amount: 1 },
  ];
  if (d.settled_date) {
    out.push({ agency: d.agency_code, day: d.settled_date, column: 'settled', amount: 1 });
    // docs/reports.md: early or on time by the due instant (none: on time).
    if (settledInTime(d))
      out.push({
        agency: d.agency_code,
        day: d.settled_date,
        column: 'settled_in_time',
        amount: 1,
      });
  }
  if (d.returned_date)
    out.push({ agency: d.agency_code, day: d.returned_date, column: 'returned', amount: 1 });
  // The ranking's letter and digitisation counts (docs/province.md, "Figures"), from the
  // dossier's latest event: late = settled after its due date, counted on the settled day
  // when the event carries the letter count; paper dossiers on the received day; results
  // settled with a result on the settled day.
  const on = (day: string, column: DailyColumn) =>
    out.push({ agency: d.agency_code, day, column, amount: 1 });
  if (d.settled_date && !settledInTime(d)) {
    if (d.apology_letters !== null) on(d.settled_date, 'late_known');
    if (d.apology_letters !== null && d.apology_letters > 0) on(d.settled_date, 'late_with_letter');
  }
  if (d.paper_documents !== null && d.paper_documents > 0) {
    on(d.received_date, 'paper');
    if (d.digitised_documents !== null && d.digitised_documents >= d.paper_documents)
      on(d.received_date, 'paper_digitised');
  }
  if (d.settled_date && d.settled_action === 'result_ready' && d.result_digitised !== null) {
    on(d.settled_date, 'results');
    if (d.result_digitised) on(d.settled_date, 'results_digitised');
  }
  return out;
}

function ticketContributions(t: TicketState | undefined): Contribution[] {
  if (!t) return [];
  const day = t.business_date;
  const out: Contribution[] = [];
  // docs/reports.md: issued = every ticket except those voided because they never printed.
  if (t.outcome !== 'void') out.push({ agency: '', day, column: 'issued', amount: 1 });
  if (t.outcome === 'served') out.push({ agency: '', day, column: 'served', amount: 1 });
  if (t.outcome === 'no_show') out.push({ agency: '', day, column: 'no_show', amount: 1 });
  if (t.wait_seconds !== null) {
    out.push({ agency: '', day, column: 'waits', amount: 1 });
    out.push({ agency: '', day, column: 'wait_seconds', amount: t.wait_seconds });
  }
  return out;
}

const SETTLING = new Set(['result_ready', 'refused']);
const ENDING = new Set(['stopped', 'closed']);

/** Apply one trail step to a dossier's state (the first step creates it). */
export function applyDossierEvent(
  prev: DossierState | undefined,
  e: Extract<SyncEvent, { type: 'dossier.event' }>,
): DossierState {
  const p = e.payload;
  const day = vnDate(new Date(e.at));
  const parsed = parseDossierCode(p.dossierCode);
  const base: DossierState = prev ?? {
    dossier_id: p.dossierId,
    dossier_code: p.dossierCode,
    agency_code: parsed.ok ? parsed.value.agencyCode : '',
    procedure_id: p.procedureId,
    status: p.toStatus,
    due_date: null,
    // The commune's received_date is the date printed in the dossier code (docs/domain.md, Dossier
    // code).
    received_date: parsed.ok ? parsed.value.receivedDate : day,
    settled_date: null,
    ended_date: null,
    returned_date: null,
    last_seq: e.seq,
    apology_letters: null,
    appointment_date: null,
    paper_documents: null,
    digitised_documents: null,
    result_digitised: null,
    settled_action: null,
    due_at: null,
    settled_class: null,
  };
  // The latest event of a dossier wins: a version-1 event carries no letters nor counts.
  const v2 = 'payloadVersion' in p ? p : null;
  const v3 = 'payloadVersion' in p && p.payloadVersion !== 2 ? p : null;
  const v4 = 'payloadVersion' in p && p.payloadVersion === 4 ? p : null;
  const next: DossierState = {
    ...base,
    procedure_id: p.procedureId,
    status: p.toStatus,
    due_date: p.dueDate,
    last_seq: e.seq,
    apology_letters: v2 ? v2.apologyLetters : null,
    appointment_date: v2 ? v2.appointmentDate : null,
    paper_documents: v3 ? v3.paperDocuments : null,
    digitised_documents: v3 ? v3.digitisedDocuments : null,
    result_digitised: v3 ? v3.resultDigitised : null,
    due_at: v4 ? v4.dueAt : null,
    settled_class: v4 ? v4.settledClass : null,
  };
  // docs/reports.md: settled = result ready or refused after review; ended = stopped on
  // request or closed; returned = result handed over. The first such instant is kept. The
  // action is the trail step's type (src/core/dossiers/lifecycle.ts).
  if (SETTLING.has(p.action) && next.settled_date === null) {
    next.settled_date = day;
    next.settled_action = p.action;
  }
  if (ENDING.has(p.action) && next.ended_date === null) next.ended_date = day;
  if (p.action === 'returned' && next.returned_date === null) next.returned_date = day;
  return next;
}

const key = (c: { agency: string; day: string }) => `${c.agency}\u0000${c.day}`;

/** Fold `events` (new, in seq order, of one site) into the state tables and rollups. */
export async function foldEvents(
  tx: Queryable,
  siteId: string,
  events: readonly SyncEvent[],
): Promise<void> {
  const delta = new Map<string, Record<DailyColumn, number> & { agency: string; day: string }>();
  const add = (list: Contribution[], sign: 1 | -1) => {
    for (const c of list) {
      let row = delta.get(key(c));
      if (!row) {
        row = { agency: c.agency, day: c.day, ...zeroCounts() };
        delta.set(key(c), row);
      }
      row[c.column] += sign * c.amount;
    }
  };

  // Dossiers: read the current rows once, apply the steps in order, write each once.
  const dossierEvents = events.filter(
    (e): e is Extract<SyncEvent, { type: 'dossier.event' }> => e.type === 'dossier.event',
  );
  if (dossierEvents.length > 0) {
    const ids = [...new Set(dossierEvents.map((e) => e.payload.dossierId))];
    const rows = await tx.query<DossierState>(
      `SELECT dossier_id, dossier_code, agency_code, procedure_id, status, due_date, received_date,
              settled_date, ended_date, returned_date, last_seq, apology_letters, appointment_date,
              paper_documents, digitised_documents, result_digitised, settled_action,
              due_at::text AS due_at, settled_class
         FROM dossiers WHERE site_id = $1 AND dossier_id = ANY($2::text[])`,
      [siteId, ids],
    );
    const before = new Map(rows.map((r) => [r.dossier_id, r]));
    const after = new Map(before);
    for (const e of dossierEvents) {
      after.set(e.payload.dossierId, applyDossierEvent(after.get(e.payload.dossierId), e));
    }
    const changed = [...after.values()].filter((d) => before.get(d.dossier_id) !== d);
    for (const d of changed) {
      add(dossierContributions(before.get(d.dossier_id)), -1);
      add(dossierContributions(d), 1);
    }
    // docs/reports.md: apology letters are counted per letter, on the day it was issued.
    for (const e of dossierEvents) {
      if (e.payload.action !== 'apology') continue;
      const d = after.get(e.payload.dossierId) as DossierState;
      add(
        [{ agency: d.agency_code, day: vnDate(new Date(e.at)), column: 'apologies', amount: 1 }],
        1,
      );
    }
    const version = Math.max(
      ...dossierEvents.map((e) => ('payloadVersion' in e.payload ? e.payload.payloadVersion : 1)),
    );
    if (version > 1) {
      await tx.query(
        'UPDATE sites SET payload_version = GREATEST(payload_version, $2) WHERE site_id = $1',
        [siteId, version],
      );
    }
    await tx.query(
      `INSERT INTO dossiers (site_id, dossier_id, dossier_code, agency_code, procedure_id, status,
          due_date, received_date, settled_date, ended_date, returned_date, last_seq,
          apology_letters, appointment_date, paper_documents, digitised_documents,
          result_digitised, settled_action, due_at, settled_class)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
          $7::date[], $8::date[], $9::date[], $10::date[], $11::date[], $12::bigint[],
          $13::int[], $14::date[], $15::int[], $16::int[], $17::boolean[], $18::text[],
          $19::timestamptz[], $20::text[])
       ON CONFLICT (site_id, dossier_id) DO UPDATE SET procedure_id = excluded.procedure_id,
          status = excluded.status, due_date = excluded.due_date,
          settled_date = excluded.settled_date, ended_date = excluded.ended_date,
          returned_date = excluded.returned_date, last_seq = excluded.last_seq,
          apology_letters = excluded.apology_letters,
          appointment_date = excluded.appointment_date,
          paper_documents = excluded.paper_documents,
          digitised_documents = excluded.digitised_documents,
          result_digitised = excluded.result_digitised,
          settled_action = excluded.settled_action, due_at = excluded.due_at,
          settled_class = excluded.settled_class`,
      [
        siteId,
        changed.map((d) => d.dossier_id),
        changed.map((d) => d.dossier_code),
        changed.map((d) => d.agency_code),
        changed.map((d) => d.procedure_id),
        changed.map((d) => d.status),
        changed.map((d) => d.due_date),
        changed.map((d) => d.received_date),
        changed.map((d) => d.settled_date),
        changed.map((d) => d.ended_date),
        changed.map((d) => d.returned_date),
        changed.map((d) => d.last_seq),
        changed.map((d) => d.apology_letters),
        changed.map((d) => d.appointment_date),
        changed.map((d) => d.paper_documents),
        changed.map((d) => d.digitised_documents),
        changed.map((d) => d.result_digitised),
        changed.map((d) => d.settled_action),
        changed.map((d) => d.due_at),
        changed.map((d) => d.settled_class),
      ],
    );
  }

  // Tickets: the last event per ticket wins (docs/sync.md).
  const ticketEvents = events.filter(
    (e): e is Extract<SyncEvent, { type: 'ticket.outcome' }> => e.type === 'ticket.outcome',
  );
  if (ticketEvents.length > 0) {
    const last = new Map<string, TicketState>();
    for (const e of ticketEvents) {
      last.set(e.payload.ticketId, {
        ticket_id: e.payload.ticketId,
        business_date: e.payload.businessDate,
        service_id: e.payload.serviceId,
        outcome: e.payload.outcome,
        wait_seconds: e.payload.waitSeconds,
      });
    }
    const rows = await tx.query<TicketState>(
      `SELECT ticket_id, business_date, service_id, outcome, wait_seconds FROM tickets
        WHERE site_id = $1 AND ticket_id = ANY($2::text[])`,
      [siteId, [...last.keys()]],
    );
    for (const r of rows) add(ticketContributions(r), -1);
    const next = [...last.values()];
    for (const t of next) add(ticketContributions(t), 1);
    // The waits by minute (ticket_waits): the old wait out, the new one in.
    const waits = new Map<string, { day: string; minute: number; n: number }>();
    const addWait = (t: TicketState, sign: 1 | -1) => {
      if (t.wait_seconds === null) return;
      const minute = waitMinute(t.wait_seconds);
      const k = `${t.business_date}\u0000${minute}`;
      const w = waits.get(k) ?? { day: t.business_date, minute, n: 0 };
      w.n += sign;
      waits.set(k, w);
    };
    for (const r of rows) addWait(r, -1);
    for (const t of next) addWait(t, 1);
    const waitRows = [...waits.values()].filter((w) => w.n !== 0);
    if (waitRows.length > 0) {
      // The same deltas by day and by calendar month (the month's first day).
      await tx.query(
        `WITH w AS (SELECT * FROM unnest($2::date[], $3::int[], $4::int[]) AS w(day, minute, n)),
         d AS (
           INSERT INTO ticket_waits (site_id, day, minute, n) SELECT $1, day, minute, n FROM w
           ON CONFLICT (site_id, day, minute) DO UPDATE SET n = ticket_waits.n + excluded.n
         )
         INSERT INTO ticket_waits_month (site_id, month, minute, n)
         SELECT $1, date_trunc('month', day)::date, minute, sum(n) FROM w GROUP BY 2, 3
         ON CONFLICT (site_id, month, minute) DO UPDATE SET n = ticket_waits_month.n + excluded.n`,
        [
          siteId,
          waitRows.map((w) => w.day),
          waitRows.map((w) => w.minute),
          waitRows.map((w) => w.n),
        ],
      );
    }
    await tx.query(
      `INSERT INTO tickets (site_id, ticket_id, business_date, service_id, outcome, wait_seconds)
       SELECT $1, * FROM unnest($2::text[], $3::date[], $4::text[], $5::text[], $6::int[])
       ON CONFLICT (site_id, ticket_id) DO UPDATE SET business_date = excluded.business_date,
          service_id = excluded.service_id, outcome = excluded.outcome,
          wait_seconds = excluded.wait_seconds`,
      [
        siteId,
        next.map((t) => t.ticket_id),
        next.map((t) => t.business_date),
        next.map((t) => t.service_id),
        next.map((t) => t.outcome),
        next.map((t) => t.wait_seconds),
      ],
    );
  }

  // Ratings: one row per rating id.
  const ratingEvents = events.filter(
    (e): e is Extract<SyncEvent, { type: 'rating.submitted' }> => e.type === 'rating.submitted',
  );
  if (ratingEvents.length > 0) {
    const inserted = await tx.query<{ business_date: string; score: DailyColumn }>(
      `INSERT INTO ratings (site_id, rating_id, business_date, score, dossier_code)
       SELECT $1, * FROM unnest($2::text[], $3::date[], $4::text[], $5::text[])
       ON CONFLICT DO NOTHING RETURNING business_date, score`,
      [
        siteId,
        ratingEvents.map((e) => e.payload.ratingId),
        ratingEvents.map((e) => e.payload.businessDate),
        ratingEvents.map((e) => e.payload.score),
        ratingEvents.map((e) => e.payload.dossierCode),
      ],
    );
    for (const r of inserted)
      add([{ agency: '', day: r.business_date, column: r.score, amount: 1 }], 1);
  }

  const rows = [...delta.values()].filter((r) => DAILY_COLUMNS.some((c) => r[c] !== 0));
  if (rows.length === 0) return;
  const sets = DAILY_COLUMNS.map((c) => `${c} = daily.${c} + excluded.${c}`).join(', ');
  await tx.query(
    `INSERT INTO daily (site_id, agency_code, day, ${DAILY_COLUMNS.join(', ')})
     SELECT $1, * FROM unnest($2::text[], $3::date[], ${DAILY_COLUMNS.map(
       (c, i) => `$${i + 4}::${c === 'wait_seconds' ? 'bigint' : 'int'}[]`,
     ).join(', ')})
     ON CONFLICT (site_id, agency_code, day) DO UPDATE SET ${sets}`,
    [
      siteId,
      rows.map((r) => r.agency),
      rows.map((r) => r.day),
      ...DAILY_COLUMNS.map((c) => rows.map((r) => r[c])),
    ],
  );
}

function zeroCounts(): Record<DailyColumn, number> {
  return Object.fromEntries(DAILY_COLUMNS.map((c) => [c, 0])) as Record<DailyColumn, number>;
}
