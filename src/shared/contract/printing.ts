import { z } from 'zod';
import { printerConfigSchema, printerRoleSchema } from '../printing/printerProfile';
import { emptyInput, idSchema, isoInstant } from './common';
import { defineOperation } from './operation';

export const printJobStatusSchema = z.enum(['queued', 'printing', 'done', 'failed', 'screen']);
export type PrintJobStatus = z.infer<typeof printJobStatusSchema>;

/** A print job as the desk sees it: never personal data, only what happened to the paper. */
export const printJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  role: printerRoleSchema,
  printerId: z.string().nullable(),
  status: printJobStatusSchema,
  attempts: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  nextAttemptAt: isoInstant.nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  /**
   * What the job is about, as people know it (printJobs.list only): the dossier code, the
   * ticket number or the procedure code; null when unknown or not about anything.
   */
  refLabel: z.string().nullable().optional(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  printedAt: isoInstant.nullable(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const printerStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(printerRoleSchema),
  /** ok | paper_near_end | paper_out | cover_open | error | offline | unknown (no status over this transport) | none (show on screen) */
  state: z.enum([
    'ok',
    'paper_near_end',
    'paper_out',
    'cover_open',
    'error',
    'offline',
    'unknown',
    'none',
  ]),
  message: z.string(),
  /** The technical reason when the state is not ok (Vietnamese), e.g. the connection error. */
  detail: z.string().nullable(),
  failedJobs: z.number().int(),
  checkedAt: isoInstant,
});
export type PrinterStatusView = z.infer<typeof printerStatusSchema>;

export const printingOperations = {
  printersList: defineOperation({
    name: 'printers.list',
    method: 'GET',
    path: '/printers',
    role: 'admin',
    summary: 'Configured printers (profiles)',
    input: emptyInput,
    output: z.array(printerConfigSchema),
  }),
  printersReplace: defineOperation({
    name: 'printers.replace',
    method: 'PUT',
    path: '/printers',
    role: 'admin',
    summary: 'Replace the printer profiles (the body is the array)',
    input: z
      .object({
        printers: z
          .array(printerConfigSchema)
          .max(20)
          .refine((list) => new Set(list.map((p) => p.id)).size === list.length, {
            message: 'Mã máy in (id) bị trùng.',
          }),
      })
      .strict(),
    bodyField: 'printers',
    output: z.array(printerConfigSchema),
  }),
  printersStatus: defineOperation({
    name: 'printers.status',
    method: 'GET',
    path: '/printers/status',
    role: 'officer',
    summary: 'Live state of each printer (paper out, offline…) for the desk',
    input: emptyInput,
    output: z.array(printerStatusSchema),
  }),
  printersTest: defineOperation({
    name: 'printers.test',
    method: 'POST',
    path: '/printers/{id}/test',
    role: 'admin',
    summary: 'Print a test page',
    input: z.object({ id: idSchema }).strict(),
    output: printJobSchema,
  }),
  printJobsList: defineOperation({
    name: 'printJobs.list',
    method: 'GET',
    path: '/print-jobs',
    role: 'officer',
    summary:
      'Recent print jobs with status and error, and refLabel (dossier code, ticket number, procedure code)',
    input: z
      .object({
        status: printJobStatusSchema.optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(printJobSchema),
  }),
  printJobsRetry: defineOperation({
    name: 'printJobs.retry',
    method: 'POST',
    path: '/print-jobs/{id}/retry',
    role: 'officer',
    summary: 'Print a job again (audited)',
    input: z.object({ id: idSchema }).strict(),
    output: printJobSchema,
  }),
  printJobsPreview: defineOperation({
    name: 'printJobs.preview',
    method: 'GET',
    path: '/print-jobs/{id}/preview',
    role: 'officer',
    summary: 'The slip as an image, for "no printer: show on screen"',
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ widthMm: z.union([z.literal(58), z.literal(80)]), png: z.string() }),
  }),
} as const;
