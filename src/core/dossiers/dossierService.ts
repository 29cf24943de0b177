/**
 * Dossiers (docs/dossiers.md; NĐ 118/2025/NĐ-CP Art. 16–24; docs/domain.md): reception with the
 * dossier code and due date, lifecycle actions through the pure state machine (lifecycle.ts),
 * search, warnings, the public lookup and reception slips. Rules of the house:
 * - one transaction per change: state + trail event + audit row (and, at reception, the code
 *   sequence and the register entry), events published after the commit, without personal
 *   data;
 * - views of a dossier are audited (who viewed which dossier, docs/domain.md, Personal data);
 * - the public lookup answers the same 404 for an unknown code and for a wrong check.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Procedure } from '../../shared/catalog/procedure';
import { missingRequiredDocuments } from '../../shared/catalog/completeness';
import { maskPersonalNumbers } from '../../shared/citizenId/mask';
import { APP_EVENTS, AppError, type PublicUser } from '../../shared/contract';
import type {
  Dossier,
  DocumentSource,
  DossierActionValue,
  DossierSummary,
} from '../../shared/contract/dossiers';
import { formatDossierCode, parseDossierCode } from '../../shared/dossierCode';
import { ulid } from '../../shared/ids';
import type { Lang } from '../../shared/i18n';
import { addDays, isVnDate, vnDate, vnInstant, vnParts } from '../../shared/time/vnTime';
import { recordAudit } from '../audit/auditLog';
import { computeDueDate } from '../calendar';
import type { CalendarService } from '../calendar/calendarService';
import type { CatalogService } from '../catalog/catalogService';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import { linkReusedFiles } from '../files/reuse';
import { getSite } from '../settings/site';
import { createDossierRepo, ftsQueries, type DossierRow, type EventRow } from './dossierRepo';
import { allowedForms } from './formRules';
import { amountInWords, vietQrPayload } from '../printing/payment';
import { readBankAccount } from '../settings/bankAccount';
import {
  apologyAllowed,
  applyDossierAction,
  appointmentDate,
  dossierActionSchema,
  DEFAULT_SUPPLEMENT_CLOSE_DAYS,
  dossierWarnings,
  receiveDossier,
  transferWarning,
  type DossierEvent,
  type DossierState,
  type DossierStatus,
} from './lifecycle';

type ActionName = DossierActionValue;

export interface ProcedureSnapshot {
  id: string;
  code: string;
  name: string;
  field: string;
  decidingAuthority: string;
  processingTime: { amount: number; unit: Procedure['processingTime']['unit'] };
  processingNote: string | null;
  /** The longer limit when verification is needed (Luật Hộ tịch Art. 18(2), 34(2)). */
  verificationTime?: { amount: number; unit: Procedure['processingTime']['unit'] };
  /** The procedure's supplement clock at reception (absent = restart; docs/dossier-lifecycle.md). */
  supplementClock?: 'restart' | 'resume';
  /** The fee as published at reception (absent in dossiers received before it was kept). */
  fee?: { amountVnd: number | null; text: string | null };
  /** People who must collect the result together (absent = 1; catalogue field). */
  collectorsRequired?: number;
}

export interface SubmittedDocument {
  name: string;
  kind: 'original' | 'copy' | 'certified_copy';
  count: number;
  /** Absent in dossiers received before sources were recorded: read as `paper`. */
  source?: DocumentSource | undefined;
  eDataNote?: string | undefined;
  /** Reception input only (never stored in `documents`): an earlier dossier's file to link. */
  fileId?: string | undefined;
}

/** How long an Idempotency-Key is honoured (docs/dossiers.md, "Idempotent reception"). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** sha256 of a request's canonical JSON (the validated input, without its key). */
function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export interface ApplicantInput {
  fullName: string;
  idNumber?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  email?: string | undefined;
}

