/**
 * Handlers of the dossier endpoints (contract: src/shared/contract/dossiers.ts), the form
 * pages and the receipt printing. Spread into createHandlers (src/core/handlers.ts).
 */
import { AppError, type PublicUser } from '../../shared/contract';
import { parseCccdQr } from '../../shared/citizenId';
import type { Site } from '../../shared/contract';
import { formatVnDate, vnDate, vnInstant } from '../../shared/time/vnTime';
import { recordAudit } from '../audit/auditLog';
import { dossierDigitisation } from '../files/digitisation';
import type { CallContext } from '../context';
import type { HandlerDeps, Handlers } from '../handlers';
import type { PrintDocument } from '../printing/document';
import { receiptA5Html } from '../printing/forms/receiptA5';
import { dossierReceiptLayout, type DossierReceiptData } from '../printing/layouts/dossierReceipt';
import { returnSlipLayout } from '../printing/layouts/returnSlip';
import { LookupGuard } from '../security/lookupGuard';
import { getSite } from '../settings/site';
import type { SubmittedDocument } from './dossierService';
import { dossierServices } from './services';
import { createFormLinks, type FormSpec } from './formLinks';
import {
  agencyOf,
  apologyFormHtml,
  controlSlipHtml,
  formMeta,
  formSetFor,
  stopNoticeHtml,
  processingTimeText,
  refusalFormHtml,
  registerContact,
  registerHtml,
  returnSlipHtml,
  supplementFormHtml,
  type FormApplicant,
  type FormProcedure,
} from './forms';
import type { DossierRow } from './dossierRepo';
import type { DossierState } from './lifecycle';

type DossierOps =
  | 'citizenId.parse'
  | 'dossiers.create'
  | 'dossiers.search'
  | 'dossiers.warnings'
  | 'dossiers.procedureUsage'
  | 'dossiers.get'
  | 'dossiers.action'
  | 'dossiers.formLink'
  | 'dossiers.print'
  | 'dossiers.registerLink'
  | 'receptionSlips.create'
  | 'agencies.list'
  | 'agencies.set'
  | 'forms.render'
  | 'public.dossierLookup';

function actor(ctx: CallContext): PublicUser {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED');
  return ctx.user;
}

/** The desk's name when the site has none (NĐ 118/2025 Art. 1 names the commune centre). */
export const DEFAULT_DESK_NAME = 'Bộ phận Một cửa';
/** Printed after the time limit when the longer limit "when verification is needed" applies. */
export const VERIFICATION_NOTE = '(trường hợp cần xác minh)';

