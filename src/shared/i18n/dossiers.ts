/**
 * Messages of the dossier, catalogue and calendar screens and errors (issue 5), spread into
 * vi.ts / en.ts. Full Vietnamese diacritics; English must cover every key (typed).
 */
export const dossierMessagesVi = {
  'errors.TRANSITION_FORBIDDEN': 'Thao tác không được phép theo quy định.',
  'dossier.error.notFound': 'Không tìm thấy hồ sơ {code}.',
  'dossier.error.procedureUnknown': 'Không có thủ tục {id} trong danh mục.',
  'dossier.error.procedureNotInForce': 'Thủ tục "{name}" không còn hiệu lực vào ngày tiếp nhận.',
  'dossier.error.receivedInFuture': 'Thời điểm tiếp nhận không được ở tương lai.',
  'dossier.error.backEntryAdminOnly':
    'Chỉ quản trị viên được nhập hồ sơ giấy nhận từ ngày trước; cán bộ chỉ nhập bổ sung trong cùng ngày.',
  'dossier.error.lookupNotFound':
    'Không tìm thấy hồ sơ. Vui lòng kiểm tra mã hồ sơ và 4 số cuối điện thoại hoặc số định danh.',
  'dossier.error.agencyCode':
    'Mã định danh cơ quan không đúng định dạng QCVN 102:2016/BTTTT (ví dụ 000.00.14.H56).',
  'dossier.error.notReturned': 'Hồ sơ chưa trả kết quả, chưa có phiếu trả kết quả.',
  'dossier.error.noSupplement': 'Hồ sơ không có yêu cầu bổ sung.',
  'dossier.error.notRefused': 'Hồ sơ không bị từ chối.',
  'dossier.error.notExtended': 'Hồ sơ chưa được gia hạn, không có phiếu xin lỗi.',
  'dossier.error.formExpired': 'Đường dẫn biểu mẫu đã hết hạn. Vui lòng mở lại từ màn hình hồ sơ.',
  'dossier.error.noPrinter': 'Chưa cấu hình dịch vụ in phiếu.',
} as const;

export type DossierMessageKey = keyof typeof dossierMessagesVi;

export const dossierMessagesEn: Record<DossierMessageKey, string> = {
  'errors.TRANSITION_FORBIDDEN': 'This action is not allowed by the rules.',
  'dossier.error.notFound': 'Dossier {code} not found.',
  'dossier.error.procedureUnknown': 'There is no procedure {id} in the catalogue.',
  'dossier.error.procedureNotInForce':
    'The procedure "{name}" is not in force on the day of receipt.',
  'dossier.error.receivedInFuture': 'The time of receipt cannot be in the future.',
  'dossier.error.backEntryAdminOnly':
    'Only an administrator may enter a paper dossier received on an earlier day; officers may back-enter within the same day.',
  'dossier.error.lookupNotFound':
    'Dossier not found. Please check the code and the last 4 digits of the phone or ID number.',
  'dossier.error.agencyCode':
    'The agency identifier does not follow QCVN 102:2016/BTTTT (e.g. 000.00.14.H56).',
  'dossier.error.notReturned': 'The result has not been returned yet; there is no return slip.',
  'dossier.error.noSupplement': 'No supplement was requested for this dossier.',
  'dossier.error.notRefused': 'This dossier was not refused.',
  'dossier.error.notExtended': 'This dossier was not extended; there is no apology letter.',
  'dossier.error.formExpired': 'The form link has expired. Please open it again from the dossier.',
  'dossier.error.noPrinter': 'The print service is not configured.',
};
