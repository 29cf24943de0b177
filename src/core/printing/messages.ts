/**
 * Every message the printing core can put in front of a person, in one place.
 * Placeholders in braces are replaced by the caller.
 */
export const printingMessages = {
  vi: {
    // Rendering
    INVALID_DOCUMENT: 'Nội dung in không hợp lệ.',
    INVALID_PROFILE: 'Cấu hình máy in không hợp lệ.',
    INVALID_DATA: 'Dữ liệu để in không hợp lệ.',
    UNENCODABLE:
      'Ký tự "{char}" ({codePoint}) không có trong bảng mã {encoding} của máy in. Hãy dùng chế độ in ảnh (raster).',
    NO_UPPER_PAGE:
      'Chữ hoa có dấu "{char}" cần trang mã TCVN-3 chữ hoa, nhưng cấu hình máy in chưa khai báo trang này.',
    BARCODE_TOO_WIDE: 'Mã vạch "{data}" quá dài so với khổ giấy.',
    RENDER_FAILED: 'Không tạo được nội dung in.',
    // Transport
    ECONNREFUSED: 'Máy in từ chối kết nối (máy in tắt hoặc sai địa chỉ/cổng).',
    TIMEOUT: 'Máy in không phản hồi trong thời gian cho phép.',
    DISCONNECTED: 'Mất kết nối với máy in khi đang gửi lệnh in.',
    HOST_NOT_FOUND: 'Không tìm thấy máy in trên mạng (sai tên hoặc địa chỉ).',
    NETWORK_UNREACHABLE: 'Không có đường mạng tới máy in.',
    NOT_FOUND: 'Không tìm thấy thiết bị máy in (cáp USB bị rút hoặc sai đường dẫn).',
    PERMISSION_DENIED: 'Không có quyền ghi vào thiết bị máy in.',
    BUSY: 'Máy in đang bận.',
    UNAVAILABLE: 'Máy tính chưa cài lệnh in hệ thống (lp/CUPS).',
    SYSTEM_PRINTER_FAILED: 'Hệ thống in từ chối lệnh in.',
    INVALID_URI: 'Địa chỉ máy in không hợp lệ: "{uri}".',
    IO_ERROR: 'Lỗi khi gửi dữ liệu tới máy in.',
    BAD_REPLY: 'Máy in trả lời trạng thái không đúng chuẩn ESC/POS.',
    NOT_SUPPORTED: 'Không đọc được trạng thái qua loại kết nối này.',
  },
} as const;

export type PrintingMessageKey = keyof typeof printingMessages.vi;
