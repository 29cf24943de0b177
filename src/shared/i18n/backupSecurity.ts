/**
 * Messages of backup security (docs/backup.md, docs/security.md "Exports, restore and personal
 * data at rest"): encrypted backups, the restore's schema check, the served-folder refusal.
 * Spread into vi.ts / en.ts.
 */
export const backupSecurityMessagesVi = {
  'backup.passphrase': 'Mật khẩu mã hóa bản sao lưu',
  'backup.passphraseHint':
    'Ít nhất 12 ký tự. Ghi lại ở nơi an toàn: mất mật khẩu thì không khôi phục được các bản sao lưu đã mã hóa. Mật khẩu được lưu trên máy hub để sao lưu tự động: nó bảo vệ bản sao lưu bị mất hoặc bị chép, không bảo vệ khi chính máy hub bị lấy.',
  'backup.savePassphrase': 'Lưu mật khẩu và mã hóa',
  'backup.removePassphrase': 'Bỏ mã hóa',
  'backup.passphraseSaved': 'Đã lưu mật khẩu: từ nay mọi bản sao lưu đều được mã hóa.',
  'backup.passphraseRemoved': 'Đã bỏ mã hóa: từ nay các bản sao lưu KHÔNG được mã hóa.',
  'backup.encryptedOn': 'Bản sao lưu được mã hóa (AES-256-GCM).',
  'backup.encryptedOff': 'Bản sao lưu chưa được mã hóa.',
  'backup.removableWarning':
    'Cảnh báo: thư mục sao lưu {dir} có vẻ là ổ đĩa rời (USB) mà bản sao lưu chưa được mã hóa — ai cầm ổ đĩa cũng đọc được họ tên, số định danh, số điện thoại, địa chỉ của công dân. Hãy đặt mật khẩu mã hóa.',
  'backup.encryptedFile': 'mã hóa',
  'backup.servedFolder':
    'Không dùng được thư mục {dir} để sao lưu: nó nằm trong thư mục {served} mà hub phục vụ cho mọi máy trong mạng — ai cũng tải được bản sao lưu về. Hãy chọn thư mục khác.',
  'backup.servedFolderAtStart':
    'thư mục sao lưu {dir} nằm trong thư mục {served} mà hub phục vụ cho mọi máy trong mạng, ai cũng tải được bản sao lưu về, nên hub không khởi động. Hãy chuyển các bản sao lưu ra khỏi đó rồi chạy: npm run motcua -- --data-dir "{dataDir}" backup-dir --default',
  'restore.schemaRefused':
    'Không khôi phục: cấu trúc của bản sao lưu khác với cấu trúc phần mềm tạo ra cho phiên bản {version} — {differences}. Bản sao lưu có thể đã bị sửa đổi; cơ sở dữ liệu hiện tại không bị thay đổi.',
  'restore.schema.extra': 'thừa {type} "{name}"',
  'restore.schema.missing': 'thiếu {type} "{name}"',
  'restore.schema.changed': '{type} "{name}" bị sửa',
  'restore.schema.type.table': 'bảng',
  'restore.schema.type.index': 'chỉ mục',
  'restore.schema.type.trigger': 'trigger',
  'restore.schema.type.view': 'view',
  'restore.passphraseNeeded':
    'Tệp sao lưu được mã hóa: cần mật khẩu sao lưu (nhập khi được hỏi trên terminal, hoặc dùng --passphrase-file TỆP).',
  'restore.passphrasePrompt': 'Mật khẩu sao lưu: ',
  'restore.wrongPassphrase':
    'Sai mật khẩu sao lưu: không giải mã được tệp. Cơ sở dữ liệu hiện tại không bị thay đổi.',
  'restore.tampered':
    'Tệp sao lưu mã hóa đã bị sửa đổi, cắt cụt hoặc hỏng (xác thực thất bại ở khối {frame}). Cơ sở dữ liệu hiện tại không bị thay đổi.',
  'restore.badHeader':
    'Phần đầu của tệp sao lưu mã hóa không hợp lệ (tham số không được phép). Cơ sở dữ liệu hiện tại không bị thay đổi.',
  'restore.formatVersion':
    'Tệp sao lưu mã hóa theo định dạng phiên bản {version}; phần mềm này chỉ đọc được phiên bản {supported}. Hãy cập nhật phần mềm.',
  'restore.encryptionAfter': 'Các bản sao lưu sau khi khôi phục: {state}.',
  'restore.encryptionOn': 'có mã hóa',
  'restore.encryptionOff':
    'KHÔNG mã hóa (bản sao lưu này chưa có mật khẩu mã hóa: đặt lại trên màn hình Đồng bộ và sao lưu)',
  'restore.noTty':
    'Tệp sao lưu được mã hóa mà không có terminal để hỏi mật khẩu: dùng --passphrase-file TỆP.',
} as const;

