import { z } from 'zod';
import { b, type PrintDocument } from '../document';
import { vnStrings } from './common';
import { labelsVi } from './labels.vi';

export const TestPageDataSchema = z.object({
  printerName: z.string().min(1).max(100),
  /** A one-line summary of the profile, e.g. "80 mm · raster". */
  profileSummary: z.string().max(100).optional(),
  printedAt: z.date(),
  qrData: z.string().max(200).default('https://motcua.local/test'),
});
export type TestPageData = z.output<typeof TestPageDataSchema>;

export function testPageLayout(data: TestPageData): PrintDocument {
  const l = labelsVi.testPage;
  const at = vnStrings(data.printedAt);
  return {
    blocks: [
      b.center(l.title, { size: 2, bold: true }),
      b.text(`${l.printer}: ${data.printerName}`),
      ...(data.profileSummary ? [b.text(data.profileSummary)] : []),
      b.text(`${l.printedAt}: ${at.time} ${at.date}`),
      b.rule(),
      b.text(`${l.alphabet}:`, { bold: true }),
      b.text('a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ đ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị'),
      b.text('o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ'),
      b.text('A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ Đ E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ I Ì Í Ỉ Ĩ Ị'),
      b.text('O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự Y Ỳ Ý Ỷ Ỹ Ỵ'),
      b.rule('dashed'),
      b.text(`${l.sizes} 1: ${l.sample}`),
      b.text(`${l.sizes} 2`, { size: 2 }),
      b.text(`${l.sizes} 3`, { size: 3 }),
      b.text(`${l.boldSample}: Nguyễn Thị Ngọc Ánh, Đặng Văn Đức`, { bold: true }),
      b.text(l.alignLeft),
      b.center(l.alignCenter),
      b.text(l.alignRight, { align: 'right' }),
      b.columns(
        { text: 'STT', weight: 1 },
        { text: 'Tên', weight: 4 },
        { text: 'SL', align: 'right' },
      ),
      b.rule('dashed'),
      b.qr(data.qrData, 4),
      b.barcode('MC-0001', 48),
      b.center(l.ok),
      b.cut(),
    ],
  };
}
