/**
 * Messages of device pairing (docs/security.md, "Devices"), spread into vi.ts / en.ts.
 */
export const deviceMessagesVi = {
  'device.unpaired.title': 'Thiết bị chưa được ghép nối',
  'device.unpaired.intro':
    'Màn hình này cần được quản trị viên ghép nối một lần trước khi công dân sử dụng. Chỉ thiết bị đã ghép nối mới lấy số thứ tự, gửi đánh giá và in danh mục giấy tờ.',
  'device.unpaired.codeTitle': 'Cách 1: nhập mã ghép nối',
  'device.unpaired.codeHint':
    'Quản trị viên tạo mã trên thẻ “Thiết bị” tại quầy (8 ký tự, dùng một lần, hiệu lực 10 phút).',
  'device.unpaired.code': 'Mã ghép nối',
  'device.unpaired.pair': 'Ghép nối',
  'device.unpaired.adminTitle': 'Cách 2: quản trị viên đăng nhập trên thiết bị này',
  'device.unpaired.name': 'Tên thiết bị',
  'device.unpaired.adminPair': 'Đăng nhập và ghép nối',
  'device.unpaired.notAdmin': 'Chỉ tài khoản quản trị mới ghép nối được thiết bị.',
  'device.unpaired.checking': 'Đang kiểm tra thiết bị…',
  'device.defaultName.kiosk': 'Kiosk công dân',
  'device.defaultName.rating': 'Máy đánh giá quầy {counter}',
  'device.defaultName.display': 'Màn hình phòng chờ',

  'devices.tab': 'Thiết bị',
  'devices.title': 'Thiết bị đã ghép nối',
  'devices.intro':
    'Kiosk công dân, máy đánh giá tại quầy và màn hình phòng chờ. Chỉ thiết bị đã ghép nối (hoặc cán bộ đã đăng nhập) mới lấy số thứ tự, gửi đánh giá và in danh mục giấy tờ; thu hồi có hiệu lực ngay.',
  'devices.name': 'Tên thiết bị',
  'devices.kind': 'Loại',
  'devices.kind.kiosk': 'Kiosk công dân',
  'devices.kind.rating': 'Máy đánh giá tại quầy',
  'devices.kind.display': 'Màn hình phòng chờ',
  'devices.createdAt': 'Ngày ghép nối',
  'devices.lastSeen': 'Hoạt động gần nhất',
  'devices.status': 'Trạng thái',
  'devices.active': 'Đang hoạt động',
  'devices.revokedAt': 'Đã thu hồi {time}',
  'devices.none': 'Chưa có thiết bị nào được ghép nối.',
  'devices.create': 'Ghép nối ngay (tạo đường dẫn)',
  'devices.createCode': 'Tạo mã ghép nối ngắn',
  'devices.tokenOnce':
    'Đường dẫn ghép nối chỉ hiện MỘT LẦN. Mở nó một lần trên thiết bị “{name}”: thiết bị tự lưu mã và xóa nó khỏi thanh địa chỉ.',
  'devices.copy': 'Sao chép',
  'devices.copied': 'Đã sao chép.',
  'devices.codeShown':
    'Trên thiết bị “{name}”, nhập mã ghép nối dưới đây trước {time} (dùng một lần):',
  'devices.revoke': 'Thu hồi',
  'devices.revokeConfirm': 'Thu hồi thiết bị “{name}”? Thiết bị sẽ ngừng hoạt động ngay.',
  'devices.revoked': 'Đã thu hồi thiết bị “{name}”.',
  'devices.never': 'Chưa',
  'devices.counter': 'Quầy số (máy đánh giá)',
};

export const deviceMessagesEn: Record<keyof typeof deviceMessagesVi, string> = {
  'device.unpaired.title': 'This device is not paired',
  'device.unpaired.intro':
    'An administrator must pair this screen once before citizens use it. Only paired devices take queue numbers, send ratings and print document checklists.',
  'device.unpaired.codeTitle': 'Option 1: type a pairing code',
  'device.unpaired.codeHint':
    'The administrator creates the code on the desk’s “Devices” card (8 characters, one use, valid 10 minutes).',
  'device.unpaired.code': 'Pairing code',
  'device.unpaired.pair': 'Pair',
  'device.unpaired.adminTitle': 'Option 2: an administrator signs in on this device',
  'device.unpaired.name': 'Device name',
  'device.unpaired.adminPair': 'Sign in and pair',
  'device.unpaired.notAdmin': 'Only an administrator account can pair a device.',
  'device.unpaired.checking': 'Checking this device…',
  'device.defaultName.kiosk': 'Citizen kiosk',
  'device.defaultName.rating': 'Rating tablet, counter {counter}',
  'device.defaultName.display': 'Lobby display',

  'devices.tab': 'Devices',
  'devices.title': 'Paired devices',
  'devices.intro':
    'Citizen kiosks, rating tablets at the counters and lobby displays. Only paired devices (or a signed-in officer) take queue numbers, send ratings and print document checklists; revoking takes effect at once.',
  'devices.name': 'Device name',
  'devices.kind': 'Kind',
  'devices.kind.kiosk': 'Citizen kiosk',
  'devices.kind.rating': 'Rating tablet at a counter',
  'devices.kind.display': 'Lobby display',
  'devices.createdAt': 'Paired on',
  'devices.lastSeen': 'Last active',
  'devices.status': 'Status',
  'devices.active': 'Active',
  'devices.revokedAt': 'Revoked {time}',
  'devices.none': 'No device is paired yet.',
  'devices.create': 'Pair now (make a link)',
  'devices.createCode': 'Make a short pairing code',
  'devices.tokenOnce':
    'The pairing link is shown ONCE. Open it once on the device “{name}”: the device keeps the token and removes it from the address bar.',
  'devices.copy': 'Copy',
  'devices.copied': 'Copied.',
  'devices.codeShown': 'On the device “{name}”, type this pairing code before {time} (one use):',
  'devices.revoke': 'Revoke',
  'devices.revokeConfirm': 'Revoke the device “{name}”? It stops working at once.',
  'devices.revoked': 'The device “{name}” was revoked.',
  'devices.never': 'Not yet',
  'devices.counter': 'Counter number (rating tablet)',
};
