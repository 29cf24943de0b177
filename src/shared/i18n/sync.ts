/**
 * Messages of sync, backups and the watchdog (issue 8), spread into vi.ts / en.ts.
 */
export const syncMessagesVi = {
  'sync.synced': 'Đã đồng bộ',
  'sync.pending': '{count} thay đổi chờ đồng bộ',
  'sync.off': 'Chưa cấu hình máy chủ tỉnh',
  'sync.lastError': 'Lỗi gần nhất: {error}',
  'sync.lastSent': 'Đồng bộ lần cuối: {time}',
  'sync.export': 'Xuất USB',
  'sync.exported': 'Đã xuất {count} thay đổi ra tệp {file}',
  'watchdog.problem': 'Cần kiểm tra: {what}',
  'watchdog.database': 'cơ sở dữ liệu',
  'watchdog.printer': 'máy in',
  'watchdog.upstream': 'đồng bộ lên tỉnh',
  'watchdog.backup': 'sao lưu',
  'backup.none': 'Chưa có bản sao lưu',
} as const;

export const syncMessagesEn: Record<keyof typeof syncMessagesVi, string> = {
  'sync.synced': 'Synced',
  'sync.pending': '{count} changes waiting to sync',
  'sync.off': 'No provincial server configured',
  'sync.lastError': 'Last error: {error}',
  'sync.lastSent': 'Last synced: {time}',
  'sync.export': 'Export to USB',
  'sync.exported': 'Exported {count} changes to {file}',
  'watchdog.problem': 'Needs attention: {what}',
  'watchdog.database': 'database',
  'watchdog.printer': 'printer',
  'watchdog.upstream': 'sync to the province',
  'watchdog.backup': 'backup',
  'backup.none': 'No backup yet',
};
