import { z } from 'zod';
import { PAYMENT_METHODS } from '../../../shared/contract/dossiers';
import { b, type Block, type PrintDocument } from '../document';
import { AgencySchema, formatMoney, vnStrings } from './common';
import { labelsVi } from './labels.vi';

export const FeeReceiptDataSchema = z.object({
  agency: AgencySchema,
  receiptNo: z.string().min(1).max(30),
  dossierCode: z.string().max(40).optional(),
  payerName: z.string().min(1).max(120),
  items: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        quantity: z.number().int().min(1).max(9999),
        /** In đồng. */
        unitPrice: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(50),
  method: z.enum(PAYMENT_METHODS),
  paidAt: z.date(),
  collectorName: z.string().min(1).max(120),
});
export type FeeReceiptData = z.output<typeof FeeReceiptDataSchema>;

export function feeReceiptTotal(data: FeeReceiptData): number {
  return data.items.reduce((s, it) => s + it.quantity * it.unitPrice, 0);
}

export function feeReceiptLayout(data: FeeReceiptData): PrintDocument {
  const l = labelsVi.fee;
  const at = vnStrings(data.paidAt);
  const money = (n: number): string => `${formatMoney(n)} ${l.currency}`;
  const blocks: Block[] = [];
  if (data.agency.parentName) blocks.push(b.center(data.agency.parentName));
  blocks.push(
    b.center(data.agency.name, { bold: true }),
    b.rule(),
    b.center(l.title, { size: 2, bold: true }),
    b.center(`${l.receiptNo}: ${data.receiptNo}`),
  );
  if (data.dossierCode) blocks.push(b.center(`${l.dossierCode}: ${data.dossierCode}`));
  blocks.push(
    b.rule('dashed'),
    b.text(`${l.payer}: ${data.payerName}`, { bold: true }),
    b.columns(
      { text: l.colItem, weight: 6, bold: true },
      { text: l.colQty, weight: 1, bold: true, align: 'right' },
      { text: l.colAmount, weight: 3, bold: true, align: 'right' },
    ),
    ...data.items.map((it) =>
      b.columns(
        { text: it.name, weight: 6 },
        { text: String(it.quantity), weight: 1, align: 'right' },
        { text: money(it.quantity * it.unitPrice), weight: 3, align: 'right' },
      ),
    ),
    b.rule(),
    b.columns(
      { text: l.total, weight: 1, bold: true },
      { text: money(feeReceiptTotal(data)), weight: 1, bold: true, align: 'right' },
    ),
    b.text(`${l.method}: ${l.methods[data.method]}`),
    b.text(`${l.paidAt}: ${at.time} ${at.date}`),
    b.text(`${l.collector}: ${data.collectorName}`),
    b.drawer(),
    b.cut(),
  );
  return { blocks };
}
