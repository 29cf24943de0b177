import { z } from 'zod';
import {
  feeSchema,
  procedureSchema,
  requiredDocumentSchema,
  TIME_UNITS,
} from '../catalog/procedure';
import { defineOperation } from './operation';

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
  fee: feeSchema,
  documents: z.array(requiredDocumentSchema),
});
export type PublicProcedure = z.infer<typeof publicProcedureSchema>;

export const catalogRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});

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
      'Import a catalogue file (JSON or CSV, docs/catalog.md); any bad row imports nothing unless validRowsOnly',
    input: z
      .object({
        format: z.enum(['json', 'csv']),
        content: z.string().max(900_000),
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
    summary: 'The catalogue as a JSON or CSV file (UTF-8 with BOM for Excel)',
    input: z.object({ format: z.enum(['json', 'csv']).default('json') }).strict(),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }),
  }),
} as const;
