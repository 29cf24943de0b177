/**
 * Messages of the files of dossiers (docs/digitisation.md): upload refusals, links, reuse.
 * Spread into vi.ts / en.ts. Full Vietnamese diacritics.
 */
export const fileMessagesVi = {
  'errors.UNSUPPORTED_FILE':
    'Tệp không được nhận: chỉ nhận PDF, JPEG hoặc PNG không chứa mã chạy, tệp đính kèm hay mật khẩu.',
  'errors.FILE_NOT_REUSABLE':
    'Không dùng được bản đã số hóa cho “{name}”: tệp không thuộc hồ sơ trước đây của cùng công dân (cùng số định danh).',
  'errors.UPLOAD_LINK_INVALID':
    'Liên kết tải lên không hợp lệ, đã dùng hoặc đã hết hạn. Hãy tạo mã QR mới tại quầy.',
  'files.refused.unknown_type': 'Tệp không phải PDF, JPEG hay PNG (nội dung tệp không khớp).',
  'files.refused.mixed_types':
    'Gửi một tệp PDF, hoặc một hay nhiều ảnh (JPEG/PNG) làm các trang; không trộn PDF với ảnh hay nhiều PDF.',
  'files.refused.pdf_unreadable': 'Tệp PDF bị hỏng hoặc không đọc được.',
  'files.refused.pdf_encrypted': 'Tệp PDF có mật khẩu hoặc được mã hóa: không nhận.',
  'files.refused.pdf_active_content':
    'Tệp PDF chứa mã chạy (JavaScript) hoặc lệnh mở chương trình: không nhận.',
  'files.refused.pdf_embedded_file': 'Tệp PDF chứa tệp đính kèm bên trong: không nhận.',
  'files.refused.image_unreadable': 'Ảnh bị hỏng hoặc không đọc được.',
  'files.refused.image_too_large': 'Ảnh quá lớn (tối đa 60 triệu điểm ảnh, mỗi cạnh 20.000).',
  'files.error.unknownDocument':
    '“{name}” không có trong thành phần hồ sơ đã tiếp nhận (hoặc dùng "result" cho kết quả).',
  'files.error.notFound': 'Không tìm thấy tệp.',
  'files.error.damaged':
    'Tệp lưu trên máy chủ bị thiếu hoặc hỏng (không khớp mã băm). Khôi phục từ bản sao lưu.',
  'files.error.linkGone': 'Liên kết tải lên không tồn tại, đã dùng hoặc đã hết hạn.',
  'files.error.linkBusy':
    'Một tệp khác đang được gửi qua liên kết này; mỗi liên kết chỉ nhận một lần tải lên. Tệp này không được lưu. Hãy nhờ cán bộ tạo mã QR mới nếu cần gửi thêm.',
  'files.error.noFile': 'Chưa có tệp nào (trường "file").',
  'files.error.multipart': 'Tệp phải gửi dạng multipart/form-data.',
  'restore.files':
    'Tệp số hóa: {restored} tệp được khôi phục, {verified} tệp đã có và đúng mã băm.',
  'restore.fileMissing':
    'Thiếu tệp số hóa {sha256}: không có trong thư mục files/ của bản sao lưu.',
  'restore.fileDamaged':
    'Tệp số hóa {sha256} trong bản sao lưu bị hỏng (sai mã băm): không khôi phục tệp này.',
  // The reports dashboard's digitisation figures (docs/reports.md, "Digitisation").
  'reports.kpi.digitisationRate': 'Tỷ lệ số hóa hồ sơ ({digitised}/{dossiers})',
  'reports.kpi.resultsDigitised': 'Kết quả đã số hóa',
  'reports.export.digitisation': 'Số hóa hồ sơ theo thủ tục',
} as const;

export type FileMessageKey = keyof typeof fileMessagesVi;

export const fileMessagesEn: Record<FileMessageKey, string> = {
  'errors.UNSUPPORTED_FILE':
    'File refused: only PDF, JPEG or PNG without scripts, embedded files or passwords are accepted.',
  'errors.FILE_NOT_REUSABLE':
    'The digitised copy cannot be reused for “{name}”: the file is not from an earlier dossier of the same citizen (same ID number).',
  'errors.UPLOAD_LINK_INVALID':
    'The upload link is invalid, already used or expired. Make a new QR code at the counter.',
  'files.refused.unknown_type': 'The file is not a PDF, JPEG or PNG (its content does not match).',
  'files.refused.mixed_types':
    'Send one PDF, or one or more images (JPEG/PNG) as pages; do not mix a PDF with images or send several PDFs.',
  'files.refused.pdf_unreadable': 'The PDF is damaged or cannot be read.',
  'files.refused.pdf_encrypted': 'The PDF is password-protected or encrypted: refused.',
  'files.refused.pdf_active_content':
    'The PDF contains scripts (JavaScript) or a launch action: refused.',
  'files.refused.pdf_embedded_file': 'The PDF contains embedded files: refused.',
  'files.refused.image_unreadable': 'The image is damaged or cannot be read.',
  'files.refused.image_too_large':
    'The image is too large (at most 60 million pixels, 20,000 per side).',
  'files.error.unknownDocument':
    '“{name}” is not a document of the received dossier (use "result" for the result).',
  'files.error.notFound': 'File not found.',
  'files.error.damaged':
    'The stored file is missing or damaged (hash mismatch). Restore it from a backup.',
  'files.error.linkGone': 'The upload link does not exist, was used or has expired.',
  'files.error.linkBusy':
    'Another file is being sent through this link; a link takes one upload only. This file was not stored. Ask the officer for a new QR code to send more.',
  'files.error.noFile': 'No file was sent (field "file").',
  'files.error.multipart': 'Files must be sent as multipart/form-data.',
  'restore.files':
    'Scanned files: {restored} restored, {verified} already in place with the right hash.',
  'restore.fileMissing': "Scanned file {sha256} is missing: not in the backup's files/ folder.",
  'restore.fileDamaged':
    'Scanned file {sha256} in the backup is damaged (wrong hash): not restored.',
  'reports.kpi.digitisationRate': 'Dossiers digitised ({digitised}/{dossiers})',
  'reports.kpi.resultsDigitised': 'Results digitised',
  'reports.export.digitisation': 'Digitisation by procedure',
};
