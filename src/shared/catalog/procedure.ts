/**
 * A procedure (thủ tục hành chính, TTHC) of the desk's catalogue: what the officer and the
 * kiosk show (documents, time limit, fee, legal basis) and what drives the due date of a
 * dossier (`processingTime`). Provinces publish their own lists with local fees
 * (Quyết định công bố TTHC), so the catalogue is data: see docs/catalog.md for the JSON and
 * CSV/XLSX formats.
 */
import { z } from 'zod';
import { translate } from '../i18n';
import { isVnDate } from '../time/vnTime';

export const TIME_UNITS = ['working_day', 'day', 'hour', 'same_day'] as const;
export type ProcedureTimeUnit = (typeof TIME_UNITS)[number];

export const DOCUMENT_KINDS = ['original', 'copy', 'certified_copy', 'original_or_copy'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Labels as printed on the receipt (Mẫu 01: "bản chính / bản sao"). */
export const DOCUMENT_KIND_LABELS: Record<'vi' | 'en', Record<DocumentKind, string>> = {
  vi: {
    original: 'Bản chính',
    copy: 'Bản sao',
    certified_copy: 'Bản sao chứng thực',
    original_or_copy: 'Bản chính hoặc bản sao',
  },
  en: {
    original: 'Original',
    copy: 'Copy',
    certified_copy: 'Certified copy',
    original_or_copy: 'Original or copy',
  },
};

export const TIME_UNIT_LABELS: Record<'vi' | 'en', Record<ProcedureTimeUnit, string>> = {
  vi: { working_day: 'ngày làm việc', day: 'ngày', hour: 'giờ', same_day: 'trong ngày' },
  en: { working_day: 'working days', day: 'days', hour: 'hours', same_day: 'same day' },
};

const vnDateSchema = z.string().refine(isVnDate, { message: 'Ngày không hợp lệ (YYYY-MM-DD)' });
const line = z
  .string()
  .trim()
  .min(1, 'Không được để trống')
  .refine((s) => !/[;\r\n]/.test(s), { message: 'Không được chứa dấu ";" hoặc xuống dòng' });

export const requiredDocumentSchema = z.object({
  /** One line, no ';' (the CSV cell separator), e.g. "Tờ khai đăng ký khai sinh (theo mẫu)". */
  name: line,
  kind: z.enum(DOCUMENT_KINDS),
  count: z.number().int().min(1).max(99),
  optional: z.boolean().default(false),
});
export type RequiredDocument = z.output<typeof requiredDocumentSchema>;

export const processingTimeSchema = z
  .object({
    /** 0 for `same_day`; a whole number ≥ 1 for days; > 0 for hours. */
    amount: z.number().nonnegative(),
    unit: z.enum(TIME_UNITS),
    /** Free text shown to the citizen, e.g. variants of the time limit. */
    note: z.string().trim().min(1).optional(),
  })
  .superRefine((t, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['amount'], message });
    if (t.unit === 'same_day' && t.amount !== 0) bad('Thủ tục "trong ngày" có thời hạn 0');
    if (
      (t.unit === 'working_day' || t.unit === 'day') &&
      (!Number.isInteger(t.amount) || t.amount < 1)
    ) {
      bad('Thời hạn theo ngày phải là số nguyên ≥ 1');
    }
    if (t.unit === 'hour' && t.amount <= 0) bad('Thời hạn theo giờ phải > 0');
  });
export type ProcessingTime = z.output<typeof processingTimeSchema>;

/**
 * A procedure's time limit as people read it — "15 ngày làm việc", "Trong ngày", "1,5 giờ" —
 * on the desk, the kiosk and the printed checklist alike.
 */
export function processingTimeLabel(
  time: Pick<ProcessingTime, 'unit' | 'amount'>,
  lang: 'vi' | 'en',
): string {
  if (time.unit === 'same_day') return translate(lang, 'kiosk.proc.sameDay');
  const amount = time.amount.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
  return `${amount} ${TIME_UNIT_LABELS[lang][time.unit]}`;
}

