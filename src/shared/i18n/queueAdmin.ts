/**
 * Messages of the queue administration (services, counters, links; docs/queue.md),
 * spread into vi.ts / en.ts.
 */
export const queueAdminMessagesVi = {
  'queue.admin.tab': 'Quầy và dịch vụ',
  'queue.admin.title': 'Quầy và dịch vụ xếp hàng',
  'queue.admin.hint':
    'Thêm quầy trước, rồi thêm dịch vụ và đánh dấu các quầy phục vụ. Mỗi dịch vụ đang hoạt động phải có ít nhất một quầy đang hoạt động. Bấm Enter trong một dòng để lưu dòng đó.',
  'queue.admin.services': 'Dịch vụ xếp hàng',
  'queue.admin.counters': 'Quầy giao dịch',
  'queue.admin.col.order': 'Thứ tự',
  'queue.admin.col.code': 'Mã',
  'queue.admin.col.name': 'Tên dịch vụ',
  'queue.admin.col.prefix': 'Chữ đầu số',
  'queue.admin.col.target': 'Chờ tối đa (phút)',
  'queue.admin.col.typical': 'Phục vụ thường (phút)',
  'queue.admin.col.counters': 'Quầy phục vụ',
  'queue.admin.col.active': 'Hoạt động',
  'queue.admin.col.issuedToday': 'Đã cấp hôm nay',
  'queue.admin.col.number': 'Số quầy',
  'queue.admin.col.counterName': 'Tên quầy',
  'queue.admin.col.priority': 'Quầy ưu tiên',
  'queue.admin.col.services': 'Dịch vụ phục vụ',
  'queue.admin.col.actions': 'Thao tác',
  'queue.admin.save': 'Lưu',
  'queue.admin.remove': 'Xoá',
  'queue.admin.removeHint': 'Xoá (mục đã có số thứ tự chỉ bị ngừng hoạt động, lịch sử được giữ)',
  'queue.admin.addService': 'Thêm dịch vụ',
  'queue.admin.addCounter': 'Thêm quầy',
  'queue.admin.newRow': 'Dòng mới',
  'queue.admin.serviceRow': 'Dịch vụ {prefix} — {name}',
  'queue.admin.counterRow': 'Quầy số {number}',
  'queue.admin.counterShort': 'Quầy {number}',
  'queue.admin.serviceCreated': 'Đã thêm dịch vụ “{name}” với chữ đầu số {prefix}.',
  'queue.admin.serviceSaved': 'Đã lưu dịch vụ “{name}”.',
  'queue.admin.counterCreated': 'Đã thêm quầy số {number}.',
  'queue.admin.counterSaved': 'Đã lưu quầy số {number}.',
  'queue.admin.deleted': 'Đã xoá {what}.',
  'queue.admin.deactivated':
    '{what} đã có số thứ tự nên không xoá được: đã chuyển sang ngừng hoạt động, lịch sử được giữ nguyên.',
  'queue.admin.confirmRemove':
    'Xoá {what}? Nếu đã từng có số thứ tự, mục này chỉ chuyển sang ngừng hoạt động.',
  'queue.admin.serviceWhat': 'dịch vụ “{name}”',
  'queue.admin.counterWhat': 'quầy số {number}',
  'queue.admin.prefixLocked': 'Đã cấp số hôm nay: chữ đầu số chỉ đổi được từ ngày mai.',
  'queue.admin.inactive': 'Đã ngừng',
  'queue.admin.noCounters': 'Chưa có quầy nào.',
  'queue.admin.err.serviceNeedsCounter':
    'Mỗi dịch vụ đang hoạt động phải có ít nhất một quầy đang hoạt động phục vụ; dịch vụ {services} sẽ không còn quầy nào. Hãy đánh dấu quầy phục vụ khác (hoặc ngừng dịch vụ) trước.',
  'queue.admin.err.prefixTaken':
    'Chữ đầu số {prefix} đang được dùng cho dịch vụ “{service}”. Hãy chọn chữ khác.',
  'queue.admin.err.prefixTakenInactive':
    'Chữ đầu số {prefix} vẫn thuộc dịch vụ đã ngừng “{service}” (các số cũ mang chữ này). Hãy đổi chữ đầu số của dịch vụ đó trước, hoặc chọn chữ khác.',
  'queue.admin.err.prefixInUseToday':
    'Dịch vụ “{service}” đã cấp số hôm nay (đến số {last}) nên chưa đổi được chữ đầu số {prefix}: các số đã cấp sẽ không còn khớp. Hãy đổi từ ngày mai.',
  'queue.admin.err.codeTaken': 'Mã {code} đã dùng cho dịch vụ “{service}”. Hãy chọn mã khác.',
  'queue.admin.err.numberTaken': 'Số quầy {number} đã có (“{counter}”). Hãy chọn số khác.',
  'queue.admin.err.unknownCounter': 'Không tìm thấy quầy đã chọn ({id}).',
  'queue.admin.err.unknownService': 'Không tìm thấy dịch vụ đã chọn ({id}).',
  'queue.admin.err.serviceHasOpenTickets':
    'Dịch vụ “{service}” còn {count} số chưa phục vụ xong hôm nay; hãy phục vụ hoặc chuyển các số đó trước khi ngừng dịch vụ.',
  'queue.admin.err.counterBusy':
    'Quầy số {counter} đang gọi hoặc phục vụ số {number}; hãy hoàn thành hoặc chuyển số đó trước khi ngừng quầy.',
  'queue.admin.err.counterHasTransfers':
    'Có {count} số đang chờ được chuyển riêng đến quầy số {counter}; hãy chuyển các số đó sang quầy khác trước khi ngừng quầy.',
} as const;

