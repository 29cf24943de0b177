import { z } from 'zod';
import { procedureSchema } from '../../shared/catalog/procedure';
import { catalogRowErrorSchema } from '../../shared/contract/catalog';
import { ERROR_STATUS, type ErrorCode } from '../../shared/contract/errors';
import { fileBodySchema } from '../../shared/contract/operation';
import {
  reportDetailsSchema,
  reportExportInput,
  reportPeriodInput,
} from '../../shared/contract/reports';
import { siteSchema } from '../../shared/contract/system';

/**
 * The messages between the serving thread and the heavy-work thread (heavyWorker.ts), each
 * checked with zod on arrival on both sides. The worker only READS: it opens the database
 * read-only (its own connection) or a file it is given; every write stays on the serving
 * thread (docs/architecture.md, "Heavy work off the serving thread").
 */
const instant = z.iso.datetime({ offset: true });

export const heavyJobSchema = z.discriminatedUnion('op', [
  /**
   * Finish a fresh backup copy (one self-contained file) and `integrity_check` it; with
   * `source`, first copy that database file into it (SQLite's backup API, one step).
   */
  z.strictObject({
    op: z.literal('backupCopy'),
    file: z.string().min(1),
    source: z.string().min(1).optional(),
  }),
  /** The report details of a period (every dossier/ticket/rating of it is read). */
  z.strictObject({
    op: z.literal('reportDetails'),
    dbPath: z.string().min(1),
    input: reportPeriodInput,
    now: instant,
    overdueLimit: z.number().int().min(0).optional(),
  }),
  /** A report table as a file (a year's CSV/XLSX export, the register). */
  z.strictObject({
    op: z.literal('reportExport'),
    dbPath: z.string().min(1),
    input: reportExportInput,
    now: instant,
    site: siteSchema,
  }),
  /** Unzip and parse an XLSX catalogue (the rows are written by the serving thread). */
  z.strictObject({
    op: z.literal('catalogXlsx'),
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
    validRowsOnly: z.boolean(),
  }),
]);
export type HeavyJob = z.infer<typeof heavyJobSchema>;
export type HeavyOp = HeavyJob['op'];

/** What each job answers (checked again on the serving thread before it is used). */
export const heavyResultSchemas = {
  backupCopy: z.strictObject({
    ok: z.boolean(),
    detail: z.string(),
    schemaVersion: z.number().int(),
  }),
  reportDetails: reportDetailsSchema,
  reportExport: fileBodySchema,
  catalogXlsx: z.strictObject({
    ok: z.array(procedureSchema),
    errors: z.array(catalogRowErrorSchema),
    ignoredColumns: z.array(z.string()),
  }),
} as const satisfies Record<HeavyOp, z.ZodType>;
export type HeavyResult<O extends HeavyOp> = z.output<(typeof heavyResultSchemas)[O]>;

export const workerRequestSchema = z.strictObject({ id: z.number().int(), job: heavyJobSchema });
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

/** An error the worker met: an AppError keeps its code and message for the caller. */
export const workerErrorSchema = z.strictObject({
  code: z
    .string()
    .refine((c): c is ErrorCode => Object.hasOwn(ERROR_STATUS, c))
    .nullable(),
  message: z.object({ vi: z.string(), en: z.string() }).nullable(),
  messageKey: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  details: z.unknown().optional(),
  text: z.string(),
});

export const workerResponseSchema = z.discriminatedUnion('ok', [
  z.strictObject({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: z.number().int(), ok: z.literal(false), error: workerErrorSchema }),
]);
export type WorkerResponse = z.infer<typeof workerResponseSchema>;
