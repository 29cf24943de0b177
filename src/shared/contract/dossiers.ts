import { z } from 'zod';
import { DOSSIER_CODE_MAX } from '../dossierLimits';
import { isVnDate } from '../time/vnTime';
import { defineOperation } from './operation';
import { isoInstant } from './common';
import { fileIdSchema } from './files';

/**
 * Dossiers (issue 5, domain §1–§5). Officer operations carry personal data; the public
 * lookup answers only { code, procedureName, status, dueDate, resultReady, apology }
 * (domain §9).
 */
export const DOSSIER_STATUS_VALUES = [
  'received',
  'in_process',
  'awaiting_supplement',
  'result_ready',
  'returned',
  'refused',
  'stopped',
  'closed',
] as const;
export const dossierStatusSchema = z.enum(DOSSIER_STATUS_VALUES);
export type DossierStatusValue = z.infer<typeof dossierStatusSchema>;

/** How a dossier was returned against its due date (trước hạn / đúng hạn / quá hạn). */
export const ON_TIME_CLASSES = ['early', 'on_time', 'late'] as const;
/** Who collected the result: the applicant in person or someone they authorised. */
export const COLLECTOR_KINDS = ['applicant', 'authorised'] as const;
export const PAYMENT_METHODS = ['cash', 'transfer', 'online'] as const;

export const DOSSIER_ACTIONS = [
  'transfer',
  'request-supplement',
  'supplement-received',
  'refuse',
  'extend',
  'apologise',
  'result-ready',
  'return',
  'stop',
  'close',
] as const;
export type DossierActionValue = (typeof DOSSIER_ACTIONS)[number];

export const FORM_KINDS = [
  'receipt',
  'supplement',
  'refusal',
  'apology',
  'stop_notice',
  'control',
  'return',
] as const;
export type FormKind = (typeof FORM_KINDS)[number];

const vnDateSchema = z.string().refine(isVnDate, { message: 'Ngày không hợp lệ (YYYY-MM-DD)' });
const codeSchema = z.string().trim().min(5).max(DOSSIER_CODE_MAX);

/** Optional text: trimmed, '' means absent. */
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const idNumberSchema = z
  .string()
  .trim()
  .regex(/^(\d{12}|\d{9})$/, 'Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số)');

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .\-()]{8,20}$/, 'Số điện thoại không hợp lệ')
  .transform((s) => s.replace(/\D/g, ''))
  .refine((d) => d.length >= 9 && d.length <= 12, 'Số điện thoại phải có 9–12 chữ số');

export const applicantInputSchema = z
  .object({
    fullName: z.string().trim().min(1).max(120),
    idNumber: z
      .union([z.literal(''), idNumberSchema])
      .optional()
      .transform((v) => (v ? v : undefined)),
    phone: z
      .union([z.literal(''), phoneSchema])
      .optional()
      .transform((v) => (v ? v : undefined)),
    address: optText(300),
    email: z
      .union([z.literal(''), z.email().max(120)])
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .strict();

/**
 * Where a submitted document came from (NĐ 118/2025 Art. 17; docs/dossiers.md,
 * "Completeness"): handed over on paper, or taken from existing electronic data (the
 * national population database, an earlier dossier), which the citizen need not bring again.
 */
export const DOCUMENT_SOURCES = ['paper', 'e_data'] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

/** A document as handed over at the counter (Mẫu 01 table). */
export const submittedDocumentSchema = z
  .object({
    name: z.string().trim().min(1).max(300),
    kind: z.enum(['original', 'copy', 'certified_copy']),
    count: z.number().int().min(1).max(99),
    source: z.enum(DOCUMENT_SOURCES).default('paper'),
    /** For `e_data`: where it came from (e.g. "CSDL quốc gia về dân cư"). */
    eDataNote: z.string().trim().min(1).max(200).optional(),
    /**
     * For `e_data`: reuse this digitised file of an earlier dossier of the same citizen
     * (`POST /files/reusable`); reception links it to the new dossier (docs/digitisation.md).
     */
    fileId: fileIdSchema.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.fileId !== undefined && d.source !== 'e_data') {
      ctx.addIssue({
        code: 'custom',
        path: ['fileId'],
        message: 'fileId chỉ dùng cho giấy tờ lấy từ dữ liệu điện tử (source: e_data)',
      });
    }
    if (d.source === 'e_data' && d.eDataNote === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['eDataNote'],
        message: 'Ghi rõ nguồn dữ liệu điện tử (eDataNote)',
      });
    }
    if (d.source === 'paper' && d.eDataNote !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['eDataNote'],
        message: 'eDataNote chỉ dùng cho giấy tờ lấy từ dữ liệu điện tử (source: e_data)',
      });
    }
  });

