import { z } from 'zod';
import { MAX_PERIOD_DAYS, periodProblem } from '../reports/period';
import { isVnDate } from '../time/vnTime';
import { defineOperation, fileBodySchema } from './operation';

/**
 * Reports (issue 7). Periods are Vietnam business dates, `from` and `to` INCLUSIVE.
 * Definitions of every number: docs/reports.md. No rater identity appears anywhere.
 */
const vnDateParam = z.string().refine(isVnDate, { message: 'Ngày không hợp lệ (YYYY-MM-DD)' });

const periodShape = { from: vnDateParam, to: vnDateParam };

function checkPeriod(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const problem = periodProblem(v.from, v.to);
  if (problem === 'order') {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" phải không trước "from"' });
  } else if (problem === 'tooLong') {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `Kỳ báo cáo dài tối đa ${MAX_PERIOD_DAYS} ngày`,
    });
  }
}

export const reportPeriodInput = z.object(periodShape).strict().superRefine(checkPeriod);

const count = z.number().int().nonnegative();
const pct = z.number().nullable();
const minutes = z.number().nullable();

/**
 * Digitisation of the period's dossiers (NĐ 118/2025 Art. 17; QĐ 766/QĐ-TTg; docs/reports.md,
 * "Digitisation"): `dossiers` received in the period with at least one paper document,
 * `digitised` those whose every paper document has a file (attached or linked), `rate` the
 * share in percent (0–100, one decimal; null when there are none), `resultsDigitised` the
 * dossiers received in the period whose result has a scan.
 */
export const digitisationFiguresSchema = z.object({
  dossiers: count,
  digitised: count,
  rate: pct,
  resultsDigitised: count,
});

export const reportSummarySchema = z.object({
  dossiers: z.object({
    received: count,
    returned: count,
    inProcess: count,
    onTime: count,
    early: count,
    late: count,
    overdueNow: count,
    /**
     * Apology letters issued in the period for dossiers already past their due date
     * (`apologise`; provincial rules, docs/reports.md), to compare with `late` + `overdueNow`.
     */
    apologyLetters: count,
    /** Percent (0–100, one decimal); null when nothing was received and processed. */
    onTimeRate: pct,
  }),
  queue: z.object({
    issued: count,
    served: count,
    noShow: count,
    avgWaitMinutes: minutes,
    p90WaitMinutes: minutes,
  }),
  ratings: z.object({ satisfied: count, neutral: count, unsatisfied: count }),
  digitisation: digitisationFiguresSchema,
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

const dossierCounts = {
  received: count,
  returned: count,
  early: count,
  onTime: count,
  late: count,
  completed: count,
  inProcess: count,
  inProcessWithinTime: count,
  inProcessOverdue: count,
  overdueNow: count,
  /** Apology letters for late dossiers issued in the period. */
  apologyLetters: count,
  onTimeRate: pct,
};
const ratingCounts = z.object({
  satisfied: count,
  neutral: count,
  unsatisfied: count,
  total: count,
});

const queueCounts = z.object({
  issued: count,
  served: count,
  noShow: count,
  called: count,
  avgWaitMinutes: minutes,
  p90WaitMinutes: minutes,
  avgServiceMinutes: minutes,
  overTarget: count,
  overTargetRate: pct,
});

export const reportSatisfactionSchema = z.object({
  dossiers: count,
  late: count,
  ratedUnsatisfiedNotLate: count,
  complainedNotLate: count,
  excluded: count,
  ratio: pct,
  fullMarks: z.boolean(),
});

export const reportDetailsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), asOf: z.string(), today: z.string() }),
  dossiers: z.object(dossierCounts),
  byProcedure: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      field: z.string(),
      ...dossierCounts,
      digitisation: digitisationFiguresSchema,
    }),
  ),
  byField: z.array(z.object({ field: z.string(), ...dossierCounts })),
  byOfficer: z.array(
    z.object({ userId: z.string(), name: z.string(), ...dossierCounts, ratings: ratingCounts }),
  ),
  overdue: z.array(
    z.object({
      code: z.string(),
      procedureCode: z.string(),
      procedureName: z.string(),
      applicantName: z.string(),
      receivedDate: z.string(),
      dueDate: z.string(),
      daysOverdue: z.number().int(),
      status: z.string(),
      unit: z.string().nullable(),
      officer: z.string().nullable(),
    }),
  ),
  queue: queueCounts,
  queueByService: z.array(
    z.object({
      serviceId: z.string(),
      prefix: z.string(),
      name: z.string(),
      targetMinutes: z.number().int(),
      issued: count,
      served: count,
      noShow: count,
      called: count,
      avgWaitMinutes: minutes,
      avgServiceMinutes: minutes,
      overTarget: count,
      overTargetRate: pct,
    }),
  ),
  queueByHour: z.array(
    z.object({ hour: z.number().int(), issued: count, served: count, avgWaitMinutes: minutes }),
  ),
  queueByCounter: z.array(
    z.object({
      counterId: z.string(),
      number: z.number().int(),
      name: z.string(),
      called: count,
      served: count,
      noShow: count,
      avgWaitMinutes: minutes,
      avgServiceMinutes: minutes,
    }),
  ),
  ratings: ratingCounts.extend({
    satisfiedRate: pct,
    reasons: z.array(z.object({ reason: z.string(), count })),
  }),
  satisfaction: reportSatisfactionSchema,
  digitisation: digitisationFiguresSchema,
});
export type ReportDetails = z.infer<typeof reportDetailsSchema>;