/** The agency block printed on forms, from the site settings. */
export function lookupUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/kiosk?lookup=${encodeURIComponent(code)}`;
}

export function dossierHandlers(
  deps: Pick<HandlerDeps, 'db' | 'clock' | 'events' | 'print' | 'publicAddress'>,
): Pick<Handlers, DossierOps> {
  const { db, clock, print } = deps;
  const { dossiers } = dossierServices(deps);
  const links = createFormLinks(() => clock.now());
  const lookupGuard = new LookupGuard(); // docs/security.md, "Lookup"

  const applicantOf = (row: DossierRow): FormApplicant => ({
    fullName: row.applicant_name,
    idNumber: row.applicant_id_number,
    phone: row.applicant_phone,
    address: row.applicant_address,
    email: row.applicant_email,
  });
  const officerName = (id: string | null | undefined): string =>
    (id ? dossiers.repo.userName(id) : undefined) ?? '';

  /** `base`: the public address (docs/queue.md); null leaves the lookup QR off. */
  function receiptData(row: DossierRow, base: string | null, site: Site): DossierReceiptData {
    const proc = dossiers.parseProcedure(row);
    const state = dossiers.parseState(row);
    const docs = JSON.parse(row.documents) as SubmittedDocument[];
    return {
      agency: agencyOf(site),
      dossierCode: row.code,
      ...(base ? { lookupUrl: lookupUrl(base, row.code) } : {}),
      applicant: {
        name: row.applicant_name,
        ...(row.applicant_address ? { address: row.applicant_address } : {}),
        ...(row.applicant_phone ? { phone: row.applicant_phone } : {}),
        ...(row.applicant_email ? { email: row.applicant_email } : {}),
      },
      procedure: { code: proc.code, name: proc.name },
      documents: docs.slice(0, 50).map((d) => ({
        name: d.name.slice(0, 300),
        kind: d.kind === 'certified_copy' ? 'certified' : d.kind,
        count: d.count,
      })),
      setCount: state.sets ?? 1,
      // The limit the appointment was computed with (the longer one when the officer ticked
      // "cần xác minh", and then the receipt says why: Luật Hộ tịch Art. 18(2), 34(2)).
      processingTime: state.needsVerification
        ? { text: `${processingTimeText(state.processingTime)} ${VERIFICATION_NOTE}` }
        : state.processingTime.unit === 'working_day'
          ? { workingDays: state.processingTime.amount }
          : { text: processingTimeText(state.processingTime) },
      receivedAt: new Date(row.received_at),
      appointmentAt: new Date(state.dueAt ?? state.receivedAt),
      collectAt:
        row.result_method === 'post'
          ? 'Qua dịch vụ bưu chính công ích'
          : `${site.deskName ?? DEFAULT_DESK_NAME} — ${site.agencyName}`,
      registerBook: String(row.register_year),
      registerEntry: String(row.register_entry),
      officerName: officerName(row.received_by) || '—',
      formSet: formSetFor(row.received_at),
      copies: ['keep', 'customer'],
    };
  }

  function returnData(row: DossierRow, state: DossierState, site: Site) {
    const returned = state.returned;
    if (!returned) {
      throw new AppError('TRANSITION_FORBIDDEN', {
        messageKey: 'dossier.error.notReturned',
        details: { rule: 'return.onlyFromResultReady' },
      });
    }
    const returnEvent = dossiers.repo.events(row.id).find((e) => e.type === 'returned');
    const lastApology = state.apologies?.[state.apologies.length - 1];
    return {
      agency: agencyOf(site),
      at: new Date(returned.at),
      dossierCode: row.code,
      applicantName: row.applicant_name,
      procedureName: dossiers.parseProcedure(row).name,
      receivedAt: new Date(row.received_at),
      returnedAt: new Date(returned.at),
      collectedBy: returned.collectedBy,
      onTime: returned.onTime,
      dueDate: state.dueDate ?? state.originalDueDate,
      officerName: officerName(returnEvent?.officer_id) || '—',
      apology: lastApology
        ? { at: new Date(lastApology.at), newDueDate: lastApology.newDueDate }
        : undefined,
      /** The result has a stored scan: the slip can say an electronic copy is kept. */
      resultDigitised: dossierDigitisation(db, row.id).resultDigitised,
    };
  }

  function renderDossierForm(spec: Extract<FormSpec, { kind: 'dossier' }>) {
    const row = dossiers.rowByCode(spec.code);
    const now = clock.now();
    const site = getSite(db, now);
    const agency = agencyOf(site);
    const state = dossiers.parseState(row);
    const proc = dossiers.parseProcedure(row);
    const procedure: FormProcedure = {
      code: proc.code,
      name: proc.name,
      processingTime: proc.processingTime,
    };
    const events = dossiers.repo.events(row.id);
    // The dossier's set follows its reception date, also for reprints (domain §2).
    const set = formSetFor(row.received_at);
    switch (spec.form) {
      case 'receipt':
        return {
          title: `Mẫu 01 - ${row.code}`,
          html: receiptA5Html(receiptData(row, spec.base, site)),
        };
      case 'supplement': {
        if (!state.supplement) {
          throw new AppError('TRANSITION_FORBIDDEN', {
            messageKey: 'dossier.error.noSupplement',
            details: { rule: 'supplementReceived.notAwaiting' },
          });
        }
        const ev = events.find((e) => e.type === 'supplement_requested');
        return {
          title: `Mẫu ${formMeta(set, 'supplement').n} - ${row.code}`,
          html: supplementFormHtml({
            agency,
            at: new Date(state.supplement.requestedAt),
            dossierCode: row.code,
            applicant: applicantOf(row),
            procedure,
            documents: state.supplement.documents,
            reason: state.supplement.reason,
            officerName: ev?.officer_name ?? '',
            set,
          }),
        };
      }
      case 'refusal': {
        if (!state.refusal) {
          throw new AppError('TRANSITION_FORBIDDEN', {
            messageKey: 'dossier.error.notRefused',
            details: { rule: 'refuse.fromStatus' },
          });
        }
        const ev = events.find((e) => e.type === 'refused');
        return {
          title: `Mẫu ${formMeta(set, 'refusal').n} - ${row.code}`,
          html: refusalFormHtml({
            agency,
            at: new Date(state.refusal.at),
            dossierCode: row.code,
            applicant: applicantOf(row),
            procedure,
            reason: state.refusal.reason,
            officerName: ev?.officer_name ?? '',
            set,
          }),
        };
      }
      case 'apology': {
        // Mẫu 04 of the latest letter: an apology for a late dossier (with its new
        // appointment), otherwise the extension sent before the due date (Art. 19).
        const apology = state.apologies?.[state.apologies.length - 1];
        const letter = apology
          ? {
              at: apology.at,
              reason: apology.reason,
              originalDueDate: state.dueDate ?? state.originalDueDate,
              newDueDate: apology.newDueDate,
            }
          : state.extension
            ? {
                at: state.extension.requestedAt,
                reason: state.extension.reason,
                originalDueDate: state.extension.previousDueDate,
                newDueDate: state.extension.newDueDate,
              }
            : null;
        if (!letter) {
          throw new AppError('TRANSITION_FORBIDDEN', {
            messageKey: 'dossier.error.notExtended',
            details: { rule: 'apology.notLate' },
          });
        }
        return {
          title: `Mẫu ${formMeta(set, 'apology').n} - ${row.code}`,
          html: apologyFormHtml({
            agency,
            at: new Date(letter.at),
            dossierCode: row.code,
            applicant: applicantOf(row),
            procedure,
            receivedAt: new Date(row.received_at),
            originalDueDate: letter.originalDueDate,
            newDueDate: letter.newDueDate,
            reason: letter.reason,
            signerName: '',
            set,
          }),
        };
      }
      case 'stop_notice': {
        if (!state.stop) {
          throw new AppError('TRANSITION_FORBIDDEN', {
            messageKey: 'dossier.error.notStopped',
            details: { rule: 'stop.fromStatus' },
          });
        }
        return {
          title: `Mẫu 05 - ${row.code}`,
          html: stopNoticeHtml({
            agency,
            at: new Date(state.stop.at),
            dossierCode: row.code,
            applicant: applicantOf(row),
            procedure,
            receivedAt: new Date(row.received_at),
            reason: state.stop.reason,
            signerName: '',
          }),
        };
      }
      case 'control':
        return {
          title: `Mẫu ${formMeta(set, 'control').n} - ${row.code}`,
          html: controlSlipHtml({
            agency,
            at: now,
            dossierCode: row.code,
            applicant: applicantOf(row),
            procedure,
            receivedAt: new Date(row.received_at),
            dueDate: state.dueDate,
            events: events.map((e) => {
              const details = JSON.parse(e.details) as Record<string, unknown>;
              const onTime =
                typeof details['onTime'] === 'string'
                  ? details['onTime']
                  : typeof details['resultOnTime'] === 'string'
                    ? details['resultOnTime']
                    : null;
              return {
                at: e.at,
                type: e.type,
                officerName: e.officer_name,
                reason: e.reason,
                dueBefore: e.due_before,
                dueAfter: e.due_after,
                unit: e.type === 'transferred' ? (state.currentUnit ?? null) : null,
                onTime,
              };
            }),
            set,
          }),
        };
      case 'return':
        return {
          title: `Phiếu trả kết quả - ${row.code}`,
          html: returnSlipHtml(returnData(row, state, site)),
        };
      default:
        throw new AppError('NOT_FOUND');
    }
  }

  function renderSlip(id: string) {
    const slip = dossiers.repo.slip(id);
    if (!slip) throw new AppError('NOT_FOUND');
    const now = clock.now();
    const agency = agencyOf(getSite(db, now));
    const proc = JSON.parse(slip['procedure'] ?? '{}') as FormProcedure;
    const applicant: FormApplicant = {
      fullName: slip['applicant_name'] ?? '',
      idNumber: slip['applicant_id_number'] ?? null,
      phone: slip['applicant_phone'] ?? null,
      address: slip['applicant_address'] ?? null,
      email: slip['applicant_email'] ?? null,
    };
    const at = new Date(slip['at'] ?? now.toISOString());
    const officer = officerName(slip['officer_id']);
    if (slip['kind'] === 'supplement') {
      return {
        title: 'Mẫu 02 - Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
        html: supplementFormHtml({
          agency,
          at,
          dossierCode: null,
          applicant,
          procedure: proc,
          documents: JSON.parse(slip['documents'] ?? '[]') as string[],
          reason: slip['reason'] ?? '',
          officerName: officer,
        }),
      };
    }
    return {
      title: 'Mẫu 03 - Phiếu từ chối tiếp nhận giải quyết hồ sơ',
      html: refusalFormHtml({
        agency,
        at,
        dossierCode: null,
        applicant,
        procedure: proc,
        reason: slip['reason'] ?? '',
        officerName: officer,
      }),
    };
  }

  function renderRegister(year: number) {
    const now = clock.now();
    const agency = agencyOf(getSite(db, now));
    const rows = dossiers.repo.register(year).map((r) => {
      const state = dossiers.parseState(r);
      const events = dossiers.repo.events(r.id);
      const first = (type: string) => events.find((e) => e.type === type)?.at ?? null;
      const docs = JSON.parse(r.documents) as SubmittedDocument[];
      return {
        entry: r.register_entry,
        code: r.code,
        procedureName: dossiers.parseProcedure(r).name,
        sets: state.sets ?? 1,
        applicantName: r.applicant_name,
        contact: registerContact(r.applicant_address, r.applicant_phone),
        decidingAuthority: r.deciding_authority,
        receivedAt: r.received_at,
        dueDate: state.dueDate ?? state.originalDueDate,
        transferredAt: first('transferred'),
        resultAt: first('result_ready'),
        returnedAt: first('returned'),
        note: docs.length ? `${docs.length} thành phần` : '',
      };
    });
    return {
      title: `Mẫu 06 - Sổ theo dõi hồ sơ năm ${year}`,
      html: registerHtml({ agency, at: now, scope: { year }, rows }),
    };
  }

  function auditForm(user: PublicUser, entityId: string | undefined, details: unknown) {
    recordAudit(
      db,
      {
        actor: user,
        action: 'dossier.form',
        entity: 'dossier',
        ...(entityId ? { entityId } : {}),
        details,
      },
      clock.now(),
    );
  }

  return {
    'citizenId.parse': (input, ctx) => {
      const today = vnDate(clock.now());
      const result = parseCccdQr(input.qr, { today, lang: ctx.lang });
      if (!result.ok) {
        const other = parseCccdQr(input.qr, { today, lang: ctx.lang === 'vi' ? 'en' : 'vi' });
        const otherMessage = other.ok ? result.message : other.message;
        throw new AppError('UNPROCESSABLE', {
          message:
            ctx.lang === 'vi'
              ? { vi: result.message, en: otherMessage }
              : { vi: otherMessage, en: result.message },
          details: { reason: result.code },
        });
      }
      return result.value;
    },
    'dossiers.create': (input, ctx) => dossiers.receive(input, actor(ctx)),
    'dossiers.search': (input, ctx) => dossiers.search(input, actor(ctx), ctx.lang),
    'dossiers.warnings': (_input, ctx) => dossiers.warnings(ctx.lang),
    'dossiers.procedureUsage': () =>
      dossiers.repo.procedureUsage(new Date(clock.now().getTime() - 90 * 86_400_000).toISOString()),
    'dossiers.get': (input, ctx) => dossiers.get(input.code, actor(ctx), ctx.lang),
    'dossiers.action': (input, ctx) => dossiers.act(input, actor(ctx), ctx.lang),
    'dossiers.formLink': (input, ctx) => {
      const user = actor(ctx);
      const row = dossiers.rowByCode(input.code);
      const spec: FormSpec = {
        kind: 'dossier',
        code: row.code,
        form: input.form,
        base: deps.publicAddress.base(ctx.origin),
        officerId: user.id,
      };
      renderDossierForm(spec); // refuse now (409/404) rather than hand out a dead link
      auditForm(user, row.id, { code: row.code, form: input.form });
      return links.create(spec);
    },
    'dossiers.registerLink': (input, ctx) => {
      const user = actor(ctx);
      auditForm(user, undefined, { register: input.year });
      return links.create({ kind: 'register', year: input.year, officerId: user.id });
    },
    'receptionSlips.create': (input, ctx) => {
      const user = actor(ctx);
      const slip = dossiers.createSlip(input, user);
      return { ...slip, url: links.create({ kind: 'slip', id: slip.id, officerId: user.id }).url };
    },
    'forms.render': (input) => {
      const spec = links.get(input.token);
      if (!spec) throw new AppError('NOT_FOUND', { messageKey: 'dossier.error.formExpired' });
      if (spec.kind === 'dossier') return renderDossierForm(spec);
      if (spec.kind === 'slip') return renderSlip(spec.id);
      return renderRegister(spec.year);
    },
    'dossiers.print': async (input, ctx) => {
      const user = actor(ctx);
      const row = dossiers.rowByCode(input.code);
      const site = getSite(db, clock.now());
      let document: PrintDocument;
      let kind: string;
      if (input.form === 'receipt') {
        document = dossierReceiptLayout({
          ...receiptData(row, deps.publicAddress.base(ctx.origin), site),
          copies: ['customer'],
        });
        kind = 'dossier-receipt';
      } else {
        const d = returnData(row, dossiers.parseState(row), site);
        document = returnSlipLayout({
          agency: d.agency,
          dossierCode: d.dossierCode,
          applicantName: d.applicantName,
          procedureName: d.procedureName,
          receivedAt: d.receivedAt,
          appointmentAt: vnInstant(d.dueDate, 17),
          returnedAt: d.returnedAt,
          result: d.apology
            ? `Đã trả kết quả (văn bản xin lỗi ngày ${formatVnDate(d.apology.at)}, hẹn lại ngày ${formatVnDate(d.apology.newDueDate)})`
            : 'Đã trả kết quả',
          collectedBy: d.collectedBy,
          timeliness: d.onTime === 'on_time' ? 'onTime' : d.onTime,
          officerName: d.officerName,
          resultDigitised: d.resultDigitised,
        });
        kind = 'return-slip';
      }
      auditForm(user, row.id, { code: row.code, print: input.form });
      const job = await print.submit({
        role: 'receipt',
        kind,
        document,
        refType: 'dossier',
        refId: row.id,
      });
      return { id: job.id, status: job.status, error: job.error?.message ?? null };
    },
    'agencies.list': () => dossiers.agencies(),
    'agencies.set': (input, ctx) =>
      dossiers.setAgency(input.decidingAuthority, input.agencyCode, actor(ctx)),
    'public.dossierLookup': (input, ctx) =>
      lookupGuard.run(input.code, ctx.device?.kind === 'kiosk', clock.now().getTime(), () =>
        dossiers.publicLookup(input.code, input.check),
      ),
  };
}