/**
 * The `Idempotency-Key` of a reception (over HTTP the header, over IPC this input field):
 * one key per filled form, 8–128 visible ASCII characters (a UUID fits).
 */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{8,128}$/, 'Idempotency-Key: 8–128 ký tự ASCII, không có khoảng trắng');

const applicantSchema = z.object({
  fullName: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
});

const warningSchema = z.object({
  kind: z.enum(['due_today', 'due_tomorrow', 'overdue', 'supplement_overdue']),
  message: z.string(),
  apologyPossible: z.boolean().optional(),
});

export const dossierEventSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: isoInstant,
  officerName: z.string().nullable(),
  fromStatus: dossierStatusSchema.nullable(),
  toStatus: dossierStatusSchema,
  reason: z.string().nullable(),
  dueBefore: z.string().nullable(),
  dueAfter: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const dossierSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  status: dossierStatusSchema,
  procedureId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  receivedAt: isoInstant,
  dueDate: z.string().nullable(),
  warnings: z.array(warningSchema),
});
export type DossierSummary = z.infer<typeof dossierSummarySchema>;

export const dossierSchema = dossierSummarySchema.extend({
  procedure: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    field: z.string(),
    processingTime: z.object({ amount: z.number(), unit: z.string() }),
  }),
  applicant: applicantSchema,
  documents: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      count: z.number(),
      source: z.enum(DOCUMENT_SOURCES),
      eDataNote: z.string().nullable(),
    }),
  ),
  dueAt: isoInstant.nullable(),
  originalDueDate: z.string(),
  /** The officer ticked "cần xác minh": the due date uses the longer limit. */
  needsVerification: z.boolean(),
  /**
   * The appointment of the latest apology letter for a late dossier (null = none); `dueDate`
   * stays the legal due date.
   */
  appointmentDate: z.string().nullable(),
  apologies: z.array(z.object({ at: isoInstant, reason: z.string(), newDueDate: z.string() })),
  extended: z.boolean(),
  supplementRequested: z.boolean(),
  currentUnit: z.string().nullable(),
  agencyCode: z.string(),
  decidingAuthority: z.string(),
  receivingUnit: z.string(),
  ticketId: z.string().nullable(),
  resultMethod: z.enum(['desk', 'post']),
  register: z.object({ year: z.number().int(), entry: z.number().int() }),
  resultReady: z.boolean(),
  onTime: z.enum(ON_TIME_CLASSES).nullable(),
  returned: z
    .object({ at: isoInstant, collectedBy: z.string(), idChecked: z.boolean() })
    .nullable(),
  /** Actions the lifecycle would accept now (the screen shows only these). */
  allowedActions: z.array(z.enum(DOSSIER_ACTIONS)),
  events: z.array(dossierEventSchema),
});
export type Dossier = z.infer<typeof dossierSchema>;

const formLinkSchema = z.object({ url: z.string(), expiresAt: isoInstant });

export const printJobResultSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'printing', 'done', 'failed', 'screen']),
  error: z.string().nullable(),
});

