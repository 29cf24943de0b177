import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/core/printing/document';
import { receiptA5Html } from '../../../src/core/printing/forms/receiptA5';
import {
  buildLayout,
  dossierReceiptLayout,
  feeReceiptTotal,
  formatMoney,
  LAYOUT_NAMES,
  ticketLayout,
} from '../../../src/core/printing/layouts';
import {
  sampleDocument,
  sampleDossierReceipt,
  sampleFeeReceipt,
  sampleTicket,
} from '../../../src/core/printing/samples';

const texts = (blocks: Block[]): string =>
  blocks
    .map((bl) =>
      bl.type === 'text'
        ? bl.text
        : bl.type === 'columns'
          ? bl.columns.map((c) => c.text).join(' | ')
          : '',
    )
    .join('\n');

describe('layouts', () => {
  it('are pure: same data, same document', () => {
    for (const name of LAYOUT_NAMES) expect(sampleDocument(name)).toEqual(sampleDocument(name));
  });

  it('every layout ends with a cut', () => {
    for (const name of LAYOUT_NAMES)
      expect(sampleDocument(name).blocks.at(-1)).toEqual({ type: 'cut', partial: false });
  });

  it('ticket: huge number, service, Vietnam time, people ahead, wait range, status QR', () => {
    const doc = ticketLayout(sampleTicket);
    expect(doc.blocks).toContainEqual({
      type: 'text',
      text: 'A012',
      size: 3,
      bold: true,
      align: 'center',
    });
    const t = texts(doc.blocks);
    expect(t).toContain('Hộ tịch - Chứng thực');
    expect(t).toContain('08:05 15/07/2025'); // 01:05 UTC shown in Vietnam time
    expect(t).toContain('Số người chờ trước: 4');
    expect(t).toContain('10 - 20 phút');
    expect(doc.blocks).toContainEqual(
      expect.objectContaining({ type: 'qr', data: sampleTicket.statusUrl }),
    );
  });

  it('dossier receipt carries the Mẫu 01 content', () => {
    const t = texts(dossierReceiptLayout(sampleDossierReceipt).blocks);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Đông Tiến, ngày 15 tháng 07 năm 2025',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Liên: Giao khách hàng',
      'Mã hồ sơ: 000.00.14.H56-250715-0001',
      'Ông/Bà: Nguyễn Thị Ngọc Ánh',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh (1.001193)',
      '1 | Tờ khai đăng ký khai sinh | Bản chính | 1',
      'Số lượng hồ sơ: 1 (bộ)',
      'Thời gian giải quyết hồ sơ theo quy định: 1 ngày làm việc',
      'Thời gian nhận hồ sơ: 09 giờ 42 phút, ngày 15/07/2025',
      'Thời gian trả kết quả: 14 giờ 00 phút, ngày 16/07/2025',
      'Nhận kết quả tại: Quầy số 2',
      'Quyển số: 01/2025, Số thứ tự: 0412',
      'Đặng Văn Đức',
    ]) {
      expect(t).toContain(s);
    }
  });

  it('prints both copies (Lưu, Giao khách hàng) each followed by a cut when asked', () => {
    const doc = dossierReceiptLayout({ ...sampleDossierReceipt, copies: ['keep', 'customer'] });
    const t = texts(doc.blocks);
    expect(t.indexOf('Liên: Lưu')).toBeLessThan(t.indexOf('Liên: Giao khách hàng'));
    expect(doc.blocks.filter((x) => x.type === 'cut')).toHaveLength(2);
  });

  it('fee receipt totals the items in đồng', () => {
    expect(feeReceiptTotal(sampleFeeReceipt)).toBe(20_000);
    expect(formatMoney(1_234_567)).toBe('1.234.567');
    expect(texts(sampleDocument('feeReceipt').blocks)).toContain('20.000 đ');
  });

  it('buildLayout validates untrusted data and returns failures as values', () => {
    const bad = buildLayout('ticket', { ...sampleTicket, peopleAhead: -1 });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_DATA' });
    const good = buildLayout('dossierReceipt', { ...sampleDossierReceipt, copies: undefined });
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.document.blocks.filter((x) => x.type === 'cut')).toHaveLength(1);
  });
});

describe('A5 HTML form (Mẫu 01)', () => {
  it('is a full A5 document with an embedded font, both copies and escaped data', () => {
    const html = receiptA5Html({
      ...sampleDossierReceipt,
      applicant: { ...sampleDossierReceipt.applicant, name: 'Nguyễn Thị Ngọc Ánh <script>' },
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page { size: A5 portrait;');
    expect(html).toMatch(
      /@font-face\{font-family:"MotCuaNotoSans";font-weight:400;[^}]*data:font\/ttf;base64,AAEAAA/,
    );
    expect(html).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(html).toContain('Liên: Lưu');
    expect(html).toContain('Liên: Giao khách hàng');
    expect(html).toContain('Nguyễn Thị Ngọc Ánh &lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html.match(/<section class="page">/g)).toHaveLength(2);
  });

  it('can reference a served font instead of embedding it', () => {
    const html = receiptA5Html(sampleDossierReceipt, {
      font: {
        kind: 'url',
        regularUrl: '/fonts/NotoSans-Regular.ttf',
        boldUrl: '/fonts/NotoSans-Bold.ttf',
      },
      copies: ['customer'],
    });
    expect(html).toContain('url("/fonts/NotoSans-Regular.ttf")');
    expect(html).not.toContain('base64');
    expect(html.match(/<section class="page">/g)).toHaveLength(1);
  });
});
