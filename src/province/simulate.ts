import type { SyncEvent } from '../shared/contract/sync';
import { ulid } from '../shared/ids';
import { addDays, vnInstant } from '../shared/time/vnTime';

/**
 * Realistic sync events of one commune, for `--demo`, the tests and `npm run bench:province`:
 * per working day, dossier trails (received → result ready → returned, some late, some still
 * open), queue ticket outcomes and kiosk ratings, in seq order as a site's outbox sends them.
 * Deterministic for a given seed.
 */
export interface SimulatedCommune {
  agencyCode: string;
  events: SyncEvent[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * `days` Vietnam days from `firstDay`, about `perDay` events a day (dossier steps ≈ 45 %,
 * tickets ≈ 40 %, ratings ≈ 15 %). `agencyCode` is printed in every dossier code;
 * `foreignAgency` (optional) is the code of a second agency (e.g. the commune police) whose
 * dossiers make up ~10 % of those received.
 */
export function simulateCommune(options: {
  index: number;
  firstDay: string;
  days: number;
  perDay: number;
  seed?: number;
  foreignAgency?: string;
  today?: string;
}): SimulatedCommune {
  const random = rng(options.seed ?? options.index + 1);
  const agencyCode = `${pad(options.index % 100)}.${pad(Math.floor(options.index / 100) % 100)}.H${pad(
    (options.index % 63) + 1,
  )}`;
  const timed: { at: number; type: SyncEvent['type']; payload: unknown }[] = [];
  const dossiersPerDay = Math.max(1, Math.round(options.perDay * 0.15));
  const ticketsPerDay = Math.max(1, Math.round(options.perDay * 0.4));
  const ratingsPerDay = Math.max(1, Math.round(options.perDay * 0.15));
  for (let d = 0; d < options.days; d++) {
    const day = addDays(options.firstDay, d);
    const yymmdd = day.slice(2).replace(/-/g, '');
    for (let i = 0; i < dossiersPerDay; i++) {
      const agency = options.foreignAgency && random() < 0.1 ? options.foreignAgency : agencyCode;
      const code = `${agency}-${yymmdd}-${pad(i + 1, 4)}`;
      const dossierId = ulid();
      const procedureId = `1.00${1 + Math.floor(random() * 9)}`;
      const due = addDays(day, 3 + Math.floor(random() * 5));
      const received = vnInstant(day, 8 + Math.floor(random() * 8), Math.floor(random() * 60));
      // Payload version 4 (docs/sync.md): 0–2 paper documents, most of them scanned; the due
      // instant at the 17:00 close, or at 09:00 for one dossier in seven (an hour-based limit:
      // a result at 10:00 on the due day is late by the instant, docs/reports.md).
      const paper = i % 3;
      const dueAt = vnInstant(due, i % 7 === 0 ? 9 : 17, 0);
      const base = {
        dossierId,
        dossierCode: code,
        procedureId,
        officerName: 'Cán bộ một cửa',
        applicantIdMasked: null,
        payloadVersion: 4 as const,
        needsVerification: false,
        paperDocuments: paper,
        digitisedDocuments: i % 5 === 0 ? Math.max(0, paper - 1) : paper,
        dueAt: dueAt.toISOString(),
      };
      const none = {
        appointmentDate: null,
        apologyLetters: 0,
        resultDigitised: false,
        settledClass: null,
      };
      timed.push({
        at: received.getTime(),
        type: 'dossier.event',
        payload: {
          ...base,
          step: 1,
          action: 'received',
          fromStatus: null,
          toStatus: 'received',
          dueDate: due,
          ...none,
        },
      });
      // Settle after 1–8 days (sometimes after the due date); ~8 % stay open.
      if (random() < 0.92) {
        const settleDay = addDays(day, 1 + Math.floor(random() * 8));
        if (options.today && settleDay > options.today) continue;
        const settled = vnInstant(settleDay, 10, 0);
        // Half of the late ones get an apology letter the day after the due date.
        const apologyDay = addDays(due, 1);
        const letter =
          settleDay > due && i % 2 === 0 && apologyDay < settleDay
            ? { appointmentDate: settleDay, apologyLetters: 1 }
            : { appointmentDate: null, apologyLetters: 0 };
        if (letter.apologyLetters > 0) {
          timed.push({
            at: vnInstant(apologyDay, 9, 0).getTime(),
            type: 'dossier.event',
            payload: {
              ...base,
              step: 2,
              action: 'apology',
              fromStatus: 'in_process',
              toStatus: 'in_process',
              dueDate: due,
              ...letter,
              resultDigitised: false,
              settledClass: null,
            },
          });
        }
        const resultDigitised = i % 4 !== 0;
        // The class the site stores at settlement (classifyOnTime, docs/reports.md).
        const settledClass =
          settleDay < due
            ? ('early' as const)
            : settleDay === due && settled.getTime() <= dueAt.getTime()
              ? ('on_time' as const)
              : ('late' as const);
        timed.push({
          at: settled.getTime(),
          type: 'dossier.event',
          payload: {
            ...base,
            step: 2 + letter.apologyLetters,
            action: 'result_ready',
            fromStatus: 'in_process',
            toStatus: 'result_ready',
            dueDate: due,
            ...letter,
            resultDigitised,
            settledClass,
          },
        });
        timed.push({
          at: settled.getTime() + 3600_000,
          type: 'dossier.event',
          payload: {
            ...base,
            step: 3 + letter.apologyLetters,
            action: 'returned',
            fromStatus: 'result_ready',
            toStatus: 'returned',
            dueDate: due,
            ...letter,
            resultDigitised,
            settledClass,
          },
        });
      }
    }
    for (let i = 0; i < ticketsPerDay; i++) {
      const issued = vnInstant(day, 7 + Math.floor(random() * 9), Math.floor(random() * 60));
      const wait = Math.floor(random() * 1800);
      const served = random() < 0.9;
      const ticketId = ulid();
      timed.push({
        at: issued.getTime() + (wait + 600) * 1000,
        type: 'ticket.outcome',
        payload: {
          ticketId,
          number: `A${pad(i + 1, 3)}`,
          businessDate: day,
          serviceId: 'svc-1',
          outcome: served ? 'served' : 'no_show',
          counterNumber: 1 + (i % 3),
          priority: false,
          issuedAt: issued.toISOString(),
          calledAt: new Date(issued.getTime() + wait * 1000).toISOString(),
          finishedAt: served
            ? new Date(issued.getTime() + (wait + 600) * 1000).toISOString()
            : null,
          waitSeconds: wait,
          serviceSeconds: served ? 600 : null,
        },
      });
      if (i < ratingsPerDay) {
        const r = random();
        timed.push({
          at: issued.getTime() + (wait + 700) * 1000,
          type: 'rating.submitted',
          payload: {
            ratingId: ulid(),
            score: r < 0.8 ? 'satisfied' : r < 0.93 ? 'neutral' : 'unsatisfied',
            ticketId,
            businessDate: day,
            dossierCode: null,
            counterNumber: 1 + (i % 3),
            reasons: [],
          },
        });
      }
    }
  }
  timed.sort((a, b) => a.at - b.at);
  const events = timed.map(
    (t, i) =>
      ({
        id: ulid(t.at),
        seq: i + 1,
        type: t.type,
        at: new Date(t.at).toISOString(),
        payload: t.payload,
      }) as SyncEvent,
  );
  return { agencyCode, events };
}
