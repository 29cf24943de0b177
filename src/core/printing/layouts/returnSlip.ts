import { z } from 'zod';
import { b, type PrintDocument } from '../document';
import { AgencySchema, officialHeader, vnStrings } from './common';
import { translate } from '../../../shared/i18n';
import { labelsVi } from './labels.vi';
import { PaymentInfoSchema, paymentBlocks } from '../payment';

export const ReturnSlipDataSchema = z.object({
  agency: AgencySchema,
  dossierCode: z.string().min(1).max(40),
  applicantName: z.string().min(1).max(120),
  procedureName: z.string().min(1).max(400),
  receivedAt: z.date(),
  appointmentAt: z.date(),
  returnedAt: z.date(),
  result: z.string().min(1).max(400),
  /** Who collected the result (the applicant or an authorised person). */
  collectedBy: z.string().min(1).max(120),
  timeliness: z.enum(['early', 'onTime', 'late']),
  officerName: z.string().min(1).max(120),
  /**
   * The result has a stored scan (docs/digitisation.md): the slip may say an electronic copy
   * is kept. Absent = not known.
   */
  resultDigitised: z.boolean().optional(),
  /** Rating page (QR), optional. */
  ratingUrl: z.string().url().max(500).optional(),
  /** The dossier's public lookup page (QR; absent while there is no public address). */
  lookupUrl: z.string().url().max(500).optional(),
  /** The fee: amount, in words, how paid and who collected it, VietQR. */
  payment: PaymentInfoSchema.optional(),
});
export type ReturnSlipData = z.output<typeof ReturnSlipDataSchema>;

export function returnSlipLayout(data: ReturnSlipData): PrintDocument {
  const l = labelsVi.returnSlip;
  const blocks = [
    ...officialHeader(data.agency, data.returnedAt),
    b.center(l.title, { size: 2, bold: true }),
    b.center(`${l.dossierCode}: ${data.dossierCode}`, { bold: true }),
    b.rule('dashed'),
    b.text(`${l.applicant}: ${data.applicantName}`, { bold: true }),
    b.text(`${l.procedure}: ${data.procedureName}`),
    b.text(`${l.receivedAt}: ${vnStrings(data.receivedAt).date}`),
    b.text(`${l.appointmentAt}: ${vnStrings(data.appointmentAt).date}`),
    b.text(
      `${l.returnedAt}: ${vnStrings(data.returnedAt).time} ${vnStrings(data.returnedAt).date}`,
    ),
    b.text(`${l.result}: ${data.result}`),
    b.text(`${l.collectedBy}: ${data.collectedBy}`),
    b.center(l.timeliness[data.timeliness], { bold: true }),
    ...(data.resultDigitised ? [b.text(translate('vi', 'capture.resultKept'))] : []),
    ...(data.payment ? [b.rule('dashed'), ...paymentBlocks(data.payment)] : []),
    b.rule('dashed'),
    b.columns(
      { text: l.collectedBy, bold: true, align: 'center' },
      { text: l.officer, bold: true, align: 'center' },
    ),
    b.feed(3),
    b.columns(
      { text: data.collectedBy, align: 'center' },
      { text: data.officerName, align: 'center' },
    ),
    b.rule('dashed'),
    b.center(l.thanks),
  ];
  if (data.lookupUrl) blocks.push(b.qr(data.lookupUrl, 4), b.center(l.lookup));
  if (data.ratingUrl) blocks.push(b.center(l.rate), b.qr(data.ratingUrl, 4));
  blocks.push(b.cut());
  return { blocks };
}