export const dossierOperations = {
  citizenIdParse: defineOperation({
    name: 'citizenId.parse',
    method: 'POST',
    path: '/citizen-id/parse',
    role: 'officer',
    summary: 'Parse the text of the CCCD QR code (domain §5); 422 with the reason',
    input: z.object({ qr: z.string().max(2000) }).strict(),
    output: z.object({
      idNumber: z.string(),
      oldIdNumber: z.string().optional(),
      fullName: z.string(),
      birthDate: vnDateSchema,
      sex: z.enum(['Nam', 'Nữ']),
      address: z.string(),
      issueDate: vnDateSchema,
    }),
  }),
  create: defineOperation({
    name: 'dossiers.create',
    method: 'POST',
    path: '/dossiers',
    role: 'officer',
    summary:
      'Receive a complete dossier: code <agency>-YYMMDD-XXXX, due date; receivedAt only for admins or the same Vietnam day; 422 INCOMPLETE_DOSSIER when a required document is missing; Idempotency-Key header (or idempotencyKey): a repeat within 24 h answers the first result, 409 IDEMPOTENCY_MISMATCH for another body',
    idempotent: true,
    input: z
      .object({
        procedureId: z.string().trim().min(1).max(64),
        applicant: applicantInputSchema,
        documents: z.array(submittedDocumentSchema).max(50).optional(),
        receivedAt: isoInstant.optional(),
        ticketId: z.string().trim().min(1).max(64).optional(),
        resultMethod: z.enum(['desk', 'post']).optional(),
        idempotencyKey: idempotencyKeySchema.optional(),
        /** "Cần xác minh": the appointment uses the procedure's longer limit (docs/catalog.md). */
        needsVerification: z.boolean().optional(),
        /** Number of sets (bộ) received, printed on Mẫu 01 and the register; default 1. */
        sets: z.number().int().min(1).max(99).optional(),
      })
      .strict(),
    output: z.object({
      id: z.string(),
      code: z.string(),
      status: z.literal('received'),
      receivedAt: isoInstant,
      dueDate: vnDateSchema,
      dueAt: isoInstant,
    }),
    successStatus: 201,
  }),
  search: defineOperation({
    name: 'dossiers.search',
    method: 'GET',
    path: '/dossiers',
    role: 'officer',
    summary: 'Search by code, ID number, phone or folded name; filters; newest first, paged',
    input: z
      .object({
        q: z.string().trim().max(100).optional(),
        status: dossierStatusSchema.optional(),
        procedureId: z.string().trim().max(64).optional(),
        from: vnDateSchema.optional(),
        to: vnDateSchema.optional(),
        page: z.coerce.number().int().min(1).max(100_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      })
      .strict(),
    output: z.object({ items: z.array(dossierSummarySchema), total: z.number().int() }),
  }),
  // Listed before dossiers.get: '/dossiers/{code}' would also match '/dossiers/warnings'.
  warnings: defineOperation({
    name: 'dossiers.warnings',
    method: 'GET',
    path: '/dossiers/warnings',
    role: 'officer',
    summary:
      'Dossiers due today, due tomorrow (apology still possible), overdue, awaiting supplement > 15 days',
    input: z.object({}).strict(),
    output: z.array(dossierSummarySchema),
  }),
  procedureUsage: defineOperation({
    name: 'dossiers.procedureUsage',
    method: 'GET',
    path: '/dossiers/procedure-usage',
    role: 'officer',
    summary:
      "This office's most-used procedures (dossiers received in the last 90 days), most first: the desk's procedure picker orders by it",
    input: z.object({}).strict(),
    output: z.array(z.object({ procedureId: z.string(), count: z.number().int() })),
  }),
  get: defineOperation({
    name: 'dossiers.get',
    method: 'GET',
    path: '/dossiers/{code}',
    role: 'officer',
    summary: 'One dossier with its event trail (the view is audited)',
    input: z.object({ code: codeSchema }).strict(),
    output: dossierSchema,
  }),
  action: defineOperation({
    name: 'dossiers.action',
    method: 'POST',
    path: '/dossiers/{code}/actions',
    role: 'officer',
    summary:
      'Apply a lifecycle action (docs/dossier-lifecycle.md); forbidden by the rules → 409 TRANSITION_FORBIDDEN',
    input: z
      .object({
        code: codeSchema,
        action: z.enum(DOSSIER_ACTIONS),
        reason: z.string().max(1000).optional(),
        newDueDate: z.string().max(10).optional(),
        unit: z.string().max(200).optional(),
        note: z.string().max(1000).optional(),
        documents: z.array(z.string().max(300)).max(50).optional(),
        collectedBy: z.string().max(120).optional(),
        collectorKind: z.enum(COLLECTOR_KINDS).optional(),
        idChecked: z.boolean().optional(),
        authorisationChecked: z.boolean().optional(),
        feePaidVnd: z.number().int().nonnegative().max(1_000_000_000).optional(),
        paymentMethod: z.enum(PAYMENT_METHODS).optional(),
      })
      .strict(),
    output: dossierSchema,
  }),
  formLink: defineOperation({
    name: 'dossiers.formLink',
    method: 'POST',
    path: '/dossiers/{code}/forms/{form}',
    role: 'officer',
    summary:
      "A short-lived link to a printable form of the dossier's set (TT 01/2018 before 15/9/2025, TT 03/2025 from then; A5), or 409 with the rule when the dossier's state has no such form",
    input: z.object({ code: codeSchema, form: z.enum(FORM_KINDS) }).strict(),
    output: formLinkSchema,
  }),
  print: defineOperation({
    name: 'dossiers.print',
    method: 'POST',
    path: '/dossiers/{code}/print',
    role: 'officer',
    summary: 'Print the 80 mm receipt (Mẫu 01) or the return slip on the receipt printer',
    input: z.object({ code: codeSchema, form: z.enum(['receipt', 'return']) }).strict(),
    output: printJobResultSchema,
  }),
  registerLink: defineOperation({
    name: 'dossiers.registerLink',
    method: 'POST',
    path: '/registers/{year}/form',
    role: 'officer',
    summary: 'A short-lived link to the register of a year (Mẫu 06, A4 landscape)',
    input: z.object({ year: z.coerce.number().int().min(2000).max(2199) }).strict(),
    output: formLinkSchema,
  }),
  receptionSlip: defineOperation({
    name: 'receptionSlips.create',
    method: 'POST',
    path: '/reception-slips',
    role: 'officer',
    summary:
      'Incomplete or refused at the counter (Art. 17): record it and give the link to Mẫu 02 / Mẫu 03',
    input: z
      .object({
        kind: z.enum(['supplement', 'refusal']),
        procedureId: z.string().trim().min(1).max(64),
        applicant: applicantInputSchema,
        reason: z.string().trim().min(1).max(1000),
        documents: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
        ticketId: z.string().trim().min(1).max(64).optional(),
      })
      .strict(),
    output: z.object({ id: z.string(), kind: z.enum(['supplement', 'refusal']), url: z.string() }),
    successStatus: 201,
  }),
  agenciesList: defineOperation({
    name: 'agencies.list',
    method: 'GET',
    path: '/agencies',
    role: 'officer',
    summary: 'Agency identifiers per deciding authority (where they differ from the site code)',
    input: z.object({}).strict(),
    output: z.array(z.object({ decidingAuthority: z.string(), agencyCode: z.string() })),
  }),
  agenciesSet: defineOperation({
    name: 'agencies.set',
    method: 'PUT',
    path: '/agencies',
    role: 'admin',
    summary: 'Set (or with an empty code, remove) the identifier of a deciding authority',
    input: z
      .object({
        decidingAuthority: z.string().trim().min(1).max(200),
        agencyCode: z.string().trim().max(40),
      })
      .strict(),
    output: z.array(z.object({ decidingAuthority: z.string(), agencyCode: z.string() })),
  }),
  formRender: defineOperation({
    name: 'forms.render',
    method: 'GET',
    path: '/forms/{token}',
    role: 'public',
    summary:
      'The HTML of a form link (the unguessable token, valid 10 minutes, is the permission); the hub also serves it as a page at /forms/{token}',
    input: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    rateLimit: { perMinute: 120 },
  }),
  publicLookup: defineOperation({
    name: 'public.dossierLookup',
    method: 'GET',
    path: '/public/dossiers/{code}',
    role: 'public',
    summary:
      'Anonymous lookup: code + last 4 digits of the phone or ID number; no personal data; 404 alike for unknown code and wrong check',
    input: z
      .object({ code: z.string().trim().min(1).max(60), check: z.string().trim().max(10) })
      .strict(),
    output: z
      .object({
        code: z.string(),
        procedureName: z.string(),
        status: dossierStatusSchema,
        dueDate: z.string().nullable(),
        resultReady: z.boolean(),
        /** The latest apology letter for a late dossier: its new appointment date. */
        apology: z.object({ newDueDate: z.string() }).strict().nullable(),
      })
      .strict(),
    rateLimit: { perMinute: 10 },
  }),
} as const;