export interface ReceiveInput {
  procedureId: string;
  applicant: ApplicantInput;
  documents?: SubmittedDocument[] | undefined;
  receivedAt?: string | undefined;
  ticketId?: string | undefined;
  resultMethod?: 'desk' | 'post' | undefined;
  idempotencyKey?: string | undefined;
  /** "Cần xác minh": the appointment uses the procedure's longer limit. */
  needsVerification?: boolean | undefined;
  /** Number of sets (bộ) received (Mẫu 01 "Số lượng hồ sơ"); default 1. */
  sets?: number | undefined;
}

export interface ReceiveResult {
  id: string;
  code: string;
  status: 'received';
  receivedAt: string;
  dueDate: string;
  dueAt: string;
}

export type ActionInput = { code: string; action: ActionName } & Record<string, unknown>;

export interface DossierServiceDeps {
  db: Db;
  clock: Clock;
  calendar: CalendarService;
  catalog: CatalogService;
  events: EventBus;
}

const ACTIVE: readonly DossierStatus[] = ['received', 'in_process'];

/** What the lifecycle would accept from a status (a screen hint; the lifecycle decides). */
export function allowedActions(state: DossierState, now: Date): ActionName[] {
  const out: ActionName[] = [];
  if (ACTIVE.includes(state.status)) {
    out.push('transfer');
    if (!state.supplement) out.push('request-supplement');
    if (!state.extension) out.push('extend');
    if (apologyAllowed(state, now)) out.push('apologise');
    out.push('result-ready', 'refuse', 'stop');
  } else if (state.status === 'awaiting_supplement') {
    out.push('supplement-received', 'close', 'stop');
  } else if (state.status === 'result_ready') {
    out.push('return', 'correct-result');
  } else if (state.status === 'returned') {
    out.push('correct-result');
  }
  return out;
}

const digitsOnly = (s: string): string => s.replace(/\D/g, '');

/** The public face of the latest apology letter: its new date only. */
function appointmentOf(state: DossierState): { newDueDate: string } | null {
  const date = appointmentDate(state);
  return date ? { newDueDate: date } : null;
}

/** A 4-digit comparison that takes the same time whatever the inputs. */
function sameFour(a: string, b: string): boolean {
  const x = Buffer.from(a.padStart(4, '#').slice(-4));
  const y = Buffer.from(b.padStart(4, '*').slice(-4));
  return timingSafeEqual(x, y);
}

/**
 * "2", "0002", "2 05/12" or "2 05/12/2026" → the sequence and the day (a day without a year is
 * the latest such day not after today). Null: not a short number.
 */