export const queueAdminMessagesEn: Record<keyof typeof queueAdminMessagesVi, string> = {
  'queue.admin.tab': 'Counters and services',
  'queue.admin.title': 'Counters and queue services',
  'queue.admin.hint':
    'Add the counters first, then the services, and tick the counters that serve each one. Every active service needs at least one active counter. Press Enter in a row to save it.',
  'queue.admin.services': 'Queue services',
  'queue.admin.counters': 'Counters',
  'queue.admin.col.order': 'Order',
  'queue.admin.col.code': 'Code',
  'queue.admin.col.name': 'Service name',
  'queue.admin.col.prefix': 'Prefix',
  'queue.admin.col.target': 'Target wait (min)',
  'queue.admin.col.typical': 'Typical service (min)',
  'queue.admin.col.counters': 'Served at',
  'queue.admin.col.active': 'Active',
  'queue.admin.col.issuedToday': 'Issued today',
  'queue.admin.col.number': 'Counter no.',
  'queue.admin.col.counterName': 'Counter name',
  'queue.admin.col.priority': 'Priority counter',
  'queue.admin.col.services': 'Services served',
  'queue.admin.col.actions': 'Actions',
  'queue.admin.save': 'Save',
  'queue.admin.remove': 'Remove',
  'queue.admin.removeHint': 'Remove (an item with tickets is only deactivated; history is kept)',
  'queue.admin.addService': 'Add service',
  'queue.admin.addCounter': 'Add counter',
  'queue.admin.newRow': 'New row',
  'queue.admin.serviceRow': 'Service {prefix} — {name}',
  'queue.admin.counterRow': 'Counter {number}',
  'queue.admin.counterShort': 'Counter {number}',
  'queue.admin.serviceCreated': 'Service “{name}” added with prefix {prefix}.',
  'queue.admin.serviceSaved': 'Service “{name}” saved.',
  'queue.admin.counterCreated': 'Counter {number} added.',
  'queue.admin.counterSaved': 'Counter {number} saved.',
  'queue.admin.deleted': 'Removed {what}.',
  'queue.admin.deactivated':
    '{what} has tickets, so it was not deleted: it is now inactive and its history is kept.',
  'queue.admin.confirmRemove': 'Remove {what}? If it ever had tickets it is only deactivated.',
  'queue.admin.serviceWhat': 'service “{name}”',
  'queue.admin.counterWhat': 'counter {number}',
  'queue.admin.prefixLocked': 'Numbers were issued today: the prefix can change from tomorrow.',
  'queue.admin.inactive': 'Inactive',
  'queue.admin.noCounters': 'No counters yet.',
  'queue.admin.err.serviceNeedsCounter':
    'Every active service needs at least one active counter serving it; {services} would have none. Tick another counter (or deactivate the service) first.',
  'queue.admin.err.prefixTaken':
    'Prefix {prefix} is used by the service “{service}”. Choose another letter.',
  'queue.admin.err.prefixTakenInactive':
    'Prefix {prefix} still belongs to the inactive service “{service}” (its old numbers carry it). Change that service’s prefix first, or choose another letter.',
  'queue.admin.err.prefixInUseToday':
    'The service “{service}” issued numbers today (up to {last}), so its prefix {prefix} cannot change now: today’s numbers would no longer match. Change it from tomorrow.',
  'queue.admin.err.codeTaken': 'Code {code} is used by the service “{service}”. Choose another.',
  'queue.admin.err.numberTaken': 'Counter number {number} exists (“{counter}”). Choose another.',
  'queue.admin.err.unknownCounter': 'The chosen counter was not found ({id}).',
  'queue.admin.err.unknownService': 'The chosen service was not found ({id}).',
  'queue.admin.err.serviceHasOpenTickets':
    'The service “{service}” still has {count} open tickets today; serve or transfer them before deactivating it.',
  'queue.admin.err.counterBusy':
    'Counter {counter} is calling or serving {number}; complete or transfer it before deactivating the counter.',
  'queue.admin.err.counterHasTransfers':
    '{count} waiting tickets were transferred to counter {counter}; move them to another counter before deactivating it.',
};