export const feeSchema = z
  .object({
    /** Amount in đồng when the fee is a single figure (0 = free). */
    amountVnd: z.number().int().nonnegative().optional(),
    /** The fee as published (conditions, per-page rates, "theo quy định của HĐND tỉnh"). */
    text: z.string().trim().min(1).optional(),
  })
  .refine((f) => f.amountVnd !== undefined || f.text !== undefined, {
    message: 'Phải có mức phí (đồng) hoặc mô tả phí, lệ phí',
  });
export type Fee = z.output<typeof feeSchema>;

/** `1.001193`; provincial variants may add suffixes, e.g. `1.001193.000.00.00.H56`. */
export const NATIONAL_CODE_RE = /^\d\.\d{6}(?:\.[0-9A-Z]+)*$/;

export const procedureSchema = z
  .object({
    /** Stable id inside this installation (defaults to the national code on import). */
    id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Mã nội bộ chỉ gồm chữ, số, . _ -'),
    nationalCode: z
      .string()
      .trim()
      .regex(NATIONAL_CODE_RE, 'Mã thủ tục không hợp lệ (ví dụ 1.001193)'),
    name: z.string().trim().min(1),
    /** Lĩnh vực, e.g. "Hộ tịch", "Đăng ký, quản lý cư trú", "Chứng thực". */
    field: z.string().trim().min(1),
    /** Cơ quan có thẩm quyền quyết định, e.g. "UBND cấp xã", "Công an cấp xã". */
    decidingAuthority: z.string().trim().min(1),
    processingTime: processingTimeSchema,
    /**
     * The longer limit "when verification is needed" (e.g. kết hôn: 5 working days, Luật Hộ
     * tịch Art. 18(2); khai tử: 3 working days, Art. 34(2)). The officer ticks "cần xác minh"
     * at reception and the appointment uses this limit (docs/catalog.md).
     */
    verificationTime: processingTimeSchema.optional(),
    /**
     * When a requested supplement is complete, the time limit restarts from zero ('restart',
     * the default when absent) or resumes where it stopped ('resume'). UNCONFIRMED which one
     * NĐ 118/2025 Art. 19 means for each procedure: a setting (docs/dossier-lifecycle.md).
     */
    supplementClock: z.enum(['restart', 'resume']).optional(),
    fee: feeSchema,
    requiredDocuments: z
      .array(requiredDocumentSchema)
      .min(1, 'Phải có ít nhất một thành phần hồ sơ'),
    legalBasis: z.array(line).default([]),
    effectiveFrom: vnDateSchema,
    effectiveTo: vnDateSchema.optional(),
    /**
     * How many people must collect the result together (docs/desk.md, "Return"): 2 for a
     * marriage registration, where both spouses sign the register and the certificate (Luật
     * Hộ tịch 2014 Art. 18(2)); 1 otherwise.
     */
    collectorsRequired: z.number().int().min(1).max(2).default(1),
    /** Hint: the queue service code whose ticket this procedure goes to (e.g. "ho-tich"). */
    queueService: z.string().trim().min(1).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.effectiveTo !== undefined && p.effectiveTo < p.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: 'Ngày hết hiệu lực phải sau ngày có hiệu lực',
      });
    }
  });
export type Procedure = z.output<typeof procedureSchema>;
export type ProcedureInput = z.input<typeof procedureSchema>;

export const CATALOG_FORMAT = 'motcua.catalog';
export const CATALOG_VERSION = 1;

/** The JSON file: `{ format, version, procedures }`. */
export const catalogFileSchema = z.object({
  format: z.literal(CATALOG_FORMAT),
  version: z.literal(CATALOG_VERSION),
  procedures: z.array(procedureSchema),
});
export type CatalogFile = z.output<typeof catalogFileSchema>;

/** Is the procedure in force on the given business date? */
export function isProcedureEffective(p: Procedure, date: string): boolean {
  return p.effectiveFrom <= date && (p.effectiveTo === undefined || date <= p.effectiveTo);
}
