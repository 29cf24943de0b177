/**
 * Every printable form with sample input data that takes every branch of its template
 * (optional lines present, several table rows, both register scopes). Shared by the golden
 * test (normal data renders byte for byte as committed) and the escaping test (markup in
 * every free-text field comes out escaped).
 */
import {
  apologyFormHtml,
  controlSlipHtml,
  refusalFormHtml,
  registerHtml,
  returnSlipHtml,
  stopNoticeHtml,
  supplementFormHtml,
} from '../../../src/core/dossiers/forms';
import { receiptA5Html } from '../../../src/core/printing/forms/receiptA5';
import { sampleDossierReceipt } from '../../../src/core/printing/samples';
import { vnInstant } from '../../../src/shared/time/vnTime';

const agency = {
  parentName: 'UBND TỈNH THANH HÓA',
  name: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ ĐÔNG TIẾN',
  place: 'Đông Tiến',
};
const at = vnInstant('2025-07-20', 10, 30);
const applicant = {
  fullName: 'Nguyễn Thị Ngọc Ánh',
  idNumber: '038190012345',
  phone: '0912 345 678',
  address: 'Thôn Phú Cường, xã Đông Tiến, tỉnh Thanh Hóa',
  email: 'anh.nguyen@example.vn',
};
const procedure = {
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  processingTime: { amount: 3, unit: 'working_day' as const },
};

/** A form: its sample input and its renderer (input → complete HTML document). */
export interface FormCase<T = unknown> {
  input: T;
  render: (input: T) => string;
}

function formCase<T>(input: T, render: (input: T) => string): FormCase {
  return { input, render: render as (input: unknown) => string };
}

export const FORM_CASES: Record<string, FormCase> = {
  // Mẫu 01 on A5, both copies (the default), with the lookup QR and an e-mail address.
  receiptA5: formCase(
    {
      ...sampleDossierReceipt,
      applicant: { ...sampleDossierReceipt.applicant, email: 'anh.nguyen@example.vn' },
    },
    (d) => receiptA5Html(d),
  ),
  // The same form with a text processing time and no optional lines.
  receiptA5Minimal: formCase(
    {
      ...sampleDossierReceipt,
      agency: { name: agency.name, place: agency.place },
      lookupUrl: undefined,
      applicant: { name: 'Lê Văn Bình' },
      procedure: { name: 'Chứng thực bản sao từ bản chính' },
      documents: [],
      processingTime: { text: 'Trong ngày' },
    },
    (d) => receiptA5Html(d, { copies: ['customer'] }),
  ),
  supplement: formCase(
    {
      agency,
      at,
      dossierCode: '000.00.14.H56-250715-0001',
      applicant,
      procedure,
      documents: ['Giấy chứng sinh (bản chính)', 'Giấy ủy quyền có chứng thực'],
      reason: 'Thiếu giấy chứng sinh; giấy ủy quyền chưa chứng thực',
      officerName: 'Đặng Văn Đức',
      officerPhone: '0237 3 812 345',
    },
    supplementFormHtml,
  ),
  supplementNoDocuments: formCase(
    {
      agency,
      at,
      dossierCode: null,
      applicant: { ...applicant, phone: null, email: null, address: null },
      procedure,
      documents: [],
      reason: 'Tờ khai chưa ghi đủ thông tin',
      officerName: 'Đặng Văn Đức',
    },
    supplementFormHtml,
  ),
  refusal: formCase(
    {
      agency,
      at,
      dossierCode: '000.00.14.H56-250715-0002',
      applicant,
      procedure,
      reason: 'Thủ tục không thuộc thẩm quyền giải quyết của cấp xã',
      officerName: 'Đặng Văn Đức',
    },
    refusalFormHtml,
  ),
  apology: formCase(
    {
      agency,
      at,
      dossierCode: '000.00.14.H56-250715-0001',
      applicant,
      procedure,
      receivedAt: vnInstant('2025-07-15', 9, 42),
      originalDueDate: '2025-07-18',
      newDueDate: '2025-07-23',
      reason: 'Cần xác minh thêm thông tin với cơ quan đăng ký cư trú',
      signerName: 'Trần Quốc Hưng',
    },
    apologyFormHtml,
  ),
  controlSlip: formCase(
    {
      agency,
      at,
      dossierCode: '000.00.14.H56-250715-0001',
      applicant,
      procedure,
      receivedAt: vnInstant('2025-07-15', 9, 42),
      dueDate: '2025-07-18',
      events: [
        {
          at: '2025-07-15T02:42:00.000Z',
          type: 'received',
          officerName: 'Đặng Văn Đức',
          reason: null,
          dueBefore: null,
          dueAfter: '2025-07-18',
          unit: null,
          onTime: null,
        },
        {
          at: '2025-07-15T03:00:00.000Z',
          type: 'transferred',
          officerName: 'Đặng Văn Đức',
          reason: 'Chuyển công chức tư pháp - hộ tịch',
          dueBefore: '2025-07-18',
          dueAfter: '2025-07-18',
          unit: 'Công chức Tư pháp - Hộ tịch',
          onTime: null,
        },
        {
          at: '2025-07-17T08:00:00.000Z',
          type: 'extended',
          officerName: 'Trần Quốc Hưng',
          reason: 'Cần xác minh thêm',
          dueBefore: '2025-07-18',
          dueAfter: '2025-07-23',
          unit: null,
          onTime: null,
        },
        {
          at: '2025-07-23T03:15:00.000Z',
          type: 'returned',
          officerName: null,
          reason: null,
          dueBefore: '2025-07-23',
          dueAfter: '2025-07-23',
          unit: null,
          onTime: 'on_time',
        },
      ],
    },
    controlSlipHtml,
  ),
  controlSlipNoDueDate: formCase(
    {
      agency,
      at,
      dossierCode: '000.00.14.H56-250715-0003',
      applicant,
      procedure,
      receivedAt: vnInstant('2025-07-15', 9, 42),
      dueDate: null,
      events: [],
    },
    controlSlipHtml,
  ),
  registerYear: formCase(
    {
      agency,
      at,
      scope: { year: 2025 },
      rows: [
        {
          entry: 412,
          code: '000.00.14.H56-250715-0001',
          procedureName: 'Đăng ký khai sinh',
          sets: 1,
          applicantName: 'Nguyễn Thị Ngọc Ánh',
          contact: 'Thôn Phú Cường, xã Đông Tiến — 0912 345 678',
          decidingAuthority: 'UBND xã Đông Tiến',
          receivedAt: '2025-07-15T02:42:00.000Z',
          dueDate: '2025-07-18',
          transferredAt: '2025-07-15T03:00:00.000Z',
          resultAt: '2025-07-22T09:00:00.000Z',
          returnedAt: '2025-07-23T03:15:00.000Z',
          note: 'Gia hạn một lần',
        },
        {
          entry: 413,
          code: '000.00.14.H56-250715-0002',
          procedureName: 'Chứng thực bản sao từ bản chính',
          sets: 2,
          applicantName: 'Lê Văn Bình',
          contact: '',
          decidingAuthority: 'UBND xã Đông Tiến',
          receivedAt: '2025-07-15T03:10:00.000Z',
          dueDate: null,
          transferredAt: null,
          resultAt: null,
          returnedAt: null,
          note: '',
        },
      ],
    },
    registerHtml,
  ),
  registerPeriodEmpty: formCase(
    { agency, at, scope: { from: '2025-07-01', to: '2025-07-31' }, rows: [] },
    registerHtml,
  ),
  returnSlip: formCase(
    {
      agency,
      at,
      dossierCode: '000.00.14.H56-250715-0001',
      applicantName: 'Nguyễn Thị Ngọc Ánh',
      procedureName: 'Đăng ký khai sinh',
      receivedAt: vnInstant('2025-07-15', 9, 42),
      dueDate: '2025-07-18',
      returnedAt: vnInstant('2025-07-16', 10, 15),
      collectedBy: 'Nguyễn Văn Hải (được ủy quyền)',
      onTime: 'early',
      officerName: 'Đặng Văn Đức',
      ratingUrl: 'https://motcua.local/danh-gia/000.00.14.H56-250715-0001',
    },
    returnSlipHtml,
  ),
  returnSlipNoRating: formCase(
    {
      agency: { name: agency.name, place: agency.place },
      at,
      dossierCode: '000.00.14.H56-250715-0002',
      applicantName: 'Lê Văn Bình',
      procedureName: 'Chứng thực bản sao từ bản chính',
      receivedAt: vnInstant('2025-07-15', 9, 42),
      dueDate: '2025-07-15',
      returnedAt: vnInstant('2025-07-16', 10, 15),
      collectedBy: 'Lê Văn Bình',
      onTime: 'late',
      officerName: 'Đặng Văn Đức',
    },
    returnSlipHtml,
  ),
};

