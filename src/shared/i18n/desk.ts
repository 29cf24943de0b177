/**
 * Messages of the officer's day at the counter (docs/desk.md): idempotent and complete
 * reception, the keyboard flow. Spread into vi.ts / en.ts. Full Vietnamese diacritics.
 */
export const deskMessagesVi = {
  'errors.IDEMPOTENCY_MISMATCH':
    'Mã chống gửi trùng (Idempotency-Key) này đã dùng cho một hồ sơ khác. Hãy tạo mã mới cho hồ sơ mới.',
  'errors.INCOMPLETE_DOSSIER':
    'Hồ sơ chưa đủ thành phần bắt buộc: {missing}. Không tiếp nhận; lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02).',
  'errors.COLLECTORS_REQUIRED':
    'Thủ tục này cần {required} người cùng nhận kết quả (ví dụ hai bên nam, nữ khi đăng ký kết hôn). Nhập tên người nhận thứ hai.',
  'desk.reception.source': 'Nguồn',
  'desk.reception.sourcePaper': 'Bản giấy',
  'desk.reception.sourceEData': 'Dữ liệu điện tử',
  'desk.reception.eDataNote': 'Lấy từ đâu',
  'desk.reception.eDataDefault': 'CSDL quốc gia về dân cư',
  'desk.reception.missing':
    'Thiếu thành phần bắt buộc: {missing}. Ctrl+Enter lập Phiếu yêu cầu bổ sung (Mẫu 02).',
  'desk.reception.supplementPrimary': 'Lập phiếu yêu cầu bổ sung (Ctrl+Enter)',
  'desk.reception.supplementReason': 'Hồ sơ chưa đủ thành phần theo quy định.',
  'desk.reception.locked': 'Hồ sơ đã tiếp nhận. Esc hoặc “Hồ sơ mới” để tiếp nhận hồ sơ tiếp theo.',
  'desk.reception.receivedTitle': 'Đã tiếp nhận',
  'desk.reception.appointment': 'Hẹn trả',
  'desk.reception.timeLimit': 'Thời hạn giải quyết',
  'desk.reception.fee': 'Phí, lệ phí',
  'desk.reception.ticketServed': 'Gắn với số thứ tự đang phục vụ: {number}',
  'desk.reception.noTicket': 'Quầy chưa phục vụ số thứ tự nào',
  'desk.picker.none': 'Không có thủ tục phù hợp.',
  'desk.trail.transferred': 'Chuyển xử lý đến {unit}',
  'desk.trail.extended': 'Gia hạn đến ngày {date}',
  'desk.detail.confirm':
    '{action} hồ sơ {code}: hồ sơ sẽ kết thúc và không làm lại được. Nhấn nút một lần nữa (hoặc Enter) để xác nhận.',
  'desk.detail.confirmButton': 'Xác nhận: {action}',
  'desk.return.printed': 'Phiếu trả kết quả đã in ra máy in.',
  'desk.return.printFailed': 'In phiếu trả kết quả lỗi: {error}',
  'desk.return.many': 'Có {count} hồ sơ chờ trả kết quả. Chọn hồ sơ:',
  'desk.return.find':
    'Quét QR giấy hẹn hoặc CCCD, hoặc nhập mã hồ sơ, số thứ tự trong ngày, số điện thoại, số định danh (Ctrl+R)',
  'desk.return.none': 'Không có hồ sơ nào chờ trả kết quả với thông tin này.',
  'desk.bank.unknownBank': 'Ngân hàng này không có trong danh sách VietQR.',
  'desk.bank.title': 'Tài khoản nhận phí, lệ phí (VietQR)',
  'desk.bank.help':
    'Khi có tài khoản, giấy tiếp nhận và phiếu trả kết quả in mã VietQR với số tiền và mã hồ sơ ở nội dung chuyển khoản.',
  'desk.bank.bank': 'Ngân hàng',
  'desk.bank.none': '— Không dùng VietQR —',
  'desk.bank.accountNumber': 'Số tài khoản',
  'desk.bank.accountName': 'Tên tài khoản',
  'desk.bank.save': 'Lưu tài khoản',
  'desk.bank.saved': 'Đã lưu tài khoản nhận tiền.',
  'desk.fee.due': 'Phí, lệ phí phải nộp: {amount} đồng ({words})',
  'desk.fee.published': 'Phí, lệ phí theo thủ tục: {text}',
  'desk.fee.amount': 'Số tiền thu (đồng)',
  'desk.fee.method': 'Hình thức nộp',
  'desk.fee.cash': 'Tiền mặt',
  'desk.fee.transfer': 'Chuyển khoản',
  'desk.fee.online': 'Trực tuyến',
  'desk.fee.scan': 'Mời công dân quét mã VietQR để chuyển khoản (nội dung: mã hồ sơ)',
  'desk.fee.paid': 'Đã thu {amount} đồng ({method}), người thu: {officer}',
  'desk.return.secondCollector':
    'Người nhận thứ hai (bắt buộc: thủ tục cần {required} người cùng nhận)',
  'desk.return.shortNumberMany':
    'Có {count} hồ sơ mang số {number} (mới nhất trước). Chọn hồ sơ, hoặc nhập số kèm ngày, ví dụ {example}:',
  'desk.counter.noTicketForKey':
    'Quầy chưa có số nào đang gọi hoặc đang phục vụ: nhấn F1 để gọi số.',
  'printing.kindName.dossier-receipt': 'Giấy tiếp nhận',
  'printing.kindName.return-slip': 'Phiếu trả kết quả',
  'printing.kindName.ticket': 'Phiếu số thứ tự',
  'printing.kindName.procedure-checklist': 'Danh mục giấy tờ thủ tục',
  'printing.kindName.test-page': 'Trang in thử',
} as const;

