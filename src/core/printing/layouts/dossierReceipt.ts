import { z } from 'zod';
import { b, type Block, type PrintDocument } from '../document';
import { AgencySchema, officialHeader, vnStrings } from './common';
import { labelsVi } from './labels.vi';
import { PaymentInfoSchema, paymentBlocks } from '../payment';

export const DocumentKindSchema = z.enum(['original', 'copy', 'certified']);

export const DossierReceiptDataSchema = z.object({
  agency: AgencySchema,
  dossierCode: z.string().min(1).max(40),
  /** Public lookup page of the dossier (QR). */
  lookupUrl: z.string().url().max(500).optional(),
  applicant: z.object({
    name: z.string().min(1).max(120),
    address: z.string().max(300).optional(),
    phone: z.string().max(30).optional(),
    email: z.string().max(120).optional(),
  }),
  procedure: z.object({ code: z.string().max(30).optional(), name: z.string().min(1).max(400) }),
  documents: z
    .array(
      z.object({
        name: z.string().min(1).max(300),
        kind: DocumentKindSchema,
        count: z.number().int().min(1).max(999),
      }),
    )
    .max(50),
  setCount: z.number().int().min(1).max(99).default(1),
  /** Legal processing time: working days, or a text such as "Trong ngày". */
  processingTime: z.union([
    z.object({ workingDays: z.number().min(0).max(365) }),
    z.object({ text: z.string().min(1).max(120) }),
  ]),
  receivedAt: z.date(),
  appointmentAt: z.date(),
  collectAt: z.string().min(1).max(300),
  registerBook: z.string().min(1).max(20),
  registerEntry: z.string().min(1).max(20),
  officerName: z.string().min(1).max(120),
  /** The fee due (amount, in words, VietQR when the bank account is set); absent: no fee. */
  payment: PaymentInfoSchema.optional(),
  /**
   * The form set of the dossier (its reception date, docs/domain.md, Forms): 'TT03-2025' prints the
   * citation of Mẫu 01, Appendix I of TT 03/2025/TT-VPCP under the title. Absent = TT 01/2018.
   */
  formSet: z.enum(['TT01-2018', 'TT03-2025']).optional(),
  /** Which copies to print, each followed by a cut (Mẫu 01 is made in 2 copies). */
  copies: z
    .array(z.enum(['keep', 'customer']))
    .min(1)
    .max(2)
    .default(['customer']),
});
export type DossierReceiptData = z.output<typeof DossierReceiptDataSchema>;

function oneCopy(data: DossierReceiptData, copy: 'keep' | 'customer'): Block[] {
  const l = labelsVi.receipt;
  const rec = vnStrings(data.receivedAt);
  const app = vnStrings(data.appointmentAt);
  const blocks: Block[] = [
    ...officialHeader(data.agency, data.receivedAt),
    b.center(l.title, { size: 2, bold: true }),
    b.center(l.copy(copy === 'keep' ? l.copyKeep : l.copyCustomer)),
    b.center(`${l.dossierCode}: ${data.dossierCode}`, { bold: true }),
  ];
  if (data.lookupUrl) blocks.push(b.qr(data.lookupUrl, 4), b.center(l.lookup));
  blocks.push(
    b.rule('dashed'),
    b.text(`${l.receivedFrom}:`),
    b.text(`${l.applicantName}: ${data.applicant.name}`, { bold: true }),
  );
  if (data.applicant.address) blocks.push(b.text(`${l.address}: ${data.applicant.address}`));
  if (data.applicant.phone) blocks.push(b.text(`${l.phone}: ${data.applicant.phone}`));
  if (data.applicant.email) blocks.push(b.text(`${l.email}: ${data.applicant.email}`));
  const proc = data.procedure.code
    ? `${data.procedure.name} (${data.procedure.code})`
    : data.procedure.name;
  blocks.push(b.text(`${l.request}: ${proc}`));
  if (data.documents.length > 0) {
    blocks.push(
      b.text(`${l.documentsHeader}:`),
      b.columns(
        { text: l.colNo, weight: 1.5, bold: true },
        { text: l.colName, weight: 5, bold: true },
        { text: l.colKind, weight: 3, bold: true },
        { text: l.colCount, weight: 1, bold: true, align: 'right' },
      ),
    );
    data.documents.forEach((d, i) =>
      blocks.push(
        b.columns(
          { text: String(i + 1), weight: 1.5 },
          { text: d.name, weight: 5 },
          { text: l.kind[d.kind], weight: 3 },
          { text: String(d.count), weight: 1, align: 'right' },
        ),
      ),
    );
  }
  blocks.push(
    b.rule('dashed'),
    b.text(l.setCount(data.setCount)),
    b.text(
      'workingDays' in data.processingTime
        ? l.processingTime(data.processingTime.workingDays)
        : l.processingTimeText(data.processingTime.text),
    ),
    b.text(l.receivedAt(rec.hour, rec.minute, rec.date)),
    b.text(l.appointmentAt(app.hour, app.minute, app.date), { bold: true }),
    b.text(`${l.collectAt}: ${data.collectAt}`),
    b.text(l.register(data.registerBook, data.registerEntry)),
    ...(data.payment ? paymentBlocks(data.payment) : []),
    b.feed(1),
    b.columns(
      { text: l.submitter, bold: true, align: 'center' },
      { text: l.receiver, bold: true, align: 'center' },
    ),
    b.columns({ text: l.signHint, align: 'center' }, { text: l.signHint, align: 'center' }),
    b.feed(3),
    b.columns(
      { text: data.applicant.name, align: 'center' },
      { text: data.officerName, align: 'center' },
    ),
    b.cut(),
  );
  return blocks;
}

export function dossierReceiptLayout(data: DossierReceiptData): PrintDocument {
  return { blocks: data.copies.flatMap((c) => oneCopy(data, c)) };
}