export function shortNumberOf(
  q: string,
  today: string,
): { sequence: string; date: string | null } | null {
  const m = /^(\d{1,4})(?:\s+(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?)?$/.exec(q.trim());
  if (!m) return null;
  const sequence = (m[1] ?? '').padStart(4, '0');
  if (sequence === '0000') return null;
  if (!m[2] || !m[3]) return { sequence, date: null };
  const pad = (n: string) => n.padStart(2, '0');
  const thisYear = Number(today.slice(0, 4));
  let date = `${m[4] ?? thisYear}-${pad(m[3])}-${pad(m[2])}`;
  if (!m[4] && date > today) date = `${thisYear - 1}-${pad(m[3])}-${pad(m[2])}`;
  if (!isVnDate(date)) return null;
  return { sequence, date };
}

export type DossierService = ReturnType<typeof createDossierService>;

export function createDossierService(deps: DossierServiceDeps) {
  const { db, clock, calendar, catalog, events } = deps;
  const repo = createDossierRepo(db);

  const snapshotOf = (p: Procedure): ProcedureSnapshot => ({
    id: p.id,
    code: p.nationalCode,
    name: p.name,
    field: p.field,
    decidingAuthority: p.decidingAuthority,
    processingTime: { amount: p.processingTime.amount, unit: p.processingTime.unit },
    processingNote: p.processingTime.note ?? null,
    ...(p.verificationTime
      ? {
          verificationTime: {
            amount: p.verificationTime.amount,
            unit: p.verificationTime.unit,
          },
        }
      : {}),
    ...(p.supplementClock ? { supplementClock: p.supplementClock } : {}),
    fee: { amountVnd: p.fee.amountVnd ?? null, text: p.fee.text ?? null },
    ...(p.collectorsRequired > 1 ? { collectorsRequired: p.collectorsRequired } : {}),
  });

  /** The site's close period for a dossier awaiting a supplement (UNCONFIRMED, default 15). */
  const closeDays = (now: Date): number =>
    getSite(db, now).supplementCloseDays ?? DEFAULT_SUPPLEMENT_CLOSE_DAYS;

  /** The fee published at reception; older dossiers fall back to today's catalogue. */
  const feeOf = (
    proc: ProcedureSnapshot,
  ): { amountVnd: number | null; text: string | null } | null => {
    if (proc.fee) return proc.fee;
    const now = catalog.get(proc.id)?.fee;
    return now ? { amountVnd: now.amountVnd ?? null, text: now.text ?? null } : null;
  };

  /** The fee for the screen: its words and, while due, the VietQR code to show the citizen. */
  const feeView = (
    fee: { amountVnd: number | null; text: string | null } | null,
    code: string,
    paid: boolean,
  ) => {
    if (!fee) return null;
    const amount = fee.amountVnd ?? 0;
    const account = amount > 0 && !paid ? readBankAccount(db) : null;
    return {
      ...fee,
      words: amount > 0 ? amountInWords(amount) : null,
      vietQr: account ? vietQrPayload(account, amount, code) : null,
    };
  };

  /** The snapshot's rule; dossiers received before it was kept follow today's catalogue. */
  const collectorsOf = (proc: ProcedureSnapshot): number =>
    proc.collectorsRequired ?? catalog.get(proc.id)?.collectorsRequired ?? 1;

  const parseState = (row: DossierRow): DossierState => JSON.parse(row.state) as DossierState;
  const parseProcedure = (row: DossierRow): ProcedureSnapshot =>
    JSON.parse(row.procedure) as ProcedureSnapshot;

  function warningsOf(state: DossierState, now: Date, lang: Lang) {
    const options = calendar.dueDateOptions();
    const transfer = transferWarning(state, now, calendar.calendar(), lang, options);
    return [
      ...dossierWarnings(state, now, calendar.calendar(), lang, {
        cutoff: options.cutoff,
        supplementCloseDays: closeDays(now),
      }),
      ...(transfer ? [transfer] : []),
    ].map((w) => ({
      kind: w.kind,
      message: w.message,
      ...(w.apologyPossible === undefined ? {} : { apologyPossible: w.apologyPossible }),
    }));
  }

  function summary(row: DossierRow, now: Date, lang: Lang): DossierSummary {
    const proc = parseProcedure(row);
    const state = parseState(row);
    return {
      id: row.id,
      code: row.code,
      status: row.status,
      procedureId: row.procedure_id,
      procedureCode: proc.code,
      procedureName: proc.name,
      applicantName: row.applicant_name,
      idNumber: row.applicant_id_number,
      phone: row.applicant_phone,
      receivedAt: row.received_at,
      dueDate: row.due_date,
      warnings: warningsOf(state, now, lang),
    };
  }

  function toEvent(e: EventRow) {
    return {
      seq: e.seq,
      type: e.type,
      at: e.at,
      officerName: e.officer_name,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      reason: e.reason,
      dueBefore: e.due_before,
      dueAfter: e.due_after,
      details: JSON.parse(e.details) as Record<string, unknown>,
    };
  }

  function full(row: DossierRow, now: Date, lang: Lang): Dossier {
    const proc = parseProcedure(row);
    const state = parseState(row);
    return {
      ...summary(row, now, lang),
      procedure: {
        id: proc.id,
        code: proc.code,
        name: proc.name,
        field: proc.field,
        processingTime: proc.processingTime,
      },
      applicant: {
        fullName: row.applicant_name,
        idNumber: row.applicant_id_number,
        phone: row.applicant_phone,
        address: row.applicant_address,
        email: row.applicant_email,
      },
      documents: (JSON.parse(row.documents) as SubmittedDocument[]).map((d) => ({
        name: d.name,
        kind: d.kind,
        count: d.count,
        source: d.source ?? 'paper',
        eDataNote: d.eDataNote ?? null,
      })),
      dueAt: row.due_at,
      originalDueDate: state.originalDueDate,
      needsVerification: state.needsVerification === true,
      appointmentDate: appointmentDate(state),
      apologies: (state.apologies ?? []).map((a) => ({
        at: a.at,
        reason: a.reason,
        newDueDate: a.newDueDate,
      })),
      extended: state.extension !== null,
      supplementRequested: state.supplement !== null,
      currentUnit: state.currentUnit,
      agencyCode: row.agency_code,
      decidingAuthority: row.deciding_authority,
      receivingUnit: row.receiving_unit,
      ticketId: row.ticket_id,
      resultMethod: row.result_method,
      register: { year: row.register_year, entry: row.register_entry },
      resultReady: state.status === 'result_ready' || state.status === 'returned',
      onTime: state.returned?.onTime ?? null,
      returned: state.returned
        ? {
            at: state.returned.at,
            collectedBy: state.returned.collectedBy,
            secondCollectedBy: state.returned.secondCollectedBy ?? null,
            idChecked: state.returned.idChecked,
            feePaidVnd: state.returned.feePaidVnd,
            paymentMethod: state.returned.paymentMethod,
          }
        : null,
      fee: feeView(feeOf(proc), row.code, (state.returned?.feePaidVnd ?? null) !== null),
      collectorsRequired: collectorsOf(proc),
      allowedActions: allowedActions(state, now),
      allowedForms: allowedForms(state),
      events: repo.events(row.id).map(toEvent),
    };
  }

  function requireRow(code: string): DossierRow {
    const row = repo.byCode(code.trim().toUpperCase());
    if (!row)
      throw new AppError('NOT_FOUND', { messageKey: 'dossier.error.notFound', params: { code } });
    return row;
  }

  function eventRow(dossierId: string, e: DossierEvent, officer: PublicUser) {
    return {
      id: ulid(new Date(e.at).getTime()),
      dossierId,
      type: e.type,
      at: e.at,
      officerId: officer.id,
      officerName: officer.fullName,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: e.reason,
      dueBefore: e.dueDateBefore,
      dueAfter: e.dueDateAfter,
      details: JSON.stringify(e.details),
    };
  }

  function effectiveProcedure(procedureId: string, day: string): Procedure {
    const procedure = catalog.get(procedureId);
    if (!procedure) {
      throw new AppError('UNPROCESSABLE', {
        messageKey: 'dossier.error.procedureUnknown',
        params: { id: procedureId },
      });
    }
    if (
      procedure.effectiveFrom > day ||
      (procedure.effectiveTo !== undefined && procedure.effectiveTo < day)
    ) {
      throw new AppError('UNPROCESSABLE', {
        messageKey: 'dossier.error.procedureNotInForce',
        params: { name: procedure.name },
      });
    }
    return procedure;
  }

  /**
   * Receive a complete dossier (Art. 17): code, due date, register entry, first event.
   * With an idempotency key, a repeat of the same request by the same officer within 24 h
   * answers the first result and writes nothing; another request under that key is refused.
   */
  function receive(input: ReceiveInput, officer: PublicUser): ReceiveResult {
    const now = clock.now();
    const { idempotencyKey, ...request } = input;
    const hash = idempotencyKey === undefined ? null : requestHash(request);
    if (idempotencyKey !== undefined) {
      const since = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString();
      const prior = repo.idempotencyGet(officer.id, idempotencyKey, since);
      if (prior) {
        if (prior.operation !== 'dossiers.create' || prior.request_hash !== hash) {
          throw new AppError('IDEMPOTENCY_MISMATCH');
        }
        return JSON.parse(prior.response) as ReceiveResult;
      }
    }
    let receivedAt = now;
    if (input.receivedAt !== undefined) {
      receivedAt = new Date(input.receivedAt);
      if (receivedAt.getTime() > now.getTime() + 60_000) {
        throw new AppError('UNPROCESSABLE', { messageKey: 'dossier.error.receivedInFuture' });
      }
      if (officer.role !== 'admin' && vnDate(receivedAt) !== vnDate(now)) {
        throw new AppError('FORBIDDEN', { messageKey: 'dossier.error.backEntryAdminOnly' });
      }
    }
    const receivedDay = vnDate(receivedAt);
    const procedure = effectiveProcedure(input.procedureId, receivedDay);
    const snapshot = snapshotOf(procedure);
    const site = getSite(db, now);
    const agencyCode = repo.agencyFor(procedure.decidingAuthority) ?? site.agencyCode;
    // No list at all means "every required document, on paper" (the API's shorthand).
    const given: readonly SubmittedDocument[] =
      input.documents ??
      procedure.requiredDocuments
        .filter((d) => !d.optional)
        .map((d) => ({
          name: d.name,
          kind: d.kind === 'original' ? ('original' as const) : ('copy' as const),
          count: d.count,
        }));
    const documents: SubmittedDocument[] = given.map((d) => ({
      name: d.name,
      kind: d.kind,
      count: d.count,
      source: d.source ?? 'paper',
      ...(d.source === 'e_data' && d.eDataNote ? { eDataNote: d.eDataNote } : {}),
    }));
    const missing = missingRequiredDocuments(procedure.requiredDocuments, documents);
    if (missing.length > 0) {
      throw new AppError('INCOMPLETE_DOSSIER', {
        params: { missing: missing.join('; ') },
        details: { missing },
      });
    }
    const needsVerification = input.needsVerification === true;
    if (needsVerification && !snapshot.verificationTime) {
      throw new AppError('UNPROCESSABLE', {
        messageKey: 'dossier.error.noVerificationLimit',
        params: { name: procedure.name },
      });
    }
    const { state, event } = receiveDossier({
      receivedAt,
      processingTime:
        needsVerification && snapshot.verificationTime
          ? snapshot.verificationTime
          : snapshot.processingTime,
      needsVerification,
      ...(input.sets !== undefined ? { sets: input.sets } : {}),
      officerId: officer.id,
      calendar: calendar.calendar(),
      dueDate: computeDueDate,
      dueDateOptions: calendar.dueDateOptions(),
    });
    const id = ulid(now.getTime());
    const registerYear = vnParts(receivedAt).year;
    const a = input.applicant;

    const result = db
      .transaction((): ReceiveResult => {
        const seq = repo.nextSequence(agencyCode, receivedDay);
        const formatted = formatDossierCode({ agencyCode, receivedAt, sequence: seq });
        if (!formatted.ok) {
          throw new AppError('UNPROCESSABLE', {
            message: { vi: formatted.message, en: formatted.message },
          });
        }
        const entry = repo.nextRegisterEntry(registerYear);
        repo.insert({
          id,
          code: formatted.value,
          agencyCode,
          procedureId: procedure.id,
          procedure: JSON.stringify(snapshot),
          applicantName: a.fullName,
          idNumber: a.idNumber ?? null,
          phone: a.phone ?? null,
          address: a.address ?? null,
          email: a.email ?? null,
          documents: JSON.stringify(documents),
          receivedAt: receivedAt.toISOString(),
          receivedDate: receivedDay,
          dueDate: state.dueDate as string,
          dueAt: state.dueAt as string,
          state: JSON.stringify(state),
          decidingAuthority: procedure.decidingAuthority,
          receivingUnit: site.agencyName,
          ticketId: input.ticketId ?? null,
          resultMethod: input.resultMethod ?? 'desk',
          registerYear,
          registerEntry: entry,
          receivedBy: officer.id,
          now: now.toISOString(),
        });
        repo.appendEvent(
          eventRow(id, { ...event, details: { ...event.details, code: formatted.value } }, officer),
        );
        // Reused scans (NĐ 118/2025 Art. 5(1)(i)): linked, or nothing is written (422).
        linkReusedFiles(db, { id, idNumber: a.idNumber ?? null }, given, officer, now);
        recordAudit(
          db,
          {
            actor: officer,
            action: 'dossier.receive',
            entity: 'dossier',
            entityId: id,
            details: {
              code: formatted.value,
              procedureId: procedure.id,
              backEntry: input.receivedAt !== undefined,
              ticketId: input.ticketId ?? null,
            },
          },
          now,
        );
        const result: ReceiveResult = {
          id,
          code: formatted.value,
          status: 'received',
          receivedAt: receivedAt.toISOString(),
          dueDate: state.dueDate as string,
          dueAt: state.dueAt as string,
        };
        if (idempotencyKey !== undefined && hash !== null) {
          repo.idempotencyPut({
            userId: officer.id,
            key: idempotencyKey,
            operation: 'dossiers.create',
            requestHash: hash,
            response: JSON.stringify(result),
            createdAt: now.toISOString(),
            before: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString(),
          });
        }
        return result;
      })
      .immediate();
    events.publish(APP_EVENTS.dossierChanged, { id, status: 'received' }, now);
    return result;
  }

  /** One dossier with its trail; the view is audited. */
  function get(code: string, viewer: PublicUser, lang: Lang): Dossier {
    const now = clock.now();
    const row = requireRow(code);
    recordAudit(
      db,
      {
        actor: viewer,
        action: 'dossier.view',
        entity: 'dossier',
        entityId: row.id,
        details: { code: row.code },
      },
      now,
    );
    return full(row, now, lang);
  }

  /**
   * Every collector the procedure needs is named (a marriage registration: both spouses sign
   * the register and the certificate, Luật Hộ tịch 2014 Art. 18(2)); 422 COLLECTORS_REQUIRED.
   */
  function requireCollectors(
    row: DossierRow,
    action: { collectedBy: string; secondCollectedBy?: string | undefined },
  ): void {
    const required = collectorsOf(parseProcedure(row));
    const named = [action.collectedBy, action.secondCollectedBy ?? ''].filter(
      (n) => n.trim() !== '',
    );
    const distinct = new Set(named.map((n) => n.trim().toLocaleLowerCase('vi')));
    if (distinct.size < required) {
      throw new AppError('COLLECTORS_REQUIRED', {
        params: { required },
        details: { required, named: distinct.size },
      });
    }
  }

  /** Apply a lifecycle action: state + event + audit in one transaction, or 409 with the rule. */
  function act(input: ActionInput, officer: PublicUser, lang: Lang): Dossier {
    const { code, ...rest } = input;
    const parsed = dossierActionSchema.safeParse(rest);
    if (!parsed.success) {
      throw new AppError('VALIDATION_ERROR', {
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const now = clock.now();
    const row = db
      .transaction(() => {
        const current = requireRow(code);
        if (parsed.data.action === 'return') requireCollectors(current, parsed.data);
        const result = applyDossierAction(parseState(current), parsed.data, {
          now,
          officerId: officer.id,
          calendar: calendar.calendar(),
          dueDate: computeDueDate,
          dueDateOptions: calendar.dueDateOptions(),
          policy: {
            // The rules of the dossier's procedure as received (UNCONFIRMED settings).
            supplementClock: parseProcedure(current).supplementClock ?? 'restart',
            supplementCloseDays: closeDays(now),
          },
          lang,
        });
        if (!result.ok) {
          throw new AppError('TRANSITION_FORBIDDEN', {
            message: { vi: result.message, en: result.message },
            details: { rule: result.rule },
          });
        }
        repo.update(current.id, result.state, now.toISOString());
        repo.appendEvent(eventRow(current.id, result.event, officer));
        recordAudit(
          db,
          {
            actor: officer,
            action: `dossier.${parsed.data.action}`,
            entity: 'dossier',
            entityId: current.id,
            details: { code: current.code, from: current.status, to: result.state.status },
          },
          now,
        );
        return requireRow(current.code);
      })
      .immediate();
    events.publish(APP_EVENTS.dossierChanged, { id: row.id, status: row.status }, now);
    return full(row, now, lang);
  }

  /** Officer search: code, ID number, phone or folded name; filters; newest first. */
  function search(
    input: {
      q?: string | undefined;
      status?: DossierStatus | undefined;
      procedureId?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      page: number;
      pageSize: number;
    },
    viewer: PublicUser,
    lang: Lang,
  ): { items: DossierSummary[]; total: number } {
    const now = clock.now();
    const q = (input.q ?? '').trim();
    const filters: Parameters<typeof repo.search>[0] = {
      status: input.status,
      procedureId: input.procedureId,
      fromInstant: input.from ? vnInstant(input.from).toISOString() : undefined,
      toInstant: input.to ? vnInstant(addDays(input.to, 1)).toISOString() : undefined,
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    };
    let fts: string[] = [];
    const short = shortNumberOf(q, vnDate(now));
    if (short) {
      // The short daily number (docs/desk.md, "Return"): alone it finds that number on every
      // day, newest first; with a date ("2 05/12", "2 05/12/2026") only that day's.
      filters.sequence = short.sequence;
      if (short.date) {
        filters.fromInstant = vnInstant(short.date).toISOString();
        filters.toInstant = vnInstant(addDays(short.date, 1)).toISOString();
      }
    } else if (q) {
      const upper = q.toUpperCase();
      if (parseDossierCode(upper).ok) filters.code = { exact: upper };
      else if (/^[0-9A-Z.]+-[0-9-]*$/.test(upper) || /^[0-9]{2,3}\.[0-9A-Z.]*$/.test(upper)) {
        filters.code = { prefix: upper };
      } else if (/^[\d\s.+()-]+$/.test(q) && digitsOnly(q).length >= 6) {
        filters.digits = digitsOnly(q);
      } else {
        fts = ftsQueries(q);
        if (fts.length === 0) return { items: [], total: 0 };
      }
    }
    let result = repo.search({ ...filters, ftsQuery: fts[0] });
    // A full name typed from its start hits the joined token; otherwise every word must match.
    if (result.total === 0 && fts[1]) result = repo.search({ ...filters, ftsQuery: fts[1] });
    const { rows, total } = result;
    if (q) {
      recordAudit(
        db,
        {
          actor: viewer,
          action: 'dossier.search',
          entity: 'dossier',
          // A dossier code is kept as typed; ID and phone numbers in any other search are
          // masked (0010******56, 09******78): the log shows who looked, not a copy of them.
          details: { q: filters.code ? q : maskPersonalNumbers(q), results: total },
        },
        now,
      );
    }
    return { items: rows.map((r) => summary(r, now, lang)), total };
  }

  /** Due today, due tomorrow (apology still possible), overdue, supplement > 15 days. */
  function warnings(lang: Lang): DossierSummary[] {
    const now = clock.now();
    const today = vnDate(now);
    const horizon = calendar.calendar().nextWorkingDay(today);
    const supplementBefore = vnInstant(addDays(today, -closeDays(now))).toISOString();
    // Art. 18: received and not yet passed on (the warning itself checks the deadline).
    const transferBefore = now.toISOString();
    const seen = new Set<string>();
    const rows = [
      ...repo.dueCandidates(horizon),
      ...repo.supplementCandidates(supplementBefore),
      ...repo.transferCandidates(transferBefore),
    ].filter((r) => !seen.has(r.id) && seen.add(r.id));
    return rows.map((r) => summary(r, now, lang)).filter((s) => s.warnings.length > 0);
  }

  /**
   * Public lookup: code + last 4 digits of the phone or ID number. The same 404 for an
   * unknown code and a wrong check, and the same comparisons in both cases.
   */
  function publicLookup(code: string, check: string) {
    const row = repo.byCode(code.trim().toUpperCase());
    const phone = row?.applicant_phone ?? '';
    const idNumber = row?.applicant_id_number ?? '';
    const wellFormed = /^\d{4}$/.test(check);
    const c = wellFormed ? check : '####';
    const okPhone = sameFour(phone.length >= 4 ? phone : '', c);
    const okId = sameFour(idNumber.length >= 4 ? idNumber : '', c);
    if (!row || !wellFormed || !(okPhone || okId)) {
      throw new AppError('NOT_FOUND', { messageKey: 'dossier.error.lookupNotFound' });
    }
    const state = parseState(row);
    return {
      code: row.code,
      procedureName: parseProcedure(row).name,
      status: row.status,
      dueDate: state.dueDate ?? null,
      resultReady: row.status === 'result_ready',
      // The latest apology letter's new appointment (the legal due date stays above).
      apology: appointmentOf(state),
    };
  }

  /** Incomplete or refused at the counter (Art. 17): recorded, no dossier code. */
  function createSlip(
    input: {
      kind: 'supplement' | 'refusal';
      procedureId: string;
      applicant: ApplicantInput;
      reason: string;
      documents?: string[] | undefined;
      ticketId?: string | undefined;
    },
    officer: PublicUser,
  ): { id: string; kind: 'supplement' | 'refusal' } {
    const now = clock.now();
    const procedure = effectiveProcedure(input.procedureId, vnDate(now));
    const id = ulid(now.getTime());
    const a = input.applicant;
    db.transaction(() => {
      repo.insertSlip({
        id,
        kind: input.kind,
        procedureId: procedure.id,
        procedure: JSON.stringify(snapshotOf(procedure)),
        applicantName: a.fullName,
        idNumber: a.idNumber ?? null,
        phone: a.phone ?? null,
        address: a.address ?? null,
        email: a.email ?? null,
        reason: input.reason,
        documents: JSON.stringify(input.documents ?? []),
        ticketId: input.ticketId ?? null,
        officerId: officer.id,
        at: now.toISOString(),
      });
      recordAudit(
        db,
        {
          actor: officer,
          action: `reception.${input.kind}`,
          entity: 'reception_slip',
          entityId: id,
          details: { procedureId: procedure.id },
        },
        now,
      );
    })();
    return { id, kind: input.kind };
  }

  function setAgency(authority: string, agencyCode: string, actor: PublicUser) {
    const now = clock.now();
    const code = agencyCode.trim().toUpperCase();
    if (code && !/^(?:(?:(?:\d{3}\.)?\d{2}\.)?\d{2}\.)?[A-Z]\d{2}$/.test(code)) {
      throw new AppError('VALIDATION_ERROR', {
        messageKey: 'dossier.error.agencyCode',
      });
    }
    db.transaction(() => {
      repo.setAgency(authority, code || null, now.toISOString());
      recordAudit(
        db,
        { actor, action: 'agencies.set', entity: 'agency', entityId: authority, details: { code } },
        now,
      );
    })();
    return repo.agencies();
  }

  return {
    repo,
    receive,
    get,
    act,
    search,
    warnings,
    publicLookup,
    createSlip,
    setAgency,
    agencies: () => repo.agencies(),
    rowByCode: requireRow,
    parseState,
    parseProcedure,
    feeOf,
  };
}
