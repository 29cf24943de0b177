/**
 * Messages of the citizen kiosk and the satisfaction rating, spread into vi.ts /
 * en.ts. Plain words for elderly and first-time users; full Vietnamese diacritics. The
 * kiosk's read-aloud clips are generated from these Vietnamese sentences
 * (scripts/kiosk-voice.ts), so a changed sentence needs its clip regenerated.
 */
export const kioskMessagesVi = {
  'kiosk.homeButton': 'Về trang chủ',
  'kiosk.back': 'Quay lại',
  'kiosk.readAloud': 'Đọc to',
  'kiosk.voice.noVietnameseVoice':
    'Máy này chưa có giọng đọc tiếng Việt nên không đọc được tên các dịch vụ. Mời ông/bà xem trên màn hình hoặc hỏi cán bộ hướng dẫn.',
  'kiosk.largeText': 'Chữ to',
  'kiosk.highContrast': 'Tương phản cao',
  'kiosk.settingsLabel': 'Cách hiển thị',
  'kiosk.helpLine': 'Cần giúp đỡ? Mời ông/bà đến quầy hướng dẫn.',
  'kiosk.homePrompt': 'Mời ông/bà chạm vào việc cần làm.',
  'kiosk.menu.take': 'Lấy số thứ tự',
  'kiosk.menu.takeHint': 'Lấy phiếu số để chờ đến lượt',
  'kiosk.menu.lookup': 'Tra cứu hồ sơ',
  'kiosk.menu.lookupHint': 'Xem hồ sơ đã có kết quả chưa',
  'kiosk.menu.procedures': 'Thủ tục hành chính',
  'kiosk.menu.proceduresHint': 'Giấy tờ cần mang, thời gian, lệ phí',
  'kiosk.menu.rating': 'Đánh giá hài lòng',
  'kiosk.menu.ratingHint': 'Cho ý kiến sau khi được phục vụ',

  'kiosk.take.chooseService': 'Ông/bà đến làm việc gì? Mời chạm vào một ô.',
  'kiosk.take.waiting': '{count} người đang chờ',
  'kiosk.take.priorityTitle': 'Ông/bà có thuộc diện ưu tiên không?',
  'kiosk.take.priorityHint': 'Người thuộc diện ưu tiên được gọi sớm hơn.',
  'kiosk.take.noPriority': 'Không, lấy số thường',
  'kiosk.take.printing': 'Đang in phiếu số, xin chờ một chút…',
  'kiosk.take.yourNumber': 'Số thứ tự của ông/bà',
  'kiosk.take.ahead': 'Phía trước còn {count} người',
  'kiosk.take.aheadNone': 'Không có ai chờ trước ông/bà',
  'kiosk.take.wait': 'Thời gian chờ dự kiến: {min} đến {max} phút',
  'kiosk.take.collect': 'Mời ông/bà nhận phiếu ở khe máy in và ngồi chờ gọi số.',
  'kiosk.take.returning': 'Màn hình tự về trang chủ sau {seconds} giây.',
  'kiosk.idle.warning':
    'Ông/bà còn cần thêm thời gian không? Sau {seconds} giây màn hình sẽ về trang chủ.',
  'kiosk.idle.moreTime': 'Tôi cần thêm thời gian',
  'kiosk.take.noPaper': 'Máy này không in phiếu giấy. Xin ông/bà ghi nhớ số trên màn hình.',
  'kiosk.take.printFailed':
    'Không in được phiếu giấy. Số của ông/bà vẫn được giữ — xin ghi nhớ số trên màn hình.',
  'kiosk.take.printPending':
    'Phiếu giấy chưa in xong. Nếu không thấy phiếu ở khe máy in, xin ghi nhớ số trên màn hình.',
  'kiosk.take.photoQr': 'Chụp ảnh mã QR này để xem số và lượt gọi trên điện thoại.',
  'kiosk.take.remembered': 'Đã ghi nhớ số',
  'kiosk.take.waitSoon': 'Sắp đến lượt ông/bà',
  'kiosk.take.priorityLabel': 'Ưu tiên: {label}',

  'kiosk.err.offline':
    'Máy chưa kết nối được với hệ thống. Vui lòng đến quầy hướng dẫn để được giúp đỡ.',
  'kiosk.err.printer':
    'Máy in phiếu đang hết giấy hoặc bị lỗi nên chưa in được. Vui lòng đến quầy hướng dẫn để được giúp đỡ.',
  'kiosk.err.paperOut':
    'Máy in phiếu đã hết giấy. Vui lòng đến quầy hướng dẫn để lấy số hoặc nhờ cán bộ giúp.',
  'kiosk.err.generic':
    'Xin lỗi, máy chưa làm được việc này. Vui lòng đến quầy hướng dẫn để được giúp đỡ.',
  'kiosk.err.busy': 'Máy đang bận. Xin ông/bà chờ một phút rồi thử lại.',
  'kiosk.err.crashTitle': 'Xin lỗi, màn hình gặp sự cố.',
  'kiosk.err.restart': 'Bắt đầu lại',

  'kiosk.lookup.scanHint':
    'Đưa mã QR trên giấy biên nhận vào máy quét, hoặc bấm mã hồ sơ trên bàn phím dưới đây.',
  'kiosk.lookup.codeLabel': 'Mã hồ sơ (in trên giấy biên nhận)',
  'kiosk.lookup.checkPrompt':
    'Mời bấm 4 số cuối của số điện thoại hoặc số căn cước của người nộp hồ sơ.',
  'kiosk.lookup.checkLabel': '4 số cuối điện thoại hoặc căn cước',
  'kiosk.lookup.procedure': 'Thủ tục',
  'kiosk.lookup.next': 'Tiếp tục',
  'kiosk.lookup.search': 'Xem kết quả',
  'kiosk.lookup.searching': 'Đang tìm hồ sơ…',
  'kiosk.lookup.notFound':
    'Không tìm thấy hồ sơ với mã và 4 số đã bấm. Xin kiểm tra lại giấy biên nhận, hoặc đến quầy hướng dẫn.',
  'kiosk.lookup.due': 'Ngày hẹn trả kết quả: {date}',
  'kiosk.lookup.apology':
    'Hồ sơ bị chậm so với ngày hẹn. Cơ quan đã gửi văn bản xin lỗi và hẹn lại ngày trả kết quả: {date}',
  'kiosk.lookup.takeResultTicket': 'Nhận kết quả — lấy số',
  'kiosk.lookup.again': 'Tra cứu hồ sơ khác',
  'kiosk.lookup.retryCheck': 'Bấm lại 4 số',
  'kiosk.lookup.locked':
    'Đã tra cứu quá nhiều lần trong ít phút nên máy tạm dừng tra cứu. Xin ông/bà chờ vài phút rồi bấm lại, hoặc đến quầy hướng dẫn.',
  'kiosk.lookup.overdue':
    'Hồ sơ đã quá ngày hẹn trả kết quả ({date}) mà chưa giải quyết xong. Cơ quan phải gửi ông/bà phiếu xin lỗi và hẹn lại ngày trả kết quả. Xin mời ông/bà đến quầy hướng dẫn để được báo ngày mới.',
  'kiosk.status.received': 'Hồ sơ đã được tiếp nhận và đang chờ giải quyết.',
  'kiosk.status.in_process': 'Hồ sơ đang được giải quyết. Xin ông/bà chờ đến ngày hẹn.',
  'kiosk.status.awaiting_supplement':
    'Hồ sơ cần bổ sung giấy tờ. Mời ông/bà đến quầy hướng dẫn để được chỉ dẫn.',
  'kiosk.status.result_ready':
    'Hồ sơ đã có kết quả, mời ông/bà đến quầy số {counter} nhận kết quả.',
  'kiosk.status.resultReadyDesk':
    'Hồ sơ đã có kết quả, mời ông/bà đến Bộ phận Một cửa nhận kết quả.',
  'kiosk.status.returned': 'Hồ sơ đã được trả kết quả.',
  'kiosk.status.refused':
    'Hồ sơ không được giải quyết. Mời ông/bà đến quầy hướng dẫn để biết lý do.',
  'kiosk.status.stopped': 'Hồ sơ đã dừng giải quyết theo đề nghị của người nộp.',
  'kiosk.status.closed': 'Hồ sơ đã kết thúc vì không bổ sung giấy tờ đúng hạn.',

  'kiosk.key.backspace': 'Xóa chữ cuối',
  'kiosk.key.clear': 'Xóa hết',
  'kiosk.key.space': 'Dấu cách',
  'kiosk.key.keyboard': 'Bàn phím trên màn hình',

  'kiosk.proc.byField': 'Chọn lĩnh vực',
  'kiosk.proc.searchLabel': 'Tìm tên thủ tục (gõ có dấu hoặc không dấu)',
  'kiosk.proc.searchHint': 'Ví dụ: khai sinh, chung thuc',
  'kiosk.proc.searchButton': 'Tìm',
  'kiosk.proc.count': '{count} thủ tục',
  'kiosk.proc.none': 'Không tìm thấy thủ tục phù hợp. Mời ông/bà hỏi quầy hướng dẫn.',
  'kiosk.proc.documents': 'Giấy tờ cần mang theo',
  'kiosk.proc.time': 'Thời gian giải quyết',
  'kiosk.proc.fee': 'Phí, lệ phí',
  'kiosk.proc.where': 'Nơi nộp hồ sơ',
  'kiosk.proc.whereCounters': 'Quầy số {counters} ({service})',
  'kiosk.proc.whereHelpDesk': 'Quầy hướng dẫn sẽ chỉ chỗ nộp',
  'kiosk.proc.free': 'Miễn phí',
  'kiosk.proc.feeAmount': '{amount} đồng',
  'kiosk.proc.sameDay': 'Trong ngày',
  'kiosk.proc.code': 'Mã thủ tục',
  'kiosk.proc.ifApplicable': 'nếu có',
  'kiosk.proc.copies': '{count} bản',
  'kiosk.proc.print': 'In danh sách giấy tờ',
  'kiosk.proc.printing': 'Đang in…',
  'kiosk.proc.printed': 'Đã in. Mời ông/bà nhận giấy ở khe máy in.',
  'kiosk.proc.screenOnly':
    'Máy này không in giấy. Mời ông/bà chụp ảnh danh sách trên màn hình hoặc ghi lại.',
  'kiosk.proc.printFailed':
    'Không in được danh sách giấy tờ. Mời ông/bà chụp ảnh danh sách trên màn hình hoặc hỏi quầy hướng dẫn.',
  'kiosk.proc.takeNumber': 'Lấy số cho thủ tục này',
  'kiosk.proc.prompt': 'Chọn lĩnh vực, hoặc gõ tên thủ tục để tìm.',
  'kiosk.checklist.title': 'DANH SÁCH GIẤY TỜ',

  'kiosk.rate.pick': 'Chạm vào số thứ tự của ông/bà vừa được phục vụ.',
  'kiosk.rate.ticket': 'Số {number} — Quầy {counter}',
  'kiosk.rate.none':
    'Chưa có lượt phục vụ nào vừa xong. Sau khi cán bộ giải quyết xong việc, mời ông/bà đánh giá tại đây.',
  'kiosk.rate.prompt': 'Ông/bà có hài lòng với việc phục vụ tại quầy số {counter} không?',
  'kiosk.rate.reasonsPrompt': 'Ông/bà chưa hài lòng về điều gì? Chạm để chọn, có thể chọn nhiều ý.',
  'kiosk.rate.send': 'Gửi đánh giá',
  'kiosk.rate.thanks': 'Cảm ơn ông/bà đã đánh giá!',
  'kiosk.rate.closesIn': 'Còn {seconds} giây để đánh giá',
  'kiosk.rate.closed': 'Đã hết thời gian đánh giá cho lượt phục vụ này.',
  'kiosk.rate.alreadyRated': 'Đã được đánh giá — cảm ơn ông/bà!',
  'kiosk.rate.counterTitle': 'Quầy số {counter}',
  'kiosk.rate.counterIdle': 'Sau khi được phục vụ, mời ông/bà đánh giá tại đây.',
  'kiosk.rate.unknownCounter':
    'Không tìm thấy quầy này. Địa chỉ màn hình đánh giá cần có số quầy, ví dụ /rate?counter=1.',

  'kiosk.voice.readyA': 'Hồ sơ đã có kết quả, mời ông/bà đến quầy số',
  'kiosk.voice.readyB': 'nhận kết quả.',
  'kiosk.voice.ratePrompt': 'Ông/bà có hài lòng với việc phục vụ không? Mời chạm vào một hình mặt.',
  'kiosk.voice.procDetail':
    'Giấy tờ cần mang theo, thời gian và lệ phí ghi trên màn hình. Chạm nút In danh sách giấy tờ để nhận bản in.',
  'kiosk.voice.unavailable': 'Chưa có giọng đọc',

  // The one set of rating labels: the kiosk, the reports dashboard and the CSV/XLSX exports.
  'rating.score.satisfied': 'Hài lòng',
  'rating.score.neutral': 'Bình thường',
  'rating.score.unsatisfied': 'Không hài lòng',
  'rating.reason.staff_attitude': 'Thái độ của cán bộ chưa tốt',
  'rating.reason.processing_time': 'Giải quyết chậm so với thời hạn',
  'rating.reason.many_trips': 'Phải đi lại nhiều lần',
  'rating.reason.many_agencies': 'Phải đến nhiều cơ quan',
  'rating.reason.wrong_information': 'Thông tin thủ tục công khai chưa đúng',
  'rating.reason.result_or_fee': 'Kết quả hoặc chi phí chưa đúng quy định',
  'rating.reason.complaint_handling': 'Ý kiến, phản ánh chưa được xử lý',
  'rating.err.closed':
    'Chưa đến lúc đánh giá hoặc đã hết thời gian đánh giá (30 giây sau khi cán bộ giải quyết xong).',
  'rating.err.already': 'Lượt phục vụ này đã được đánh giá.',
  'rating.err.dossier': 'Hồ sơ này không thuộc lượt phục vụ đang được đánh giá.',
} as const;