export type DeskMessageKey = keyof typeof deskMessagesVi;

export const deskMessagesEn: Record<DeskMessageKey, string> = {
  'errors.IDEMPOTENCY_MISMATCH':
    'This Idempotency-Key was already used for another dossier. Use a new key for a new dossier.',
  'errors.INCOMPLETE_DOSSIER':
    'Required documents are missing: {missing}. Not received; issue the supplement slip (Form 02).',
  'errors.COLLECTORS_REQUIRED':
    'This procedure needs {required} people to collect the result together (e.g. both spouses for a marriage registration). Enter the second collector.',
  'desk.reception.source': 'Source',
  'desk.reception.sourcePaper': 'Paper',
  'desk.reception.sourceEData': 'Electronic data',
  'desk.reception.eDataNote': 'Taken from',
  'desk.reception.eDataDefault': 'National population database',
  'desk.reception.missing':
    'Missing required documents: {missing}. Ctrl+Enter issues the supplement slip (Form 02).',
  'desk.reception.supplementPrimary': 'Issue supplement slip (Ctrl+Enter)',
  'desk.reception.supplementReason': 'The dossier lacks documents required by the rules.',
  'desk.reception.locked': 'Dossier received. Esc or “New dossier” to receive the next one.',
  'desk.reception.receivedTitle': 'Received',
  'desk.reception.appointment': 'Appointment',
  'desk.reception.timeLimit': 'Time limit',
  'desk.reception.fee': 'Fees',
  'desk.reception.ticketServed': 'Linked to the queue number being served: {number}',
  'desk.reception.noTicket': 'The counter is serving no queue number',
  'desk.picker.none': 'No matching procedure.',
  'desk.trail.transferred': 'Transferred to {unit}',
  'desk.trail.extended': 'Extended to {date}',
  'desk.detail.confirm':
    '{action} dossier {code}: this ends the dossier and cannot be undone. Press the button again (or Enter) to confirm.',
  'desk.detail.confirmButton': 'Confirm: {action}',
  'desk.return.printed': 'The return slip was printed.',
  'desk.return.printFailed': 'Printing the return slip failed: {error}',
  'desk.return.many': '{count} dossiers are waiting for return. Choose one:',
  'desk.return.find':
    "Scan the receipt QR or the CCCD, or type the code, today's short number, a phone or an ID number (Ctrl+R)",
  'desk.return.none': 'No dossier waiting for return matches this.',
  'desk.bank.unknownBank': 'This bank is not in the VietQR list.',
  'desk.bank.title': 'Account receiving fees (VietQR)',
  'desk.bank.help':
    'When set, receipts and return slips carry a VietQR code with the amount and the dossier code as the transfer memo.',
  'desk.bank.bank': 'Bank',
  'desk.bank.none': '— No VietQR —',
  'desk.bank.accountNumber': 'Account number',
  'desk.bank.accountName': 'Account name',
  'desk.bank.save': 'Save account',
  'desk.bank.saved': 'Bank account saved.',
  'desk.fee.due': 'Fee due: {amount} VND ({words})',
  'desk.fee.published': 'Published fee: {text}',
  'desk.fee.amount': 'Amount collected (VND)',
  'desk.fee.method': 'Paid by',
  'desk.fee.cash': 'Cash',
  'desk.fee.transfer': 'Bank transfer',
  'desk.fee.online': 'Online',
  'desk.fee.scan': 'The citizen scans this VietQR code to pay by transfer (memo: the dossier code)',
  'desk.fee.paid': 'Collected {amount} VND ({method}) by {officer}',
  'desk.return.secondCollector':
    'Second collector (required: this procedure needs {required} people)',
  'desk.return.shortNumberMany':
    '{count} dossiers have number {number} (newest first). Choose one, or type the number with its date, e.g. {example}:',
  'desk.counter.noTicketForKey':
    'No number is called or served at this counter: press F1 to call one.',
  'printing.kindName.dossier-receipt': 'Dossier receipt',
  'printing.kindName.return-slip': 'Return slip',
  'printing.kindName.ticket': 'Queue ticket',
  'printing.kindName.procedure-checklist': 'Procedure checklist',
  'printing.kindName.test-page': 'Test page',
};
