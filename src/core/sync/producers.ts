/**
 * The producers' side of the outbox (docs/sync.md): turn a dossier trail step or a closed queue
 * ticket into its sync event. Called by the dossier and queue services INSIDE their
 * transactions (one line each there), so the change and its sync record commit together.
 * Only what the province needs: no names, phones or addresses; the ID number masked.
 */
import type { Db } from '../db/connection';
import type { DossierState } from '../dossiers/lifecycle';
import { dossierDigitisation } from '../files/digitisation';
import { appendOutbox, maskIdNumber } from './outbox';

const dateOnly = (v: string | null | undefined): string | null =>
  v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;

const instantOnly = (v: string | null | undefined): string | null =>
  v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null;

export function outboxDossierEvent(
  db: Db,
  e: {
    dossierId: string;
    seq: number;
    type: string;
    at: string;
    officerName: string | null;
    fromStatus: string | null;
    toStatus: string;
  },
): void {
  const d = db
    .prepare(
      'SELECT code, procedure_id, due_date, applicant_id_number, state FROM dossiers WHERE id = ?',
    )
    .get(e.dossierId) as
    | {
        code: string;
        procedure_id: string;
        due_date: string | null;
        applicant_id_number: string | null;
        state: string;
      }
    | undefined;
  if (!d) throw new Error(`outboxDossierEvent: dossier ${e.dossierId} not found`);
  const state = JSON.parse(d.state) as Pick<DossierState, 'dueAt' | 'settledClass'> & {
    apologies?: Array<{ newDueDate: string }>;
    needsVerification?: boolean;
  };
  const apologies = state.apologies ?? [];
  appendOutbox(db, {
    type: 'dossier.event',
    at: new Date(e.at),
    payload: {
      dossierId: e.dossierId,
      dossierCode: d.code,
      procedureId: d.procedure_id,
      step: e.seq,
      action: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      dueDate: dateOnly(d.due_date),
      officerName: e.officerName ? e.officerName.slice(0, 200) : null,
      applicantIdMasked: maskIdNumber(d.applicant_id_number),
      payloadVersion: 4,
      appointmentDate: apologies[apologies.length - 1]?.newDueDate ?? null,
      apologyLetters: apologies.length,
      needsVerification: state.needsVerification === true,
      // Counts only: the files never leave the site (docs/digitisation.md, "Privacy").
      ...dossierDigitisation(db, e.dossierId),
      // The on-time class by the due instant (docs/reports.md, "On-time class"): the legal due
      // instant, and the class stored when the agency settled the dossier.
      dueAt: d.due_date !== null ? instantOnly(state.dueAt) : null,
      settledClass: state.settledClass ?? null,
    },
  });
}

/**
 * A file attached (or linked) to a dossier after its latest trail step: the province's
 * digitisation counts must follow without a new step in the trail (docs/sync.md,
 * "Digitisation"). Emits a `dossier.event` with `action: 'file_attached'` that repeats the
 * latest step's number and status (from = to) with the dossier's current counts.
 */
export function outboxDossierAttachment(db: Db, dossierId: string, at: Date): void {
  const last = db
    .prepare(
      `SELECT seq, to_status FROM dossier_events WHERE dossier_id = ? ORDER BY seq DESC LIMIT 1`,
    )
    .get(dossierId) as { seq: number; to_status: string } | undefined;
  if (!last) throw new Error(`outboxDossierAttachment: dossier ${dossierId} has no trail`);
  outboxDossierEvent(db, {
    dossierId,
    seq: last.seq,
    type: FILE_ATTACHED_ACTION,
    at: at.toISOString(),
    officerName: null,
    fromStatus: last.to_status,
    toStatus: last.to_status,
  });
}

/** The sync action of an attachment (not a trail step: docs/sync.md, "Digitisation"). */
export const FILE_ATTACHED_ACTION = 'file_attached';

/** The ticket's outcomes the province counts (not 'transferred': the ticket goes on). */
export const FINAL_TICKET_OUTCOMES = new Set(['served', 'no_show', 'void', 'abandoned']);

export function outboxTicketOutcome(
  db: Db,
  t: {
    id: string;
    number: string;
    business_date: string;
    service_id: string;
    outcome: string | null;
    counter_id: string | null;
    priority: string | null;
    issued_at: string;
    first_called_at: string | null;
    completed_at: string | null;
    wait_seconds: number | null;
    service_seconds: number | null;
  },
  at: Date,
): void {
  if (!t.outcome || !FINAL_TICKET_OUTCOMES.has(t.outcome)) return;
  const counter = t.counter_id
    ? (db.prepare('SELECT number FROM counters WHERE id = ?').get(t.counter_id) as
        { number: number } | undefined)
    : undefined;
  appendOutbox(db, {
    type: 'ticket.outcome',
    at,
    payload: {
      ticketId: t.id,
      number: t.number,
      businessDate: t.business_date,
      serviceId: t.service_id,
      outcome: t.outcome,
      counterNumber: counter?.number ?? null,
      priority: t.priority !== null,
      issuedAt: t.issued_at,
      calledAt: t.first_called_at,
      finishedAt: t.completed_at ?? at.toISOString(),
      waitSeconds: t.wait_seconds === null ? null : Math.max(0, Math.round(t.wait_seconds)),
      serviceSeconds:
        t.service_seconds === null ? null : Math.max(0, Math.round(t.service_seconds)),
    },
  });
}
