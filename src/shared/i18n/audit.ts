/**
 * Messages of `npm run motcua -- audit verify` (the audit log's hash chain,
 * docs/security.md), spread into vi.ts / en.ts.
 */
export const auditMessagesVi = {
  'audit.verify.ok':
    'Nhật ký hệ thống nguyên vẹn: {rows} dòng ({sealed} dòng ghi trước khi có chuỗi băm, đã niêm phong). Mã băm mới nhất (vị trí {position}): {head}',
  'audit.verify.broken':
    'Nhật ký hệ thống đã bị can thiệp ({rows} dòng). Chỗ hỏng đầu tiên: {where}: {reason}.',
  'audit.verify.row': 'dòng {id} (vị trí {seq})',
  'audit.verify.unchainedRow': 'dòng {id}',
  'audit.verify.sealedRows': 'các dòng ghi trước khi có chuỗi băm',
  'audit.verify.needsUpgrade':
    'Cơ sở dữ liệu ở phiên bản {version}, chưa có chuỗi băm của nhật ký: hãy khởi động hub một lần để nâng cấp.',
  'audit.verify.reason.ANCHOR_MISSING': 'mất dòng niêm phong (bảng audit_anchor)',
  'audit.verify.reason.SEALED_ROWS_CHANGED':
    'các dòng ghi trước khi có chuỗi băm đã bị sửa, xóa hoặc chèn thêm',
  'audit.verify.reason.UNCHAINED_ROW': 'dòng không có mã băm, được chèn vào sau khi có chuỗi băm',
  'audit.verify.reason.MISSING_ROWS': 'thiếu dòng ngay trước dòng này (đã bị xóa)',
  'audit.verify.reason.DUPLICATE_POSITION': 'dòng được chèn thêm vào vị trí của một dòng khác',
  'audit.verify.reason.PREV_HASH_MISMATCH':
    'không khớp mã băm của dòng trước (dòng trước bị thay, hoặc dòng này được chèn vào)',
  'audit.verify.reason.HASH_MISMATCH':
    'nội dung không khớp mã băm (dòng bị sửa, hoặc được chèn vào với mã băm giả)',
} as const;

export const auditMessagesEn: Record<keyof typeof auditMessagesVi, string> = {
  'audit.verify.ok':
    'The audit log is intact: {rows} rows ({sealed} written before the hash chain, sealed). Newest hash (position {position}): {head}',
  'audit.verify.broken':
    'The audit log was tampered with ({rows} rows). First break: {where}: {reason}.',
  'audit.verify.row': 'row {id} (position {seq})',
  'audit.verify.unchainedRow': 'row {id}',
  'audit.verify.sealedRows': 'the rows written before the hash chain',
  'audit.verify.needsUpgrade':
    'The database is at version {version}, before the audit hash chain: start the hub once to upgrade it.',
  'audit.verify.reason.ANCHOR_MISSING': 'the seal row is gone (table audit_anchor)',
  'audit.verify.reason.SEALED_ROWS_CHANGED':
    'rows written before the hash chain were edited, deleted or added',
  'audit.verify.reason.UNCHAINED_ROW': 'a row without a hash, added after the chain started',
  'audit.verify.reason.MISSING_ROWS': 'the row just before this one is missing (deleted)',
  'audit.verify.reason.DUPLICATE_POSITION': "a row was added at another row's position",
  'audit.verify.reason.PREV_HASH_MISMATCH':
    "the previous row's hash does not match (that row was replaced, or this one slipped in)",
  'audit.verify.reason.HASH_MISMATCH':
    'its content does not match its hash (edited, or added with a made-up hash)',
};