/** The machine-readable summary a commune sends to the province. */
export const provinceReportSchema = z.object({
  format: z.literal('motcua.report/1'),
  generatedAt: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string(), asOf: z.string() }),
  summary: reportSummarySchema,
  dossiers: z.object(dossierCounts),
  satisfaction: reportSatisfactionSchema,
  byProcedure: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      field: z.string(),
      received: count,
      completed: count,
      early: count,
      onTime: count,
      late: count,
      inProcess: count,
      inProcessWithinTime: count,
      apologyLetters: count,
      onTimeRate: pct,
    }),
  ),
});
export type ProvinceReport = z.infer<typeof provinceReportSchema>;

/** `digitisation`: the digitisation figures per procedure and in total (docs/reports.md). */
export const REPORT_EXPORT_KINDS = [
  'dossiers',
  'tickets',
  'ratings',
  'register',
  'digitisation',
] as const;
export type ReportExportKind = (typeof REPORT_EXPORT_KINDS)[number];

export const reportExportInput = z
  .object({
    kind: z.enum(REPORT_EXPORT_KINDS),
    /** html: the register only (Mẫu 06, A4 landscape, for print / PDF). */
    format: z.enum(['csv', 'xlsx', 'html']),
    ...periodShape,
  })
  .strict()
  .superRefine((v, ctx) => {
    checkPeriod(v, ctx);
    if (v.format === 'html' && v.kind !== 'register') {
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: 'Chỉ sổ theo dõi hồ sơ (register) có bản in HTML',
      });
    }
  });

export const reportOperations = {
  reportsSummary: defineOperation({
    name: 'reports.summary',
    method: 'GET',
    path: '/reports/summary',
    role: 'officer',
    summary: 'Dossiers, queue and satisfaction figures of a period (Vietnam dates, inclusive)',
    input: reportPeriodInput,
    output: reportSummarySchema,
  }),
  reportsDetails: defineOperation({
    name: 'reports.details',
    method: 'GET',
    path: '/reports/details',
    role: 'officer',
    summary:
      'Dashboard breakdowns: by procedure, field, officer; overdue list; queue by service, hour, counter; rating reasons; national satisfaction ratio',
    input: reportPeriodInput,
    output: reportDetailsSchema,
  }),
  reportsProvince: defineOperation({
    name: 'reports.province',
    method: 'GET',
    path: '/reports/province',
    role: 'officer',
    summary: 'Machine-readable summary of a period for the province (format motcua.report/1)',
    input: reportPeriodInput,
    output: provinceReportSchema,
  }),
  reportsExport: defineOperation({
    name: 'reports.export',
    method: 'GET',
    path: '/reports/export',
    role: 'officer',
    summary:
      'A table as a file: CSV (UTF-8 with BOM) or XLSX; the register (Mẫu 06) also as A4 landscape HTML',
    input: reportExportInput,
    output: fileBodySchema,
    file: true,
  }),
} as const;
