import { z } from 'zod';
import {
  feeSchema,
  procedureSchema,
  requiredDocumentSchema,
  TIME_UNITS,
} from '../catalog/procedure';
import { defineOperation, fileBodySchema } from './operation';

/** What the public (kiosk, desk pickers) sees of a procedure: no internal fields. */
export const publicProcedureSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  field: z.string(),
  decidingAuthority: z.string(),
  processingTime: z.object({
    amount: z.number(),
    unit: z.enum(TIME_UNITS),
    note: z.string().optional(),
  }),
  /** The longer limit "when verification is needed" (docs/catalog.md); absent = none. */
  verificationTime: z.object({ amount: z.number(), unit: z.enum(TIME_UNITS) }).optional(),
  fee: feeSchema,
  documents: z.array(requiredDocumentSchema),
});
export type PublicProcedure = z.infer<typeof publicProcedureSchema>;

export const catalogRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});

/**
 * Largest `content` of catalog.import: keeps the JSON body under the hub's 1 MB limit. An XLSX
 * file travels as base64 (4 characters per 3 bytes), so it may be at most 675,000 bytes.
 */
export const CATALOG_IMPORT_MAX_CHARS = 900_000;

export const catalogOperations = {
  proceduresList: defineOperation({
    name: 'procedures.list',
    method: 'GET',
    path: '/procedures',
    role: 'public',
    summary: 'Procedures in force today; q = code or name, Vietnamese folded (dang ky = Đăng ký)',
    input: z.object({ q: z.string().trim().max(100).optional() }).strict(),
    output: z.array(publicProcedureSchema),
  }),
  catalogList: defineOperation({
    name: 'catalog.list',
    method: 'GET',
    path: '/catalog/procedures',
    role: 'admin',
    summary: 'The whole catalogue, every field, including procedures no longer in force',
    input: z.object({}).strict(),
    output: z.array(procedureSchema),
  }),
  catalogSave: defineOperation({
    name: 'catalog.save',
    method: 'PUT',
    path: '/catalog/procedures/{id}',
    role: 'admin',
    summary: 'Add or replace one procedure (the id in the path wins)',
    input: z.object({ id: z.string().trim().min(1).max(64), procedure: z.unknown() }).strict(),
    output: procedureSchema,
  }),
  catalogImport: defineOperation({
    name: 'catalog.import',
    method: 'POST',
    path: '/catalog/import',
    role: 'admin',
    summary:
      'Import a catalogue file (JSON, CSV or XLSX, docs/catalog.md); any bad row imports nothing unless validRowsOnly. content: the text of a JSON/CSV file, the base64 of an XLSX file (at most 900,000 characters ≈ 659 KB, under the 1 MB body limit); a file that is not a valid XLSX is a 422',
    input: z
      .object({
        format: z.enum(['json', 'csv', 'xlsx']),
        content: z.string().max(CATALOG_IMPORT_MAX_CHARS),
        validRowsOnly: z.boolean().optional(),
        dryRun: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      imported: z.number().int(),
      added: z.number().int(),
      updated: z.number().int(),
      errors: z.array(catalogRowErrorSchema),
      ignoredColumns: z.array(z.string()),
    }),
  }),
  catalogExport: defineOperation({
    name: 'catalog.export',
    method: 'GET',
    path: '/catalog/export',
    role: 'officer',
    summary:
      'The catalogue as a file: JSON, CSV (UTF-8 with BOM for Excel) or XLSX (sheet "Danh mục thủ tục", the CSV columns)',
    input: z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }).strict(),
    output: fileBodySchema,
    file: true,
  }),
} as const;
