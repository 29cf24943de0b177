/**
 * Messages of the officer's day at the counter (docs/desk.md): idempotent and complete
 * reception, the keyboard flow. Spread into vi.ts / en.ts. Full Vietnamese diacritics.
 */
export const deskMessagesVi = {
  'errors.IDEMPOTENCY_MISMATCH':
    'Mã chống gửi trùng (Idempotency-Key) này đã dùng cho một hồ sơ khác. Hãy tạo mã mới cho hồ sơ mới.',
  'errors.INCOMPLETE_DOSSIER':
    'Hồ sơ chưa đủ thành phần bắt buộc: {missing}. Không tiếp nhận; lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02).',
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
  'printing.kindName.dossier-receipt': 'Dossier receipt',
  'printing.kindName.return-slip': 'Return slip',
  'printing.kindName.ticket': 'Queue ticket',
  'printing.kindName.procedure-checklist': 'Procedure checklist',
  'printing.kindName.test-page': 'Test page',
};