export const kioskMessagesEn: Record<keyof typeof kioskMessagesVi, string> = {
  'kiosk.homeButton': 'Home',
  'kiosk.back': 'Back',
  'kiosk.readAloud': 'Read aloud',
  'kiosk.voice.noVietnameseVoice':
    'This machine has no Vietnamese voice, so the service names cannot be read aloud. Please read them on the screen or ask the staff.',
  'kiosk.largeText': 'Large text',
  'kiosk.highContrast': 'High contrast',
  'kiosk.settingsLabel': 'Display',
  'kiosk.helpLine': 'Need help? Please go to the help desk.',
  'kiosk.homePrompt': 'Please touch what you need.',
  'kiosk.menu.take': 'Take a number',
  'kiosk.menu.takeHint': 'Get a ticket and wait for your turn',
  'kiosk.menu.lookup': 'Check a dossier',
  'kiosk.menu.lookupHint': 'See whether the result is ready',
  'kiosk.menu.procedures': 'Procedures',
  'kiosk.menu.proceduresHint': 'Documents to bring, time, fee',
  'kiosk.menu.rating': 'Rate our service',
  'kiosk.menu.ratingHint': 'Tell us after you were served',

  'kiosk.take.chooseService': 'What did you come for? Please touch one.',
  'kiosk.take.waiting': '{count} waiting',
  'kiosk.take.priorityTitle': 'Are you entitled to priority?',
  'kiosk.take.priorityHint': 'Priority citizens are called sooner.',
  'kiosk.take.noPriority': 'No, regular ticket',
  'kiosk.take.printing': 'Printing your ticket, one moment…',
  'kiosk.take.yourNumber': 'Your number',
  'kiosk.take.ahead': '{count} people ahead of you',
  'kiosk.take.aheadNone': 'Nobody is ahead of you',
  'kiosk.take.wait': 'Expected wait: {min} to {max} minutes',
  'kiosk.take.collect': 'Please take the ticket from the printer slot and wait to be called.',
  'kiosk.take.returning': 'This screen goes back home in {seconds} seconds.',
  'kiosk.idle.warning': 'Do you need more time? In {seconds} seconds this screen goes back home.',
  'kiosk.idle.moreTime': 'I need more time',
  'kiosk.take.noPaper':
    'This kiosk prints no paper ticket. Please remember the number on the screen.',
  'kiosk.take.printFailed':
    'The paper ticket could not be printed. Your number is kept — please remember it from the screen.',
  'kiosk.take.printPending':
    'The paper ticket has not printed yet. If there is none in the slot, remember the number on the screen.',
  'kiosk.take.photoQr': 'Take a photo of this QR code to follow your number on your phone.',
  'kiosk.take.remembered': 'I have noted my number',
  'kiosk.take.waitSoon': 'Your turn is coming soon',
  'kiosk.take.priorityLabel': 'Priority: {label}',

  'kiosk.err.offline': 'This kiosk cannot reach the system. Please go to the help desk.',
  'kiosk.err.printer':
    'The ticket printer is out of paper or has a fault. Please go to the help desk.',
  'kiosk.err.paperOut': 'The ticket printer is out of paper. Please go to the help desk.',
  'kiosk.err.generic': 'Sorry, the kiosk could not do this. Please go to the help desk.',
  'kiosk.err.busy': 'The kiosk is busy. Please wait a minute and try again.',
  'kiosk.err.crashTitle': 'Sorry, the screen ran into a problem.',
  'kiosk.err.restart': 'Start again',

  'kiosk.lookup.scanHint':
    'Hold the QR code of your receipt to the scanner, or type the dossier code below.',
  'kiosk.lookup.codeLabel': 'Dossier code (printed on the receipt)',
  'kiosk.lookup.checkPrompt':
    'Type the last 4 digits of the phone number or ID number of the applicant.',
  'kiosk.lookup.checkLabel': 'Last 4 digits of phone or ID',
  'kiosk.lookup.procedure': 'Procedure',
  'kiosk.lookup.next': 'Continue',
  'kiosk.lookup.search': 'Show',
  'kiosk.lookup.searching': 'Looking up the dossier…',
  'kiosk.lookup.notFound':
    'No dossier matches this code and these 4 digits. Please check the receipt or ask the help desk.',
  'kiosk.lookup.due': 'Appointment date: {date}',
  'kiosk.lookup.apology':
    'The dossier is late. The office has sent an apology letter with a new appointment date: {date}',
  'kiosk.lookup.takeResultTicket': 'Collect the result — take a number',
  'kiosk.lookup.again': 'Check another dossier',
  'kiosk.lookup.retryCheck': 'Enter the 4 digits again',
  'kiosk.lookup.locked':
    'Too many lookups in a few minutes: looking up is paused. Please wait a few minutes and try again, or ask the help desk.',
  'kiosk.lookup.overdue':
    'This dossier is past its due date ({date}) and not finished. The office must give you an apology slip with a new date. Please ask the help desk for the new date.',
  'kiosk.status.received': 'The dossier was received and is waiting to be handled.',
  'kiosk.status.in_process': 'The dossier is being handled. Please wait for the appointment date.',
  'kiosk.status.awaiting_supplement':
    'Documents are missing from the dossier. Please go to the help desk.',
  'kiosk.status.result_ready': 'The result is ready: please go to counter {counter} to collect it.',
  'kiosk.status.resultReadyDesk': 'The result is ready: please collect it at the one-stop desk.',
  'kiosk.status.returned': 'The result has been handed back.',
  'kiosk.status.refused': 'The dossier was refused. Please ask the help desk for the reason.',
  'kiosk.status.stopped': "The dossier was stopped at the applicant's request.",
  'kiosk.status.closed': 'The dossier was closed: missing documents were not supplied in time.',

  'kiosk.key.backspace': 'Delete last',
  'kiosk.key.clear': 'Clear',
  'kiosk.key.space': 'Space',
  'kiosk.key.keyboard': 'On-screen keyboard',

  'kiosk.proc.byField': 'Choose a field',
  'kiosk.proc.searchLabel': 'Search a procedure (with or without accents)',
  'kiosk.proc.searchHint': 'For example: khai sinh, chung thuc',
  'kiosk.proc.searchButton': 'Search',
  'kiosk.proc.count': '{count} procedures',
  'kiosk.proc.none': 'No procedure found. Please ask the help desk.',
  'kiosk.proc.documents': 'Documents to bring',
  'kiosk.proc.time': 'Processing time',
  'kiosk.proc.fee': 'Fee',
  'kiosk.proc.where': 'Where to file',
  'kiosk.proc.whereCounters': 'Counter {counters} ({service})',
  'kiosk.proc.whereHelpDesk': 'The help desk will show you where',
  'kiosk.proc.free': 'Free',
  'kiosk.proc.feeAmount': '{amount} dong',
  'kiosk.proc.sameDay': 'Same day',
  'kiosk.proc.code': 'Procedure code',
  'kiosk.proc.ifApplicable': 'if applicable',
  'kiosk.proc.copies': '{count} copies',
  'kiosk.proc.print': 'Print the list of documents',
  'kiosk.proc.printing': 'Printing…',
  'kiosk.proc.printed': 'Printed. Please take it from the printer slot.',
  'kiosk.proc.screenOnly':
    'This kiosk prints no paper. Please take a photo of the list on the screen or write it down.',
  'kiosk.proc.printFailed':
    'The list could not be printed. Please take a photo of it on the screen or ask the help desk.',
  'kiosk.proc.takeNumber': 'Take a number for this procedure',
  'kiosk.proc.prompt': 'Choose a field, or type the name of a procedure.',
  'kiosk.checklist.title': 'DOCUMENTS TO BRING',

  'kiosk.rate.pick': 'Touch the number you were just served with.',
  'kiosk.rate.ticket': 'Number {number} — Counter {counter}',
  'kiosk.rate.none':
    'No service has just been completed. After the officer finishes, you can rate here.',
  'kiosk.rate.prompt': 'Are you satisfied with the service at counter {counter}?',
  'kiosk.rate.reasonsPrompt': 'What were you not satisfied with? Touch one or more.',
  'kiosk.rate.send': 'Send',
  'kiosk.rate.thanks': 'Thank you for your rating!',
  'kiosk.rate.closesIn': '{seconds} seconds left to rate',
  'kiosk.rate.closed': 'The time to rate this service is over.',
  'kiosk.rate.alreadyRated': 'Already rated — thank you!',
  'kiosk.rate.counterTitle': 'Counter {counter}',
  'kiosk.rate.counterIdle': 'After you are served, please rate us here.',
  'kiosk.rate.unknownCounter':
    'Unknown counter. The rating screen address needs a counter number, e.g. /rate?counter=1.',

  'kiosk.voice.readyA': 'The result is ready, please go to counter',
  'kiosk.voice.readyB': 'to collect it.',
  'kiosk.voice.ratePrompt': 'Are you satisfied with the service? Please touch a face.',
  'kiosk.voice.procDetail':
    'Documents, time and fee are on the screen. Touch Print the list of documents to take it with you.',
  'kiosk.voice.unavailable': 'No voice available',

  'rating.score.satisfied': 'Satisfied',
  'rating.score.neutral': 'Neutral',
  'rating.score.unsatisfied': 'Not satisfied',
  'rating.reason.staff_attitude': 'Staff attitude',
  'rating.reason.processing_time': 'Took longer than the legal time',
  'rating.reason.many_trips': 'Had to come back many times',
  'rating.reason.many_agencies': 'Had to go to many agencies',
  'rating.reason.wrong_information': 'Published information was wrong',
  'rating.reason.result_or_fee': 'Result or costs not as the rules say',
  'rating.reason.complaint_handling': 'Feedback was not handled',
  'rating.err.closed':
    'Rating is not open, or its time is over (30 seconds after the officer completes the service).',
  'rating.err.already': 'This service has already been rated.',
  'rating.err.dossier': 'This dossier does not belong to the service being rated.',
};