/** The TT 03/2025/TT-VPCP set (dossiers received from 15/9/2025): same data, 2025 forms. */
const set2025 = (name: string): FormCase => {
  const c = FORM_CASES[name];
  if (!c) throw new Error(name);
  return { input: { ...(c.input as object), set: 'TT03-2025' }, render: c.render };
};
FORM_CASES['receiptA52025'] = formCase(
  {
    ...sampleDossierReceipt,
    applicant: { ...sampleDossierReceipt.applicant, email: 'anh.nguyen@example.vn' },
    formSet: 'TT03-2025' as const,
  },
  (d) => receiptA5Html(d),
);
FORM_CASES['supplement2025'] = set2025('supplement');
FORM_CASES['refusal2025'] = set2025('refusal');
FORM_CASES['apology2025'] = set2025('apology');
FORM_CASES['controlSlip2025'] = set2025('controlSlip');
// Mẫu 06 names the deciding authority; Mẫu 02 follows the site's close period.
FORM_CASES['controlSlip2025Authority'] = formCase(
  {
    ...(FORM_CASES['controlSlip2025'].input as Parameters<typeof controlSlipHtml>[0]),
    decidingAuthority: 'Ủy ban nhân dân xã Đông Tiến',
  },
  controlSlipHtml,
);
FORM_CASES['supplement2025CloseDays'] = formCase(
  {
    ...(FORM_CASES['supplement2025'].input as Parameters<typeof supplementFormHtml>[0]),
    closeDays: 10,
  },
  supplementFormHtml,
);
FORM_CASES['stopNotice2025'] = formCase(
  {
    agency,
    at,
    dossierCode: '000.00.14.H56-250915-0003',
    applicant,
    procedure,
    receivedAt: vnInstant('2025-09-15', 9, 5),
    reason: 'Người nộp hồ sơ đề nghị dừng để bổ sung giấy tờ khác',
    signerName: 'Trần Quốc Hưng',
  },
  stopNoticeHtml,
);
FORM_CASES['registerYear2026'] = formCase(
  {
    ...(FORM_CASES['registerYear']?.input as Parameters<typeof registerHtml>[0]),
    scope: { year: 2026 },
  },
  registerHtml,
);
