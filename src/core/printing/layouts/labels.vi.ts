/**
 * The fixed Vietnamese wording of every slip and form (TT 01/2018/TT-VPCP Mẫu 01 and the
 * desk's own slips). Layouts take their words from here only.
 */
export const labelsVi = {
  nationalMotto: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  nationalMottoSub: 'Độc lập - Tự do - Hạnh phúc',
  dateLine: (place: string, day: string, month: string, year: string): string =>
    `${place}, ngày ${day} tháng ${month} năm ${year}`,

  ticket: {
    title: 'PHIẾU SỐ THỨ TỰ',
    service: 'Dịch vụ',
    issuedAt: 'Thời gian lấy số',
    peopleAhead: (n: number): string =>
      n === 0 ? 'Không có người chờ trước bạn' : `Số người chờ trước: ${n}`,
    estimatedWait: (min: number, max: number): string =>
      max <= 0
        ? 'Thời gian chờ dự kiến: sắp đến lượt'
        : `Thời gian chờ dự kiến: ${min} - ${max} phút`,
    priority: 'Ưu tiên',
    scanToFollow: 'Quét mã để theo dõi lượt của bạn',
    keepTicket: 'Vui lòng giữ phiếu và chú ý màn hình, loa gọi số.',
  },

  receipt: {
    title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    dossierCode: 'Mã hồ sơ',
    copy: (label: string): string => `Liên: ${label}`,
    copyKeep: 'Lưu',
    copyCustomer: 'Giao khách hàng',
    receivedFrom: 'Tiếp nhận hồ sơ của',
    applicantName: 'Ông/Bà',
    address: 'Địa chỉ',
    phone: 'Số điện thoại',
    email: 'Email',
    request: 'Nội dung yêu cầu giải quyết',
    documentsHeader: 'Thành phần hồ sơ nộp gồm',
    colNo: 'STT',
    colName: 'Tên giấy tờ',
    colKind: 'Loại',
    colCount: 'SL',
    kind: { original: 'Bản chính', copy: 'Bản sao', certified: 'Bản sao chứng thực' },
    setCount: (n: number): string => `Số lượng hồ sơ: ${n} (bộ)`,
    processingTime: (days: number): string =>
      `Thời gian giải quyết hồ sơ theo quy định: ${days} ngày làm việc`,
    processingTimeText: (text: string): string =>
      `Thời gian giải quyết hồ sơ theo quy định: ${text}`,
    receivedAt: (hour: string, minute: string, date: string): string =>
      `Thời gian nhận hồ sơ: ${hour} giờ ${minute} phút, ngày ${date}`,
    appointmentAt: (hour: string, minute: string, date: string): string =>
      `Thời gian trả kết quả: ${hour} giờ ${minute} phút, ngày ${date}`,
    collectAt: 'Nhận kết quả tại',
    register: (book: string, entry: string): string =>
      `Vào Sổ theo dõi hồ sơ, Quyển số: ${book}, Số thứ tự: ${entry}`,
    submitter: 'NGƯỜI NỘP HỒ SƠ',
    receiver: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
    signHint: '(Ký và ghi rõ họ tên)',
    lookup: 'Tra cứu hồ sơ: quét mã QR',
  },

  returnSlip: {
    title: 'PHIẾU TRẢ KẾT QUẢ',
    dossierCode: 'Mã hồ sơ',
    applicant: 'Người nộp',
    procedure: 'Thủ tục',
    receivedAt: 'Ngày nhận hồ sơ',
    appointmentAt: 'Ngày hẹn trả',
    returnedAt: 'Ngày trả kết quả',
    result: 'Kết quả',
    collectedBy: 'Người nhận kết quả',
    timeliness: { early: 'Trả trước hạn', onTime: 'Trả đúng hạn', late: 'Trả quá hạn' },
    officer: 'Cán bộ trả kết quả',
    thanks: 'Cảm ơn Ông/Bà đã sử dụng dịch vụ.',
    rate: 'Mời Ông/Bà đánh giá mức độ hài lòng',
    lookup: 'Tra cứu hồ sơ: quét mã QR',
  },

  payment: {
    due: 'Phí, lệ phí phải nộp',
    paid: 'Phí, lệ phí đã nộp',
    inWords: 'Bằng chữ',
    method: 'Hình thức nộp',
    collector: 'người thu',
    currency: 'đồng',
    scan: 'Quét mã VietQR để chuyển khoản (nội dung: mã hồ sơ)',
  },

  fee: {
    title: 'BIÊN LAI THU PHÍ, LỆ PHÍ',
    receiptNo: 'Số',
    dossierCode: 'Mã hồ sơ',
    payer: 'Người nộp',
    colItem: 'Nội dung',
    colQty: 'SL',
    colAmount: 'Thành tiền',
    total: 'TỔNG CỘNG',
    method: 'Hình thức',
    methods: { cash: 'Tiền mặt', transfer: 'Chuyển khoản', online: 'Trực tuyến' },
    paidAt: 'Thời gian thu',
    collector: 'Người thu',
    currency: 'đ',
  },

  testPage: {
    title: 'TRANG IN THỬ',
    printer: 'Máy in',
    printedAt: 'Thời gian',
    alphabet: 'Bảng chữ cái tiếng Việt',
    sizes: 'Cỡ chữ',
    alignLeft: 'Trái',
    alignCenter: 'Giữa',
    alignRight: 'Phải',
    boldSample: 'Chữ đậm',
    sample: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    ok: 'Nếu mọi dấu tiếng Việt ở trên đều rõ ràng, máy in đã sẵn sàng.',
  },
} as const;
