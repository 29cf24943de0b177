import type { z } from 'zod';
import type { PrintDocument, PrintFailure } from '../document';
import { printingMessages } from '../messages';
import { DossierReceiptDataSchema, dossierReceiptLayout } from './dossierReceipt';
import { FeeReceiptDataSchema, feeReceiptLayout } from './feeReceipt';
import { ReturnSlipDataSchema, returnSlipLayout } from './returnSlip';
import { TestPageDataSchema, testPageLayout } from './testPage';
import { TicketDataSchema, ticketLayout } from './ticket';

export * from './common';
export * from './dossierReceipt';
export * from './feeReceipt';
export * from './labels.vi';
export * from './returnSlip';
export * from './testPage';
export * from './ticket';

export const LAYOUT_NAMES = [
  'ticket',
  'dossierReceipt',
  'returnSlip',
  'feeReceipt',
  'testPage',
] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

type Entry<S extends z.ZodType> = { schema: S; build: (data: z.output<S>) => PrintDocument };
const entry = <S extends z.ZodType>(
  schema: S,
  build: (data: z.output<S>) => PrintDocument,
): Entry<S> => ({
  schema,
  build,
});

const REGISTRY = {
  ticket: entry(TicketDataSchema, ticketLayout),
  dossierReceipt: entry(DossierReceiptDataSchema, dossierReceiptLayout),
  returnSlip: entry(ReturnSlipDataSchema, returnSlipLayout),
  feeReceipt: entry(FeeReceiptDataSchema, feeReceiptLayout),
  testPage: entry(TestPageDataSchema, testPageLayout),
} as const;

/** Validate untrusted data (zod) and build the layout; invalid data is a value, not a throw. */
export function buildLayout(
  name: LayoutName,
  data: unknown,
): { ok: true; document: PrintDocument } | PrintFailure<'INVALID_DATA'> {
  const e: Entry<z.ZodType> = REGISTRY[name] as unknown as Entry<z.ZodType>;
  const parsed = e.schema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'INVALID_DATA',
      message: printingMessages.vi.INVALID_DATA,
      details: { layout: name, issues: parsed.error.issues },
    };
  }
  return { ok: true, document: e.build(parsed.data) };
}