export const backupSecurityMessagesEn: Record<keyof typeof backupSecurityMessagesVi, string> = {
  'backup.passphrase': 'Backup encryption passphrase',
  'backup.passphraseHint':
    'At least 12 characters. Keep it somewhere safe: without it, encrypted backups cannot be restored. The passphrase is stored on the hub for unattended backups: it protects a lost or copied backup, not a stolen hub.',
  'backup.savePassphrase': 'Save passphrase and encrypt',
  'backup.removePassphrase': 'Stop encrypting',
  'backup.passphraseSaved': 'Passphrase saved: every backup from now on is encrypted.',
  'backup.passphraseRemoved': 'Encryption removed: backups from now on are NOT encrypted.',
  'backup.encryptedOn': 'Backups are encrypted (AES-256-GCM).',
  'backup.encryptedOff': 'Backups are not encrypted.',
  'backup.removableWarning':
    "Warning: the backup folder {dir} looks like a removable (USB) disk and backups are not encrypted — whoever holds the disk can read citizens' names, ID numbers, phones and addresses. Set an encryption passphrase.",
  'backup.encryptedFile': 'encrypted',
  'backup.servedFolder':
    'The folder {dir} cannot hold backups: it is inside {served}, which the hub serves to every machine on the network — anyone could download the backups. Choose another folder.',
  'backup.servedFolderAtStart':
    'the backup folder {dir} is inside {served}, which the hub serves to every machine on the network, so anyone could download the backups: the hub does not start. Move the backups out of it, then run: npm run motcua -- --data-dir "{dataDir}" backup-dir --default',
  'restore.schemaRefused':
    'Not restored: the schema of the backup differs from what this software creates for version {version} — {differences}. The backup may have been tampered with; the current database is unchanged.',
  'restore.schema.extra': 'extra {type} "{name}"',
  'restore.schema.missing': 'missing {type} "{name}"',
  'restore.schema.changed': '{type} "{name}" altered',
  'restore.schema.type.table': 'table',
  'restore.schema.type.index': 'index',
  'restore.schema.type.trigger': 'trigger',
  'restore.schema.type.view': 'view',
  'restore.passphraseNeeded':
    'The backup is encrypted: its passphrase is needed (typed when asked on a terminal, or --passphrase-file FILE).',
  'restore.passphrasePrompt': 'Backup passphrase: ',
  'restore.wrongPassphrase':
    'Wrong backup passphrase: the file cannot be decrypted. The current database is unchanged.',
  'restore.tampered':
    'The encrypted backup was altered, cut short or damaged (authentication failed at frame {frame}). The current database is unchanged.',
  'restore.badHeader':
    'The header of the encrypted backup is invalid (parameters out of range). The current database is unchanged.',
  'restore.formatVersion':
    'The encrypted backup uses format version {version}; this software reads version {supported} only. Update the software.',
  'restore.encryptionAfter': 'Backups after this restore: {state}.',
  'restore.encryptionOn': 'encrypted',
  'restore.encryptionOff':
    'NOT encrypted (the restored database has no backup passphrase: set it again on the Sync and backup screen)',
  'restore.noTty':
    'The backup is encrypted and there is no terminal to ask for the passphrase: use --passphrase-file FILE.',
};
