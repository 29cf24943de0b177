import {
  DOCUMENT_KIND_LABELS,
  processingTimeLabel,
  type Procedure,
} from '../../shared/catalog/procedure';
import { translate } from '../../shared/i18n';
import { b, type Block, type PrintDocument } from '../printing/document';
import { vnStrings } from '../printing/layouts/common';

/** "50.000 đồng", "Miễn phí", or the published text. */
export function feeText(fee: {
  amountVnd?: number | undefined;
  text?: string | undefined;
}): string {
  const parts: string[] = [];
  if (fee.amountVnd !== undefined) {
    parts.push(
      fee.amountVnd === 0
        ? translate('vi', 'kiosk.proc.free')
        : translate('vi', 'kiosk.proc.feeAmount', {
            amount: fee.amountVnd.toLocaleString('vi-VN'),
          }),
    );
  }
  if (fee.text) parts.push(fee.text);
  return parts.join('. ');
}

/**
 * The procedure checklist a citizen takes home from the kiosk (ticket printer): documents
 * to bring, time limit, fee and where to go. No personal data: it is the public catalogue.
 */
export function procedureChecklistLayout(data: {
  agencyName: string;
  procedure: Pick<
    Procedure,
    'nationalCode' | 'name' | 'processingTime' | 'fee' | 'requiredDocuments'
  >;
  where: string;
  printedAt: Date;
}): PrintDocument {
  const p = data.procedure;
  const t = (k: Parameters<typeof translate>[1]) => translate('vi', k);
  const at = vnStrings(data.printedAt);
  const blocks: Block[] = [
    b.center(data.agencyName, { bold: true }),
    b.rule(),
    b.center(t('kiosk.checklist.title'), { bold: true, size: 2 }),
    b.center(p.name, { bold: true }),
    b.center(`${t('kiosk.proc.code')}: ${p.nationalCode}`),
    b.rule('dashed'),
    b.text(t('kiosk.proc.documents'), { bold: true }),
  ];
  p.requiredDocuments.forEach((d, i) => {
    const kind = DOCUMENT_KIND_LABELS.vi[d.kind];
    const optional = d.optional ? ` (${t('kiosk.proc.ifApplicable')})` : '';
    blocks.push(b.text(`[ ] ${i + 1}. ${d.name} — ${kind}, ${d.count}${optional}`));
  });
  blocks.push(
    b.rule('dashed'),
    b.text(`${t('kiosk.proc.time')}: ${processingTimeLabel(p.processingTime, 'vi')}`),
    b.text(`${t('kiosk.proc.fee')}: ${feeText(p.fee)}`),
    b.text(`${t('kiosk.proc.where')}: ${data.where}`, { bold: true }),
    b.rule('dashed'),
    b.center(`${at.time} ${at.date}`),
    b.cut(),
  );
  return { blocks };
}
