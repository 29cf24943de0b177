/**
 * Demo data for every layout (previews, golden tests, the benchmark). Realistic content:
 * a Thanh Hóa commune centre, full diacritics in names and procedure titles.
 */
import { vnInstant } from '../../shared/time/vnTime';
import type {
  DossierReceiptData,
  FeeReceiptData,
  LayoutName,
  ReturnSlipData,
  TestPageData,
  TicketData,
} from './layouts';
import {
  dossierReceiptLayout,
  feeReceiptLayout,
  returnSlipLayout,
  testPageLayout,
  ticketLayout,
} from './layouts';
import type { PrintDocument } from './document';

const agency = {
  parentName: 'UBND TỈNH THANH HÓA',
  name: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ ĐÔNG TIẾN',
  place: 'Đông Tiến',
};

export const sampleTicket: TicketData = {
  agencyName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ ĐÔNG TIẾN',
  number: 'A012',
  serviceName: 'Hộ tịch - Chứng thực',
  issuedAt: vnInstant('2025-07-15', 8, 5),
  peopleAhead: 4,
  estimatedWaitMinutes: { min: 10, max: 20 },
  statusUrl: 'https://motcua.local/t/A012-250715',
};

export const sampleDossierReceipt: DossierReceiptData = {
  agency,
  dossierCode: '000.00.14.H56-250715-0001',
  lookupUrl: 'https://motcua.local/hs/000.00.14.H56-250715-0001',
  applicant: {
    name: 'Nguyễn Thị Ngọc Ánh',
    address: 'Thôn Phú Cường, xã Đông Tiến, tỉnh Thanh Hóa',
    phone: '0912 345 678',
  },
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 },
    { name: 'Giấy chứng sinh', kind: 'original', count: 1 },
    { name: 'Giấy ủy quyền (nộp thay)', kind: 'certified', count: 1 },
  ],
  setCount: 1,
  processingTime: { workingDays: 1 },
  receivedAt: vnInstant('2025-07-15', 9, 42),
  appointmentAt: vnInstant('2025-07-16', 14, 0),
  collectAt: 'Quầy số 2, Trung tâm Phục vụ hành chính công xã Đông Tiến',
  registerBook: '01/2025',
  registerEntry: '0412',
  officerName: 'Đặng Văn Đức',
  copies: ['customer'],
};

export const sampleReturnSlip: ReturnSlipData = {
  agency,
  dossierCode: '000.00.14.H56-250715-0001',
  applicantName: 'Nguyễn Thị Ngọc Ánh',
  procedureName: 'Đăng ký khai sinh',
  receivedAt: vnInstant('2025-07-15', 9, 42),
  appointmentAt: vnInstant('2025-07-16', 14, 0),
  returnedAt: vnInstant('2025-07-16', 10, 15),
  result: 'Giấy khai sinh (bản chính) và 02 bản sao trích lục',
  collectedBy: 'Nguyễn Thị Ngọc Ánh',
  timeliness: 'early',
  officerName: 'Đặng Văn Đức',
  ratingUrl: 'https://motcua.local/danh-gia/000.00.14.H56-250715-0001',
};

export const sampleFeeReceipt: FeeReceiptData = {
  agency,
  receiptNo: '0000125',
  dossierCode: '000.00.14.H56-250715-0002',
  payerName: 'Đặng Văn Đức',
  items: [
    { name: 'Chứng thực bản sao từ bản chính', quantity: 6, unitPrice: 2000 },
    { name: 'Xác nhận thông tin hộ tịch', quantity: 1, unitPrice: 8000 },
  ],
  method: 'cash',
  paidAt: vnInstant('2025-07-15', 10, 3),
  collectorName: 'Lê Thị Hồng Nhung',
};

export const sampleTestPage: TestPageData = {
  printerName: 'Quầy 2 - XP-80',
  profileSummary: '80 mm',
  printedAt: vnInstant('2025-07-15', 7, 30),
  qrData: 'https://motcua.local/test',
};

export function sampleDocument(name: LayoutName): PrintDocument {
  switch (name) {
    case 'ticket':
      return ticketLayout(sampleTicket);
    case 'dossierReceipt':
      return dossierReceiptLayout(sampleDossierReceipt);
    case 'returnSlip':
      return returnSlipLayout(sampleReturnSlip);
    case 'feeReceipt':
      return feeReceiptLayout(sampleFeeReceipt);
    case 'testPage':
      return testPageLayout(sampleTestPage);
  }
}
